import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError } from '../core/errors.js';
import { EVAL_QUEUE } from '../eval/run-job.js';
import { storedSuite } from '../eval/run-results.js';
import type { Runtime } from '../runtime/create-runtime.js';
import type { EvalRunTable } from '../store/schema.js';
import { evalT } from './eval-messages.js';
import { printEvalResults } from './eval-results.js';
import { auditKb } from './kb-runtime.js';
import { TaskProgress } from './task-progress.js';

/** How often the run is read while waiting. */
const POLL_MS = 200;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Items done per model, from the run job's progress message (`a/x: 3/10, b/y: 5/10`); undefined when it is not one. */
export function modelProgress(message: string | null | undefined): Array<{ model: string; done: number; total: number }> | undefined {
  if (!message) return undefined;
  const parts = message.split(', ').map((p) => /^(\S+): (\d+)\/(\d+)$/.exec(p));
  if (parts.some((p) => !p)) return undefined;
  return parts.map((p) => ({ model: p![1], done: Number(p![2]), total: Number(p![3]) }));
}

/**
 * The progress bar's state: the fraction done and `model: done/total` per model (from the job's
 * message, so both agree), within `width` characters — model names without their provider when the
 * full names do not fit, the run's own `done/total` when even those do not (a narrow terminal) or
 * there is no message yet.
 */
export function progressState(
  run: Pick<EvalRunTable, 'done_items' | 'total_items'>,
  message: string | null | undefined,
  width: number,
): { fraction: number; text: string } {
  const models = modelProgress(message);
  const overall = { fraction: run.total_items > 0 ? run.done_items / run.total_items : 0, text: `${run.done_items}/${run.total_items}` };
  if (!models) return overall;
  const total = models.reduce((n, x) => n + x.total, 0);
  const fraction = total > 0 ? models.reduce((n, x) => n + x.done, 0) / total : overall.fraction;
  for (const name of [(m: string) => m, (m: string) => m.slice(m.lastIndexOf('/') + 1)]) {
    const text = models.map((x) => `${name(x.model)}: ${x.done}/${x.total}`).join(', ');
    if (text.length <= width) return { fraction, text };
  }
  return { fraction, text: overall.text };
}

/** Characters of a progress line besides the models' detail: label, bar, percent, errors and the clock. */
const LINE_OVERHEAD = 60;

/**
 * Works the `eval` queue in this process (a server or `baimo worker` on the same database may take the
 * job instead: this process then only watches) and follows run `runId` to its end, drawing a progress
 * bar on stderr: per model done/total, errors, elapsed (plain lines every few seconds when stderr is
 * not a terminal). Then prints the results ({@link printEvalResults}). Ctrl-C cancels the run (its
 * finished items are kept: `baimo eval resume` goes on from there) and exits 130; a second Ctrl-C
 * exits at once. Exit 0 when completed without item errors, 1 when items failed or the run did not
 * complete.
 */
export async function followRun(rt: Runtime, runId: string, json: boolean): Promise<number> {
  const m = evalT();
  await rt.jobs.startWorkers([EVAL_QUEUE]);
  const bar = new TaskProgress(m.progressLabel);
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const draw = async (r: EvalRunTable): Promise<void> => {
    // A completed run has every item of every model done (the job's last message may lag behind).
    const perModel = (models: string[]) => models.map((x) => `${x}: ${r.total_items / models.length}/${r.total_items / models.length}`);
    const message =
      r.status === 'completed'
        ? perModel(storedSuite(r).models).join(', ')
        : r.job_id
          ? (await rt.jobs.get(r.job_id))?.progressMessage
          : undefined;
    const width = process.stderr.isTTY ? Math.max(20, (process.stderr.columns || 80) - LINE_OVERHEAD) : 400;
    const state = progressState(r, message, width);
    bar.update(state.fraction, m.progressDetail(state.text, r.error_items));
  };
  let run: EvalRunTable | undefined;
  try {
    for (;;) {
      run = await rt.evalRuns.row(runId);
      if (!run || TERMINAL.has(run.status)) break;
      if (interrupted) {
        run = await cancel(rt, run);
        if (run.status === 'cancelled') {
          bar.done();
          process.stderr.write(`${m.interrupted(run.id, run.done_items, run.total_items)}\n${m.resumeHint(run.id)}\n`);
          return 130;
        }
        break;
      }
      await draw(run);
      await sleep(POLL_MS);
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (run) await draw(run).catch(() => undefined);
    bar.done();
  }
  if (!run) {
    process.stderr.write(`${m.runGone(runId)}\n`);
    return 1;
  }
  if (run.status === 'failed') {
    process.stderr.write(`${m.runFailed(run.id, run.error ?? '')}\n${m.resumeHint(run.id)}\n`);
    return 1;
  }
  if (run.status === 'cancelled') {
    process.stderr.write(`${m.runCancelled(run.id, run.done_items, run.total_items)}\n${m.resumeHint(run.id)}\n`);
    return 1;
  }
  return printEvalResults(await rt.evalRuns.get(run.id), json);
}

/** Cancels the run on Ctrl-C (audited as the API's cancel is); a run that ended meanwhile is returned as it ended. */
async function cancel(rt: Runtime, run: EvalRunTable): Promise<EvalRunTable> {
  try {
    await rt.evalRuns.cancel(run.id);
    await auditKb(rt, { workspaceId: run.workspace_id, action: 'eval_run.cancel', targetType: 'eval_run', targetId: run.id });
  } catch (err) {
    if (!(err instanceof GatewayError) || err.code !== 'eval_run_not_active') throw err;
  }
  return (await rt.evalRuns.row(run.id)) ?? run;
}
