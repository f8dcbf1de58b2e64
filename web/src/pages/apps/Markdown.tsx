/**
 * A small Markdown renderer for app answers: headings, paragraphs, lists, quotes, fenced code, tables,
 * rules, and inline code / bold / italic / strike / links. It builds React elements (never HTML text),
 * so a model's answer cannot inject markup; links are followed only for http(s) and mailto.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { parseBlocks, type Block } from './markdown-blocks.ts';

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|__([\s\S]+?)__|~~([\s\S]+?)~~|\*([^*\s][^*]*?)\*|(?<![\w])_([^_\s][^_]*?)_(?![\w])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function safeHref(href: string): string | undefined {
  return /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

/** Inline Markdown of one text run. */
export function renderInline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}.${n++}`;
    if (m[2] !== undefined) out.push(<code key={k}>{m[2].trim()}</code>);
    else if (m[3] !== undefined || m[4] !== undefined) out.push(<strong key={k}>{renderInline(m[3] ?? m[4]!, k)}</strong>);
    else if (m[5] !== undefined) out.push(<del key={k}>{renderInline(m[5], k)}</del>);
    else if (m[6] !== undefined || m[7] !== undefined) out.push(<em key={k}>{renderInline(m[6] ?? m[7]!, k)}</em>);
    else if (m[8] !== undefined) {
      const href = safeHref(m[9]!);
      out.push(
        href ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer">
            {renderInline(m[8], k)}
          </a>
        ) : (
          <span key={k}>{renderInline(m[8], k)}</span>
        ),
      );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Lines of a paragraph or item: a line break between them (answers, Chinese ones above all, mean them). */
function lines(ls: string[], key: string): ReactNode[] {
  return ls.flatMap((l, i) => (i ? [<br key={`${key}.br${i}`} />, ...renderInline(l, `${key}.${i}`)] : renderInline(l, `${key}.${i}`)));
}

function renderBlock(b: Block, i: number): ReactNode {
  const k = `b${i}`;
  switch (b.kind) {
    case 'heading': {
      const level = Math.min(5, b.level + 1) as 2 | 3 | 4 | 5;
      return (
        <Typography.Title key={k} level={level} style={{ marginTop: 12 }}>
          {renderInline(b.text, k)}
        </Typography.Title>
      );
    }
    case 'paragraph':
      return <p key={k}>{lines(b.lines, k)}</p>;
    case 'list': {
      const items = b.items.map((item, j) => <li key={`${k}.${j}`}>{lines(item, `${k}.${j}`)}</li>);
      return b.ordered ? (
        <ol key={k} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={k}>{items}</ul>
      );
    }
    case 'quote':
      return (
        <blockquote key={k} style={{ margin: '8px 0', padding: '0 12px', borderInlineStart: '3px solid #d9d9d9', color: '#595959' }}>
          {lines(b.lines, k)}
        </blockquote>
      );
    case 'code':
      return (
        <pre key={k} data-lang={b.lang || undefined} style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, overflowX: 'auto' }}>
          <code>{b.text}</code>
        </pre>
      );
    case 'table':
      return (
        <div key={k} style={{ overflowX: 'auto' }}>
          <table className="baimo-md-table" style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
            <thead>
              <tr>
                {b.head.map((c, j) => (
                  <th key={j} style={{ border: '1px solid #e5e6eb', padding: '4px 8px', background: '#fafafa' }}>
                    {renderInline(c, `${k}.h${j}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, ri) => (
                <tr key={ri}>
                  {b.head.map((_, j) => (
                    <td key={j} style={{ border: '1px solid #e5e6eb', padding: '4px 8px' }}>
                      {renderInline(r[j] ?? '', `${k}.${ri}.${j}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'rule':
      return <hr key={k} style={{ border: 0, borderTop: '1px solid #e5e6eb' }} />;
  }
}

export function Markdown({ text, 'data-testid': testId }: { text: string; 'data-testid'?: string }) {
  return (
    <div data-testid={testId} className="baimo-markdown" style={{ lineHeight: 1.7, wordBreak: 'break-word' }}>
      {parseBlocks(text).map(renderBlock)}
    </div>
  );
}
