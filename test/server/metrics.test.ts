import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.js';
import { registerMetrics } from '../../src/server/metrics-route.js';
import type { RequestLogRow } from '../../src/store/schema.js';
import { logRow } from '../helpers/log-row.js';

function row(over: Partial<RequestLogRow> = {}): RequestLogRow {
  return logRow({
    id: 'req_1',
    model_requested: 'deepseek-chat',
    provider: 'deepseek',
    upstream_model: 'deepseek-chat',
    prompt_tokens: 10,
    completion_tokens: 20,
    cost: 0.001,
    currency: 'CNY',
    cost_cny: 0.001,
    latency_ms: 800,
    ...over,
  });
}

/** The value of one exact series line, e.g. `baimo_requests_total{...}`. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GatewayMetrics', () => {
  it('counts requests, errors, tokens, cost and cache hits per label tuple', async () => {
    const m = new GatewayMetrics();
    m.observe(row());
    m.observe(row({ prompt_tokens: 5, completion_tokens: 7, cost_cny: 0.002 }));
    m.observe(row({ status: 429, error_type: 'rate_limit_error', prompt_tokens: 0, completion_tokens: 0, cost_cny: 0 }));
    m.observe(row({ cache_hit: 1, cost_cny: 0 }));
    m.observe(row({ endpoint: 'embeddings', model_requested: 'bge-m3', provider: 'siliconflow', completion_tokens: 0 }));
    const text = await m.render();

    expect(value(text, 'baimo_requests_total{endpoint="chat",model="deepseek-chat",provider="deepseek",status="200"}')).toBe(3);
    expect(value(text, 'baimo_requests_total{endpoint="chat",model="deepseek-chat",provider="deepseek",status="429"}')).toBe(1);
    expect(value(text, 'baimo_requests_total{endpoint="embeddings",model="bge-m3",provider="siliconflow",status="200"}')).toBe(1);
    expect(
      value(text, 'baimo_request_errors_total{endpoint="chat",model="deepseek-chat",provider="deepseek",error_type="rate_limit_error"}'),
    ).toBe(1);
    expect(value(text, 'baimo_tokens_total{model="deepseek-chat",provider="deepseek",kind="prompt"}')).toBe(25);
    expect(value(text, 'baimo_tokens_total{model="deepseek-chat",provider="deepseek",kind="completion"}')).toBe(47);
    expect(value(text, 'baimo_tokens_total{model="bge-m3",provider="siliconflow",kind="prompt"}')).toBe(10);
    expect(value(text, 'baimo_cost_cny_total{model="deepseek-chat",provider="deepseek"}')).toBeCloseTo(0.003, 9);
    expect(value(text, 'baimo_cache_hits_total{model="deepseek-chat"}')).toBe(1);
    expect(text).toContain('# TYPE baimo_requests_total counter');
  });

  it('fills the duration histogram, and time to first token only for streams', async () => {
    const m = new GatewayMetrics();
    m.observe(row({ latency_ms: 30 }));
    m.observe(row({ latency_ms: 3_000, stream: 1, ttft_ms: 400 }));
    m.observe(row({ latency_ms: 200_000, stream: 1, ttft_ms: null }));
    m.observe(row({ latency_ms: 1_000, stream: 0, ttft_ms: 900 })); // not a stream: no TTFT
    const text = await m.render();
    const l = 'endpoint="chat",model="deepseek-chat",provider="deepseek"';

    expect(text).toContain('# TYPE baimo_request_duration_seconds histogram');
    expect(value(text, `baimo_request_duration_seconds_bucket{le="0.05",${l}}`)).toBe(1);
    expect(value(text, `baimo_request_duration_seconds_bucket{le="1",${l}}`)).toBe(2);
    expect(value(text, `baimo_request_duration_seconds_bucket{le="5",${l}}`)).toBe(3);
    expect(value(text, `baimo_request_duration_seconds_bucket{le="120",${l}}`)).toBe(3);
    expect(value(text, `baimo_request_duration_seconds_bucket{le="+Inf",${l}}`)).toBe(4);
    expect(value(text, `baimo_request_duration_seconds_count{${l}}`)).toBe(4);
    expect(value(text, `baimo_request_duration_seconds_sum{${l}}`)).toBeCloseTo(204.03, 6);

    expect(value(text, `baimo_time_to_first_token_seconds_count{${l}}`)).toBe(1);
    expect(value(text, `baimo_time_to_first_token_seconds_sum{${l}}`)).toBeCloseTo(0.4, 9);
    expect(value(text, `baimo_time_to_first_token_seconds_bucket{le="0.25",${l}}`)).toBe(0);
    expect(value(text, `baimo_time_to_first_token_seconds_bucket{le="0.5",${l}}`)).toBe(1);
  });

  it('caps distinct model labels and does not let unrouted garbage claim slots', async () => {
    const m = new GatewayMetrics({ maxModels: 3, defaultMetrics: false });
    // Unknown models rejected before routing (no provider, 404) never claim a slot.
    for (let i = 0; i < 50; i++)
      m.observe(row({ model_requested: `junk-${i}`, provider: null, status: 404, error_type: 'not_found_error' }));
    for (const model of ['a', 'b', 'c', 'd', 'e']) m.observe(row({ model_requested: model }));
    m.observe(row({ model_requested: 'a' })); // an admitted model keeps its own label
    const text = await m.render();

    expect(value(text, 'baimo_requests_total{endpoint="chat",model="a",provider="deepseek",status="200"}')).toBe(2);
    expect(value(text, 'baimo_requests_total{endpoint="chat",model="c",provider="deepseek",status="200"}')).toBe(1);
    expect(text).not.toContain('model="d"');
    expect(text).not.toContain('junk-');
    expect(value(text, 'baimo_requests_total{endpoint="chat",model="other",provider="deepseek",status="200"}')).toBe(2);
    expect(value(text, 'baimo_requests_total{endpoint="chat",model="other",provider="none",status="404"}')).toBe(50);
    const models = new Set([...text.matchAll(/^baimo_requests_total\{[^}]*model="([^"]*)"/gm)].map((x) => x[1]));
    expect(models).toEqual(new Set(['a', 'b', 'c', 'other']));
  });

  it('reports limiter rejections, log writer queue depth and dropped rows', async () => {
    const m = new GatewayMetrics({ defaultMetrics: false });
    m.limiterRejected('rpm');
    m.limiterRejected('rpm');
    m.limiterRejected('budget');
    let depth = 7;
    let dropped = 0;
    m.setQueueDepth(() => depth);
    m.setDroppedLogs(() => dropped);
    let text = await m.render();
    expect(value(text, 'baimo_limiter_rejections_total{limit="rpm"}')).toBe(2);
    expect(value(text, 'baimo_limiter_rejections_total{limit="budget"}')).toBe(1);
    expect(value(text, 'baimo_log_writer_queue_depth')).toBe(7);
    expect(value(text, 'baimo_log_rows_dropped_total')).toBe(0);

    depth = 0;
    dropped = 12;
    text = await m.render();
    expect(value(text, 'baimo_log_writer_queue_depth')).toBe(0);
    expect(value(text, 'baimo_log_rows_dropped_total')).toBe(12);
    text = await m.render(); // scraping again does not double count
    expect(value(text, 'baimo_log_rows_dropped_total')).toBe(12);
  });

  it('includes process metrics and keeps registries separate', async () => {
    const a = new GatewayMetrics();
    const b = new GatewayMetrics();
    a.observe(row());
    const [ta, tb] = await Promise.all([a.render(), b.render()]);
    expect(ta).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(ta).toContain('nodejs_eventloop_lag_seconds');
    expect(ta).toContain('baimo_requests_total{');
    expect(tb).not.toContain('baimo_requests_total{');
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('GET /metrics', () => {
  it('serves the exposition with the Prometheus content type', async () => {
    const m = new GatewayMetrics();
    m.observe(row());
    const app = Fastify();
    registerMetrics(app, m);
    try {
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(m.contentType);
      expect(res.body).toContain('baimo_requests_total{endpoint="chat",model="deepseek-chat",provider="deepseek",status="200"} 1');
      expect(res.body).toContain('process_resident_memory_bytes');
    } finally {
      await app.close();
    }
  });
});
