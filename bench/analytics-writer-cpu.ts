import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/open-database.js';
import type { RequestLogRow } from '../src/store/schema.js';
import { openWriter, timed, twins, type ChunkTime, type Engine } from './analytics-seed.js';
import { dropPgSchema, makeDayPartitions, pgLocation } from './logs-query-pg.js';

/**
 * What usage analytics adds to the log writer under the gateway benchmark's traffic (`npm run
 * bench:gateway`: one virtual key, no end user, no session, one model alias, ~10,000 requests/s): the
 * writer's insert (the function its thread runs) with analytics on and off, interleaved chunk by chunk
 * (each chunk written twice, the copy with `origin: 'bench'`, orders alternating), batches of `batch`
 * rows (at that rate the LogWriter flushes every 20 ms: ~200 rows). CPU per row is this process's
 * (the writer thread's share of the gateway process) plus, on PostgreSQL, the server's.
 */

export interface WriterCpu {
  engine: Engine;
  batch: number;
  pairs: Array<{ on: ChunkTime; off: ChunkTime }>;
}

/** Rows like the gateway benchmark's: key `bench`, no user, no session, `chat` → fake/bench-model, 10,000 a second up to `end`. */
function gatewayRows(n: number, start: number, seq: { i: number }): RequestLogRow[] {
  const out: RequestLogRow[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq.i++;
    out.push({
      id: `req_gw_${i.toString(36).padStart(8, '0')}`,
      created_at: start + Math.floor(i / 10),
      key_id: 'key_bench',
      workspace_id: 'ws_default',
      app_id: null,
      endpoint: 'chat',
      model_requested: 'chat',
      provider: 'fake',
      upstream_model: 'bench-model',
      attempts: 1,
      status: 200,
      error_type: null,
      error_message: null,
      prompt_tokens: 12,
      completion_tokens: 9,
      cached_tokens: 0,
      estimated: 0,
      cost: 0.000096,
      currency: 'CNY',
      cost_cny: 0.000096,
      latency_ms: 2 + (i % 5),
      ttft_ms: null,
      stream: 0,
      finish_reason: 'stop',
      cache_hit: 0,
      session_id: null,
      user_id: null,
      client_ip: '127.0.0.1',
      request_body: null,
      response_body: null,
      segments: null,
      origin: null,
    });
  }
  return out;
}

/** `chunks` chunks of `chunkBatches` batches of `batch` rows, each written with and without analytics, on a fresh database. */
export async function writerCpu(
  engine: Engine,
  o: { batch: number; chunkBatches: number; chunks: number; end: number },
): Promise<WriterCpu> {
  const schema = `bench_analytics_writer_${process.pid}`;
  const dir = engine === 'sqlite' ? mkdtempSync(join(tmpdir(), 'baimo-bench-an-writer-')) : undefined;
  const location = engine === 'sqlite' ? join(dir!, 'baimo.db') : pgLocation(schema);
  const opened = await openDatabase(location);
  const res: WriterCpu = { engine, batch: o.batch, pairs: [] };
  try {
    if (engine === 'postgres') await makeDayPartitions(opened.db, o.end, 2);
    const w = openWriter({ engine, location });
    try {
      const seq = { i: 0 };
      const start = o.end - 3_600_000;
      // One untimed chunk: statements prepared, caches warm.
      for (const b of [gatewayRows(o.batch, start, seq)]) {
        await w.on(b);
        await w.off(twins(b));
      }
      for (let c = 0; c < o.chunks; c++) {
        const batches = Array.from({ length: o.chunkBatches }, () => gatewayRows(o.batch, start, seq));
        const copies = batches.map(twins);
        if (c % 2 === 0) {
          const on = await timed(w, w.on, batches);
          res.pairs.push({ on, off: await timed(w, w.off, copies) });
        } else {
          const off = await timed(w, w.off, copies);
          res.pairs.push({ on: await timed(w, w.on, batches), off });
        }
      }
    } finally {
      await w.close();
    }
  } finally {
    await opened.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    else await dropPgSchema(schema);
  }
  return res;
}
