import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateInputs } from '../../src/apps/app-inputs.js';
import { appSpecSchema, BUILTIN_SLUGS, type AppInputs, type AppSpec } from '../../src/apps/app-types.js';
import { BUILTIN_APPS, isBuiltinSlug } from '../../src/apps/builtins/index.js';
import { checkAppSpec } from '../../src/apps/check-spec.js';
import { formatResults, promptLanguage, renderPhase, renderPrompt, type PromptLanguage } from '../../src/apps/template.js';

const HAN = /[\u4e00-\u9fff]/;
const LANGS = ['zh', 'en'] as const;

/** A phrase of each app's instructions per language: the prompt asks for the right task. */
const INSTRUCTION: Record<string, Record<PromptLanguage, string>> = {
  summarize: { zh: '摘要', en: 'summar' },
  'continue-writing': { zh: '续写', en: 'continu' },
  translate: { zh: '翻译成', en: 'Translate' },
  essay: { zh: '作文', en: 'essay' },
  'interview-questions': { zh: '采访', en: 'interview' },
  'promo-copy': { zh: '推广文案', en: 'promotional copy' },
  'meeting-minutes': { zh: '会议纪要', en: 'minutes' },
  'code-assistant': { zh: '代码', en: 'code' },
  'kb-qa': { zh: '知识库', en: 'knowledge base' },
};

/** Inputs that the form sends as they are, but that go elsewhere than the prompt. */
const NOT_IN_PROMPT = new Set(['language', 'bases']);

const variable = (spec: AppSpec, name: string) => spec.variables.find((v) => v.name === name);

describe('the built-in library', () => {
  it('has the nine apps of the contract, each parsing and passing the spec checks', () => {
    expect(Object.keys(BUILTIN_APPS).sort()).toEqual([...BUILTIN_SLUGS].sort());
    for (const slug of BUILTIN_SLUGS) {
      const { spec } = BUILTIN_APPS[slug];
      expect(appSpecSchema.parse(spec), slug).toEqual(spec);
      expect(checkAppSpec(spec), slug).toEqual([]);
      expect(spec.prompts.zh && spec.prompts.en, slug).toBeTruthy();
      expect(HAN.test(spec.prompts.zh!.system), slug).toBe(true);
      expect(HAN.test(spec.prompts.en!.system + spec.prompts.en!.user), slug).toBe(false);
    }
    expect(isBuiltinSlug('translate')).toBe(true);
    expect(isBuiltinSlug('my-app')).toBe(false);
  });

  it('takes the main text as `text` and an optional `language` (auto/zh/en) in every app', () => {
    for (const slug of BUILTIN_SLUGS) {
      const { spec } = BUILTIN_APPS[slug];
      expect(spec.main_variable, slug).toBe('text');
      expect(variable(spec, 'text')?.required, slug).toBe(true);
      const language = variable(spec, 'language');
      expect(language, slug).toMatchObject({ type: 'enum', options: ['auto', 'zh', 'en'], required: false, default: 'auto' });
    }
  });

  it('has the variables the issue names', () => {
    const names = (slug: keyof typeof BUILTIN_APPS) => BUILTIN_APPS[slug].spec.variables.map((v) => v.name);
    expect(names('summarize')).toEqual(expect.arrayContaining(['length', 'style', 'format']));
    expect(names('translate')).toEqual(expect.arrayContaining(['target_language', 'source_language', 'glossary', 'keep_formatting']));
    expect(variable(BUILTIN_APPS.translate.spec, 'target_language')?.options).toEqual(
      expect.arrayContaining(['en', 'zh', 'ja', 'ko', 'fr', 'de', 'es', 'ru']),
    );
    expect(variable(BUILTIN_APPS.translate.spec, 'glossary')?.type).toBe('long_text');
    expect(variable(BUILTIN_APPS.translate.spec, 'keep_formatting')?.type).toBe('boolean');
    expect(names('essay')).toEqual(expect.arrayContaining(['grade', 'genre', 'word_count']));
    expect(names('interview-questions')).toEqual(expect.arrayContaining(['interviewee', 'count']));
    expect(names('promo-copy')).toEqual(expect.arrayContaining(['audience', 'channel', 'tone']));
    expect(names('code-assistant')).toEqual(expect.arrayContaining(['task']));
    expect(variable(BUILTIN_APPS['code-assistant'].spec, 'task')?.options).toEqual(['explain', 'review']);
    expect(names('kb-qa')).toContain('bases');
    expect(BUILTIN_APPS.summarize.spec.long_input.strategy).toBe('map-reduce');
    expect(BUILTIN_APPS['meeting-minutes'].spec.long_input.strategy).toBe('map-reduce');
    expect(BUILTIN_APPS['meeting-minutes'].spec.output.format).toBe('json');
  });

  it('is frozen: runs share the specs', () => {
    const spec = BUILTIN_APPS.summarize.spec;
    expect(() => {
      (spec as { knowledge: string[] }).knowledge.push('x');
    }).toThrow(TypeError);
    expect(() => {
      (spec.parameters as { temperature?: number }).temperature = 2;
    }).toThrow(TypeError);
  });
});

describe.each(BUILTIN_SLUGS)('built-in %s', (slug) => {
  const { spec, samples } = BUILTIN_APPS[slug];

  it.each(LANGS)('its %s sample validates and renders in that language with the inputs in it', (lang) => {
    const { inputs, problems } = validateInputs(spec, samples[lang]);
    expect(problems).toEqual([]);
    expect(promptLanguage(spec, inputs)).toBe(lang);
    const { system, user } = renderPrompt(spec, inputs, lang);
    const prompt = `${system}\n${user}`;
    expect(prompt.toLowerCase()).toContain(INSTRUCTION[slug][lang].toLowerCase());
    expect(prompt).not.toContain('{{');
    for (const [name, value] of Object.entries(samples[lang])) {
      if (NOT_IN_PROMPT.has(name) || value === '' || typeof value === 'boolean') continue;
      if (variable(spec, name)?.type === 'enum') continue;
      expect(prompt, name).toContain(String(value));
    }
  });

  it.each(LANGS)('renders in %s whatever the sample language, with the instructions in that language', (lang) => {
    for (const sampleLang of LANGS) {
      const { inputs } = validateInputs(spec, samples[sampleLang]);
      const { system, user } = renderPrompt(spec, { ...inputs, language: 'auto' }, lang);
      expect(`${system}\n${user}`.toLowerCase()).toContain(INSTRUCTION[slug][lang].toLowerCase());
      expect(HAN.test(system.slice(0, 30))).toBe(lang === 'zh');
    }
  });

  it('renders a main text holding template syntax literally', () => {
    const { inputs } = validateInputs(spec, { ...samples.en, text: 'Ignore {{language}} and {{#if text}}X{{/if}} {{/if}}' });
    for (const lang of LANGS)
      expect(renderPrompt(spec, inputs, lang).user).toContain('Ignore {{language}} and {{#if text}}X{{/if}} {{/if}}');
  });

  it('renders a different prompt for each option of each enum input', () => {
    const { inputs } = validateInputs(spec, samples.en);
    for (const v of spec.variables) {
      if (v.type !== 'enum' || v.name === 'language') continue;
      for (const lang of LANGS) {
        const seen = new Set<string>();
        for (const option of v.options!) {
          const r = renderPrompt(spec, { ...inputs, [v.name]: option } as AppInputs, lang);
          seen.add(`${r.system}\n${r.user}`);
        }
        expect(seen.size, `${v.name} (${lang})`).toBe(v.options!.length);
      }
    }
  });

  it('answers every boolean input in the prompt', () => {
    const { inputs } = validateInputs(spec, samples.zh);
    for (const v of spec.variables.filter((x) => x.type === 'boolean'))
      for (const lang of LANGS) {
        const on = renderPrompt(spec, { ...inputs, [v.name]: true }, lang);
        const off = renderPrompt(spec, { ...inputs, [v.name]: false }, lang);
        expect(on.system, v.name).not.toBe(off.system);
      }
  });
});

describe.each(['summarize', 'meeting-minutes'] as const)('map-reduce prompts of %s', (slug) => {
  const { spec, samples } = BUILTIN_APPS[slug];
  it.each(LANGS)('render the chunk (map) and the results (reduce) in %s', (lang) => {
    const { inputs } = validateInputs(spec, samples[lang]);
    const map = renderPhase(spec, 'map', inputs, lang, { chunk: 'CHUNK-TEXT', index: 2, count: 7 });
    expect(map.user).toContain('CHUNK-TEXT');
    expect(`${map.system}\n${map.user}`).toMatch(/2[^\d]+7/);
    expect(map.user).not.toContain(String(inputs.text).slice(0, 40));
    const reduce = renderPhase(spec, 'reduce', inputs, lang, { results: formatResults(['R-ONE', 'R-TWO'], lang), count: 2 });
    expect(reduce.user).toContain('R-ONE');
    expect(reduce.user).toContain('R-TWO');
    expect(HAN.test(reduce.system.slice(0, 30))).toBe(lang === 'zh');
  });
});

describe('meeting-minutes output schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(BUILTIN_APPS['meeting-minutes'].spec.output.schema!);
  it('takes minutes with decisions and dated, owned action items', () => {
    const good = {
      summary: '确定 3 月 20 日上线。',
      decisions: ['新版 App 于 3 月 20 日上线'],
      action_items: [
        { task: '排查支付模块重复扣款提示', owner: '赵强', due_date: '2025-03-13' },
        { task: '更新应用商店截图', owner: null, due_date: null },
      ],
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
  });
  it('refuses a missing field, a bad date and extra fields', () => {
    expect(validate({ summary: 's', decisions: [] })).toBe(false);
    expect(validate({ summary: 's', decisions: [], action_items: [{ task: 't', owner: 'a', due_date: 'next Friday' }] })).toBe(false);
    expect(validate({ summary: 's', decisions: [], action_items: [], extra: 1 })).toBe(false);
  });
});
