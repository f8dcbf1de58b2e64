import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeRepository, type KbBaseRow, type KbChunkRow, type KbDocumentRow } from '../../src/store/knowledge-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabaseWithWorkspaces, TEST_DIALECT } from '../helpers/test-database.js';

// The knowledge bases' SQL on the dialect of this run (the postgres project runs it on PostgreSQL):
// bases unique per workspace, documents unique per base and paged newest first, metadata filters,
// chunk lookups past the thousand-ids-per-query split, cascading deletes and upload bytes.

let database: OpenedDatabase;
let repo: KnowledgeRepository;
let seq = 0;

beforeAll(async () => {
  database = await openTestDatabaseWithWorkspaces('baimo-kb-repo-', ['ws_a', 'ws_other']);
  repo = new KnowledgeRepository(database.db);
});
afterAll(async () => {
  await database?.close();
});

const id = (prefix: string) => `${prefix}_${(++seq).toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;

function base(name: string, over: Partial<KbBaseRow> = {}): KbBaseRow {
  return {
    id: id('kb'),
    workspace_id: 'ws_a',
    name,
    description: '',
    embedding_model: 'fake/embed',
    dimensions: null,
    settings: '{}',
    document_count: 0,
    chunk_count: 0,
    created_by: null,
    created_at: 1000,
    updated_at: 1000,
    ...over,
  };
}

function doc(kbId: string, name: string, over: Partial<KbDocumentRow> = {}): KbDocumentRow {
  return {
    id: id('doc'),
    kb_id: kbId,
    name,
    source: 'file',
    format: null,
    title: null,
    bytes: null,
    content_hash: null,
    status: 'queued',
    error_reason: null,
    error_message: null,
    chunk_count: 0,
    metadata: '{}',
    job_id: null,
    created_at: 1000,
    updated_at: 1000,
    ...over,
  };
}

const chunk = (kbId: string, documentId: string, idx: number): KbChunkRow => ({
  id: `chk_${documentId}_${idx}`,
  kb_id: kbId,
  document_id: documentId,
  idx,
  text: `text ${idx} 上海交通大学`,
  title_path: JSON.stringify(['A', `B${idx}`]),
  tokens: 5,
  kind: 'text',
});

describe(`knowledge repository on ${TEST_DIALECT}`, () => {
  it('keeps base names unique per workspace and finds a base by id or name', async () => {
    const a = await repo.insertBase(base('手册'));
    expect(a?.name).toBe('手册');
    expect(await repo.insertBase(base('手册'))).toBeUndefined();
    expect(await repo.insertBase(base('手册', { workspace_id: 'ws_other' }))).toBeDefined();
    expect((await repo.findBase('ws_a', '手册'))?.id).toBe(a!.id);
    expect((await repo.findBase('ws_a', a!.id))?.name).toBe('手册');
    expect(await repo.findBase('ws_other', a!.id)).toBeUndefined();
    expect(await repo.countBases('ws_a')).toBe(1);
    expect((await repo.listBases('ws_a')).map((b) => b.name)).toEqual(['手册']);
    expect(await repo.fixDimensions(a!.id, 64, 2000)).toBe(64);
    expect(await repo.fixDimensions(a!.id, 32, 2000)).toBe(64); // the first wins
    expect((await repo.updateBase(a!.id, { description: 'x', updated_at: 3000 }))?.description).toBe('x');
  });

  it('pages documents newest first, filters by status and metadata, and refreshes counts', async () => {
    const b = (await repo.insertBase(base('paging')))!;
    const docs: KbDocumentRow[] = [];
    for (let i = 0; i < 25; i++) {
      const d = doc(b.id, `f${i}.md`, {
        created_at: 10_000 + Math.floor(i / 3), // ties on created_at: the id breaks them
        status: i % 5 === 0 ? 'ready' : 'queued',
        chunk_count: i % 5 === 0 ? 2 : 0,
        metadata: JSON.stringify({ dept: i % 2 ? '法务' : 'hr', year: String(2020 + (i % 3)) }),
      });
      expect(await repo.insertDocument(d)).toBeDefined();
      docs.push(d);
    }
    expect(await repo.insertDocument(doc(b.id, 'f3.md'))).toBeUndefined();
    expect((await repo.documentByName(b.id, 'f3.md'))?.id).toBe(docs[3]!.id);

    const seen: string[] = [];
    let cursor: { createdAt: number; id: string } | undefined;
    do {
      const page = await repo.listDocuments(b.id, { limit: 7, cursor });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
    } while (cursor);
    const expected = [...docs].sort((x, y) => y.created_at - x.created_at || (x.id < y.id ? 1 : -1)).map((d) => d.id);
    expect(seen).toEqual(expected);
    expect((await repo.listDocuments(b.id, { limit: 100, status: 'ready' })).rows).toHaveLength(5);

    const legal = await repo.documentIdsByMetadata(b.id, { dept: ['法务'] }, 100);
    expect(legal.sort()).toEqual(
      docs
        .filter((_, i) => i % 2)
        .map((d) => d.id)
        .sort(),
    );
    const both = await repo.documentIdsByMetadata(b.id, { dept: ['法务'], year: ['2020', '2022'] }, 100);
    expect(both.sort()).toEqual(
      docs
        .filter((_, i) => i % 2 && i % 3 !== 1)
        .map((d) => d.id)
        .sort(),
    );
    expect(await repo.documentIdsByMetadata(b.id, { missing: ['x'] }, 100)).toEqual([]);
    expect(await repo.documentIdsByMetadata(b.id, { dept: ['法务'] }, 3)).toHaveLength(3);

    await repo.refreshCounts(b.id, 20_000);
    const counted = await repo.baseById(b.id);
    expect(counted).toMatchObject({ document_count: 25, chunk_count: 10, updated_at: 20_000 });

    const briefs = await repo.documentBriefs([docs[0]!.id, docs[1]!.id, docs[0]!.id]);
    expect(briefs.map((d) => d.name).sort()).toEqual(['f0.md', 'f1.md']);
    expect(await repo.unfinishedJobs(b.id)).toEqual([]);
    await repo.updateDocument(docs[1]!.id, { job_id: 'job_x' });
    expect(await repo.unfinishedJobs(b.id)).toEqual(['job_x']);
    // A write on behalf of a job that no longer owns the document changes nothing.
    expect(await repo.updateDocument(docs[1]!.id, { status: 'ready' }, 'job_old')).toBeUndefined();
    expect((await repo.updateDocument(docs[1]!.id, { status: 'processing' }, 'job_x'))?.status).toBe('processing');
  });

  it('stores chunks, looks up more than a thousand by id, moves and deletes them', async () => {
    const b = (await repo.insertBase(base('chunks')))!;
    const d1 = doc(b.id, 'one.txt');
    const d2 = doc(b.id, 'two.txt');
    await repo.insertDocument(d1);
    await repo.insertDocument(d2);
    const many = Array.from({ length: 1203 }, (_, i) => chunk(b.id, d1.id, i));
    await repo.insertChunks(many);
    await repo.insertChunks(many.slice(0, 10)); // a resumed batch: no duplicates, no error
    await repo.insertChunks([chunk(b.id, d2.id, 0), chunk(b.id, d2.id, 1)]);
    expect(await repo.countChunks(b.id)).toBe(1205);

    const ids = many.map((c) => c.id);
    const found = await repo.chunksByIds([...ids, 'chk_missing']);
    expect(found).toHaveLength(1203);
    expect(found.find((c) => c.idx === 7)).toMatchObject({ text: 'text 7 上海交通大学', title_path: '["A","B7"]', kind: 'text' });

    const indexes = await repo.chunkIndexes(d1.id);
    expect(indexes.size).toBe(1203);
    expect(indexes.get(ids[42]!)).toBe(42);
    await repo.setChunkIndexes([{ id: ids[42]!, idx: 4200 }]);
    expect((await repo.chunkIndexes(d1.id)).get(ids[42]!)).toBe(4200);

    const page = await repo.listChunks(d1.id, 5, 10);
    expect(page.total).toBe(1203);
    expect(page.rows.map((r) => r.idx)).toEqual([10, 11, 12, 13, 14]);

    expect(await repo.deleteChunks(ids.slice(0, 1100))).toBe(1100);
    expect(await repo.deleteChunksOfDocument(d1.id)).toBe(103);
    expect(await repo.countChunks(b.id)).toBe(2);
  });

  it('keeps upload bytes as given, and a base delete takes documents, chunks and uploads with it', async () => {
    const b = (await repo.insertBase(base('uploads')))!;
    const d = doc(b.id, 'blob.pdf');
    await repo.insertDocument(d);
    const bytes = new Uint8Array(randomBytes(70_000));
    await repo.putUpload(d.id, bytes, 'application/pdf', 5);
    const stored = await repo.upload(d.id);
    expect(Buffer.compare(Buffer.from(stored!.bytes), Buffer.from(bytes))).toBe(0);
    expect(stored!.content_type).toBe('application/pdf');
    await repo.putUpload(d.id, new Uint8Array([1, 2, 3]), null, 6); // replaced
    expect([...(await repo.upload(d.id))!.bytes]).toEqual([1, 2, 3]);
    await repo.insertChunks([chunk(b.id, d.id, 0)]);

    expect(await repo.deleteBase(b.id)).toBe(true);
    expect(await repo.deleteBase(b.id)).toBe(false);
    expect(await repo.documentById(d.id)).toBeUndefined();
    expect(await repo.upload(d.id)).toBeUndefined();
    expect(await repo.countChunks(b.id)).toBe(0);
  });

  it('deletes a document with its chunks and upload', async () => {
    const b = (await repo.insertBase(base('docdelete')))!;
    const d = doc(b.id, 'x.txt');
    await repo.insertDocument(d);
    await repo.putUpload(d.id, new Uint8Array([9]), 'text/plain', 1);
    await repo.insertChunks([chunk(b.id, d.id, 0), chunk(b.id, d.id, 1)]);
    expect(await repo.deleteDocument(d.id)).toBe(true);
    expect(await repo.countChunks(b.id)).toBe(0);
    expect(await repo.upload(d.id)).toBeUndefined();
    expect(await repo.deleteDocument(d.id)).toBe(false);
  });
});
