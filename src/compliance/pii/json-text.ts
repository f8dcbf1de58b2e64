/**
 * Masking inside a JSON text (tool-call arguments) without re-serialising it: the scanner sees the
 * text with string escapes decoded ("电话:\n13800138000" must not read as "n13800138000"), findings
 * map back to raw offsets, and replacements go inside string literals (or turn a number literal into
 * a string), so a valid JSON text stays valid and everything else stays byte for byte.
 */

/** A string literal (quotes included) or a number literal in a JSON text. */
export interface JsonToken {
  kind: 'string' | 'number';
  start: number;
  end: number;
}

/** A replacement of raw[start, end) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A scannable view of a JSON text: escapes decoded; `toRaw[i]` is the raw offset of view offset i. */
export interface JsonView {
  text: string;
  /** Null when the view is the raw text itself (no escapes). */
  toRaw: Int32Array | null;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isNumberStart(c: number): boolean {
  return c === 45 || (c >= 48 && c <= 57);
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/** The string and number literals of a JSON text (a lenient tokenizer: unterminated strings run to the end). */
export function jsonTokens(raw: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      while (j < raw.length && raw.charCodeAt(j) !== 34) j += raw.charCodeAt(j) === 92 ? 2 : 1;
      const end = Math.min(j + 1, raw.length);
      tokens.push({ kind: 'string', start: i, end });
      i = end;
    } else if (isNumberStart(c)) {
      let j = i + 1;
      while (j < raw.length && isNumberChar(raw.charCodeAt(j))) j++;
      tokens.push({ kind: 'number', start: i, end: j });
      i = j;
    } else {
      i++;
    }
  }
  return tokens;
}

/** The text a scanner should see for a JSON text: string escapes decoded in place. */
export function jsonView(raw: string, tokens: readonly JsonToken[]): JsonView {
  if (raw.indexOf('\\') < 0) return { text: raw, toRaw: null };
  const parts: string[] = [];
  const map: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    parts.push(raw.slice(from, to));
    for (let k = from; k < to; k++) map.push(k);
  };
  for (const t of tokens) {
    if (t.kind !== 'string') continue;
    copy(last, t.start);
    let i = t.start;
    while (i < t.end) {
      if (raw.charCodeAt(i) !== 92 || i + 1 >= t.end) {
        copy(i, i + 1);
        i++;
        continue;
      }
      const e = raw[i + 1];
      let decoded = ESCAPES[e];
      let len = 2;
      if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(raw.slice(i + 2, i + 6))) {
        decoded = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        len = 6;
      }
      if (decoded === undefined) {
        copy(i, i + 1); // not a valid escape: leave it as written
        i++;
        continue;
      }
      parts.push(decoded);
      map.push(i);
      i += len;
    }
    last = t.end;
  }
  copy(last, raw.length);
  map.push(raw.length);
  return { text: parts.join(''), toRaw: Int32Array.from(map) };
}

/** True when `raw` parses as JSON. */
export function isJsonText(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns replacements of raw spans into edits that keep a JSON text valid: the part of a span inside a
 * string literal is replaced there; a number literal a span touches becomes a string holding the
 * replacement; structure (brackets, commas, whitespace) is never replaced. Spans sorted, disjoint.
 */
export function jsonSafeEdits(tokens: readonly JsonToken[], spans: readonly TextEdit[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let t = 0;
  for (const s of spans) {
    while (t < tokens.length && tokens[t].end <= s.start) t++;
    for (let k = t; k < tokens.length && tokens[k].start < s.end; k++) {
      const tok = tokens[k];
      const prevEnd = edits.length > 0 ? edits[edits.length - 1].end : -1;
      if (tok.kind === 'number') {
        if (tok.start >= prevEnd) edits.push({ start: tok.start, end: tok.end, text: `"${s.text}"` });
        continue;
      }
      const start = Math.max(s.start, tok.start + 1);
      const end = Math.min(s.end, tok.end - 1);
      if (end > start && start >= prevEnd) edits.push({ start, end, text: s.text });
    }
  }
  return edits;
}

/** Applies sorted, disjoint edits to a text. */
export function applyEdits(raw: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return raw;
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += raw.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + raw.slice(last);
}
