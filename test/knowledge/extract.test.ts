import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/knowledge/chunking/index.js';
import { pageParagraphs } from '../../src/knowledge/extract/extract-pdf.js';
import { ExtractError, extractDocument, type ExtractReason } from '../../src/knowledge/extract/index.js';
import { minimalPdf } from '../helpers/minimal-pdf.js';
import { writeZip, type ZipFile } from '../helpers/zip-writer.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function refused(promise: Promise<unknown>, reason: ExtractReason): Promise<ExtractError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).reason).toBe(reason);
  expect((error as ExtractError).message.length).toBeGreaterThan(10);
  expect((error as ExtractError).messageZh).toMatch(/[\u4e00-\u9fff]/);
  return error as ExtractError;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="2000"/></w:tcPr>${para(text)}</w:tc>`;
const DOCUMENT_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
${para('Product &amp; Guide', '<w:pStyle w:val="Heading1"/>')}
${para('安装说明', '<w:pStyle w:val="2"/>')}
${para('本产品支持离线部署，请先阅读以下说明。', '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>')}
<w:p><w:r><w:t>Key</w:t></w:r><w:r><w:tab/><w:t>value &lt;x&gt;</w:t><w:br/><w:t>next line</w:t></w:r></w:p>
${para('Outline heading', '<w:outlineLvl w:val="2"/>')}
${para('first bullet', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')}
<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:t>box</w:t></mc:Choice><mc:Fallback><w:t>DUPLICATE</w:t></mc:Fallback></mc:AlternateContent></w:r><w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del></w:p>
<w:tbl><w:tblPr/><w:tr>${cell('型号')}${cell('价格')}</w:tr><w:tr>${cell('A100')}${cell('¥ 1,000')}</w:tr><w:tr>${cell('B200')}${cell('¥ 2,000')}</w:tr></w:tbl>
<w:sectPr/></w:body></w:document>`;
const STYLES_XML = `<w:styles ${W}><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style></w:styles>`;
const CORE_XML = `<cp:coreProperties xmlns:cp="cp" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>产品指南</dc:title></cp:coreProperties>`;

function docx(files: ZipFile[] = [], opts: { stored?: boolean } = {}): Uint8Array {
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types/>', stored: opts.stored },
    { name: 'word/document.xml', data: DOCUMENT_XML, stored: opts.stored },
    { name: 'word/styles.xml', data: STYLES_XML, stored: opts.stored },
    { name: 'docProps/core.xml', data: CORE_XML, stored: opts.stored },
    ...files,
  ]);
}

describe('extractDocument: text formats', () => {
  it('reads UTF-8 text with a BOM as paragraphs', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('第一段文字。\n仍是第一段。\n\nSecond paragraph.')]);
    const doc = await extractDocument({ bytes, filename: 'notes.txt' });
    expect(doc.format).toBe('txt');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: '第一段文字。\n仍是第一段。' },
      { type: 'paragraph', text: 'Second paragraph.' },
    ]);
  });

  it('detects GBK (GB18030) Chinese text that is not UTF-8', async () => {
    // "你好，知识库" in GBK, then "\n\nOK" in ASCII; these bytes are not valid UTF-8.
    const gbk = [0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xd6, 0xaa, 0xca, 0xb6, 0xbf, 0xe2];
    const bytes = new Uint8Array([...gbk, 0x0a, 0x0a, 0x4f, 0x4b]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const doc = await extractDocument({ bytes, filename: '制度.txt', contentType: 'text/plain' });
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: '你好，知识库' },
      { type: 'paragraph', text: 'OK' },
    ]);
  });

  it('reads HTML by content type, with its <title>, headings and tables', async () => {
    const html =
      '<html><head><title>帮助 &amp; 文档</title></head><body><h1>概述</h1><p>正文段落。</p><table><tr><th>项</th><th>值</th></tr><tr><td>a</td><td>1</td></tr></table></body></html>';
    const doc = await extractDocument({ bytes: utf8(html), contentType: 'text/html; charset=utf-8' });
    expect(doc.format).toBe('html');
    expect(doc.title).toBe('帮助 & 文档');
    expect(doc.blocks).toContainEqual({ type: 'heading', level: 1, text: '概述' });
    expect(doc.blocks).toContainEqual({ type: 'paragraph', text: '正文段落。' });
    expect(doc.blocks).toContainEqual({ type: 'table', header: ['项', '值'], rows: [['a', '1']] });
  });

  it('reads Markdown by extension, and sniffs HTML and Markdown without a name or type', async () => {
    const md = '# 部署手册\n\n先安装依赖。\n\n| 名称 | 版本 |\n|---|---|\n| node | 20 |\n';
    const doc = await extractDocument({ bytes: utf8(md), filename: 'deploy.MD' });
    expect(doc).toMatchObject({ format: 'md', title: '部署手册' });
    expect(doc.blocks).toContainEqual({ type: 'table', header: ['名称', '版本'], rows: [['node', '20']] });
    expect((await extractDocument({ bytes: utf8(md) })).format).toBe('md');
    expect((await extractDocument({ bytes: utf8('<!DOCTYPE html><p>hi</p>') })).format).toBe('html');
    expect((await extractDocument({ bytes: utf8('just words') })).format).toBe('txt');
  });

  it('refuses an unknown binary and a file over the byte limit', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await refused(extractDocument({ bytes: png, filename: 'photo.png' }), 'unsupported-format');
    await refused(extractDocument({ bytes: utf8('x'.repeat(2000)), filename: 'a.txt' }, { maxBytes: 1000 }), 'too-large');
  });
});

describe('extractDocument: PDF', () => {
  const pdf = minimalPdf(
    [['Hello world from page one.', 'Second line', '', 'A new paragraph (page 1).'], ['Page two text.']],
    'Test Manual',
  );

  it('extracts text per page, in reading order, with the document title', async () => {
    const doc = await extractDocument({ bytes: pdf, filename: 'manual.pdf' });
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Test Manual');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'Hello world from page one.\nSecond line' },
      { type: 'paragraph', text: 'A new paragraph (page 1).' },
      { type: 'paragraph', text: 'Page two text.' },
    ]);
    expect(chunkDocument(doc.blocks).text).toContain('Page two text.');
  });

  it('detects a PDF by its magic bytes whatever it is called', async () => {
    expect((await extractDocument({ bytes: pdf, filename: 'upload.bin', contentType: 'application/octet-stream' })).format).toBe('pdf');
  });

  it('refuses a truncated PDF, a fake PDF and one over the page limit', async () => {
    const e = await refused(extractDocument({ bytes: pdf.subarray(0, 120), filename: 'broken.pdf' }), 'corrupt-pdf');
    expect(e.message).toMatch(/damaged|not a valid PDF/);
    await refused(extractDocument({ bytes: utf8('not a pdf at all'), filename: 'fake.pdf' }), 'corrupt-pdf');
    await refused(extractDocument({ bytes: pdf }, { maxPages: 1 }), 'too-large');
  });

  it('joins CJK text items without spaces and Latin items with one', () => {
    const item = (str: string, x: number, y: number, width = 12, hasEOL = false) => ({
      str,
      transform: [12, 0, 0, 12, x, y],
      width,
      height: 12,
      hasEOL,
    });
    // A gap and a space item between CJK characters, a CJK line wrap, then Latin words on the next line.
    const items = [item('知', 72, 700), item('识', 86, 700), item(' ', 98, 700, 3), item('库', 101, 700, 12, true)];
    items.push(item('第二行', 72, 684, 36), item('文字', 108, 684, 24), item('Hello', 72, 668, 28), item('world', 104, 668, 28));
    items.push(item('next', 72, 620, 24));
    expect(pageParagraphs(items)).toEqual(['知识库第二行文字 Hello world', 'next']);
  });
});

describe('extractDocument: DOCX', () => {
  it('reads headings, paragraphs, lists and tables from word/document.xml', async () => {
    for (const stored of [false, true]) {
      const doc = await extractDocument({ bytes: docx([], { stored }), filename: '产品指南.docx' });
      expect(doc.format).toBe('docx');
      expect(doc.title).toBe('产品指南');
      expect(doc.blocks).toEqual([
        { type: 'heading', level: 1, text: 'Product & Guide' },
        { type: 'heading', level: 2, text: '安装说明' },
        { type: 'paragraph', text: '本产品支持离线部署，请先阅读以下说明。' },
        { type: 'paragraph', text: 'Key\tvalue <x>\nnext line' },
        { type: 'heading', level: 3, text: 'Outline heading' },
        { type: 'list-item', text: 'first bullet' },
        { type: 'paragraph', text: 'box' },
        {
          type: 'table',
          header: ['型号', '价格'],
          rows: [
            ['A100', '¥ 1,000'],
            ['B200', '¥ 2,000'],
          ],
        },
      ]);
    }
  });

  it('takes `标题 N` style names and falls back to the first heading for the title', async () => {
    const xml = `<w:document ${W}><w:body>${para('第一章', '<w:pStyle w:val="标题1"/>')}${para('正文')}</w:body></w:document>`;
    const doc = await extractDocument({ bytes: writeZip([{ name: 'word/document.xml', data: xml }]) });
    expect(doc).toMatchObject({
      format: 'docx',
      title: '第一章',
      blocks: [
        { type: 'heading', level: 1, text: '第一章' },
        { type: 'paragraph', text: '正文' },
      ],
    });
  });

  it('refuses a zip without word/document.xml, a broken zip and a bad checksum', async () => {
    await refused(extractDocument({ bytes: writeZip([{ name: 'readme.txt', data: 'hi' }]), filename: 'x.docx' }), 'missing-document-xml');
    const whole = docx();
    await refused(extractDocument({ bytes: whole.subarray(0, whole.length - 30), filename: 'cut.docx' }), 'broken-zip');
    await refused(extractDocument({ bytes: utf8('plain text'), filename: 'fake.docx' }), 'broken-zip');
    const tampered = docx([], { stored: true });
    const at = Buffer.from(tampered).indexOf('Product');
    tampered[at] = 0x70; // 'p': the data no longer matches its CRC
    await refused(extractDocument({ bytes: tampered }), 'broken-zip');
    await refused(
      extractDocument({ bytes: writeZip([{ name: 'word/document.xml', data: DOCUMENT_XML, encrypted: true }]) }),
      'encrypted-zip',
    );
  });

  it('refuses a zip bomb: an entry over the bound, and one that expands beyond its declared size', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const big = writeZip([{ name: 'word/document.xml', data: zeros }]);
    expect(big.length).toBeLessThan(64 * 1024);
    const e = await refused(extractDocument({ bytes: big }, { maxUncompressedBytes: 1024 * 1024 }), 'zip-bomb');
    expect(e.message).toContain('word/document.xml');
    const liar = writeZip([{ name: 'word/document.xml', data: zeros, declaredSize: 100 }]);
    await refused(extractDocument({ bytes: liar }), 'zip-bomb');
  });
});
