/** Pasted library terms: `term<TAB>risk` per line; a line without a risk gets the chosen default one. */
export function withDefaultRisk(text: string, risk: string | undefined): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim())
    .map((l) => (l.includes('\t') || !risk ? l : `${l.trim()}\t${risk}`))
    .join('\n');
}

/** Number of non-empty lines. */
export const lineCount = (text: string): number => text.split(/\r?\n/).filter((l) => l.trim()).length;

/** The API's per-line errors as text. */
export function errorLines(errors: Array<string | { line?: number; message?: string }> | undefined): string[] {
  return (errors ?? []).map((e) => (typeof e === 'string' ? e : `${e.line !== undefined ? `#${e.line}: ` : ''}${e.message ?? ''}`));
}
