import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { allChunks, createKb, search, settled, startKbScene, upload } from '../helpers/kb-api.js';
import { minimalPdf } from '../helpers/minimal-pdf.js';
import { writeZip } from '../helpers/zip-writer.js';

// Issue 17, acceptance: real files of each format, made here, uploaded through the API (multipart),
// ingested by the background job, and found again by search; a corrupt PDF fails alone with its
// reason; the same bytes again are not re-ingested; a file over `knowledge.max_file_mb` is a 413.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A Word document: a heading, a subheading and paragraphs, with a title in its core properties. */
function docx(): Uint8Array {
  const body = [
    para('Turbine Maintenance', 'Heading1'),
    para('Flange inspection', 'Heading2'),
    para('Tighten every flange bolt of the turbine housing to 45 newton metres with a calibrated torque wrench.'),
    para('安装前请检查法兰密封圈是否完好。'),
  ].join('');
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    },
    {
      name: 'docProps/core.xml',
      data: '<cp:coreProperties xmlns:cp="cp" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Turbine Handbook</dc:title></cp:coreProperties>',
    },
  ]);
}

const PDF = minimalPdf(
  [
    ['Quarterly report of the Zephyr division.', 'Revenue reached twelve million yuan in the third quarter.'],
    ['Outlook: the Zephyr division expects steady growth.'],
  ],
  'Zephyr Quarterly',
);

const MARKDOWN = `# 员工手册

欢迎加入公司。

## 休假制度

员工每年享有十五天带薪年假，病假需提供医院证明。

## 报销标准

| 项目 | 标准 |
|---|---|
| 高铁 | 二等座 |
| 住宿 | 每晚五百元 |
`;

const HTML = `<!DOCTYPE html><html><head><title>Glacier API</title></head><body>
<h1>Glacier API reference</h1><h2>Rate limits</h2>
<p>The Glacier endpoint accepts ninety requests per minute per token.</p></body></html>`;

describe('knowledge base ingestion of every format', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;
  let pages: FixtureServer;
  const KB = '产品文档';
  let docs: Map<string, any>;

  beforeAll(async () => {
    pages = await startFixtureServer((req) =>
      req.url === '/glacier.html'
        ? { body: HTML, headers: { 'content-type': 'text/html; charset=utf-8' } }
        : { status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } },
    );
    scene = await startKbScene({ knowledge: { max_file_mb: 1, fetch_allow_private: ['127.0.0.1/32'] } });
    await createKb(scene.baimo, { name: KB, user_words: ['带薪年假'] });
    const added = await upload(scene.baimo, KB, {
      files: [
        { name: 'turbine.docx', data: docx(), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        { name: 'zephyr.pdf', data: PDF, type: 'application/pdf' },
        { name: '员工手册.md', data: MARKDOWN, type: 'text/markdown' },
        { name: 'broken.pdf', data: PDF.subarray(0, 150), type: 'application/pdf' },
      ],
      urls: [`${pages.origin}/glacier.html`],
      metadata: { team: 'docs' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(202);
    expect(added.body.data).toHaveLength(5);
    for (const d of added.body.data) {
      expect(d).toMatchObject({ object: 'knowledge_document', queued: true, metadata: { team: 'docs' } });
      expect(['queued', 'processing']).toContain(d.status);
      expect(d.job_id).toMatch(/^job_/);
    }
    docs = await settled(scene.baimo, KB, 30_000);
  }, 60_000);
  afterAll(async () => {
    await scene?.close();
    await pages?.close();
  });

  it('ingests docx, pdf, Markdown and an HTML page by URL; a corrupt PDF fails alone, with its reason', () => {
    const expected: Record<string, string> = {
      'turbine.docx': 'docx',
      'zephyr.pdf': 'pdf',
      '员工手册.md': 'md',
      [`${pages.origin}/glacier.html`]: 'html',
    };
    for (const [name, format] of Object.entries(expected)) {
      const d = docs.get(name);
      expect(d, `${name} is listed`).toBeDefined();
      expect(d, name).toMatchObject({ status: 'ready', format, error: null, progress: 1 });
      expect(d.chunk_count, name).toBeGreaterThan(0);
    }
    expect(docs.get(`${pages.origin}/glacier.html`)).toMatchObject({ source: 'url', title: 'Glacier API' });
    expect(docs.get('turbine.docx')).toMatchObject({ source: 'file', title: 'Turbine Handbook' });
    const broken = docs.get('broken.pdf');
    expect(broken).toMatchObject({ status: 'failed', chunk_count: 0, error: { reason: 'corrupt-pdf' } });
    expect(broken.error.message).toMatch(/PDF/);
  });

  it('finds each document’s content by search, with title paths', async () => {
    const cases = [
      { query: 'flange bolt torque', doc: 'turbine.docx', path: ['Turbine Maintenance', 'Flange inspection'] },
      { query: 'Zephyr revenue', doc: 'zephyr.pdf' },
      { query: '带薪年假', doc: '员工手册.md', path: ['员工手册', '休假制度'] },
      { query: '住宿标准', doc: '员工手册.md', path: ['员工手册', '报销标准'] },
      { query: 'Glacier requests per minute', doc: `${pages.origin}/glacier.html`, path: ['Glacier API reference', 'Rate limits'] },
    ];
    for (const c of cases) {
      const r = await search(scene.baimo, KB, { query: c.query });
      expect(r.mode).toBe('hybrid');
      expect(r.data.length, c.query).toBeGreaterThan(0);
      const top = r.data[0];
      expect(top.document_name, c.query).toBe(c.doc);
      if (c.path) expect(top.title_path, c.query).toEqual(c.path);
      expect(top.ranks.fused).toBe(1);
      expect(top.score).toBeGreaterThan(0);
    }
    const kw = await search(scene.baimo, KB, { query: 'Zephyr', mode: 'keyword' });
    expect(kw.data[0]).toMatchObject({ document_name: 'zephyr.pdf', ranks: { keyword: 1, vector: null } });
    expect(kw.data[0].text).toContain('Zephyr');
  });

  it('keeps a Markdown table whole, with its header, as a table chunk', async () => {
    const md = docs.get('员工手册.md');
    const { data, total } = await allChunks(scene.baimo, KB, md.id);
    expect(total).toBe(md.chunk_count);
    const table = data.find((c) => c.kind === 'table');
    expect(table).toBeDefined();
    expect(table.title_path).toEqual(['员工手册', '报销标准']);
    for (const cell of ['项目', '标准', '高铁', '二等座', '住宿', '每晚五百元']) expect(table.text).toContain(cell);
    expect(data.map((c) => c.index)).toEqual(data.map((_, i) => i));
  });

  it('filters by metadata', async () => {
    expect((await search(scene.baimo, KB, { query: 'Zephyr', metadata: { team: 'docs' } })).data.length).toBeGreaterThan(0);
    expect((await search(scene.baimo, KB, { query: 'Zephyr', metadata: { team: 'sales' } })).data).toEqual([]);
  });

  it('does not re-ingest the same bytes: nothing queued, nothing embedded, the same chunks', async () => {
    const md = docs.get('员工手册.md');
    const before = (await allChunks(scene.baimo, KB, md.id)).data.map((c) => c.id);
    const calls = scene.fake.requests.length;
    const again = await upload(scene.baimo, KB, { files: [{ name: '员工手册.md', data: MARKDOWN, type: 'text/markdown' }] });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body.data).toHaveLength(1);
    expect(again.body.data[0]).toMatchObject({ id: md.id, name: '员工手册.md', queued: false, status: 'ready' });
    await new Promise((r) => setTimeout(r, 500));
    expect(scene.fake.requests.length).toBe(calls);
    const after = await api(scene.baimo, 'GET', `/api/kb/${encodeURIComponent(KB)}/documents/${md.id}`);
    expect(after.body).toMatchObject({ status: 'ready', chunk_count: md.chunk_count });
    expect((await allChunks(scene.baimo, KB, md.id)).data.map((c) => c.id)).toEqual(before);
  });

  it('refuses a file over knowledge.max_file_mb with 413 naming it, and stores nothing of that upload', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const r = await upload(scene.baimo, KB, {
      files: [
        { name: 'small.txt', data: 'small file' },
        { name: '超大文件.txt', data: big, type: 'text/plain' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(413);
    expect(r.body.error).toMatchObject({ code: 'file_too_large', param: 'file' });
    expect(r.body.error.message).toContain('超大文件.txt');
    expect(r.body.error.message).toContain('1 MiB');
    const list = await api(scene.baimo, 'GET', `/api/kb/${encodeURIComponent(KB)}/documents?limit=200`);
    const names = (list.body.data as any[]).map((d) => d.name);
    expect(names).not.toContain('超大文件.txt');
    expect(names).not.toContain('small.txt');
    expect((await fetch(`${scene.baimo.url}/healthz`)).status).toBe(200);
  });

  it('answers bad adds with 400s that name the problem', async () => {
    const path = `/api/kb/${encodeURIComponent(KB)}/documents`;
    const empty = await api(scene.baimo, 'POST', path, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('missing_required_parameter');
    const ftp = await api(scene.baimo, 'POST', path, { urls: ['ftp://example.com/a.txt'] });
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.param).toMatch(/^urls/);
    const badMeta = await upload(scene.baimo, KB, { files: [{ name: 'a.txt', data: 'hello' }], metadata: { n: 'x'.repeat(600) } });
    expect(badMeta.status).toBe(400);
    expect(badMeta.body.error.param).toBe('metadata');
    const form = new FormData();
    form.append('colour', 'blue');
    const unknown = await fetch(`${scene.baimo.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-baimo-test-admin' },
      body: form,
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).error.message).toContain('colour');
    const missing = await upload(scene.baimo, 'no-such-base', { files: [{ name: 'a.txt', data: 'hello' }] });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('knowledge_base_not_found');
  });
});
