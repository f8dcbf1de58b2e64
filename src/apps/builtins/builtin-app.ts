import type { AppInputs, AppSpecInput } from '../app-types.js';

/** A variable as a built-in's source writes it (defaults filled in when the spec is parsed). */
export type VariableInput = NonNullable<AppSpecInput['variables']>[number];

/** A built-in app as its file writes it: the spec and sample inputs per language (the console's "try it"). */
export interface BuiltinAppSource {
  spec: AppSpecInput;
  samples: { zh: AppInputs; en: AppInputs };
}

/**
 * The optional `language` input every built-in takes: the language of the prompt (and so of the answer).
 * `auto` picks Chinese when the main text reads as Chinese, else English (prompt-language.ts).
 */
export const languageVariable: VariableInput = {
  name: 'language',
  type: 'enum',
  options: ['auto', 'zh', 'en'],
  default: 'auto',
  label: { zh: '语言', en: 'Language' },
  description: {
    zh: '提示词和回答的语言；auto 按正文自动判断',
    en: 'Language of the prompt and the answer; auto follows the main text',
  },
};
