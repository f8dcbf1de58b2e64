import { EVAL_KEY_NAME } from './eval-key.js';
import { randomInt } from 'node:crypto';
import { gatewayError } from '../core/error-codes.js';
import type { EvalDatasetRepository } from '../store/eval-dataset-repository.js';
import type { Dataset } from './load-dataset.js';
import { itemsFromLogs } from './log-sample-items.js';
import { DATASET_LIMITS } from './record-fields.js';

/** Which logged requests a sample is drawn from: the model asked for, the app (slug), a time range (epoch ms, `to` exclusive), how many, the seed. */
export interface LogSampleInput {
  model?: string;
  app?: string;
  from?: number;
  to?: number;
  limit: number;
  /** The same seed over the same logs draws the same sample; a random one (recorded in the version's meta) when absent. */
  seed?: number;
}

/** Log rows whose bodies are read per query while drawing. */
const BODIES_PAGE = 100;

/**
 * Draws a QA or judge dataset from the workspace's logged chat requests that stored their bodies: a
 * seeded random sample of the rows matching `filter` (EvalDatasetRepository.sampleLogIds), read a page at a
 * time, each turned into an item (log-sample-items.ts); rows that do not parse are skipped and counted.
 * The meta records the filter and the seed (drawn at random when not given). 400 `no_logged_bodies`
 * when nothing qualifies, with the hint to turn on `logging.store_bodies`.
 */
export async function drawLogSample(
  repo: Pick<EvalDatasetRepository, 'sampleLogIds' | 'logBodies'>,
  workspaceId: string,
  filter: LogSampleInput,
  type: 'qa' | 'judge',
  rubric?: string,
): Promise<{ dataset: Dataset; meta: Record<string, unknown> }> {
  const seed = filter.seed ?? randomInt(2 ** 31);
  const ids = await repo.sampleLogIds({
    workspaceId,
    model: filter.model,
    appSlug: filter.app,
    from: filter.from,
    to: filter.to,
    limit: filter.limit,
    seed,
    excludeKeyNamed: EVAL_KEY_NAME,
  });
  const qa: Dataset & { type: 'qa' } = { type: 'qa', items: [], warnings: [], files: [] };
  const judge: Dataset & { type: 'judge' } = { type: 'judge', items: [], warnings: [], files: [] };
  let skipped = 0;
  for (let i = 0; i < ids.length; i += BODIES_PAGE) {
    const part = ids.slice(i, i + BODIES_PAGE).map((r) => r.id);
    const rows = await repo.logBodies(part, Math.max(DATASET_LIMITS.inputChars, DATASET_LIMITS.referenceChars) * 8);
    const at = new Map(part.map((id, k) => [id, k]));
    rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
    const got = itemsFromLogs(rows, type, rubric);
    const line = qa.items.length + judge.items.length;
    qa.items.push(...got.qa.map((it) => ({ ...it, line: it.line + line })));
    judge.items.push(...got.judge.map((it) => ({ ...it, line: it.line + line })));
    skipped += got.skipped + (part.length - rows.length);
  }
  const dataset = type === 'qa' ? qa : judge;
  if (dataset.items.length === 0)
    throw gatewayError(
      'no_logged_bodies',
      (ids.length === 0
        ? 'No logged chat request matches the filter with its bodies stored. Turn on logging.store_bodies (baimo.yaml) so requests keep their bodies, let some traffic through, then sample again.'
        : `None of the ${ids.length} sampled requests has a usable user message${type === 'qa' ? ' and answer' : ''}.`) +
        ' / 没有可用于抽样的请求日志：请在 baimo.yaml 中开启 logging.store_bodies 以保存请求与回答内容，待有流量后再抽样。',
      { param: 'limit' },
    );
  if (skipped > 0)
    dataset.warnings.push(
      `${skipped} sampled requests were skipped: their bodies do not parse or lack a user message${type === 'qa' ? ' or an answer' : ''}. / 跳过 ${skipped} 条无法解析或缺少内容的请求。`,
    );
  const iso = (ms?: number) => (ms === undefined ? null : new Date(ms).toISOString());
  const meta = {
    filter: { model: filter.model ?? null, app: filter.app ?? null, from: iso(filter.from), to: iso(filter.to), limit: filter.limit, seed },
    sampled: ids.length,
    skipped,
    ...(rubric ? { rubric: true } : {}),
  };
  return { dataset, meta };
}
