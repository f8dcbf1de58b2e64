import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import { taxonomyHash } from '../../src/analytics/taxonomy.js';
import { normalizeTopicText } from '../../src/analytics/topic-text.js';
import { startTopicUpstream, type TopicUpstream } from '../fakes/topic-upstream.js';
import { api, chat, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { countRows, queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { topicConfig } from '../helpers/topic-scene.js';
import { waitFor } from '../helpers/wait-for.js';

// Issue 20: the zero-shot pass for prompts the embeddings leave undecided (a fake cheap chat model
// answers), the editable taxonomy (a change classifies prompts afresh), and sampling at rate 0.

const label = (baimo: TestBaimo, id: string) =>
  queryRows<{ label: string; via: string }>(
    baimo.runtime.database,
    `select label, via from analytics_topic_labels where request_id = '${id}'`,
  ).then((r) => r[0]);

describe('zero-shot pass and the editable taxonomy', () => {
  let fake: TopicUpstream;
  let baimo: TestBaimo;
  let key: string;
  let viewer: Caller;
  const ids: Record<string, string> = {};

  const send = async (name: string, text: string): Promise<void> => {
    const r = await chat(baimo, key, { model: 'chat-a', messages: [{ role: 'user', content: text }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids[name] = r.headers.get('x-request-id')!;
  };
  const classified = async (n: number) =>
    waitFor(async () => (await countRows(baimo.runtime.database, 'select count(*) as n from analytics_topic_labels')) >= n || undefined, {
      timeoutMs: 15_000,
      what: `${n} classified requests`,
    });

  beforeAll(async () => {
    fake = await startTopicUpstream();
    baimo = await startBaimo(topicConfig(fake.url, { sample_rate: 1, zero_shot_model: 'cheap' }));
    key = (await createKey(baimo, { name: 'k' })).key;
    viewer = await userSession(baimo, 'viewer@example.cn', [{ id: 'ws_default', role: 'viewer' }]);
    await send('code', '[topic:code] write a function that reverses a list');
    await send('zs', '[undecided] [zs:translation] the cheap model knows this one');
    await send('unknown', '[undecided] nobody knows what this is about');
    await classified(3);
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });

  it('asks the zero-shot model only about prompts the embeddings leave undecided', async () => {
    expect(await label(baimo, ids.code!)).toEqual({ label: 'code', via: 'embedding' });
    expect(await label(baimo, ids.zs!)).toEqual({ label: 'translation', via: 'zero_shot' });
    expect(await label(baimo, ids.unknown!)).toEqual({ label: 'other', via: 'embedding' });
    expect(fake.zeroShot.sort()).toEqual(
      ['[undecided] [zs:translation] the cheap model knows this one', '[undecided] nobody knows what this is about'].sort(),
    );
    await baimo.runtime.logWriter.flush();
    const own = await queryRows<{ endpoint: string; cost_cny: number }>(
      baimo.runtime.database,
      `select endpoint, cost_cny from request_logs where origin = 'analytics'`,
    );
    expect(own.filter((r) => r.endpoint === 'chat')).toHaveLength(2);
    const st = (await api(baimo, 'GET', '/api/analytics/topics/status')).body;
    expect(st).toMatchObject({ zero_shot_calls: 2, classified: 3, zero_shot_model: 'cheap' });
    expect(st.classifier_cost).toBeCloseTo(
      own.reduce((s, r) => s + Number(r.cost_cny), 0),
      9,
    );
  });

  it('GET /api/analytics/taxonomy shows the built-in taxonomy to any console user, not to keys', async () => {
    const r = await api(baimo, 'GET', '/api/analytics/taxonomy', undefined, viewer);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'analytics.taxonomy', source: 'default', hash: taxonomyHash(DEFAULT_TAXONOMY) });
    expect(r.body.taxonomy.labels.map((l: { id: string }) => l.id)).toEqual(DEFAULT_TAXONOMY.labels.map((l) => l.id));
    expect((await api(baimo, 'GET', '/api/analytics/taxonomy', undefined, { token: key })).status).toBe(403);
    expect((await api(baimo, 'GET', '/api/analytics/topics/status', undefined, viewer)).status).toBe(400);
    expect((await api(baimo, 'GET', '/api/analytics/topics/status?workspace_id=ws_default', undefined, viewer)).status).toBe(200);
  });

  it('PUT refuses an unusable taxonomy in both languages, and non-administrators', async () => {
    const dup = {
      labels: [
        { id: 'code', zh: '代码', en: 'Code', examples: ['x'] },
        { id: 'code', zh: '编程', en: 'Coding', examples: ['y'] },
      ],
    };
    const r = await api(baimo, 'PUT', '/api/analytics/taxonomy', dup);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_taxonomy', param: 'labels[1].id' });
    expect(r.body.error.message).toContain('与另一个标签重复');
    const noExamples = await api(baimo, 'PUT', '/api/analytics/taxonomy', { labels: [{ id: 'code', zh: '代码', en: 'Code' }] });
    expect(noExamples.body.error).toMatchObject({ code: 'invalid_taxonomy', param: 'labels[0].examples' });
    const badId = await api(baimo, 'PUT', '/api/analytics/taxonomy', {
      labels: [{ id: 'Code!', zh: '代码', en: 'Code', examples: ['x'] }],
    });
    expect(badId.status).toBe(400);
    const good = { labels: [{ id: 'code', zh: '代码', en: 'Code', examples: ['x'] }] };
    expect((await api(baimo, 'PUT', '/api/analytics/taxonomy', good, viewer)).status).toBe(403);
    expect((await api(baimo, 'GET', '/api/analytics/taxonomy')).body.source).toBe('default');
  });

  it('an edited taxonomy has a new hash, drops the old cache and classifies a known prompt afresh', async () => {
    const pick = (id: string) => DEFAULT_TAXONOMY.labels.find((l) => l.id === id)!;
    const edited = {
      labels: [
        { ...pick('code'), description: 'Programming only.' },
        pick('translation'),
        { id: 'other', zh: '其他', en: 'Other', description: '', examples: [] },
      ],
    };
    const put = await api(baimo, 'PUT', '/api/analytics/taxonomy', edited);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ source: 'custom', hash: taxonomyHash(edited) });
    expect(put.body.hash).not.toBe(taxonomyHash(DEFAULT_TAXONOMY));
    expect((await api(baimo, 'GET', '/api/analytics/taxonomy', undefined, viewer)).body.hash).toBe(put.body.hash);
    expect(
      await countRows(baimo.runtime.database, `select count(*) as n from analytics_topic_cache where taxonomy_hash <> '${put.body.hash}'`),
    ).toBe(0);
    const text = '[topic:code] write a function that reverses a list';
    const before = fake.embedded.filter((t) => t === normalizeTopicText(text)).length;
    await send('again', text);
    await classified(4);
    expect(await label(baimo, ids.again!)).toEqual({ label: 'code', via: 'embedding' });
    expect(fake.embedded.filter((t) => t === normalizeTopicText(text)).length).toBe(before + 1);
    // The new taxonomy's examples were embedded for its label vectors.
    for (const e of pick('code').examples) expect(fake.embedded.filter((t) => t === e).length).toBe(2);
  });
});

describe('sampling at rate 0', () => {
  it('captures nothing', async () => {
    const fake = await startTopicUpstream();
    const baimo = await startBaimo(topicConfig(fake.url, { sample_rate: 0 }));
    try {
      const key = (await createKey(baimo, { name: 'k' })).key;
      for (let i = 0; i < 5; i++)
        expect((await chat(baimo, key, { model: 'chat-a', messages: [{ role: 'user', content: `[topic:code] ${i}` }] })).status).toBe(200);
      const st = (await api(baimo, 'GET', '/api/analytics/topics/status')).body;
      expect(st).toMatchObject({ enabled: true, sample_rate: 0, buffered: 0, enqueued: 0, queued_jobs: 0, classified: 0 });
      expect(await countRows(baimo.runtime.database, `select count(*) as n from jobs where name = 'analytics.topics'`)).toBe(0);
      expect(fake.embedded).toEqual([]);
    } finally {
      await baimo.close();
      await fake.close();
    }
  });
});

describe('backfill from logged bodies', () => {
  it('classifies the logged requests of a range once, however often it runs', async () => {
    const fake = await startTopicUpstream();
    const baimo = await startBaimo(
      topicConfig(fake.url, { enabled: false, sample_rate: 1 }, { logging: { level: 'silent', store_bodies: true } }),
    );
    try {
      const key = (await createKey(baimo, { name: 'k' })).key;
      const from = Date.now() - 1_000;
      const want = new Map<string, string>();
      for (const topic of ['code', 'finance', 'legal', 'code']) {
        const r = await chat(baimo, key, { model: 'chat-b', messages: [{ role: 'user', content: `[topic:${topic}] logged request` }] });
        want.set(r.headers.get('x-request-id')!, topic);
      }
      await baimo.runtime.logWriter.flush();
      // Off: nothing was captured on the request path.
      expect((await api(baimo, 'GET', '/api/analytics/topics/status')).body).toMatchObject({ enabled: false, enqueued: 0 });
      const run = async () => {
        const job = await api(baimo, 'POST', '/api/jobs', { name: 'analytics.topics', input: { from, to: Date.now() + 1_000 } });
        expect(job.status, JSON.stringify(job.body)).toBe(202);
        return waitFor(
          async () => {
            const j = (await api(baimo, 'GET', `/api/jobs/${job.body.id}`)).body;
            return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
          },
          { timeoutMs: 15_000, what: 'the backfill job' },
        );
      };
      const first = await run();
      expect(first.status, first.error).toBe('succeeded');
      expect(first.result).toMatchObject({ read: 4, sampled: 4, classified: 4, cache_hits: 1, skipped: 0 });
      const rows = await queryRows<{ request_id: string; label: string }>(
        baimo.runtime.database,
        'select request_id, label from analytics_topic_labels',
      );
      expect(new Map(rows.map((r) => [r.request_id, r.label]))).toEqual(want);
      const second = await run();
      expect(second.result).toMatchObject({ read: 4, classified: 0, skipped: 4 });
      const counts = await baimo.runtime.analyticsTopics.reader.topicCounts({ from, to: Date.now() + 3_600_000 });
      expect(counts.sort((a, b) => (a.label < b.label ? -1 : 1))).toEqual([
        { label: 'code', group: '', count: 2 },
        { label: 'finance', group: '', count: 1 },
        { label: 'legal', group: '', count: 1 },
      ]);
      // The classifier's own calls were logged (with bodies, as configured) but are never backfilled themselves.
      expect(await countRows(baimo.runtime.database, `select count(*) as n from request_logs where origin = 'analytics'`)).toBeGreaterThan(
        0,
      );
    } finally {
      await baimo.close();
      await fake.close();
    }
  });
});
