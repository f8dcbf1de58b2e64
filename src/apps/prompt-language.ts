import type { AppInputs, AppSpec } from './app-types.js';

/** The languages app prompts are written in. */
export type PromptLanguage = 'zh' | 'en';

/** Characters of the main text looked at to tell its language. */
const SAMPLE = 4000;

/**
 * Whether `text` reads as Chinese: counting a word as 1.5 Han characters or 5 Latin letters, Chinese
 * makes up at least a quarter of its words (English with a Chinese name in it stays English; Chinese with
 * English terms in it stays Chinese).
 */
export function looksChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  const n = Math.min(text.length, SAMPLE);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
  }
  return han > 0 && han * 10 >= latin;
}

/**
 * The language a run's prompts are in: `requested` (the run API's `language`) when given; else the
 * app's `language` input when it declares one and it is `zh` or `en`; else (`auto`, absent) Chinese when
 * the main text reads as Chinese, English when it has text; else the app's first language. When the app
 * has no prompt in that language, the one it has.
 */
export function promptLanguage(spec: AppSpec, inputs: AppInputs, requested?: PromptLanguage | 'auto'): PromptLanguage {
  let lang: PromptLanguage | undefined = requested === 'zh' || requested === 'en' ? requested : undefined;
  if (!lang && spec.variables.some((v) => v.name === 'language')) {
    const v = inputs.language;
    if (v === 'zh' || v === 'en') lang = v;
  }
  if (!lang) {
    const main = inputs[spec.main_variable];
    if (typeof main === 'string' && /\p{L}/u.test(main.slice(0, SAMPLE))) lang = looksChinese(main) ? 'zh' : 'en';
  }
  lang ??= spec.prompts.zh ? 'zh' : 'en';
  if (!spec.prompts[lang]) lang = lang === 'zh' ? 'en' : 'zh';
  return lang;
}
