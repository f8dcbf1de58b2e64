/**
 * One blind battle's state: both anonymous answers as they stream, whether each side has finished,
 * the battle's id, and — after the vote — the revealed names. The page never learns a name before the
 * vote: the stream does not carry them.
 */
import { useCallback, useRef, useState } from 'react';
import { streamBattle, type Side, type VoteResult } from '../../api/arena.ts';

export interface SideState {
  text: string;
  status: 'idle' | 'streaming' | 'done' | 'error';
  error?: string;
  finishReason?: string | null;
}

export interface BattleState {
  id: string | null;
  prompt: string;
  a: SideState;
  b: SideState;
  /** The stream is open. */
  running: boolean;
  /** The request itself failed (no battle). */
  error: string | null;
  /** The vote's answer: the two names and the verdict. */
  reveal: VoteResult | null;
}

const idle: SideState = { text: '', status: 'idle' };
const initial: BattleState = { id: null, prompt: '', a: idle, b: idle, running: false, error: null, reveal: null };

/** Both answers are complete and the stream has ended (the battle is stored): it can be voted on. A side that failed leaves nothing to vote on. */
export const canVote = (s: BattleState): boolean =>
  Boolean(s.id) && !s.running && !s.reveal && s.a.status === 'done' && s.b.status === 'done';

export function useBattle(workspaceId: string) {
  const [state, setState] = useState<BattleState>(initial);
  const abort = useRef<AbortController | null>(null);

  const patchSide = (side: Side, f: (s: SideState) => SideState) => setState((s) => ({ ...s, [side]: f(s[side]) }));

  const start = useCallback(
    async (prompt: string) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ ...initial, prompt, running: true, a: { text: '', status: 'streaming' }, b: { text: '', status: 'streaming' } });
      try {
        for await (const ev of streamBattle(workspaceId, { prompt }, controller.signal)) {
          if (ev.type === 'battle') setState((s) => ({ ...s, id: ev.id }));
          else if (ev.type === 'delta') patchSide(ev.side, (x) => ({ ...x, text: x.text + ev.text }));
          else if (ev.type === 'done') patchSide(ev.side, (x) => ({ ...x, status: 'done', finishReason: ev.finishReason }));
          else if (ev.type === 'error') patchSide(ev.side, (x) => ({ ...x, status: 'error', error: ev.message }));
        }
        // A side the stream never finished is finished now.
        const settle = (x: SideState): SideState => (x.status === 'streaming' ? { ...x, status: 'done' } : x);
        setState((s) => ({ ...s, running: false, a: settle(s.a), b: settle(s.b) }));
      } catch (e) {
        if ((e as Error).name === 'AbortError') {
          setState((s) => ({ ...s, running: false }));
          return;
        }
        setState((s) => ({ ...s, running: false, error: (e as Error).message }));
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [workspaceId],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => {
    abort.current?.abort();
    setState(initial);
  }, []);
  const revealed = useCallback((reveal: VoteResult) => setState((s) => ({ ...s, reveal })), []);

  return { state, start, stop, reset, revealed };
}
