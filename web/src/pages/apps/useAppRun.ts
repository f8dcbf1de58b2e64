/** One streamed app run held in React state: the text as it grows, progress, the version, errors; stop aborts it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { streamAppRun, type AppRunProgress, type AppRunRequest, type AppRunUsage } from '../../api/app-run.ts';

export interface AppRunState {
  text: string;
  running: boolean;
  error: Error | null;
  progress: AppRunProgress | null;
  /** The version that answered (the run API says which). */
  version: number | null;
  usage: AppRunUsage | null;
  latencyMs: number | null;
  /** The run's request id (`x-request-id`): what feedback on the answer names. */
  requestId: string | null;
}

const IDLE: AppRunState = {
  text: '',
  running: false,
  error: null,
  progress: null,
  version: null,
  usage: null,
  latencyMs: null,
  requestId: null,
};

export function useAppRun(): {
  state: AppRunState;
  run: (req: Omit<AppRunRequest, 'signal'>) => Promise<void>;
  stop: () => void;
  reset: () => void;
} {
  const [state, setState] = useState<AppRunState>(IDLE);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const stop = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    setState(IDLE);
  }, []);

  const run = useCallback(async (req: Omit<AppRunRequest, 'signal'>) => {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setState({ ...IDLE, running: true });
    // Deltas are buffered and flushed once per frame: re-rendering per token is wasteful.
    let pending = '';
    let frame = 0;
    // A newer run (or reset) took over: this one no longer writes the state.
    const live = () => abort.current === ctrl;
    const flush = () => {
      frame = 0;
      if (!pending || !live()) return;
      const add = pending;
      pending = '';
      setState((s) => ({ ...s, text: s.text + add }));
    };
    try {
      for await (const ev of streamAppRun({ ...req, signal: ctrl.signal })) {
        if (!live()) break;
        if (ev.type === 'delta') {
          pending += ev.text;
          if (!frame) frame = requestAnimationFrame(flush);
        } else if (ev.type === 'progress') setState((s) => ({ ...s, progress: ev.progress }));
        else if (ev.type === 'app') setState((s) => ({ ...s, version: ev.version }));
        else if (ev.type === 'usage') setState((s) => ({ ...s, usage: ev.usage }));
        else if (ev.type === 'done') {
          if (frame) cancelAnimationFrame(frame);
          flush();
          setState((s) => ({ ...s, latencyMs: ev.latencyMs, requestId: ev.requestId }));
        }
      }
    } catch (e) {
      if (frame) cancelAnimationFrame(frame);
      flush();
      if ((e as Error).name !== 'AbortError' && live()) setState((s) => ({ ...s, error: e as Error }));
    } finally {
      if (live()) {
        abort.current = null;
        setState((s) => ({ ...s, running: false }));
      }
    }
  }, []);

  return { state, run, stop, reset };
}
