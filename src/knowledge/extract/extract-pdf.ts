import type { Block } from '../chunking/blocks.js';
import { MAX_BLOCKS } from '../chunking/blocks.js';
import { ExtractError } from './extract-error.js';

/** What this file reads of pdf.js's text items (`TextItem` in pdfjs-dist). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

// Han, kana, hangul, CJK punctuation and full-width forms: no space is put between two of these.
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
const SENTENCE_END = /[。！？；：.!?;:]$/;

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/**
 * pdf.js in Node has no Web Worker: it runs its worker code in this thread (a "fake worker"). Registering the
 * worker module as `globalThis.pdfjsWorker` makes it skip its own `import(workerSrc)`, which resolves a relative
 * path and breaks under bundlers and test runners.
 */
function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  pdfjs ??= (async () => {
    const workerPath = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker = (await import(workerPath)) as { WorkerMessageHandler: unknown };
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/** Joins two pieces of text: nothing between CJK characters, one space between anything else. */
function glue(left: string, right: string): string {
  if (!left) return right;
  if (!right) return left;
  const a = left[left.length - 1];
  const b = right[0];
  if (/\s/.test(a) || /\s/.test(b) || (CJK.test(a) && CJK.test(b))) return left + right;
  return `${left} ${right}`;
}

/** One page's items → paragraphs: lines by `hasEOL` and y position, paragraphs by a vertical gap wider than a line. */
export function pageParagraphs(items: readonly TextItem[]): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let line = '';
  let last: { y: number; endX: number; height: number } | undefined;
  let eol = false;
  let space = false;
  const endLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const endParagraph = () => {
    endLine();
    let text = '';
    for (const l of lines) text = text && SENTENCE_END.test(text) ? `${text}\n${l}` : glue(text, l);
    if (text) paragraphs.push(text);
    lines = [];
  };
  for (const item of items) {
    if (!item.str.trim()) {
      // Whitespace items only mark a space (dropped between CJK characters) or the end of a line.
      space ||= item.str.length > 0;
      eol ||= item.hasEOL;
      continue;
    }
    const x = item.transform[4];
    const y = item.transform[5];
    const height = Math.abs(item.height) || Math.hypot(item.transform[2], item.transform[3]) || last?.height || 10;
    const dy = last ? Math.abs(y - last.y) : 0;
    if (last && dy > Math.max(height, last.height) * 1.8) endParagraph();
    else if (last && (eol || dy > Math.min(height, last.height) * 0.5)) endLine();
    // On the same line a space or a visible gap separates items, except between CJK characters.
    if (line && (space || x - last!.endX > height * 0.15)) line = glue(line, item.str.trimStart());
    else line += item.str;
    last = { y, endX: x + item.width, height };
    eol = item.hasEOL;
    space = false;
  }
  endParagraph();
  return paragraphs;
}

/** A PDF → one paragraph block per paragraph, pages in order. Refuses encrypted, corrupt and over-long files. */
export async function extractPdf(bytes: Uint8Array, maxPages: number): Promise<{ blocks: Block[]; title?: string }> {
  const { getDocument } = await loadPdfjs();
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise.catch((e: unknown) => {
      throw pdfError(e);
    });
    if (doc.numPages > maxPages)
      throw new ExtractError('too-large', `The PDF has ${doc.numPages} pages; at most ${maxPages} pages can be imported. Split the file.`);
    const blocks: Block[] = [];
    for (let n = 1; n <= doc.numPages && blocks.length < MAX_BLOCKS; n++) {
      const page = await doc.getPage(n).catch((e: unknown) => {
        throw pdfError(e);
      });
      const content = await page.getTextContent().catch((e: unknown) => {
        throw pdfError(e);
      });
      const items = content.items.filter((i): i is TextItem & (typeof content.items)[number] => 'str' in i);
      for (const text of pageParagraphs(items)) blocks.push({ type: 'paragraph', text });
      page.cleanup();
    }
    const meta = await doc.getMetadata().catch(() => undefined);
    const info = meta?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    return { blocks: blocks.slice(0, MAX_BLOCKS), title };
  } finally {
    await task.destroy();
  }
}

function pdfError(e: unknown): ExtractError {
  if (e instanceof ExtractError) return e;
  const name = (e as { name?: string } | undefined)?.name;
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException')
    return new ExtractError('encrypted-pdf', 'The PDF is password-protected. Remove the password and upload it again.');
  return new ExtractError('corrupt-pdf', `The PDF is damaged or not a valid PDF (${detail}).`);
}
