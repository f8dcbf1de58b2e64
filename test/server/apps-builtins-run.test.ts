import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SLUGS } from '../../src/apps/app-types.js';
import { BUILTIN_APPS } from '../../src/apps/builtins/index.js';
import { chatCompletionSchema } from '../../src/server/v1/v1-openapi.js';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { api } from '../helpers/admin-api.js';
import { chatCalls, roleText, runApp } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Scenario apps (issue 18): every built-in runs through `POST /v1/apps/{slug}/run` against a fake
// upstream that records what it was sent; the prompt carries the inputs and the app's instructions in
// the language asked for.

/** A valid meeting-minutes answer (the fake gives it to every app: the others take any text). */
const MINUTES = JSON.stringify({ summary: 'Release on March 20.', decisions: ['Ship on 2025-03-20'], action_items: [] });

/** A phrase of each app's instructions, per language: the system prompt must be the one of that language. */
const INSTRUCTIONS: Record<string, { zh: string; en: string }> = {
  summarize: { zh: '摘要', en: 'summar' },
  'continue-writing': { zh: '续写', en: 'continue' },
  translate: { zh: '译者', en: 'translator' },
  essay: { zh: '语文老师', en: 'writing teacher' },
  'interview-questions': { zh: '采访', en: 'interview' },
  'promo-copy': { zh: '文案', en: 'copywriter' },
  'meeting-minutes': { zh: '会议秘书', en: 'meeting secretary' },
  'code-assistant': { zh: '工程师', en: 'engineer' },
  'kb-qa': { zh: '知识库', en: 'knowledge-base' },
};

/** Inputs a prompt does not quote: they choose wording (enums), or go elsewhere (`bases`: retrieval). */
const NOT_QUOTED = new Set(['language', 'bases']);

let fake: FakeUpstream;
let embedder: EmbeddingFake;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: MINUTES } });
  embedder = await startEmbeddingFake();
  baimo = await startBaimo({
    providers: {
      up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' },
      emb: { type: 'openai-compatible', base_url: embedder.url, trust: 'self_hosted' },
    },
    models: [
      { name: 'chat', targets: [{ provider: 'up', model: 'm1' }] },
      { name: 'embed', targets: [{ provider: 'emb', model: 'fake-embed' }] },
    ],
    apps: { default_model: 'chat' },
    jobs: { poll_ms: 50 },
  });
  // kb-qa's samples name these bases; empty ones ground nothing, but they must exist.
  for (const name of ['员工手册', 'hr-handbook']) {
    const r = await api(baimo, 'POST', '/api/kb', { name, embedding_model: 'embed' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
  await embedder?.close();
});

describe('every built-in runs', () => {
  for (const slug of BUILTIN_SLUGS) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${slug} (${lang})`, async () => {
        const { spec, samples } = BUILTIN_APPS[slug];
        const inputs = samples[lang];
        const before = chatCalls(fake).length;
        const r = await runApp(baimo, slug, { inputs, language: lang });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(chatCompletionSchema.parse(r.body).choices[0].message.content).toBe(MINUTES);
        expect(r.body.app).toEqual({ slug, version: 1 });
        expect(r.body.model).toBe(`app:${slug}`);
        expect(r.headers.get('x-baimo-app')).toBe(`${slug}@1`);

        const calls = chatCalls(fake).slice(before);
        expect(calls).toHaveLength(1);
        const call = calls[0];
        expect(call.body.model).toBe('m1');
        const system = roleText(call, 'system');
        const prompt = `${system}\n${roleText(call, 'user')}`;
        // The inputs are in the prompt, as given.
        for (const v of spec.variables) {
          const value = inputs[v.name];
          if (NOT_QUOTED.has(v.name) || v.type === 'enum' || v.type === 'boolean' || value === undefined || value === '') continue;
          expect(prompt, `${v.name} is in the prompt`).toContain(String(value));
        }
        // The instructions are the language's: a phrase of them, and the script they are written in.
        expect(system.toLowerCase()).toContain(INSTRUCTIONS[slug][lang]);
        let own = system; // the instructions without the inputs quoted in them (a glossary may be Chinese)
        for (const value of Object.values(inputs)) if (typeof value === 'string' && value) own = own.split(value).join('');
        const han = (own.match(/[\u4e00-\u9fff]/g) ?? []).length;
        const latin = (own.match(/[a-zA-Z]/g) ?? []).length;
        if (lang === 'zh') expect(han).toBeGreaterThan(latin);
        else expect(han, own).toBe(0);
        // The app's parameters go with it.
        expect(call.body.temperature).toBe(spec.parameters.temperature);
        if (spec.output.format === 'json') expect(call.body.response_format?.type).toBe('json_schema');
      });
    }
  }

  it('kb-qa grounds its answer in the bases its input names', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'kb-qa', { inputs: { text: '年假有几天？', bases: '员工手册' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get('x-baimo-knowledge-hits')).toBe('0');
    expect(Array.isArray(r.body.citations)).toBe(true);
    const call = chatCalls(fake).slice(before)[0];
    expect(call.body.knowledge).toBeUndefined(); // the extension is baimo's, never the provider's
    expect(call.body.app_run).toBeUndefined();
  });

  it('a language the run does not name follows the main text (auto)', async () => {
    for (const [text, phrase] of [
      ['这是一段需要总结的中文内容，讲的是城市更新。', '摘要'],
      ['This is an English text about urban renewal that needs a summary.', 'summar'],
    ]) {
      const before = chatCalls(fake).length;
      const r = await runApp(baimo, 'summarize', { inputs: { text } });
      expect(r.status).toBe(200);
      expect(roleText(chatCalls(fake)[before], 'system').toLowerCase()).toContain(phrase);
    }
  });
});

describe('translate', () => {
  it('translates into target_language, in either prompt language', async () => {
    for (const [lang, name] of [
      ['zh', '日语'],
      ['en', 'Japanese'],
    ] as const) {
      const before = chatCalls(fake).length;
      const text = lang === 'zh' ? '今天的会议改到下午三点。' : 'The meeting moved to 3 pm today.';
      const r = await runApp(baimo, 'translate', { inputs: { text, target_language: 'ja' }, language: lang });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const call = chatCalls(fake)[before];
      expect(roleText(call, 'system')).toContain(name);
      expect(roleText(call, 'user')).toContain(text);
    }
  });

  it('takes a glossary and the source language', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'translate', {
      inputs: { text: '大模型网关', target_language: 'en', source_language: 'zh', glossary: '大模型 = large language model' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const prompt = JSON.stringify(chatCalls(fake)[before].body.messages);
    expect(prompt).toContain('大模型 = large language model');
  });
});

describe('run options', () => {
  it('`model` overrides the app model for one run', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'summarize', { inputs: { text: 'A short text to summarize.' }, model: 'up/other-model' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(chatCalls(fake)[before].body.model).toBe('other-model');
    const again = await runApp(baimo, 'summarize', { inputs: { text: 'A short text to summarize.' } });
    expect(again.status).toBe(200);
    expect(chatCalls(fake).at(-1)!.body.model).toBe('m1');
  });

  it('a model override nobody serves is a 404 naming it', async () => {
    const r = await runApp(baimo, 'summarize', { inputs: { text: 'x y z' }, model: 'nowhere/none' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('model_not_found');
  });

  it('streams the answer as chat completion chunks', async () => {
    const r = await runApp(baimo, 'summarize', { inputs: { text: 'Stream me a summary, please.' }, stream: true });
    expect(r.status).toBe(200);
    expect(r.done).toBe(true);
    expect(r.events[0].app).toEqual({ slug: 'summarize', version: 1 });
    expect(r.events.map((e) => e.choices[0]?.delta?.content ?? '').join('')).toBe(MINUTES);
  });
});

describe('invalid inputs', () => {
  it('answer 400 invalid_inputs naming each bad variable', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'essay', { inputs: { grade: 'phd', word_count: 'many', genre: 3, mood: 'happy' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_inputs');
    expect(r.body.error.type).toBe('invalid_request_error');
    const message: string = r.body.error.message;
    for (const v of ['"text"', '"grade"', '"word_count"', '"genre"', '"mood"']) expect(message).toContain(v);
    expect(['text', 'grade', 'word_count', 'genre', 'mood']).toContain(r.body.error.param);
    expect(chatCalls(fake).length).toBe(before); // nothing was sent
  });

  it('translate: a target language outside its options, and a text over its bound', async () => {
    const r = await runApp(baimo, 'translate', { inputs: { text: 'x'.repeat(50_001), target_language: 'klingon' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('"target_language"');
    expect(r.body.error.message).toContain('"text"');
  });

  it('an unknown app is a 404, a malformed body a 400', async () => {
    expect((await runApp(baimo, 'no-such-app', { inputs: {} })).body.error.code).toBe('scenario_app_not_found');
    expect((await runApp(baimo, 'Bad_Slug', { inputs: {} })).status).toBe(404);
    const bad = await runApp(baimo, 'summarize', { inputs: { text: 'x' }, temperature: 2 });
    expect(bad.status).toBe(400);
    expect((await runApp(baimo, 'summarize', { inputs: 'text' })).status).toBe(400);
    expect((await runApp(baimo, 'summarize', { inputs: { text: 'x' }, version: 2 })).body.error.code).toBe('scenario_app_not_found');
  });
});
