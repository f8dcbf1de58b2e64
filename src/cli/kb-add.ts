import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { KB_LIMITS, type DocumentSource, type KnowledgeBase, type KnowledgeDocument } from '../knowledge/knowledge-types.js';
import type { Runtime } from '../runtime/create-runtime.js';
import type { WorkspaceRow } from '../store/tenancy-repository.js';
import { t } from './i18n.js';
import { auditKb, KB_USAGE, locateBase, str, withKnowledge } from './kb-runtime.js';
import { arg, CliError, type Flags } from './open-store.js';
import { TaskProgress } from './task-progress.js';
import { readBounded } from './read-bounded.js';
import { regularFileSize } from './regular-file-size.js';

const MB = 1024 * 1024;
/** Files and URLs one `baimo kb add` takes (sent to the service in batches of `KB_LIMITS.documentsPerAdd`). */
export const MAX_SOURCES = 10_000;
/** Bytes of files read into memory for one batch. */
const BATCH_BYTES = 256 * MB;
/** How often the documents' state is read while waiting. */
const POLL_MS = 200;

/** `--metadata`: the same bounds as the API's `metadata` field. */
const metadataSchema = z
  .record(z.string().min(1).max(KB_LIMITS.metadataKey), z.string().max(KB_LIMITS.metadataValue))
  .refine((m) => Object.keys(m).length <= KB_LIMITS.metadataKeys, `at most ${KB_LIMITS.metadataKeys} keys`);

type Planned = { kind: 'file'; path: string; name: string; size: number } | { kind: 'url'; url: string; name: string };

/**
 * `baimo kb add <name> <file|url>… [--metadata JSON]`: stores the files and URLs as documents of
 * the base, works the `knowledge` queue in this process (no server needed) and shows the ingestion's
 * progress on stderr until every document is ready or failed. One line per failed document with its
 * reason; exit 1 when any failed. Nothing is added when an argument is unusable (missing file, too
 * large, bad URL).
 */
export async function kbAdd(args: string[], f: Flags): Promise<number> {
  const ref = arg(args, 0, KB_USAGE.add);
  arg(args, 1, KB_USAGE.add);
  const metadata = parseMetadata(str(f, 'metadata'));
  // The `knowledge` queue's workers start once the documents are in: nothing runs if an argument is refused.
  return withKnowledge(f, false, async (rt) => {
    const planned = await plan(args.slice(1), rt.config.knowledge.max_file_mb);
    const { base, workspace } = await locateBase(rt, f, ref);
    const added: KnowledgeDocument[] = [];
    const unchanged: KnowledgeDocument[] = [];
    for (const batch of batches(planned)) {
      const sources = await Promise.all(batch.map((p) => source(p, metadata)));
      for (const a of await rt.knowledge.addDocuments(workspace.id, base.id, sources, 'cli'))
        (a.queued ? added : unchanged).push(a.document);
    }
    await auditKb(rt, {
      workspaceId: workspace.id,
      action: 'knowledge_document.create',
      targetType: 'knowledge_base',
      targetId: base.id,
      detail: { documents: planned.length, names: planned.slice(0, 20).map((p) => p.name) },
    });
    for (const d of unchanged) process.stderr.write(`${t().kbUnchanged(d.name)}\n`);
    if (added.length) await rt.jobs.startWorkers(['knowledge']);
    const outcome = await waitForDocuments(rt, workspace, base, added);
    const finals = [...unchanged, ...outcome.finished];
    const failed = finals.filter((d) => d.status === 'failed');
    for (const d of failed) process.stderr.write(`${t().kbDocFailed(d.name, d.errorReason ?? 'internal', d.errorMessage ?? '')}\n`);
    if (outcome.interrupted) {
      process.stderr.write(`${t().kbInterrupted}\n`);
      return 130;
    }
    const ready = finals.filter((d) => d.status === 'ready');
    process.stdout.write(
      `${t().kbAddSummary(
        ready.length,
        failed.length,
        ready.reduce((n, d) => n + d.chunkCount, 0),
      )}\n`,
    );
    return failed.length ? 1 : 0;
  });
}

function parseMetadata(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CliError(t().badFlag('--metadata', raw, t().kbMetadataFormat), 2);
  }
  const r = metadataSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new CliError(t().badFlag('--metadata', raw, `${where}${issue.message}${t().reasonSep}${t().kbMetadataFormat}`), 2);
  }
  return r.data;
}

/** Checks every argument before anything is added: files exist, fit the limit, and no two share a document name. */
async function plan(items: string[], maxFileMb: number): Promise<Planned[]> {
  if (items.length > MAX_SOURCES) throw new CliError(t().kbTooMany(items.length, MAX_SOURCES), 2);
  const out: Planned[] = [];
  const byName = new Map<string, string>();
  for (const item of items) {
    let p: Planned;
    if (/^https?:\/\//i.test(item)) {
      if (item.length > KB_LIMITS.documentName || !URL.canParse(item)) throw new CliError(t().kbBadUrl(item), 2);
      p = { kind: 'url', url: item, name: item };
    } else {
      const size = await regularFileSize(item, t().kbNotAFile(item));
      if (size > maxFileMb * MB) throw new CliError(t().kbFileTooLarge(item, (size / MB).toFixed(1), maxFileMb), 1);
      p = { kind: 'file', path: item, name: basename(item).slice(0, KB_LIMITS.documentName), size };
    }
    const other = byName.get(p.name);
    if (other !== undefined) throw new CliError(t().kbSameName(p.name, other, item), 2);
    byName.set(p.name, item);
    out.push(p);
  }
  return out;
}

/** Groups of at most `documentsPerAdd` documents and about `BATCH_BYTES` of file bytes. */
function* batches(planned: Planned[]): Generator<Planned[]> {
  let batch: Planned[] = [];
  let bytes = 0;
  for (const p of planned) {
    const size = p.kind === 'file' ? p.size : 0;
    if (batch.length && (batch.length >= KB_LIMITS.documentsPerAdd || bytes + size > BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(p);
    bytes += size;
  }
  if (batch.length) yield batch;
}

async function source(p: Planned, metadata: Record<string, string> | undefined): Promise<DocumentSource> {
  const extra = metadata ? { metadata } : {};
  if (p.kind === 'url') return { kind: 'url', url: p.url, ...extra };
  return { kind: 'file', name: p.name, bytes: await readBounded(p.path, p.size), ...extra };
}

const TERMINAL_JOB = new Set(['succeeded', 'failed', 'cancelled']);
/** `embedded 120/300 chunks`: the ingestion job's progress message. */
const CHUNKS_MESSAGE = /(\d+)\s*\/\s*(\d+)\s+chunks/;

/**
 * Polls the documents (and their jobs, for progress) until each is ready or failed, drawing the
 * progress bar. A document whose job ended without finishing it counts as failed. Ctrl-C stops
 * waiting (the jobs stay queued for a server or worker).
 */
async function waitForDocuments(
  rt: Runtime,
  ws: WorkspaceRow,
  base: KnowledgeBase,
  docs: KnowledgeDocument[],
): Promise<{ finished: KnowledgeDocument[]; interrupted: boolean }> {
  const m = t();
  const finished: KnowledgeDocument[] = [];
  if (docs.length === 0) return { finished, interrupted: false };
  const pending = new Map(docs.map((d) => [d.id, { doc: d, fraction: 0, chunks: 0 }]));
  const bar = new TaskProgress(m.kbIngesting);
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    for (;;) {
      let milestone = false;
      for (const [id, state] of pending) {
        // The job first, then the document: a job seen finished has already written its document.
        const job = state.doc.jobId ? await rt.jobs.get(state.doc.jobId) : undefined;
        const doc = await rt.knowledge.document(ws.id, base.id, id);
        let final: KnowledgeDocument | undefined;
        if (!doc) final = { ...state.doc, status: 'failed', errorReason: 'internal', errorMessage: m.kbDocGone };
        else if (doc.status === 'ready' || doc.status === 'failed') final = doc;
        else if (job && TERMINAL_JOB.has(job.status) && doc.jobId === job.id)
          final = { ...doc, status: 'failed', errorReason: 'internal', errorMessage: m.kbJobEnded(job.status, job.error) };
        if (final) {
          finished.push(final);
          pending.delete(id);
          milestone = true;
          continue;
        }
        state.doc = doc!;
        state.fraction = job?.progress ?? 0;
        const c = job?.progressMessage ? CHUNKS_MESSAGE.exec(job.progressMessage) : null;
        state.chunks = c ? Number(c[1]) : 0;
      }
      const failedCount = finished.filter((d) => d.status === 'failed').length;
      const chunks =
        finished.reduce((n, d) => n + (d.status === 'ready' ? d.chunkCount : 0), 0) +
        [...pending.values()].reduce((n, s) => n + s.chunks, 0);
      const fraction = (finished.length + [...pending.values()].reduce((n, s) => n + s.fraction, 0)) / docs.length;
      bar.update(fraction, m.kbProgress(finished.length, docs.length, failedCount, chunks), milestone);
      if (pending.size === 0 || interrupted) break;
      await sleep(POLL_MS);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar.done();
  }
  return { finished, interrupted };
}
