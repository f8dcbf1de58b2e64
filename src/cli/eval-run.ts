import { EvalInputError } from '../eval/eval-input-error.js';
import { loadSuite, type LoadedSuite, type Suite } from '../eval/suite.js';
import { suiteDatasetName } from '../eval/suite-dataset-name.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { evalT } from './eval-messages.js';
import { followRun } from './eval-follow.js';
import { printEvalResults } from './eval-results.js';
import { t } from './i18n.js';
import { auditKb, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, resolveWorkspace, type Flags } from './open-store.js';

export const EVAL_RUN_USAGE = {
  run: 'baimo eval run <suite.yaml> [--json] [--key KEY_ID] [--workspace W]',
  resume: 'baimo eval resume <run> [--json] [--workspace W]',
};

/** Dataset warnings printed at most. */
const WARNINGS_SHOWN = 5;

/** The suite file read and checked before the runtime opens: a problem is exit 2, naming the file, key and line. */
async function readSuite(path: string): Promise<LoadedSuite> {
  try {
    return await loadSuite(path);
  } catch (err) {
    if (err instanceof EvalInputError) throw new CliError(evalT().inputError(err), 2);
    throw err;
  }
}

/**
 * The suite with `dataset` naming a stored version: a file or folder is imported first as the
 * dataset named {@link suiteDatasetName} (the same items again make no new version); a stored
 * dataset's name is kept as it is.
 */
async function storedSuite(rt: Runtime, workspaceId: string, loaded: LoadedSuite): Promise<Suite> {
  const { suite, dataset } = loaded;
  if (dataset.kind === 'stored') return suite;
  const name = suiteDatasetName(suite.name, dataset.path);
  const r = await rt.evalDatasets.importFromPath(workspaceId, name, dataset.path, {
    type: suite.type,
    ...(suite.format ? { format: suite.format } : {}),
    ...(suite.split ? { split: suite.split } : {}),
    createdBy: 'cli',
  });
  const m = evalT();
  process.stderr.write(`${m.datasetStored(r.dataset.name, r.version.version, r.version.item_count, r.created)}\n`);
  if (r.created) {
    if (r.warnings.length) process.stderr.write(`${m.datasetWarnings(r.warnings.length)}\n`);
    for (const w of r.warnings.slice(0, WARNINGS_SHOWN)) process.stderr.write(`  ${w}\n`);
    await auditKb(rt, {
      workspaceId,
      action: 'eval_dataset.import',
      targetType: 'eval_dataset',
      targetId: r.dataset.id,
      detail: { name: r.dataset.name, version: r.version.version, items: r.version.item_count, source: 'cli' },
    });
  }
  return { ...suite, dataset: `${r.dataset.name}@${r.version.version}` };
}

/**
 * `baimo eval run <suite.yaml>`: the suite read and validated (exit 2 naming the key and line), its
 * dataset stored when it is a file or folder, the run started with `--key` or the workspace's
 * evaluation key, then followed to its end in this process ({@link followRun}).
 */
export async function evalRun(args: string[], f: Flags): Promise<number> {
  const path = arg(args, 0, EVAL_RUN_USAGE.run);
  noExtra(args, 1, EVAL_RUN_USAGE.run);
  const key = str(f, 'key');
  if (f.key !== undefined && !key) throw new CliError(t().usage(EVAL_RUN_USAGE.run), 2);
  const loaded = await readSuite(path);
  return withKnowledge(f, false, async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const suite = await storedSuite(rt, ws.id, loaded);
    const run = await rt.evalRuns.start(ws.id, { suite, ...(key ? { key_id: key } : {}) }, 'cli');
    await auditKb(rt, {
      workspaceId: ws.id,
      action: 'eval_run.create',
      targetType: 'eval_run',
      targetId: run.id,
      detail: { name: run.name, type: run.type, dataset: `${run.dataset.name}@${run.dataset.version}`, models: run.models },
    });
    process.stderr.write(`${evalT().runStarted(run.id, run.name, run.models.length, run.total_items)}\n`);
    return followRun(rt, run.id, f.json === true);
  });
}

/**
 * `baimo eval resume <run>`: a failed or cancelled run queued again (only its unfinished items are
 * called), a queued or running one (a process killed midway) followed as it is, a completed one's
 * results printed.
 */
export async function evalResume(args: string[], f: Flags): Promise<number> {
  const id = arg(args, 0, EVAL_RUN_USAGE.resume);
  noExtra(args, 1, EVAL_RUN_USAGE.resume);
  return withKnowledge(f, false, async (rt) => {
    const m = evalT();
    const row = await rt.evalRuns.row(id);
    const wsRef = str(f, 'workspace');
    if (!row || (wsRef !== undefined && (await resolveWorkspace(rt.tenancy, wsRef)).id !== row.workspace_id))
      throw new CliError(m.runNotFound(id), 1);
    if (row.status === 'completed') {
      process.stderr.write(`${m.alreadyCompleted(id)}\n`);
      return printEvalResults(await rt.evalRuns.get(id), f.json === true);
    }
    if (row.status === 'failed' || row.status === 'cancelled') {
      await rt.evalRuns.resume(id, 'cli');
      await auditKb(rt, { workspaceId: row.workspace_id, action: 'eval_run.resume', targetType: 'eval_run', targetId: id });
      process.stderr.write(`${m.resumed(id, row.total_items - row.done_items)}\n`);
    } else process.stderr.write(`${m.attaching(id, row.status)}\n`);
    return followRun(rt, id, f.json === true);
  });
}
