/** A text with spans marked in color (PII findings, moderation hits); the mark's title shows on hover. */
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

export interface Mark {
  start: number;
  end: number;
  color: string;
  title: ReactNode;
  /** data-type of the <mark> (tests and styling). */
  type: string;
}

/** Marks in text order; a mark overlapping an earlier one is left out. */
function segments(text: string, marks: Mark[]): (string | (Mark & { text: string }))[] {
  const sorted = [...marks].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (string | (Mark & { text: string }))[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push({ ...m, text: text.slice(m.start, m.end) });
    at = m.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function Highlighted({ text, marks, testId }: { text: string; marks: Mark[]; testId: string }) {
  return (
    <div
      data-testid={testId}
      style={{
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        lineHeight: 2,
        padding: 12,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        minHeight: 48,
      }}
    >
      {segments(text, marks).map((s, i) =>
        typeof s === 'string' ? (
          <span key={i}>{s}</span>
        ) : (
          <Tooltip key={i} title={s.title}>
            <mark
              data-testid={`${testId}-mark`}
              data-type={s.type}
              style={{ background: s.color, borderRadius: 3, padding: '1px 2px', cursor: 'help' }}
            >
              {s.text}
            </mark>
          </Tooltip>
        ),
      )}
    </div>
  );
}
