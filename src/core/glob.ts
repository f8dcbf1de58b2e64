/**
 * Shell-style globs over model names: `*` matches any run of characters (slashes included, so
 * `deepseek/*` covers every DeepSeek model), `?` one character; everything else is literal.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

/** A compiled list of globs; `matches` is true when any of them matches. */
export class GlobList {
  private readonly exact = new Set<string>();
  private readonly patterns: RegExp[] = [];

  constructor(readonly globs: readonly string[]) {
    for (const g of globs) {
      if (g.includes('*') || g.includes('?')) this.patterns.push(globToRegExp(g));
      else this.exact.add(g);
    }
  }

  matches(name: string): boolean {
    if (this.exact.has(name)) return true;
    for (const p of this.patterns) if (p.test(name)) return true;
    return false;
  }
}
