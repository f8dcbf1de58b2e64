/** Elements that have no end tag in HTML. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their end tag. */
const RAW = new Set(['style', 'script', 'title', 'textarea']);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*(\/?)>/y;
const ENTITY = /^&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Problems of a well-formedness check (an empty list: every tag closed, nested right, text escaped). */
export interface BalanceResult {
  problems: string[];
  /** Element names in document order (start tags). */
  elements: string[];
}

/**
 * A strict little checker for the generated HTML: every non-void element is closed, in order; start
 * tags are well-formed with double-quoted attribute values free of `<`, `>` and `"`; text has no raw
 * `<` or `>` and only valid entity references. Stricter than HTML (which tolerates much), so it also
 * catches unescaped data.
 */
export function checkHtml(html: string): BalanceResult {
  const problems: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  let i = 0;
  const text = (s: string, at: number) => {
    if (s.includes('>')) problems.push(`raw '>' in text at ${at}: ${JSON.stringify(s.slice(0, 80))}`);
    for (let k = s.indexOf('&'); k !== -1; k = s.indexOf('&', k + 1))
      if (!ENTITY.test(s.slice(k))) problems.push(`bare '&' at ${at + k}: ${JSON.stringify(s.slice(k, k + 20))}`);
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i), i);
      break;
    }
    text(html.slice(i, lt), i);
    if (html.startsWith('<!DOCTYPE', lt) || html.startsWith('<!doctype', lt)) {
      i = html.indexOf('>', lt) + 1;
      continue;
    }
    if (html.startsWith('<!--', lt)) {
      i = html.indexOf('-->', lt) + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      problems.push(`stray or malformed '<' at ${lt}: ${JSON.stringify(html.slice(lt, lt + 60))}`);
      i = lt + 1;
      continue;
    }
    const [whole, close, rawName, , selfClose] = m;
    const name = rawName.toLowerCase();
    i = lt + whole.length;
    if (close) {
      const top = stack.pop();
      if (top !== name) problems.push(`</${name}> at ${lt} closes <${top ?? 'nothing'}>`);
      continue;
    }
    elements.push(name);
    if (VOID.has(name) || selfClose) continue;
    if (RAW.has(name)) {
      const end = html.indexOf(`</${name}>`, i);
      if (end === -1) {
        problems.push(`<${name}> at ${lt} never closed`);
        break;
      }
      const content = html.slice(i, end);
      if (name === 'title') text(content, i);
      i = end + name.length + 3;
      continue;
    }
    stack.push(name);
  }
  if (stack.length) problems.push(`never closed: ${stack.join(' > ')}`);
  return { problems, elements };
}
