import { useCallback, useSyncExternalStore } from 'react';
import analytics from './locales/analytics.ts';
import appsStudio from './locales/apps-studio.ts';
import apps from './locales/apps.ts';
import arena from './locales/arena.ts';
import common from './locales/common.ts';
import evaluation from './locales/eval.ts';
import evaluationDatasets from './locales/eval-datasets.ts';
import feedback from './locales/feedback.ts';
import jobs from './locales/jobs.ts';
import keys from './locales/keys.ts';
import knowledge from './locales/knowledge.ts';
import login from './locales/login.ts';
import logs from './locales/logs.ts';
import models from './locales/models.ts';
import nav from './locales/nav.ts';
import overview from './locales/overview.ts';
import playground from './locales/playground.ts';
import securityModeration from './locales/security-moderation.ts';
import security from './locales/security.ts';
import workspaces from './locales/workspaces.ts';

export type Lang = 'zh-CN' | 'en';

/** Every namespace file under ./locales (test/web/i18n-keys.test.ts checks that none is left out). */
const NAMESPACES = [
  analytics,
  appsStudio,
  apps,
  arena,
  common,
  evaluation,
  evaluationDatasets,
  feedback,
  jobs,
  keys,
  knowledge,
  login,
  logs,
  models,
  nav,
  overview,
  playground,
  securityModeration,
  security,
  workspaces,
] as const;

type KeysOf<N> = N extends { 'zh-CN': infer Zh } ? keyof Zh : never;
/** A key of the dictionaries: every namespace's zh-CN keys (the English ones are the same, see messages.ts). */
export type TranslationKey = KeysOf<(typeof NAMESPACES)[number]> & string;
type Dict = Partial<Record<TranslationKey, string>>;

const STORAGE_KEY = 'baimo.lang';

// The namespaces are merged into one dictionary per language.
const dictionaries: Record<Lang, Dict> = { 'zh-CN': {}, en: {} };
for (const ns of NAMESPACES) {
  Object.assign(dictionaries['zh-CN'], ns['zh-CN']);
  Object.assign(dictionaries.en, ns.en);
}

/** True when `key` (built at run time, e.g. from a server value) names a string of the dictionaries. */
export function isTranslationKey(key: string): key is TranslationKey {
  return Object.hasOwn(dictionaries['zh-CN'], key);
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage may be unavailable (private mode); fall back to the browser language.
  }
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();
if (typeof document !== 'undefined') document.documentElement.lang = current;

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, still switched.
  }
  document.documentElement.lang = lang;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Translates outside React (messages, notifications); `{name}` placeholders are filled from vars. */
export function translate(key: TranslationKey, vars?: Record<string, string | number>, lang: Lang = current): string {
  const text = dictionaries[lang][key] ?? dictionaries['zh-CN'][key] ?? dictionaries.en[key];
  if (text === undefined) {
    if (import.meta.env.DEV) console.warn(`[i18n] missing key: ${key}`);
    return key;
  }
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  return { lang, setLang };
}

export type TFunction = (key: TranslationKey, vars?: Record<string, string | number>) => string;

export function useT(): TFunction {
  const { lang } = useLang();
  return useCallback((key: TranslationKey, vars?: Record<string, string | number>) => translate(key, vars, lang), [lang]);
}
