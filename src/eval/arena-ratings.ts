import { setImmediate as nextTurn } from 'node:timers/promises';
import { runTimeSliced } from '../core/time-sliced.js';
import type { ArenaRepository, ArenaStamp } from '../store/arena-repository.js';
import { ARENA_LIMITS, type BattleSource, type RatingSource } from './arena-types.js';
import {
  arenaRatingsSteps,
  DEFAULT_BOOTSTRAP_ROUNDS,
  DEFAULT_BOOTSTRAP_SEED,
  MAX_ARENA_MODELS,
  MAX_MODEL_NAME_LENGTH,
  type ArenaRating,
  type Battle,
} from './bradley-terry.js';

export interface RatingOptions {
  source?: RatingSource;
  /** Bootstrap rounds (default 100, at most 1,000). */
  rounds?: number;
  seed?: number;
}

interface Entry {
  stamp: ArenaStamp;
  rows: Promise<ArenaRating[]>;
}

/** Decided battles read per query (SQLite answers one in a few milliseconds). */
const PAGE = 5_000;
/** Workspaces whose ratings are kept (the least recently used go first). */
const MAX_WORKSPACES = 256;
/** Option sets kept per workspace. */
const MAX_PER_WORKSPACE = 16;

const sameStamp = (x: ArenaStamp, y: ArenaStamp): boolean =>
  x.decided === y.decided && x.lastCreated === y.lastCreated && x.lastVoted === y.lastVoted;

/**
 * The arena leaderboards, computed from the stored battles with `arenaRatingsSteps` in time slices (a
 * million battles never hold up other requests) and cached per workspace and options. A cached table
 * is served while the workspace's decided battles are unchanged: `invalidate` drops it when this
 * process adds or decides one, and the battles' stamp (count, newest creation and vote) is compared
 * first, so battles added by another process (the CLI, a worker) are seen too. Requests for a table
 * being computed share the computation.
 */
export class ArenaRatings {
  private readonly cache = new Map<string, Map<string, Entry>>();

  constructor(private readonly repo: Pick<ArenaRepository, 'battles' | 'stamp'>) {}

  async ratings(workspaceId: string, opts: RatingOptions = {}): Promise<ArenaRating[]> {
    const source = opts.source ?? 'all';
    const rounds = opts.rounds ?? DEFAULT_BOOTSTRAP_ROUNDS;
    const seed = opts.seed ?? DEFAULT_BOOTSTRAP_SEED;
    const filter = source === 'all' ? undefined : source;
    const stamp = await this.repo.stamp(workspaceId, filter);
    const key = `${source}|${rounds}|${seed}`;
    let byOptions = this.cache.get(workspaceId);
    const hit = byOptions?.get(key);
    if (hit && sameStamp(hit.stamp, stamp)) {
      // Most recently used last.
      this.cache.delete(workspaceId);
      this.cache.set(workspaceId, byOptions!);
      return hit.rows;
    }
    const rows = this.compute(workspaceId, filter, rounds, seed);
    if (!byOptions) {
      byOptions = new Map();
      if (this.cache.size >= MAX_WORKSPACES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(workspaceId, byOptions);
    }
    if (byOptions.size >= MAX_PER_WORKSPACE && !byOptions.has(key)) byOptions.delete(byOptions.keys().next().value!);
    const entry: Entry = { stamp, rows };
    byOptions.set(key, entry);
    // A failed computation is not kept.
    rows.catch(() => {
      if (byOptions.get(key) === entry) byOptions.delete(key);
    });
    return rows;
  }

  /** Forgets the workspace's tables (a battle was added or decided here). */
  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }

  private async compute(workspaceId: string, source: BattleSource | undefined, rounds: number, seed: number): Promise<ArenaRating[]> {
    const battles: Battle[] = [];
    // The same model names come back on every row: keep one string per name, and count its battles.
    const names = new Map<string, string>();
    const counts = new Map<string, number>();
    const intern = (s: string): string => {
      counts.set(s, (counts.get(s) ?? 0) + 1);
      const known = names.get(s);
      if (known !== undefined) return known;
      names.set(s, s);
      return s;
    };
    for await (const page of this.repo.battles(workspaceId, { source, pageSize: PAGE })) {
      for (const r of page) {
        if (battles.length >= ARENA_LIMITS.ratedBattles) break;
        // Stored battles were checked on the way in; a row that could not be rated is passed over all the same.
        if (r.model_a === r.model_b || r.model_a.length > MAX_MODEL_NAME_LENGTH || r.model_b.length > MAX_MODEL_NAME_LENGTH) continue;
        battles.push({ modelA: intern(r.model_a), modelB: intern(r.model_b), winner: r.winner });
      }
      if (battles.length >= ARENA_LIMITS.ratedBattles) break;
      // SQLite reads synchronously: let other requests in between pages.
      await nextTurn();
    }
    return runTimeSliced(arenaRatingsSteps(mostPlayed(battles, counts), { rounds, seed }));
  }
}

/** The battles between the {@link MAX_ARENA_MODELS} models with the most battles (all of them, when there are no more models). */
function mostPlayed(battles: Battle[], counts: Map<string, number>): Battle[] {
  if (counts.size <= MAX_ARENA_MODELS) return battles;
  const kept = new Set(
    [...counts]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, MAX_ARENA_MODELS)
      .map(([m]) => m),
  );
  return battles.filter((b) => kept.has(b.modelA) && kept.has(b.modelB));
}
