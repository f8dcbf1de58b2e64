import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approximateTokens,
  chunkDocument,
  chunkingSettingsSchema,
  parseHtml,
  parseMarkdown,
  parsePlainText,
  resolveChunking,
  type ChunkedDocument,
} from '../../src/knowledge/chunking/index.js';
import { sentenceBoundaries } from '../../src/knowledge/chunking/sentences.js';

/** Offsets tile the normalized text, in order, from 0 to its end. */
function expectTiling(doc: ChunkedDocument): void {
  let at = 0;
  for (const c of doc.chunks) {
    expect(c.startOffset).toBe(at);
    expect(c.endOffset).toBeGreaterThan(c.startOffset);
    expect(c.overlapStart).toBeLessThanOrEqual(c.startOffset);
    at = c.endOffset;
  }
  expect(at).toBe(doc.text.length);
  expect(doc.chunks.map((c) => doc.text.slice(c.startOffset, c.endOffset)).join('')).toBe(doc.text);
}

const MANUAL = `# 产品手册

欢迎使用本产品。本手册介绍安装与配置。

## 安装

### Linux

运行下面的命令安装：

\`\`\`bash
curl -fsSL https://example.com/install.sh | sh
baimo --version
\`\`\`

| 发行版 | 版本 | 支持 |
| --- | --- | --- |
| Ubuntu | 22.04 | 是 |
| Debian | 12 | 是 |

### macOS

- 使用 Homebrew 安装
- 或者下载安装包

## 配置

编辑 baimo.yaml 文件。
`;

describe('markdown', () => {
  const doc = chunkDocument(parseMarkdown(MANUAL));

  it('gives each chunk its title path, as a prefix of its text', () => {
    const paths = doc.chunks.map((c) => c.titlePath.join('/'));
    expect(paths).toEqual([
      '产品手册',
      '产品手册/安装/Linux',
      '产品手册/安装/Linux',
      '产品手册/安装/Linux',
      '产品手册/安装/macOS',
      '产品手册/配置',
    ]);
    for (const c of doc.chunks) expect(c.text.startsWith(`${c.titlePath.join(' > ')}\n`)).toBe(true);
    expect(doc.chunks[4].text).toBe('产品手册 > 安装 > macOS\n- 使用 Homebrew 安装\n\n- 或者下载安装包');
    expectTiling(doc);
  });

  it('keeps the table and the code block whole, each in a chunk of its kind', () => {
    expect(doc.chunks.map((c) => c.kind)).toEqual(['text', 'text', 'code', 'table', 'text', 'text']);
    const code = doc.chunks[2];
    expect(code.text).toBe('产品手册 > 安装 > Linux\n```bash\ncurl -fsSL https://example.com/install.sh | sh\nbaimo --version\n```');
    const table = doc.chunks[3];
    expect(table.text).toBe(
      '产品手册 > 安装 > Linux\n| 发行版 | 版本 | 支持 |\n| --- | --- | --- |\n| Ubuntu | 22.04 | 是 |\n| Debian | 12 | 是 |',
    );
    expect(table.tokens).toBe(approximateTokens(table.text));
    expect(doc.chunks[1].blockStart).toBe(doc.chunks[1].blockEnd);
  });

  it('splits a table larger than a chunk by rows, repeating the header in every part', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| 型号-${i} | 价格 ${i * 10} 元 | 库存充足 |`).join('\n');
    const big = chunkDocument(parseMarkdown(`# 价格表\n\n| 型号 | 价格 | 状态 |\n|---|---|---|\n${rows}\n`), { chunk_tokens: 100 });
    expect(big.chunks.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const c of big.chunks) {
      expect(c.kind).toBe('table');
      expect(c.tokens).toBeLessThanOrEqual(100);
      expect(c.text.startsWith('价格表\n| 型号 | 价格 | 状态 |\n| --- | --- | --- |\n')).toBe(true);
      seen.push(...c.text.split('\n').slice(3));
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `| 型号-${i} | 价格 ${i * 10} 元 | 库存充足 |`));
    expectTiling(big);
  });

  it('keeps code up to max_code_tokens whole, and splits longer code by lines inside fences', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `const value${i} = compute(${i});`);
    const md = '```ts\n' + lines.join('\n') + '\n```\n';
    const whole = chunkDocument(parseMarkdown(md), { chunk_tokens: 200, max_code_tokens: 1000 });
    expect(whole.chunks).toHaveLength(1);
    expect(whole.chunks[0].tokens).toBeGreaterThan(200);
    const split = chunkDocument(parseMarkdown(md), { chunk_tokens: 200, max_code_tokens: 200 });
    expect(split.chunks.length).toBeGreaterThan(1);
    for (const c of split.chunks) {
      expect(c.tokens).toBeLessThanOrEqual(200);
      expect(c.text).toMatch(/^```ts\n[\s\S]*\n```$/);
    }
    expect(split.chunks.flatMap((c) => c.text.split('\n').slice(1, -1))).toEqual(lines);
    expectTiling(split);
  });
});

const PROSE =
  '知识库把文档切成小块。每一块都带着标题路径！检索时先找到相关的块？然后把它们交给模型；模型据此回答问题。' +
  '切块要尊重句子的边界，不能把一句话拦腰截断。重叠的部分让上下文不至于丢失……表格和代码保持完整。' +
  '中文没有空格，所以按字符估算词元数量。一个汉字大约是一个词元！英文单词大约是一点三个词元。';

describe('Chinese prose', () => {
  it('splits at sentence ends within the size, each chunk starting with the end of the previous one', () => {
    const doc = chunkDocument(parsePlainText(PROSE.repeat(3)), { chunk_tokens: 60, overlap_tokens: 15 });
    expect(doc.chunks.length).toBeGreaterThan(4);
    expectTiling(doc);
    doc.chunks.forEach((c, k) => {
      expect(c.tokens).toBeLessThanOrEqual(60);
      expect(c.text).toMatch(/[。！？；…]$/);
      expect(c.text).toBe(doc.text.slice(c.overlapStart, c.endOffset).trim());
      if (k === 0) return;
      const overlap = doc.text.slice(c.overlapStart, c.startOffset);
      expect(overlap.length).toBeGreaterThan(0);
      expect(approximateTokens(overlap)).toBeLessThanOrEqual(15);
      expect(doc.chunks[k - 1].text.endsWith(overlap.trim())).toBe(true);
      expect(c.text.startsWith(overlap.trim())).toBe(true);
    });
  });

  it('hard-splits a sentence longer than a chunk, and only then', () => {
    const long = '这'.repeat(130) + '。短句。';
    const doc = chunkDocument(parsePlainText(long), { chunk_tokens: 50, overlap_tokens: 0 });
    expect(doc.chunks.map((c) => c.tokens)).toEqual([50, 50, 34]);
    expect(doc.chunks[2].text).toBe('这'.repeat(30) + '。短句。');
    const overlapped = chunkDocument(parsePlainText(long), { chunk_tokens: 50, overlap_tokens: 10 });
    expect(overlapped.chunks.length).toBeGreaterThan(3);
    for (const c of overlapped.chunks) expect(c.tokens).toBeLessThanOrEqual(50);
    expect(overlapped.chunks[1].text.startsWith('这'.repeat(10))).toBe(true);
    // A sentence that fits a chunk alone but not with the overlap drops the overlap.
    const tight = chunkDocument(parsePlainText('甲'.repeat(20) + '。' + '乙'.repeat(44) + '。'), { chunk_tokens: 50, overlap_tokens: 10 });
    expect(tight.chunks.map((c) => [c.tokens, c.overlapStart === c.startOffset])).toEqual([
      [21, true],
      [45, true],
    ]);
  });
});

describe('sentence boundaries', () => {
  const cut = (t: string) => {
    const ends = sentenceBoundaries(t, 0, t.length);
    return ends.map((e, i) => t.slice(i ? ends[i - 1] : 0, e));
  };

  it('cuts after Western ends followed by a space, never inside numbers or after abbreviations', () => {
    expect(cut('Pi is 3.14 today. Use tools, e.g. a saw. Dr. Li agrees! Why? Yes; fine')).toEqual([
      'Pi is 3.14 today. ',
      'Use tools, e.g. a saw. ',
      'Dr. Li agrees! ',
      'Why? ',
      'Yes; ',
      'fine',
    ]);
    expect(cut('版本 v1.2.3 已发布。价格为 9.99 元！')).toEqual(['版本 v1.2.3 已发布。', '价格为 9.99 元！']);
    expect(cut('他说：“好的。”然后走了')).toEqual(['他说：“好的。”', '然后走了']);
  });

  it('keeps numbers whole in chunks too', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Item ${i} costs 3.${i} dollars. `).join('');
    const doc = chunkDocument(parsePlainText(text), { chunk_tokens: 50, overlap_tokens: 0 });
    expect(doc.chunks.length).toBeGreaterThan(2);
    for (const c of doc.chunks) expect(c.text).toMatch(/^Item \d+ costs [\s\S]* dollars\.$/);
  });
});

describe('html', () => {
  const page = `<!doctype html><html><head><title>t</title><style>p { color: red }</style></head><body>
    <script>var secret = "do not index";</script>
    <h1>用户指南</h1><p>欢迎 &amp; 感谢&nbsp;使用 &lt;baimo&gt; &#x4E2D;&#25991;！</p>
    <h2>安装</h2><!-- a comment --><ul><li>下载</li><li>运行 <b>安装器</b></li></ul>
    <pre><code class="language-sh">npm i &amp;&amp; npm start
echo &quot;ok&quot;</code></pre>
    <table><thead><tr><th>名称</th><th>值</th></tr></thead><tbody><tr><td>端口</td><td>4000</td></tr></tbody></table>
    <h2>配置</h2><p>见下文。</p></body></html>`;

  it('drops scripts, styles and comments, decodes entities and turns headings into title paths', () => {
    const blocks = parseHtml(page);
    expect(JSON.stringify(blocks)).not.toMatch(/secret|color|comment/);
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: '用户指南' },
      { type: 'paragraph', text: '欢迎 & 感谢 使用 <baimo> 中文！' },
      { type: 'heading', level: 2, text: '安装' },
      { type: 'list-item', text: '下载' },
      { type: 'list-item', text: '运行 安装器' },
      { type: 'code', text: 'npm i && npm start\necho "ok"', lang: 'sh' },
      { type: 'table', header: ['名称', '值'], rows: [['端口', '4000']] },
      { type: 'heading', level: 2, text: '配置' },
      { type: 'paragraph', text: '见下文。' },
    ]);
    const doc = chunkDocument(blocks);
    expect(doc.chunks.map((c) => [c.kind, c.titlePath.join('/')])).toEqual([
      ['text', '用户指南'],
      ['text', '用户指南/安装'],
      ['code', '用户指南/安装'],
      ['table', '用户指南/安装'],
      ['text', '用户指南/配置'],
    ]);
  });
});

describe('settings', () => {
  it('validates bounds and fills defaults', () => {
    expect(resolveChunking()).toEqual({ chunkTokens: 400, overlapTokens: 50, maxCodeTokens: 800 });
    expect(resolveChunking({ chunk_tokens: 50 }).overlapTokens).toBe(24);
    expect(chunkingSettingsSchema.safeParse({ chunk_tokens: 49 }).success).toBe(false);
    expect(chunkingSettingsSchema.safeParse({ chunk_tokens: 4001 }).success).toBe(false);
    expect(chunkingSettingsSchema.safeParse({ chunk_tokens: 100, overlap_tokens: 50 }).success).toBe(false);
    expect(chunkingSettingsSchema.safeParse({ chunk_tokens: 100, max_code_tokens: 99 }).success).toBe(false);
    expect(chunkingSettingsSchema.safeParse({ chunk_size: 100 }).success).toBe(false);
  });
});

const PIECES = [
  '中',
  '文',
  '字',
  '。',
  '！',
  '？',
  '；',
  '…',
  'word',
  'Dr.',
  '3.14',
  '. ',
  '? ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\n \n',
  '”',
  'e.g.',
];

describe('property', () => {
  it('chunks tile the normalized text in order, within the size, deterministically', () => {
    const docArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((p) => p.join(''));
    const settingsArb = fc.record({ chunk_tokens: fc.integer({ min: 50, max: 120 }), overlap: fc.integer({ min: 0, max: 24 }) });
    fc.assert(
      fc.property(docArb, settingsArb, fc.boolean(), (input, s, titled) => {
        const blocks = parsePlainText(input);
        const all = titled ? [{ type: 'heading' as const, level: 1, text: '标题 Title' }, ...blocks] : blocks;
        const settings = { chunk_tokens: s.chunk_tokens, overlap_tokens: s.overlap };
        const doc = chunkDocument(all, settings);
        const normalized = input
          .replace(/\r\n?/g, '\n')
          .split(/\n[ \t]*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .join('\n\n');
        expect(doc.text).toBe(normalized);
        expectTiling(doc);
        const prefix = titled ? '标题 Title\n' : '';
        for (const c of doc.chunks) {
          expect(c.tokens).toBeLessThanOrEqual(s.chunk_tokens);
          expect(c.text).toBe(prefix + doc.text.slice(c.overlapStart, c.endOffset).trim());
          expect(approximateTokens(doc.text.slice(c.overlapStart, c.startOffset))).toBeLessThanOrEqual(s.overlap);
        }
        expect(chunkDocument(all, settings)).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });
});
