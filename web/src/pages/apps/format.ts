/** Small helpers of the app pages: slugs, localized texts, which version is the draft and which serves. */
import type { AppInputs, AppSpec, AppVariable, AppVersion, LibraryApp, Localized, PromptLang, ScenarioApp } from '../../api/apps.ts';
import type { Lang } from '../../i18n/index.ts';

/** An app's slug (src/apps/app-types.ts APP_SLUG): 2 to 64 lower-case letters, digits and -, starting with a letter. */
export const APP_SLUG = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;
/** A variable's name (VARIABLE_NAME). */
export const VARIABLE_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
/** Bounds the studio checks before the server does (APP_LIMITS). */
export const LIMITS = { template: 20_000, variables: 32, jsonSchema: 20_000, enumOptions: 100, enumOption: 200, text: 4_000 } as const;

/** The prompt language of a UI language. */
export const promptLang = (lang: Lang): PromptLang => (lang === 'zh-CN' ? 'zh' : 'en');

/** A text for the UI language: its own, else the other one. */
export function localized(v: Localized | undefined | null, lang: Lang): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return (lang === 'zh-CN' ? v.zh || v.en : v.en || v.zh) ?? '';
}

const CJK = /[\u3400-\u9fff]/;

/**
 * A built-in's text written in both languages, Chinese first (`总结 Summarize`, `中文… / English…`):
 * the part of the UI language. Any other text comes back as it is.
 */
export function bilingual(text: string | null | undefined, lang: Lang): string {
  if (!text) return '';
  for (const sep of [' / ', ' ']) {
    for (let at = text.indexOf(sep); at > 0; at = text.indexOf(sep, at + 1)) {
      const zh = text.slice(0, at).trim();
      const en = text.slice(at + sep.length).trim();
      if (CJK.test(zh) && !CJK.test(en) && /[A-Za-z]/.test(en)) return lang === 'zh-CN' ? zh : en;
    }
  }
  return text;
}

export const variableLabel = (v: AppVariable, lang: Lang): string => localized(v.label, lang) || v.name;

export const appPaths = {
  gallery: '/apps',
  studio: (appId: string) => `/apps/${encodeURIComponent(appId)}/studio`,
  use: (slug: string) => `/apps/${encodeURIComponent(slug)}/use`,
};

/** The draft being edited: the newest version when it is a draft. */
export const draftOf = (versions: AppVersion[]): AppVersion | undefined => versions.find((v) => v.status === 'draft');

/** The version end users get most often: the heaviest of the traffic split, else the newest published. */
export function servingVersion(app: Pick<ScenarioApp, 'traffic'>, versions: AppVersion[]): AppVersion | undefined {
  const top = [...(app.traffic ?? [])].sort((a, b) => b.weight - a.weight)[0];
  if (top) return versions.find((v) => v.version === top.version);
  return versions.find((v) => v.status === 'published');
}

/** A new app's spec: one long text in, the answer out. */
export function blankSpec(name: string): AppSpec {
  return {
    name,
    description: '',
    model: '',
    parameters: {},
    variables: [{ name: 'text', type: 'long_text', required: true, label: { zh: '内容', en: 'Text' } }],
    main_variable: 'text',
    prompts: { zh: { system: '', user: '{{text}}' }, en: { system: '', user: '{{text}}' } },
    output: { format: 'markdown' },
    knowledge: [],
    long_input: { strategy: 'refuse' },
  };
}

/** Sample inputs of a built-in for the UI language (the other language's when it has none). */
export function samplesOf(lib: LibraryApp | undefined, lang: Lang): AppInputs | undefined {
  const s = lib?.samples;
  if (!s) return undefined;
  return promptLang(lang) === 'zh' ? (s.zh ?? s.en) : (s.en ?? s.zh);
}

/** Inputs the form holds, as the run API takes them: empty values left out. */
export function cleanInputs(values: Record<string, unknown>): AppInputs {
  const out: AppInputs = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** A stable random id (page-event sessions). */
export function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** A draft as it is saved: map/reduce prompts without a user template are left out. */
export function normalizeSpec(spec: AppSpec): AppSpec {
  const long = spec.long_input;
  if (!long) return spec;
  const keep = (p: AppSpec['prompts'] | undefined) => {
    if (!p) return undefined;
    const out = Object.fromEntries(Object.entries(p).filter(([, x]) => x && x.user.trim()));
    return Object.keys(out).length ? out : undefined;
  };
  const map = keep(long.map);
  const reduce = keep(long.reduce);
  return { ...spec, long_input: { strategy: long.strategy ?? 'refuse', ...(map ? { map } : {}), ...(reduce ? { reduce } : {}) } };
}
