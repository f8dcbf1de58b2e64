import type SQLite from 'better-sqlite3';
import type { RollupSettings } from './request-log-repository.js';
import type { RequestLogRow } from './schema.js';

const SUMS = `requests = requests + excluded.requests,
    errors = errors + excluded.errors,
    cache_hits = cache_hits + excluded.cache_hits,
    prompt_tokens = prompt_tokens + excluded.prompt_tokens,
    completion_tokens = completion_tokens + excluded.completion_tokens,
    cost_cny = cost_cny + excluded.cost_cny,
    cost_usd = cost_usd + excluded.cost_usd`;

const UPSERT_MODELS_SQL = `insert into usage_rollup_models
  (day, workspace_id, model, provider, requests, errors, cache_hits, prompt_tokens, completion_tokens, cost_cny, cost_usd)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, workspace_id, model, provider) do update set ${SUMS}`;

const UPSERT_SQL = `insert into usage_rollup
  (day, workspace_id, app_id, key_id, model, provider, requests, errors, cache_hits, prompt_tokens, completion_tokens, cost_cny, cost_usd)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (day, workspace_id, app_id, key_id, model, provider) do update set ${SUMS}`;

/**
 * Adds a batch of log rows to the daily rollups (per key and app, and per model only): summed in memory first (a batch of 500 rows from
 * one busy key becomes one upsert), then one prepared upsert per group. Rollups make usage reports
 * and quota seeds a read of a few rows instead of a scan of the log.
 */
export function prepareRollupUpsert(sqlite: SQLite.Database, s: RollupSettings): (rows: RequestLogRow[]) => void {
  const stmt = sqlite.prepare(UPSERT_SQL);
  const models = sqlite.prepare(UPSERT_MODELS_SQL);
  return (rows) => {
    const groups = new Map<string, unknown[]>();
    for (const r of rows) {
      const day = s.calendar.day(r.created_at);
      const k = `${day}\u0000${r.workspace_id ?? ''}\u0000${r.app_id ?? ''}\u0000${r.key_id ?? ''}\u0000${r.model_requested}\u0000${r.provider ?? ''}`;
      let g = groups.get(k);
      if (!g) {
        g = [day, r.workspace_id ?? '', r.app_id ?? '', r.key_id ?? '', r.model_requested, r.provider ?? '', 0, 0, 0, 0, 0, 0, 0];
        groups.set(k, g);
      }
      (g[6] as number)++;
      if (r.status >= 400) (g[7] as number)++;
      if (r.cache_hit) {
        // A hit is served without tokens or cost: the row shows what was served, the quota is untouched.
        (g[8] as number)++;
        continue;
      }
      (g[9] as number) += r.prompt_tokens;
      (g[10] as number) += r.completion_tokens;
      (g[11] as number) += r.cost_cny;
      (g[12] as number) += r.currency === 'USD' ? r.cost : r.cost_cny / s.usdToCny;
    }
    const coarse = new Map<string, unknown[]>();
    for (const g of groups.values()) {
      stmt.run(g);
      const k = `${g[0]}\u0000${g[1]}\u0000${g[4]}\u0000${g[5]}`;
      const c = coarse.get(k);
      if (!c) coarse.set(k, [g[0], g[1], g[4], g[5], ...g.slice(6)]);
      else for (let i = 4; i < c.length; i++) (c[i] as number) += g[i + 2] as number;
    }
    for (const c of coarse.values()) models.run(c);
  };
}
