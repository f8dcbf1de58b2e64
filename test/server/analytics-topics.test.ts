import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import { OTHER_LABEL_ID } from '../../src/analytics/taxonomy.js';
import { inTopicSample } from '../../src/analytics/topic-sampling.js';
import { normalizeTopicText } from '../../src/analytics/topic-text.js';
import { startTopicUpstream, type TopicUpstream } from '../fakes/topic-upstream.js';
import { topicConfig } from '../helpers/topic-scene.js';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { countRows, dumpTables, queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { freshDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

// Issue 20, acceptance: topic classification end to end. Requests go through the real gateway; the
// embedding upstream places each labelled request near its topic's example prompts. Every sampled
// request gets its topic, sampling matches inTopicSample, a repeated prompt is not embedded twice
// (within a run and across a restart), the counts the report reads match a naive count, the
// classifier's calls are logged with origin `analytics` and their cost is reported apart, and no
// request text is stored anywhere when the request log keeps no bodies.

const HOUR = 3_600_000;
const RATE = 0.5;
const LABELS = DEFAULT_TAXONOMY.labels.filter((l) => l.id !== OTHER_LABEL_ID).map((l) => l.id);
const MARK = 'zq-topic-probe';

interface Sent {
  id: string;
  text: string;
  label: string;
  model: string;
  key: string;
  workspace: string;
  industry: string;
  ts: number;
}

describe('topic classification end to end', () => {
  let fake: TopicUpstream;
  let baimo: TestBaimo;
  let db: ReturnType<typeof freshDatabase>;
  let config: Record<string, unknown>;
  const sent: Sent[] = [];
  let wsA: string;
  const keys: Array<{ key: string; id: string; workspace: string; industry: string }> = [];

  const send = async (text: string, label: string, i: number): Promise<void> => {
    const k = keys[i % keys.length]!;
    const model = i % 3 === 0 ? 'chat-b' : 'chat-a';
    const r = await chat(baimo, k.key, { model, messages: [{ role: 'user', content: text }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    sent.push({ id: r.headers.get('x-request-id')!, text, label, model, key: k.id, workspace: k.workspace, industry: k.industry, ts: 0 });
  };
  const sampled = () => sent.filter((s) => inTopicSample(normalizeTopicText(s.text), RATE));
  const status = async () => (await api(baimo, 'GET', '/api/analytics/topics/status')).body;

  beforeAll(async () => {
    fake = await startTopicUpstream();
    db = freshDatabase(mkdtempSync(join(tmpdir(), 'baimo-topics-')));
    config = topicConfig(fake.url, { sample_rate: RATE }, { database: db.location });
    baimo = await startBaimo(config);
    wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'topics A' })).body.id;
    keys.push({
      ...(await createKey(baimo, { name: 'edu', metadata: { industry: 'education' } }, wsA)),
      workspace: wsA,
      industry: 'education',
    });
    keys.push({
      ...(await createKey(baimo, { name: 'fin', metadata: { industry: 'finance' } }, wsA)),
      workspace: wsA,
      industry: 'finance',
    });
    keys.push({ ...(await createKey(baimo, { name: 'plain' })), workspace: 'ws_default', industry: '' });
    for (let i = 0; i < 56; i++) {
      const label = LABELS[i % LABELS.length]!;
      await send(`[topic:${label}] ${MARK} question ${i} (${label})`, label, i);
    }
    // Repeats: the same prompts again, through other keys and models.
    for (let i = 0; i < 12; i++) await send(sent[i]!.text, sent[i]!.label, i + 1);
    await baimo.runtime.logWriter.flush();
    const times = new Map(
      (await queryRows<{ id: string; created_at: number }>(baimo.runtime.database, 'select id, created_at from request_logs')).map((r) => [
        r.id,
        Number(r.created_at),
      ]),
    );
    for (const s of sent) s.ts = times.get(s.id)!;
    await waitFor(async () => (await status()).classified >= sampled().length || undefined, {
      timeoutMs: 20_000,
      what: 'every sampled request classified',
    });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
    await db?.drop();
  });

  it('samples exactly the requests inTopicSample picks, and gives each its topic', async () => {
    expect(sampled().length).toBeGreaterThan(10);
    expect(sampled().length).toBeLessThan(sent.length);
    const rows = await queryRows<{ request_id: string; label: string }>(
      baimo.runtime.database,
      'select request_id, label from analytics_topic_labels',
    );
    const got = new Map(rows.map((r) => [r.request_id, r.label]));
    expect([...got.keys()].sort()).toEqual(
      sampled()
        .map((s) => s.id)
        .sort(),
    );
    for (const s of sampled()) expect(got.get(s.id), s.text).toBe(s.label);
  });

  it('embeds each distinct prompt once: repeats come from the prompt-hash cache', async () => {
    const distinct = [...new Set(sampled().map((s) => normalizeTopicText(s.text)))];
    const requests = fake.embedded.filter((t) => t.includes(MARK));
    expect(requests.sort()).toEqual(distinct.sort());
    // The taxonomy's examples were embedded once, for the label vectors.
    const examples = DEFAULT_TAXONOMY.labels.flatMap((l) => l.examples);
    for (const e of examples) expect(fake.embedded.filter((t) => t === e)).toHaveLength(1);
    const st = await status();
    expect(st.cache_hits).toBe(sampled().length - distinct.length);
    expect(st).toMatchObject({ enabled: true, sample_rate: RATE, embedding_model: 'embed', dropped: 0, buffered: 0 });
  });

  it('counts per model, segment and hour match a naive count of the sampled requests', async () => {
    const reader = baimo.runtime.analyticsTopics.reader;
    const scope = { from: Math.min(...sent.map((s) => s.ts)) - HOUR, to: Date.now() + HOUR };
    const naive = (key: (s: Sent) => string, list = sampled()) => {
      const m = new Map<string, number>();
      for (const s of list) m.set(`${s.label}|${key(s)}`, (m.get(`${s.label}|${key(s)}`) ?? 0) + 1);
      return [...m].sort();
    };
    const counted = (rows: Array<{ label: string; group: string; count: number }>) =>
      rows.map((r) => [`${r.label}|${r.group}`, r.count] as [string, number]).sort();
    expect(counted(await reader.topicCounts(scope))).toEqual(naive(() => ''));
    expect(counted(await reader.topicCounts(scope, 'model'))).toEqual(naive((s) => s.model));
    expect(counted(await reader.topicCounts(scope, 'industry'))).toEqual(naive((s) => s.industry));
    expect(counted(await reader.topicCounts(scope, 'hour'))).toEqual(naive((s) => String(s.ts - (s.ts % HOUR))));
    const inA = sampled().filter((s) => s.workspace === wsA);
    expect(counted(await reader.topicCounts({ ...scope, workspaceId: wsA }, 'model'))).toEqual(naive((s) => s.model, inA));
    const viaKey = sampled().filter((s) => s.key === keys[1]!.id);
    expect(counted(await reader.topicCounts({ ...scope, filters: { key: keys[1]!.id } }))).toEqual(naive(() => '', viaKey));
    // Outside the period: nothing.
    expect(await reader.topicCounts({ from: scope.from - 10 * HOUR, to: scope.from - 2 * HOUR })).toEqual([]);
  });

  it('the report’s interest cloud matches the naive count', async () => {
    const from = new Date(Math.min(...sent.map((s) => s.ts)) - HOUR).toISOString();
    const to = new Date(Date.now() + HOUR).toISOString();
    const r = await api(baimo, 'GET', `/api/analytics/report?from=${from}&to=${to}&tz=UTC`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const topics = r.body.topics;
    expect(topics).toMatchObject({ classified: sampled().length, sample_rate: RATE });
    const naive = new Map<string, number>();
    for (const s of sampled()) naive.set(s.label, (naive.get(s.label) ?? 0) + 1);
    expect(new Map(topics.top.map((t: { label: string; count: number }) => [t.label, t.count]))).toEqual(naive);
    const byModel = new Map<string, number>();
    for (const s of sampled()) byModel.set(`${s.model}|${s.label}`, (byModel.get(`${s.model}|${s.label}`) ?? 0) + 1);
    const cloud = new Map<string, number>();
    for (const g of topics.by_model) for (const t of g.shares) cloud.set(`${g.group}|${t.label}`, t.count);
    expect(cloud).toEqual(byModel);
    expect(topics.labels.map((l: { id: string }) => l.id)).toEqual(DEFAULT_TAXONOMY.labels.map((l) => l.id));
  });

  it('logs the classifier’s calls with origin analytics under the baimo-analytics key, its cost apart', async () => {
    await baimo.runtime.logWriter.flush();
    const own = await queryRows<{ key_id: string; endpoint: string; cost_cny: number; workspace_id: string }>(
      baimo.runtime.database,
      `select key_id, endpoint, cost_cny, workspace_id from request_logs where origin = 'analytics'`,
    );
    expect(own.length).toBe(fake.embedCalls);
    expect(own.every((r) => r.endpoint === 'embeddings')).toBe(true);
    for (const ws of [wsA, 'ws_default']) {
      const listed = (await api(baimo, 'GET', `/api/workspaces/${ws}/keys`)).body.data as Array<{ id: string; name: string }>;
      const key = listed.find((k) => k.name === 'baimo-analytics')!;
      expect(key, ws).toBeDefined();
      expect(own.filter((r) => r.workspace_id === ws).every((r) => r.key_id === key.id)).toBe(true);
    }
    const cost = own.reduce((s, r) => s + Number(r.cost_cny), 0);
    expect(cost).toBeGreaterThan(0);
    expect((await status()).classifier_cost).toBeCloseTo(cost, 9);
    expect(await baimo.runtime.analyticsTopics.reader.classifierCost({ from: 0, to: Date.now() + HOUR })).toBeCloseTo(cost, 9);
    const costA = own.filter((r) => r.workspace_id === wsA).reduce((s, r) => s + Number(r.cost_cny), 0);
    expect((await api(baimo, 'GET', `/api/analytics/topics/status?workspace_id=${wsA}`)).body.classifier_cost).toBeCloseTo(costA, 9);
    // Users' traffic is not classified twice: no chat call of the classifier's own reached the stage.
    expect(await countRows(baimo.runtime.database, `select count(*) as n from request_logs where origin is null`)).toBe(sent.length);
  });

  it('stores no request text anywhere when the request log keeps no bodies', async () => {
    expect(await countRows(baimo.runtime.database, 'select count(*) as n from request_logs where request_body is not null')).toBe(0);
    const inputs = await queryRows<{ input: string }>(baimo.runtime.database, `select input from jobs where name = 'analytics.topics'`);
    expect(inputs.length).toBeGreaterThan(0);
    for (const r of inputs) expect(JSON.parse(r.input)).toEqual({ scrubbed: true });
    for (const t of await dumpTables(baimo.runtime.database)) expect(t.text, t.name).not.toContain(MARK);
  });

  it('after a restart on the same database, a known prompt is not embedded again (nor the taxonomy)', async () => {
    await baimo.close();
    baimo = await startBaimo(config);
    keys.splice(0, keys.length, { key: (await createKey(baimo, { name: 'again' })).key, id: '', workspace: 'ws_default', industry: '' });
    const before = fake.embedded.length;
    const known = sampled()[0]!;
    let fresh = '';
    for (let i = 0; !fresh; i++) {
      const t = `[topic:code] ${MARK} after the restart ${i}`;
      if (inTopicSample(normalizeTopicText(t), RATE)) fresh = t;
    }
    const already = (await status()).classified;
    await send(known.text, known.label, 0);
    await send(fresh, 'code', 0);
    await waitFor(async () => (await status()).classified >= already + 2 || undefined, { timeoutMs: 15_000, what: 'two more classified' });
    expect(fake.embedded.slice(before)).toEqual([normalizeTopicText(fresh)]);
    const labels = await queryRows<{ request_id: string; label: string; via: string }>(
      baimo.runtime.database,
      `select request_id, label, via from analytics_topic_labels where request_id in ('${sent.at(-2)!.id}', '${sent.at(-1)!.id}')`,
    );
    expect(labels.map((l) => [l.request_id, l.label, l.via]).sort()).toEqual(
      [
        [sent.at(-2)!.id, known.label, 'cache'],
        [sent.at(-1)!.id, 'code', 'embedding'],
      ].sort(),
    );
  });
});
