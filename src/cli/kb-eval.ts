import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { KB_LIMITS, type KnowledgeBase, type SearchOptions } from '../knowledge/knowledge-types.js';
import { scoreQuery, summarise, type HitKeys, type QueryScore } from '../knowledge/retrieval-metrics.js';
import type { Runtime } from '../runtime/create-runtime.js';
import type { WorkspaceRow } from '../store/tenancy-repository.js';
import { t } from './i18n.js';
import { intFlag, KB_USAGE, locateBase, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, printJson, printTable, type Flags } from './open-store.js';
import { regularFileSize } from './regular-file-size.js';
import { TaskProgress } from './task-progress.js';

/** Bounds of a labelled file: its size, its questions, and the relevant items of one question. */
export const EVAL_LIMITS = { fileMb: 10, questions: 10_000, relevant: 100 } as const;
/** Hits looked at per question unless `--k` says otherwise. */
export const DEFAULT_EVAL_K = 5;
/** Unknown relevant items reported one by one; the rest are counted. */
const UNKNOWN_SHOWN = 10;

const questionSchema = z.object({
  query: z.string().trim().min(1).max(KB_LIMITS.query),
  relevant: z.array(z.string().min(1).max(KB_LIMITS.documentName)).min(1).max(EVAL_LIMITS.relevant),
});

/** One labelled question and the line it came from (1-based). */
export interface LabelledQuestion {
  line: number;
  query: string;
  relevant: string[];
}

/**
 * Parses a labelled file: one JSON object a line, `{"query": "...", "relevant": ["<document name or
 * id or chunk id>", ...]}` (other fields ignored, blank lines skipped). A bad line refuses the whole
 * file, naming the line and why: a silently skipped question would change the averages.
 */
export function parseLabelled(text: string, path: string): LabelledQuestion[] {
  const m = t();
  const out: LabelledQuestion[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    if (out.length === EVAL_LIMITS.questions) throw new CliError(m.kbEvalTooManyLines(path, EVAL_LIMITS.questions), 1);
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (err) {
      throw new CliError(m.kbEvalBadLine(path, i + 1, `${m.kbEvalBadJson} (${(err as Error).message})`), 1);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new CliError(m.kbEvalBadLine(path, i + 1, m.kbEvalBadJson), 1);
    const r = questionSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new CliError(m.kbEvalBadLine(path, i + 1, `${issue.path.join('.') || 'line'}: ${issue.message}`), 1);
    }
    out.push({ line: i + 1, query: r.data.query, relevant: r.data.relevant });
  }
  if (out.length === 0) throw new CliError(m.kbEvalEmpty(path), 1);
  return out;
}

async function readLabelled(path: string): Promise<LabelledQuestion[]> {
  const size = await regularFileSize(path, t().kbNotAFile(path));
  if (size > EVAL_LIMITS.fileMb * 1024 * 1024) throw new CliError(t().kbEvalFileTooLarge(path, EVAL_LIMITS.fileMb), 1);
  return parseLabelled(await readFile(path, 'utf8'), path);
}

/** The rankings compared: each method alone without reranking, and the base's reranker when it has one. */
function methods(base: KnowledgeBase): Array<{ name: string; options: SearchOptions }> {
  const plain = { scoreThreshold: 0, rerank: false } as const;
  const out: Array<{ name: string; options: SearchOptions }> = [
    { name: 'keyword', options: { ...plain, mode: 'keyword' } },
    { name: 'vector', options: { ...plain, mode: 'vector' } },
    { name: 'hybrid', options: { ...plain, mode: 'hybrid' } },
  ];
  if (base.retrieval.rerank_model)
    out.push({ name: 'hybrid+rerank', options: { scoreThreshold: 0, mode: 'hybrid', rerank: base.retrieval.rerank_model } });
  return out;
}

/**
 * `baimo kb eval <name> <labelled.jsonl> [--k N] [--json]`: runs every labelled question through
 * keyword (BM25), vector and hybrid retrieval and reports recall@k and MRR of each.
 */
export async function kbEval(args: string[], f: Flags): Promise<number> {
  const ref = arg(args, 0, KB_USAGE.eval);
  const path = arg(args, 1, KB_USAGE.eval);
  noExtra(args, 2, KB_USAGE.eval);
  const k = intFlag(f, 'k', 1, KB_LIMITS.k) ?? DEFAULT_EVAL_K;
  return withKnowledge(f, false, async (rt) => {
    const questions = await readLabelled(path);
    const { base, workspace } = await locateBase(rt, f, ref);
    await warnUnknown(rt, workspace, base, questions);
    const ms = methods(base);
    const scores = new Map<string, QueryScore[]>(ms.map((x) => [x.name, []]));
    const total = questions.length * ms.length;
    const bar = new TaskProgress(t().kbEvaluating);
    let done = 0;
    try {
      for (const q of questions) {
        for (const method of ms) {
          const result = await rt.knowledge.search(workspace.id, base.id, q.query, { ...method.options, topK: k });
          const hits: HitKeys[] = result.hits.map((h) => [h.chunk.id, h.document.id, h.document.name]);
          scores.get(method.name)!.push(scoreQuery(hits, q.relevant, k));
          bar.update(++done / total, t().kbEvalSearches(done, total));
        }
      }
    } finally {
      bar.done();
    }
    const summaries = ms.map((x) => ({ name: x.name, ...summarise(scores.get(x.name)!) }));
    if (f.json) {
      printJson({
        knowledge_base: base.name,
        workspace_id: workspace.id,
        k,
        queries: questions.length,
        metrics: Object.fromEntries(summaries.map((s) => [s.name, { recall_at_k: s.recall, mrr: s.mrr }])),
        per_query: questions.map((q, i) => ({
          line: q.line,
          query: q.query,
          relevant: q.relevant,
          ...Object.fromEntries(
            ms.map((x) => {
              const s = scores.get(x.name)![i];
              return [x.name, { recall: s.recall, reciprocal_rank: s.reciprocalRank, first_relevant_rank: s.firstRelevantRank }];
            }),
          ),
        })),
      });
      return 0;
    }
    process.stdout.write(`${t().kbEvalTitle(base.name, questions.length, k)}\n`);
    printTable(
      t().kbEvalHeader(k),
      summaries.map((s) => [s.name, s.recall.toFixed(4), s.mrr.toFixed(4)]),
    );
    return 0;
  });
}

/**
 * Warns (stderr) about relevant items that are no document name, document id or chunk id of the base:
 * a typo would otherwise just lower the scores. Chunk ids are only looked up when some item needs it.
 */
async function warnUnknown(rt: Runtime, ws: WorkspaceRow, base: KnowledgeBase, questions: LabelledQuestion[]): Promise<void> {
  const known = new Set<string>();
  const documentIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await rt.knowledge.documents(ws.id, base.id, { limit: 100, cursor });
    for (const d of page.items) {
      known.add(d.id);
      known.add(d.name);
      documentIds.push(d.id);
    }
    cursor = page.next;
  } while (cursor);
  const missing = () => questions.flatMap((q) => q.relevant.filter((r) => !known.has(r)).map((item) => ({ line: q.line, item })));
  if (missing().some((x) => x.item.startsWith('chk_'))) {
    for (const id of documentIds) {
      for (let offset = 0; ;) {
        const page = await rt.knowledge.chunks(ws.id, base.id, id, { limit: 100, offset });
        for (const c of page.items) known.add(c.id);
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.total) break;
      }
    }
  }
  const unknown = missing();
  for (const u of unknown.slice(0, UNKNOWN_SHOWN)) process.stderr.write(`${t().kbEvalUnknown(u.line, u.item)}\n`);
  if (unknown.length > UNKNOWN_SHOWN) process.stderr.write(`${t().kbEvalMoreUnknown(unknown.length - UNKNOWN_SHOWN)}\n`);
}
