/**
 * One conformance suite for every adapter in src/providers/ (issue 15, item 5). Each adapter is built
 * against a local fake upstream that replays its own wire (SSE, NDJSON, JSON bodies, WebSocket frames)
 * from files under test/fixtures/<protocol>/, and must turn it into the typed parts the gateway relies on:
 *
 *   1. text → text-delta parts in order, then exactly one finish part, last;
 *   2. tool calls → tool-call-delta parts (id and name first, argument fragments joined);
 *   3. the wire's token counts known at the finish (on it, or in a usage part before it);
 *   4. an error mid-stream → an `error` part, not an exception after parts were sent;
 *   5. a failure before the first part → a GatewayError whose `retryable` tells the router what to do
 *      (5xx/429/rate-limit frames: retry; 401/400: do not; 400 keeps its status so the router stops at once);
 *   6. cancellation mid-stream (AbortSignal, Cancellation, or the consumer stops reading) → the stream
 *      ends promptly and the fake upstream sees its connection closed;
 *   7. a whole answer → content, finish reason, usage.
 *
 * The cases (cases/*.ts) say how each adapter is built and which fixtures play each scenario. A check
 * that cannot apply says why (printed, and in the summary table printed at the end).
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cancellation } from '../../../src/core/cancellation.js';
import type { StreamPart } from '../../../src/core/chat-types.js';
import { GatewayError } from '../../../src/core/errors.js';
import type { CallOptions, Provider } from '../../../src/core/provider.js';
import { ADAPTER_CASES } from './cases/index.js';
import { isSkip, type AdapterCase, type EarlyFailure, type ExpectedUsage, type Upstream } from './harness/adapter-case.js';
import { startFakeUpstream, type FakeUpstream, type Responder, type WireResponse } from './harness/fake-upstream.js';
import { hello } from './harness/requests.js';

const CHECKS = {
  1: 'text stream',
  2: 'tool-call stream',
  3: 'usage at finish',
  4: 'mid-stream error',
  5: 'failure before first part',
  6: 'cancellation',
  7: 'whole answer',
} as const;
type CheckId = keyof typeof CHECKS;

/** How long a cancelled stream and its socket may take to go away. */
const RELEASE_MS = 1000;

// ---- the summary table: adapters × checks --------------------------------------------------------

interface Cell {
  state: 'pass' | 'FAIL' | 'skip';
  note?: string;
}
const matrix = new Map<string, Map<CheckId, Cell>>();
const notes: string[] = [];

function record(adapter: string, id: CheckId, cell: Cell): void {
  const row = matrix.get(adapter) ?? new Map<CheckId, Cell>();
  matrix.set(adapter, row);
  const prev = row.get(id);
  if (prev?.state === 'FAIL') return;
  row.set(id, cell);
}

function check(c: AdapterCase, id: CheckId, title: string, fn: () => Promise<void>): void {
  it(`${id} ${title}`, async () => {
    try {
      await fn();
      record(c.name, id, { state: 'pass' });
    } catch (err) {
      record(c.name, id, { state: 'FAIL' });
      throw err;
    }
  });
}

function skipCheck(c: AdapterCase, id: CheckId, reason: string): void {
  // Collected, never silent: the reason is printed now and in the summary table.
  console.info(`[conformance] ${c.name}: check ${id} (${CHECKS[id]}) skipped: ${reason}`);
  record(c.name, id, { state: 'skip', note: reason });
  it.skip(`${id} ${CHECKS[id]} — skipped: ${reason}`, () => undefined);
}

afterAll(() => {
  const ids = Object.keys(CHECKS).map(Number) as CheckId[];
  const head = ['adapter', ...ids.map((id) => `${id} ${CHECKS[id]}`)];
  const rows = [...matrix.entries()].map(([name, row]) => [
    name,
    ...ids.map((id) => {
      const cell = row.get(id);
      return cell ? (cell.state === 'skip' ? 'skip*' : cell.state) : '-';
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
  const skipped = [...matrix.entries()].flatMap(([name, row]) =>
    [...row.entries()].filter(([, cell]) => cell.state === 'skip').map(([id, cell]) => `  * ${name}, check ${id}: ${cell.note}`),
  );
  console.info(
    [
      'Adapter conformance (issue 15, item 5):',
      line(head),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      ...(skipped.length ? ['Skipped:', ...skipped] : []),
      ...(notes.length ? ['Notes:', ...notes.map((n) => `  - ${n}`)] : []),
    ].join('\n'),
  );
});

// ---- helpers --------------------------------------------------------------------------------------

function callOptions(model: string, signal: AbortSignal = new AbortController().signal): CallOptions {
  return { model, signal, requestId: 'conformance', timeouts: { connect: 2000, firstByte: 5000, idle: 5000, total: 10_000 } };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (waited ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `p` settles within `ms`. */
function settledWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return withTimeout(
    p.then(() => true),
    ms,
    'not settled',
  ).catch(() => false);
}

/** Every part of a stream, and what it threw (if it did) after them. */
async function drain(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; thrown?: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const p of stream) parts.push(p);
    return { parts };
  } catch (thrown) {
    return { parts, thrown };
  }
}

const textOf = (parts: StreamPart[]): string[] => parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));

/** The usage known when the finish part arrives: its own, or the last usage part before it. */
function usageAtFinish(parts: StreamPart[]): ExpectedUsage | undefined {
  const at = parts.findIndex((p) => p.type === 'finish');
  if (at < 0) return undefined;
  const finish = parts[at] as Extract<StreamPart, { type: 'finish' }>;
  const u =
    finish.usage ??
    parts
      .slice(0, at)
      .reverse()
      .find((p): p is Extract<StreamPart, { type: 'usage' }> => p.type === 'usage')?.usage;
  return u && { promptTokens: u.promptTokens, completionTokens: u.completionTokens };
}

function expectOneFinishLast(parts: StreamPart[], reason: string): void {
  const finishes = parts.filter((p) => p.type === 'finish');
  expect(finishes, 'exactly one finish part').toHaveLength(1);
  expect(parts.at(-1), 'the finish part comes last').toBe(finishes[0]);
  expect((finishes[0] as Extract<StreamPart, { type: 'finish' }>).reason).toBe(reason);
}

/** Whether a scenario's answer only makes sense to a streamed call (an SSE / NDJSON body). */
const streamOnly = (f: EarlyFailure): boolean =>
  typeof f.serve === 'object' && f.serve !== null && /\.(sse\.txt|ndjson)$/.test(f.serve.fixture ?? '');

// ---- every adapter folder has a case ---------------------------------------------------------------

describe('adapter conformance', () => {
  it('covers every adapter folder in src/providers/', () => {
    const folders = readdirSync(new URL('../../../src/providers/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared')
      .map((d) => d.name)
      .sort();
    expect(ADAPTER_CASES.map((c) => c.name).sort()).toEqual(folders);
  });

  for (const c of ADAPTER_CASES) {
    matrix.set(c.name, new Map()); // rows in the cases' order
    describe(`${c.name} (${c.transport})`, () => {
      let up: FakeUpstream | undefined;
      let provider: Provider;
      const extra: Provider[] = [];
      const upstream = (): Upstream => ({ origin: up?.origin ?? '', wsOrigin: up?.wsOrigin ?? '' });
      const req = (withTools = false) => hello(c.model, withTools);

      beforeAll(async () => {
        if (c.transport !== 'engine') up = await startFakeUpstream();
        provider = await c.create(upstream());
      });
      afterAll(async () => {
        await up?.close(); // first: a connection left open (a failed cancellation) would hold up the providers' close
        await Promise.all([provider, ...extra].map((p) => p?.close?.()));
        await c.dispose?.();
      });

      /** Makes the fake upstream answer the next calls with `serve` (auxiliary requests aside). */
      function serve(s: WireResponse | Responder | undefined, extraOpts: Partial<WireResponse> = {}): void {
        if (!up) return;
        if (typeof s === 'function') up.respond = s;
        else up.respond = (r) => c.auxiliary?.(r) ?? (s ? { ...s, ...(c.transport === 'http' ? extraOpts : {}) } : { status: 599 });
      }

      check(c, 1, 'text stream: text-delta parts in order, then exactly one finish part, last', async () => {
        const t = c.textStream;
        serve(t.serve, { chunkSize: 7 }); // events cut anywhere, multi-byte characters included
        const { parts, thrown } = await drain(provider.stream(t.request ?? req(), callOptions(c.model)));
        expect(thrown).toBeUndefined();
        expect(parts.filter((p) => p.type === 'error')).toEqual([]);
        if (t.deltas) expect(textOf(parts)).toEqual(t.deltas);
        expect(textOf(parts).join('')).toBe(t.text);
        expectOneFinishLast(parts, t.finish);
      });

      if (isSkip(c.toolStream)) skipCheck(c, 2, c.toolStream.skip);
      else {
        const t = c.toolStream;
        check(c, 2, 'tool-call stream: tool-call parts with id and name first, arguments joined', async () => {
          serve(t.serve, { chunkSize: 11 });
          const { parts, thrown } = await drain(provider.stream(req(true), callOptions(c.model)));
          expect(thrown).toBeUndefined();
          expect(parts.filter((p) => p.type === 'error')).toEqual([]);
          const calls = new Map<number, { id?: string; name?: string; args: string }>();
          for (const p of parts) {
            if (p.type !== 'tool-call-delta') continue;
            const known = calls.get(p.index);
            if (!known) {
              // OpenAI clients open a call on its first chunk: it must say which call and which function.
              expect(p.id, `the first part of tool call ${p.index} carries its id`).toMatch(/\S/);
              expect(p.name, `the first part of tool call ${p.index} carries its name`).toMatch(/\S/);
              calls.set(p.index, { id: p.id, name: p.name, args: p.argumentsDelta ?? '' });
              continue;
            }
            if (p.id !== undefined) expect(p.id, 'a tool call keeps its id').toBe(known.id);
            if (p.name !== undefined) expect(p.name, 'a tool call keeps its name').toBe(known.name);
            known.args += p.argumentsDelta ?? '';
          }
          expect([...calls.keys()], 'tool calls are numbered 0, 1, … in order').toEqual(t.calls.map((_, i) => i));
          t.calls.forEach((want, i) => {
            const got = calls.get(i)!;
            expect(got.name).toBe(want.name);
            if (want.id) expect(got.id).toBe(want.id);
            expect(JSON.parse(got.args)).toEqual(want.arguments);
          });
          expect(new Set([...calls.values()].map((x) => x.id)).size, 'tool call ids are distinct').toBe(calls.size);
          expectOneFinishLast(parts, 'tool_calls');
        });
      }

      check(c, 3, "usage: the wire's token counts are known at the finish", async () => {
        const scenarios: Array<{ serve?: WireResponse; request: ReturnType<typeof req>; usage: ExpectedUsage }> = [
          { serve: c.textStream.serve, request: c.textStream.request ?? req(), usage: c.textStream.usage },
        ];
        if (!isSkip(c.toolStream)) scenarios.push({ serve: c.toolStream.serve, request: req(true), usage: c.toolStream.usage });
        for (const s of scenarios) {
          serve(s.serve);
          const { parts, thrown } = await drain(provider.stream(s.request, callOptions(c.model)));
          expect(thrown).toBeUndefined();
          const at = parts.findIndex((p) => p.type === 'finish');
          expect(at, 'a finish part').toBeGreaterThanOrEqual(0);
          expect(
            parts.slice(at + 1).map((p) => p.type),
            'nothing (no late usage) after the finish part',
          ).toEqual([]);
          expect(usageAtFinish(parts)).toEqual(s.usage);
        }
      });

      if (isSkip(c.midStreamError)) skipCheck(c, 4, c.midStreamError.skip);
      else {
        const m = c.midStreamError;
        check(c, 4, 'mid-stream error: an error part after the text, not an exception', async () => {
          serve(m.serve);
          const { parts, thrown } = await drain(provider.stream(req(), callOptions(c.model)));
          expect(thrown, 'nothing thrown after parts were sent').toBeUndefined();
          expect(textOf(parts).join('')).toBe(m.textBefore);
          const errors = parts.filter((p) => p.type === 'error');
          expect(errors).toHaveLength(1);
          expect(parts.at(-1), 'the error part ends the stream').toBe(errors[0]);
          expect((errors[0] as Extract<StreamPart, { type: 'error' }>).error).toBeInstanceOf(GatewayError);
          expect(
            parts.some((p) => p.type === 'finish'),
            'no finish after an error',
          ).toBe(false);
        });
      }

      it('5 failure before first part: the case covers a retryable and a non-retryable failure', () => {
        expect(c.earlyFailures.some((f) => f.retryable)).toBe(true);
        expect(c.earlyFailures.some((f) => !f.retryable)).toBe(true);
      });
      for (const f of c.earlyFailures) {
        const what = f.retryable ? 'retryable' : `not retryable${f.status ? ` (status ${f.status})` : ''}`;
        check(c, 5, `failure before first part: ${f.name} → ${what}`, async () => {
          serve(f.serve);
          let p = provider;
          if (f.create) extra.push((p = await f.create(upstream())));
          const it = p.stream(f.request ?? req(), callOptions(c.model))[Symbol.asyncIterator]();
          let err: unknown;
          try {
            const first = await withTimeout(it.next(), 5000, 'the first next()');
            // The gateway also takes an error as the very first part to mean "nothing sent yet".
            if (!first.done && first.value.type === 'error') {
              err = first.value.error;
              notes.push(`${c.name}: ${f.name} arrives as an error part before anything else (not thrown)`);
            } else throw new Error(`the first next() gave ${first.done ? 'the end' : `a ${first.value.type} part`}, not a failure`);
          } catch (e) {
            err ??= e;
          } finally {
            await it.return?.(undefined)?.catch(() => undefined);
          }
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).retryable, (err as Error).message).toBe(f.retryable);
          if (f.status) expect((err as GatewayError).status).toBe(f.status);
          if (streamOnly(f)) return;
          // A whole answer fails the same way.
          const whole = await p.chat(f.request ?? req(), callOptions(c.model)).catch((e: unknown) => e);
          expect(whole).toBeInstanceOf(GatewayError);
          expect((whole as GatewayError).retryable, (whole as Error).message).toBe(f.retryable);
          if (f.status) expect((whole as GatewayError).status).toBe(f.status);
        });
      }

      for (const variant of ['AbortSignal', 'Cancellation', 'consumer stops reading'] as const) {
        const released = c.transport === 'engine' ? "the engine's sequence is free again" : 'the upstream connection is closed';
        check(c, 6, `cancellation (${variant}) mid-stream: the stream stops and ${released} within ${RELEASE_MS} ms`, async () => {
          serve(c.cancel.serve);
          let opts = callOptions(c.model);
          let fire = (): void => undefined;
          if (variant === 'AbortSignal') {
            const ctl = new AbortController();
            opts = callOptions(c.model, ctl.signal); // what the router gives a streamed attempt
            fire = () => ctl.abort(new Error('client went away'));
          } else if (variant === 'Cancellation') {
            const can = new Cancellation();
            opts = { ...callOptions(c.model, can.signal), cancellation: can };
            fire = () => can.cancel(new Error('client went away'));
          }
          const it = provider.stream(c.cancel.request ?? req(), opts)[Symbol.asyncIterator]();
          for (;;) {
            const r = await withTimeout(it.next(), 5000, 'waiting for the first text');
            if (r.done) throw new Error('the stream ended before any text');
            if (r.value.type === 'text-delta') break;
            expect(['reasoning-delta', 'usage', 'tool-call-delta']).toContain(r.value.type);
          }
          const call = up?.requests.at(-1);
          if (call) expect(await settledWithin(call.closed, 50), 'the connection is still open before the cancellation').toBe(false);
          if (variant === 'consumer stops reading') {
            await withTimeout(it.return!(undefined), RELEASE_MS, 'return() did not settle');
          } else {
            const settle = () =>
              it.next().then(
                (r) => r,
                (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
              );
            const pending = settle();
            fire();
            let r = await withTimeout(pending, RELEASE_MS, 'the stream did not stop after the cancellation');
            for (let n = 0; !(r instanceof Error) && !r.done; n++) {
              expect(n, 'the stream ends soon after the cancellation').toBeLessThan(100);
              expect(r.value.type, 'no finish after a cancellation').not.toBe('finish');
              r = await withTimeout(settle(), RELEASE_MS, 'the stream did not stop after the cancellation');
            }
          }
          if (call) await withTimeout(call.closed, RELEASE_MS, 'the fake upstream did not see its connection closed');
          else await withTimeout(c.cancel.released!(provider), 5000, 'what the call held was not released');
        });
      }

      check(c, 7, 'whole answer: content, finish reason and usage', async () => {
        const w = c.whole;
        serve(w.serve);
        const r = await provider.chat(w.request ?? req(), callOptions(c.model));
        expect(r.content).toBe(w.content);
        expect(r.finishReason).toBe(w.finish);
        expect(r.usage && { promptTokens: r.usage.promptTokens, completionTokens: r.usage.completionTokens }).toEqual(w.usage);
      });
    });
  }
});
