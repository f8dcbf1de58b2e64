import { expect } from 'vitest';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';
import { admin, api, callerHeaders, type Caller } from './admin-api.js';
import type { TestBaimo } from './start-baimo.js';
import { waitFor } from './wait-for.js';

/**
 * What the usage-report tests share: a server whose two aliases (`qwen-max`, `deepseek-chat`) answer
 * from the fake upstream, the Asia/Shanghai days their periods are made of, and the report jobs' API
 * (wait for a job, download its file).
 */

/** A `baimo.yaml` with the aliases `qwen-max` and `deepseek-chat` on the fake upstream at `url`; `extra` on top. */
export function reportConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providers: { fake: { type: 'openai-compatible', base_url: url } },
    models: [
      { name: 'qwen-max', targets: [{ provider: 'fake', model: 'm1' }] },
      { name: 'deepseek-chat', targets: [{ provider: 'fake', model: 'm2' }] },
    ],
    ...extra,
  };
}

/** `YYYY-MM-DD` of the Asia/Shanghai day `offset` days from today. */
export const shanghaiDay = (offset = 0): string => TimeBuckets.of('Asia/Shanghai').label(Date.now() + offset * 86_400_000, 'day');

/** Polls a report job until it has ended (succeeded, failed or cancelled); returns its last view. */
export async function reportJobDone(baimo: TestBaimo, id: string, opts: { caller?: Caller; timeoutMs?: number } = {}): Promise<any> {
  const caller = opts.caller ?? admin;
  return waitFor(
    async () => {
      const r = await api(baimo, 'GET', `/api/analytics/reports/${id}`, undefined, caller);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return ['succeeded', 'failed', 'cancelled'].includes(r.body.status) ? r.body : undefined;
    },
    { timeoutMs: opts.timeoutMs ?? 20_000, what: `report job ${id}` },
  );
}

/** The raw answer of a GET (a file: its bytes and headers). */
export async function download(
  baimo: TestBaimo,
  path: string,
  caller: Caller = admin,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${baimo.url}${path}`, { headers: callerHeaders(caller) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
