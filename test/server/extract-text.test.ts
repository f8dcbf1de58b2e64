import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_LIMITS } from '../../src/apps/app-types.js';
import { admin, api, createKey, login, type Caller } from '../helpers/admin-api.js';
import { minimalPdf } from '../helpers/minimal-pdf.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { writeZip } from '../helpers/zip-writer.js';

// Issue 18: the console's app forms read a PDF, Word, HTML or (GBK) text file as the text of a `file`
// variable through `POST /api/extract-text`: the same reading as `baimo apps run --file`, nothing stored.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A Word document: a heading and two paragraphs. */
function docx(): Uint8Array {
  const body = [para('季度总结', 'Heading1'), para('本季度营收一千二百万元。'), para('Revenue grew in the third quarter.')].join('');
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    },
  ]);
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MIB = 1024 * 1024;

interface Part {
  name: string;
  data: Uint8Array | string;
  type?: string;
  field?: string;
}

let baimo: TestBaimo;
let viewer: { cookie: string; csrf: string };
let loner: { cookie: string; csrf: string };
let key: string;

/** `POST /api/extract-text` as multipart/form-data: file parts (and text fields). */
async function extract(parts: Part[], caller: Caller = admin, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const p of parts)
    form.append(p.field ?? 'file', new Blob([typeof p.data === 'string' ? p.data : Buffer.from(p.data)], { type: p.type ?? '' }), p.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const headers: Record<string, string> = {};
  if (caller && 'token' in caller) headers.authorization = `Bearer ${caller.token}`;
  if (caller && 'cookie' in caller) {
    headers.cookie = caller.cookie;
    if (caller.csrf) headers['x-csrf-token'] = caller.csrf;
  }
  const res = await fetch(`${baimo.url}/api/extract-text`, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

beforeAll(async () => {
  baimo = await startBaimo({});
  for (const [email, workspaces] of [
    ['viewer@example.cn', [{ id: 'ws_default', role: 'viewer' }]],
    ['loner@example.cn', []],
  ] as const) {
    const r = await api(baimo, 'POST', '/api/users', { email, name: email.split('@')[0], password: 'correct horse battery', workspaces });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  viewer = await login(baimo, 'viewer@example.cn', 'correct horse battery');
  loner = await login(baimo, 'loner@example.cn', 'correct horse battery');
  key = (await createKey(baimo, { name: 'extract' })).key;
});
afterAll(async () => {
  await baimo?.close();
});

describe('POST /api/extract-text', () => {
  it('reads a .docx as Markdown-like text for a workspace viewer (console session)', async () => {
    const r = await extract([{ name: '季度报告.docx', data: docx(), type: DOCX_TYPE }], viewer);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const text = '# 季度总结\n\n本季度营收一千二百万元。\n\nRevenue grew in the third quarter.';
    expect(r.body).toEqual({
      object: 'extracted_text',
      name: '季度报告.docx',
      format: 'docx',
      text,
      characters: text.length,
      truncated: false,
    });
  });

  it('reads a PDF page by page', async () => {
    const pdf = minimalPdf([['Quarterly report of the Zephyr division.'], ['Outlook: steady growth.']], 'Zephyr');
    const r = await extract([{ name: 'zephyr.pdf', data: pdf, type: 'application/pdf' }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.format).toBe('pdf');
    expect(r.body.text).toContain('Quarterly report of the Zephyr division.');
    expect(r.body.text).toContain('Outlook: steady growth.');
    expect(r.body.text.indexOf('Quarterly')).toBeLessThan(r.body.text.indexOf('Outlook'));
    expect(r.body.truncated).toBe(false);
  });

  it('decodes a GB18030 (GBK) text file, which the browser would garble, and keeps it as written', async () => {
    // "你好，知识库" in GBK, then "\r\n\r\n  OK" in ASCII: not valid UTF-8.
    const gbk = [0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xd6, 0xaa, 0xca, 0xb6, 0xbf, 0xe2];
    const bytes = new Uint8Array([...gbk, 0x0d, 0x0a, 0x0d, 0x0a, 0x20, 0x20, 0x4f, 0x4b]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await extract([{ name: '制度.txt', data: bytes, type: 'text/plain' }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ format: 'txt', text: '你好，知识库\n\n  OK', characters: 12, truncated: false });
    // A CSV (no extractor format of its own) is plain text too.
    const csv = await extract([{ name: 'data.csv', data: 'a,b\n1,2\n', type: 'text/csv' }], viewer);
    expect(csv.body).toMatchObject({ format: 'txt', text: 'a,b\n1,2' });
  });

  it('reads HTML without its markup', async () => {
    const html = '<html><head><title>帮助</title><style>p{}</style></head><body><h2>概述</h2><p>正文 &amp; 说明。</p></body></html>';
    const r = await extract([{ name: 'help.html', data: html, type: 'text/html' }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ format: 'html', text: '## 概述\n\n正文 & 说明。' });
  });

  it('cuts text over the longest a file variable takes, and says so', async () => {
    const long = `${'长'.repeat(APP_LIMITS.longText)}tail`;
    const r = await extract([{ name: 'long.md', data: long }]);
    expect(r.status).toBe(200);
    expect(r.body.truncated).toBe(true);
    expect(r.body.characters).toBe(APP_LIMITS.longText + 4);
    expect(r.body.text.length).toBe(APP_LIMITS.longText);
    expect(r.body.text.endsWith('长')).toBe(true);
  });

  it('refuses a corrupt PDF, a fake DOCX and an unknown binary with the extractor’s reason (400)', async () => {
    const pdf = minimalPdf([['Some text.']]);
    const corrupt = await extract([{ name: 'broken.pdf', data: pdf.subarray(0, 120), type: 'application/pdf' }]);
    expect(corrupt.status, JSON.stringify(corrupt.body)).toBe(400);
    expect(corrupt.body.error).toMatchObject({ code: 'file_unreadable', param: 'file', type: 'invalid_request_error' });
    expect(corrupt.body.error.message).toContain('broken.pdf');
    expect(corrupt.body.error.message).toContain('(corrupt-pdf)');
    expect(corrupt.body.error.message).toContain('PDF 文件已损坏');
    const fake = await extract([{ name: 'memo.docx', data: 'just text' }], viewer);
    expect(fake.status).toBe(400);
    expect(fake.body.error.message).toContain('(broken-zip)');
    const binary = await extract([{ name: 'blob.bin', data: new Uint8Array([0, 1, 2, 3, 0, 0, 7]) }]);
    expect(binary.status).toBe(400);
    expect(binary.body.error.message).toContain('(unsupported-format)');
  });

  it('refuses a file over 50 MiB (413), naming it', async () => {
    const r = await extract([{ name: 'huge.txt', data: new Uint8Array(50 * MIB + 1).fill(0x61) }]);
    expect(r.status, JSON.stringify(r.body)).toBe(413);
    expect(r.body.error).toMatchObject({ code: 'file_too_large', param: 'file' });
    expect(r.body.error.message).toContain('huge.txt');
    // Text of exactly the longest a file variable takes is whole.
    const ok = await extract([{ name: 'big.txt', data: new Uint8Array(APP_LIMITS.longText).fill(0x62) }]);
    expect(ok.body).toMatchObject({ characters: APP_LIMITS.longText, truncated: false });
  });

  it('takes exactly one `file` part in multipart/form-data', async () => {
    const two = await extract([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b' },
    ]);
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/exactly one `file` part/);
    const field = await extract([{ name: 'a.txt', data: 'a' }], admin, { note: 'x' });
    expect(field.status).toBe(400);
    const otherName = await extract([{ name: 'a.txt', data: 'a', field: 'document' }]);
    expect(otherName.status).toBe(400);
    const none = await extract([], admin, {});
    expect(none.status).toBe(400);
    const json = await api(baimo, 'POST', '/api/extract-text', { text: 'hello' });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/multipart\/form-data/);
  });

  it('is for users and the admin token: keys 403, nobody 401, users outside every workspace 403, sessions need CSRF', async () => {
    const file = [{ name: 'a.txt', data: 'hello' }];
    const byKey = await extract(file, { token: key });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.code).toBe('key_not_allowed');
    expect((await extract(file, null)).status).toBe(401);
    expect((await extract(file, { token: 'wrong' })).status).toBe(401);
    expect((await extract(file, loner)).status).toBe(403);
    const noCsrf = await extract(file, { cookie: viewer.cookie });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
  });

  it('stores nothing and is not audited', async () => {
    expect((await extract([{ name: 'a.txt', data: 'hello' }])).status).toBe(200);
    const audit = await api(baimo, 'GET', '/api/audit?limit=200');
    expect(audit.status).toBe(200);
    expect(audit.body.data.some((e: { action: string }) => e.action.includes('extract'))).toBe(false);
  });
});
