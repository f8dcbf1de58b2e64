/** One nginx directive: `name args…;` or `name args… { block }`. */
export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

/** Parses nginx.conf syntax (comments, quoted strings, nested blocks): enough to check deploy/nginx.conf. */
export function nginxDirectives(text: string): NginxDirective[] {
  const tokens: string[] = [];
  const TOKEN = /\s+|#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#][^\s{};]*)/y;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read nginx.conf at offset ${at}`);
    // Punctuation is marked with \0 so that a quoted "{" stays a word.
    const value = m[1] ?? m[2] ?? (m[3] ? `\0${m[3]}` : m[4]);
    if (value !== undefined) tokens.push(value);
  }
  let i = 0;
  const block = (nested: boolean): NginxDirective[] => {
    const out: NginxDirective[] = [];
    let words: string[] = [];
    for (; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === '\0;') {
        if (!words.length) throw new Error('an empty directive ";"');
        out.push({ name: words[0], args: words.slice(1) });
        words = [];
      } else if (t === '\0{') {
        if (!words.length) throw new Error('a block without a directive');
        i++;
        out.push({ name: words[0], args: words.slice(1), block: block(true) });
        words = [];
      } else if (t === '\0}') {
        if (!nested || words.length) throw new Error(`unexpected "}"${words.length ? ` after "${words.join(' ')}" (missing ";")` : ''}`);
        return out;
      } else words.push(t);
    }
    if (nested) throw new Error('a block is not closed by "}"');
    if (words.length) throw new Error(`"${words.join(' ')}" is not ended by ";"`);
    return out;
  };
  return block(false);
}
