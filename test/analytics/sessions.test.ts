import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_GAP_MS, Sessionizer, sessionize, type SessionEvent } from '../../src/analytics/sessions.js';
import { seededRng, type Rng } from '../../src/eval/seeded-rng.js';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

function ev(id: string, minute: number, extra: Partial<SessionEvent> = {}): SessionEvent {
  return {
    id,
    ts: T0 + minute * MIN,
    kind: 'request',
    workspace: 'w1',
    key: 'k1',
    endUser: 'u1',
    sessionId: null,
    app: null,
    model: 'qwen-plus',
    ...extra,
  };
}

/** Random events of a few keys, users and explicit sessions over a day, with bursts and long pauses. */
function traffic(rng: Rng, n: number): SessionEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  let t = T0;
  return Array.from({ length: n }, (_, i) => {
    t += rng() < 0.2 ? Math.floor(rng() * 90 * MIN) : Math.floor(rng() * 5 * MIN);
    return {
      id: `e${String(i).padStart(5, '0')}`,
      ts: rng() < 0.1 ? t - Math.floor(rng() * 60 * MIN) : t,
      kind: rng() < 0.7 ? 'request' : 'page_view',
      workspace: pick(['w1', 'w2']),
      key: pick(['k1', 'k2', null]),
      endUser: pick(['u1', 'u2', 'u3', null]),
      sessionId: rng() < 0.25 ? pick(['conv-a', 'conv-b', 'conv-c']) : null,
      app: pick([null, 'summarize', 'translate']),
      model: pick([null, 'qwen-plus', 'deepseek-chat', 'glm-4']),
    };
  });
}

/** The naive reference: per stream, walk the events in time order and cut at every pause ≥ gap. */
function naive(events: SessionEvent[], gap: number): { ids: string[]; start: number; last: number; turns: number }[] {
  const out: { ids: string[]; start: number; last: number; turns: number }[] = [];
  const keyOf = (e: SessionEvent) => (e.sessionId !== null ? `s|${e.workspace}|${e.sessionId}` : `d|${e.workspace}|${e.key}|${e.endUser}`);
  const sorted = [...events].sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
  const open = new Map<string, (typeof out)[number]>();
  for (const e of sorted) {
    const k = keyOf(e);
    let s = open.get(k);
    if (!s || (e.sessionId === null && e.ts - s.last >= gap)) {
      s = { ids: [], start: e.ts, last: e.ts, turns: 0 };
      out.push(s);
      open.set(k, s);
    }
    s.ids.push(e.id);
    s.last = e.ts;
    if (e.kind === 'request') s.turns++;
  }
  return out;
}

const shape = (sessions: { eventIds?: string[]; ids?: string[]; start: number; last: number; turns: number }[]) =>
  sessions
    .map((s) => ({ ids: s.eventIds ?? s.ids, start: s.start, last: s.last, turns: s.turns }))
    .sort((a, b) => a.ids![0].localeCompare(b.ids![0]));

describe('sessions (explicit ids win, else same key + end user with pauses under the gap)', () => {
  it('the pure and the incremental sessioniser match a naive walk over random traffic, in any arrival order', () => {
    const rng = seededRng(2026);
    for (const gap of [5 * MIN, DEFAULT_SESSION_GAP_MS, 2 * 60 * MIN]) {
      for (let round = 0; round < 15; round++) {
        const events = traffic(rng, 50 + Math.floor(rng() * 400));
        const pure = sessionize(events, { gapMs: gap });
        expect(shape(pure)).toEqual(shape(naive(events, gap)));
        for (const s of pure) expect(s.dwellMs).toBe(s.last - s.start);
        // Shuffled arrival (late events included): the incremental result equals the pure one.
        const shuffled = events
          .map((e) => [rng(), e] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, e]) => e);
        const inc = new Sessionizer({ gapMs: gap });
        const live = new Set<string>();
        for (const e of shuffled) {
          const change = inc.add(e);
          for (const id of change.replaced) {
            expect(live.has(id), 'replaced ids existed').toBe(true);
            live.delete(id);
          }
          expect(change.created).toBe(!live.has(change.session.id) && change.replaced.length === 0);
          live.add(change.session.id);
          expect(change.session.eventIds).toContain(e.id);
        }
        expect(inc.sessions()).toEqual(pure);
        expect([...live].sort()).toEqual(pure.map((s) => s.id).sort());
      }
    }
  });

  it('an explicit session id wins over key, user and pauses', () => {
    const s = sessionize([
      ev('a', 0, { sessionId: 'conv-1' }),
      ev('b', 600, { sessionId: 'conv-1', key: 'k2', endUser: 'u9', kind: 'page_view' }),
      ev('c', 5),
    ]);
    expect(s).toHaveLength(2);
    const conv = s.find((x) => x.explicit)!;
    expect(conv.eventIds).toEqual(['a', 'b']);
    expect(conv.dwellMs).toBe(600 * MIN);
    expect(conv.turns).toBe(1);
    expect(conv.pageViews).toBe(1);
    expect(conv.key).toBe('k1');
  });

  it('derived sessions split at a pause of the gap, not below it', () => {
    const s = sessionize([ev('a', 0), ev('b', 29), ev('c', 59), ev('d', 60, { app: 'translate', model: 'glm-4' })]);
    expect(s.map((x) => x.eventIds)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(s[1].apps).toEqual(['translate']);
    expect(s[1].models).toEqual(['glm-4', 'qwen-plus']);
    expect(s[0].dwellMs).toBe(29 * MIN);
  });

  it('a late event that closes a gap merges two sessions; one before the start renames the session', () => {
    const inc = new Sessionizer();
    const a = inc.add(ev('a', 0)).session;
    const c = inc.add(ev('c', 40)).session;
    expect(a.id).not.toBe(c.id);
    const merged = inc.add(ev('b', 20));
    expect(merged.created).toBe(false);
    expect(merged.session.id).toBe(a.id);
    expect(merged.replaced).toEqual([c.id]);
    expect(merged.session.eventIds).toEqual(['a', 'b', 'c']);
    const earlier = inc.add(ev('z', -10));
    expect(earlier.replaced).toEqual([a.id]);
    expect(earlier.session.start).toBe(T0 - 10 * MIN);
    expect(inc.sessions()).toHaveLength(1);
    expect(inc.evictBefore(T0 + 200 * MIN)).toBe(1);
    expect(inc.sessions()).toHaveLength(0);
    expect(() => new Sessionizer({ gapMs: 0 })).toThrow(RangeError);
  });
});
