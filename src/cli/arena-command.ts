import { basename } from 'node:path';
import { ARENA_LIMITS, RATING_SOURCES, type RatingSource } from '../eval/arena-types.js';
import type { RatingRow } from '../eval/eval-types.js';
import { EvalInputError } from '../eval/eval-input-error.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { t } from './i18n.js';
import { auditKb, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, printJson, printTable, type Flags } from './open-store.js';
import { readBounded } from './read-bounded.js';
import { regularFileSize } from './regular-file-size.js';

const SUBS = ['import', 'ratings'];

export const ARENA_USAGE = {
  import: 'baimo arena import <battles.jsonl> [--workspace W] [--skip-invalid]',
  ratings: 'baimo arena ratings [--json] [--source all|vote|judge|import] [--workspace W]',
};

/** Bad lines printed before the rest are only counted. */
const LINES_SHOWN = 50;

/**
 * `baimo arena import|ratings`: battles from a JSONL file into a workspace's arena, and its
 * Bradley–Terry leaderboard, through the same arena service as `/api/arena` on an in-process runtime
 * (no server needed). Without `--workspace`, the default workspace. Exit 2 on bad input.
 */
export async function arenaCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('arena', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  let run: (rt: Runtime) => Promise<number>;
  try {
    run = sub === 'import' ? await importArgs(args, f) : ratingsArgs(args, f);
  } catch (err) {
    // Arguments checked before the runtime opens (withKnowledge reports the rest).
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  return withKnowledge(f, false, run);
}

/** `import <file>`: the file read (bounded) before the runtime opens. */
async function importArgs(args: string[], f: Flags): Promise<(rt: Runtime) => Promise<number>> {
  const path = arg(args, 0, ARENA_USAGE.import);
  noExtra(args, 1, ARENA_USAGE.import);
  const size = await regularFileSize(path, t().kbNotAFile(path), 2);
  if (size > ARENA_LIMITS.importBytes) throw new CliError(t().arenaFileTooLarge(path, ARENA_LIMITS.importBytes / 1024 / 1024), 2);
  const text = Buffer.from(await readBounded(path, size)).toString('utf8');
  const skipInvalid = f['skip-invalid'] === true;
  return async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const file = basename(path);
    let r;
    try {
      r = await rt.arena.import(ws.id, text, { skipInvalid, createdBy: 'cli', file });
    } catch (err) {
      if (err instanceof EvalInputError) throw new CliError(t().arenaInput(`${path}: ${err.en}`, `${path}：${err.zh}`), 2);
      throw err;
    }
    for (const e of r.errors.slice(0, LINES_SHOWN)) process.stderr.write(`${t().arenaBadLine(path, e.line, e.en, e.zh)}\n`);
    if (r.invalid > LINES_SHOWN) process.stderr.write(`${t().arenaMoreBad(r.invalid - LINES_SHOWN)}\n`);
    if (r.invalid > 0 && !skipInvalid) {
      process.stderr.write(`${t().arenaNothingImported(r.invalid)}\n`);
      return 2;
    }
    await auditKb(rt, {
      workspaceId: ws.id,
      action: 'arena_battle.import',
      targetType: 'arena_battle',
      targetId: file,
      detail: { file, imported: r.imported, skipped: r.skipped },
    });
    process.stdout.write(`${t().arenaImported(r.imported, ws.name, r.skipped)}\n`);
    return 0;
  };
}

/** `ratings`: the leaderboard as a table, or `--json`: exactly an array of `{model, rating, ci_low, ci_high, rank, battles}`. */
function ratingsArgs(args: string[], f: Flags): (rt: Runtime) => Promise<number> {
  noExtra(args, 0, ARENA_USAGE.ratings);
  const source = str(f, 'source') ?? 'all';
  if (!(RATING_SOURCES as readonly string[]).includes(source))
    throw new CliError(t().badFlag('--source', source, RATING_SOURCES.join(', ')), 2);
  return async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const rows = await rt.arena.ratings(ws.id, { source: source as RatingSource });
    if (f.json) {
      printJson(
        rows.map((r): RatingRow => ({
          model: r.model,
          rating: r.rating,
          ci_low: r.ci_low,
          ci_high: r.ci_high,
          rank: r.rank,
          battles: r.battles,
        })),
      );
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write(`${t().arenaNoBattles}\n`);
      return 0;
    }
    process.stdout.write(`${t().arenaRatingsTitle(ws.name, source, rows.length)}\n`);
    const n = (x: number) => x.toFixed(1);
    printTable(
      t().arenaRatingsHeader,
      rows.map((r) => [String(r.rank), r.model, n(r.rating), `${n(r.ci_low)} – ${n(r.ci_high)}`, String(r.battles)]),
    );
    return 0;
  };
}
