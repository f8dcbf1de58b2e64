import {
  createKnowledgeBaseSchema,
  KB_LIMITS,
  RETRIEVAL_MODES,
  type KnowledgeBase,
  type RetrievalMode,
  type SearchHit,
} from '../knowledge/knowledge-types.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { kbView } from '../server/api/kb-views.js';
import { t } from './i18n.js';
import { auditKb, intFlag, KB_USAGE, locateBase, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, parseWith, printJson, printTable, width, type Flags } from './open-store.js';

const SUBS = ['create', 'add', 'search', 'list', 'rm', 'eval'];

/**
 * `baimo kb create|add|search|list|rm|eval`: knowledge bases from the terminal, through the same
 * knowledge service as `/api/kb` on an in-process runtime (no server needed). Without `--workspace`,
 * `create` uses the default workspace and the others find the base by name in any workspace.
 */
export async function kbCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('kb', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  try {
    if (sub === 'add') return await (await import('./kb-add.js')).kbAdd(args, f);
    if (sub === 'eval') return await (await import('./kb-eval.js')).kbEval(args, f);
  } catch (err) {
    // Arguments checked before the runtime opens (withKnowledge reports the rest).
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  return withKnowledge(f, false, async (rt) => {
    switch (sub) {
      case 'create':
        return create(rt, args, f);
      case 'search':
        return search(rt, args, f);
      case 'list':
        return list(rt, args, f);
      default:
        return remove(rt, args, f);
    }
  });
}

/** Alias names and upstream model ids that say they embed: text-embedding-v3, bge-m3, m3e-base, nomic-embed-text… */
const EMBEDDING_NAME = /embed|(^|[/_-])bge([_-]|$)|(^|[/_-])m3e([_-]|$)|text2vec/i;

/** The config's only alias that looks like an embedding model, if exactly one does. */
function guessEmbedding(rt: Runtime): string {
  const aliases = rt.models.config.models.filter((m) => EMBEDDING_NAME.test(m.name) || m.targets.some((x) => EMBEDDING_NAME.test(x.model)));
  if (aliases.length === 1) {
    process.stderr.write(`${t().kbEmbeddingGuessed(aliases[0].name)}\n`);
    return aliases[0].name;
  }
  if (aliases.length > 1) throw new CliError(t().kbEmbeddingChoice(aliases.map((a) => a.name).join(', ')), 2);
  throw new CliError(t().kbNeedsEmbedding, 2);
}

async function create(rt: Runtime, args: string[], f: Flags): Promise<number> {
  const name = arg(args, 0, KB_USAGE.create);
  noExtra(args, 1, KB_USAGE.create);
  const flagOf: Record<string, string> = { name: '<name>', embedding_model: '--embedding', description: '--description' };
  const raw: Record<string, unknown> = { name, embedding_model: str(f, 'embedding') };
  if (str(f, 'description') !== undefined) raw.description = str(f, 'description');
  // Name and description first, so a bad name is reported before the embedding model is guessed.
  parseWith(
    createKnowledgeBaseSchema.pick({ name: true, description: true }),
    { name, description: raw.description },
    (p) => flagOf[String(p[0])] ?? '<name>',
    (flag) => (flag === '<name>' ? name : str(f, flag.slice(2))),
  );
  raw.embedding_model ??= guessEmbedding(rt);
  const input = parseWith(
    createKnowledgeBaseSchema,
    raw,
    (p) => flagOf[String(p[0])] ?? '<name>',
    (flag) => (flag === '<name>' ? name : str(f, flag.slice(2))),
  );
  if (!rt.routes.lookup(input.embedding_model)) throw new CliError(t().kbUnknownModel(input.embedding_model), 1);
  const ws = await targetWorkspace(rt, f);
  const base = await rt.knowledge.create(ws.id, input, 'cli');
  await auditKb(rt, {
    workspaceId: ws.id,
    action: 'knowledge_base.create',
    targetType: 'knowledge_base',
    targetId: base.id,
    detail: { body: { name: input.name, embedding_model: input.embedding_model } },
  });
  if (f.json) printJson(kbView(base));
  else process.stdout.write(`${t().kbCreated(base.name, base.id, ws.name, base.embeddingModel)}\n`);
  return 0;
}

async function list(rt: Runtime, args: string[], f: Flags): Promise<number> {
  noExtra(args, 0, KB_USAGE.list);
  const workspaces = str(f, 'workspace') !== undefined ? [await targetWorkspace(rt, f)] : await rt.tenancy.workspaces();
  const rows: Array<{ base: KnowledgeBase; ws: string }> = [];
  for (const w of workspaces) for (const base of await rt.knowledge.list(w.id)) rows.push({ base, ws: w.name });
  if (f.json) {
    printJson(rows.map((r) => kbView(r.base)));
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`${t().kbNone}\n`);
    return 0;
  }
  printTable(
    t().kbHeader,
    rows.map(({ base: b, ws }) => [
      b.name,
      ws,
      String(b.documentCount),
      String(b.chunkCount),
      b.dimensions ? `${b.embeddingModel} (${b.dimensions}d)` : b.embeddingModel,
      new Date(b.updatedAt).toISOString().slice(0, 16).replace('T', ' '),
    ]),
  );
  return 0;
}

async function remove(rt: Runtime, args: string[], f: Flags): Promise<number> {
  const { base, workspace } = await locateBase(rt, f, arg(args, 0, KB_USAGE.rm));
  noExtra(args, 1, KB_USAGE.rm);
  await rt.knowledge.remove(workspace.id, base.id);
  await auditKb(rt, {
    workspaceId: workspace.id,
    action: 'knowledge_base.delete',
    targetType: 'knowledge_base',
    targetId: base.id,
    detail: { name: base.name, documents: base.documentCount, chunks: base.chunkCount },
  });
  if (f.json) printJson({ id: base.id, object: 'knowledge_base', deleted: true });
  else process.stdout.write(`${t().kbDeleted(base.name, base.id, base.documentCount, base.chunkCount)}\n`);
  return 0;
}

/** `--mode`, checked. */
export function modeFlag(f: Flags): RetrievalMode | undefined {
  const mode = str(f, 'mode');
  if (mode === undefined) return undefined;
  if (!(RETRIEVAL_MODES as readonly string[]).includes(mode))
    throw new CliError(t().badFlag('--mode', mode, RETRIEVAL_MODES.join(', ')), 2);
  return mode as RetrievalMode;
}

/** A search hit as `baimo kb search --json` prints it: the API's hit, plus `document` (its name) and `rank`. */
export function hitView(h: SearchHit, rank: number) {
  return {
    rank,
    text: h.chunk.text,
    score: h.score,
    document: h.document.name,
    chunk_id: h.chunk.id,
    document_id: h.document.id,
    document_title: h.document.title,
    title_path: h.chunk.titlePath,
    kind: h.chunk.kind,
    index: h.chunk.index,
    ranks: { keyword: h.ranks.keyword ?? null, vector: h.ranks.vector ?? null, fused: h.ranks.fused, rerank: h.ranks.rerank ?? null },
    scores: { keyword: h.scores.keyword ?? null, vector: h.scores.vector ?? null, fused: h.scores.fused, rerank: h.scores.rerank ?? null },
  };
}

/** The text on one line, cut to about `columns` terminal columns. */
export function excerpt(text: string, columns: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (width(flat) <= columns) return flat;
  let out = '';
  for (const ch of flat) {
    if (width(out + ch) > columns - 1) break;
    out += ch;
  }
  return `${out}…`;
}

async function search(rt: Runtime, args: string[], f: Flags): Promise<number> {
  const ref = arg(args, 0, KB_USAGE.search);
  // The rest is the query: `baimo kb search docs 大模型 备案` needs no quotes.
  const query = args.slice(1).join(' ').trim();
  if (!query) throw new CliError(t().usage(KB_USAGE.search), 2);
  if (query.length > KB_LIMITS.query) throw new CliError(t().badFlag('<query>', '', `at most ${KB_LIMITS.query} characters`), 2);
  const topK = intFlag(f, 'k', 1, KB_LIMITS.k);
  const mode = modeFlag(f);
  const { base, workspace } = await locateBase(rt, f, ref);
  const result = await rt.knowledge.search(workspace.id, base.id, query, { topK, mode });
  if (f.json) {
    printJson(result.hits.map((h, i) => hitView(h, i + 1)));
    return 0;
  }
  if (result.hits.length === 0) {
    process.stdout.write(`${t().kbNoHits}\n`);
    return 0;
  }
  const columns = Math.max(40, Math.min(process.stdout.columns || 100, 160) - 6);
  result.hits.forEach((h, i) => {
    const where = [h.document.name, ...h.chunk.titlePath].join(' › ');
    process.stdout.write(`${String(i + 1).padStart(3)}  ${h.score.toFixed(4)}  ${where}\n      ${excerpt(h.chunk.text, columns)}\n`);
  });
  return 0;
}
