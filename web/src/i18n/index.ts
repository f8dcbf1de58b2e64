import { useCallback, useSyncExternalStore } from 'react';

export type Lang = 'zh-CN' | 'en';
type Dict = Record<string, string>;
type Namespace = { default: Record<Lang, Dict> };

const STORAGE_KEY = 'baimo.lang';

// Every namespace file under ./locales is merged into one dictionary per language.
const modules = import.meta.glob<Namespace>('./locales/*.ts', { eager: true });
const dictionaries: Record<Lang, Dict> = { 'zh-CN': {}, en: {} };
for (const mod of Object.values(modules)) {
  Object.assign(dictionaries['zh-CN'], mod.default['zh-CN']);
  Object.assign(dictionaries.en, mod.default.en);
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
export function translate(key: string, vars?: Record<string, string | number>, lang: Lang = current): string {
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

export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

export function useT(): TFunction {
  const { lang } = useLang();
  return useCallback((key: string, vars?: Record<string, string | number>) => translate(key, vars, lang), [lang]);
}
