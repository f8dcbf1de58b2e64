/** Where a problem in an evaluation input is: the file (or a name for it) and the 1-based line. */
export interface EvalInputWhere {
  /** The file the text came from (a path or a display name), when known. */
  source?: string;
  /** 1-based line of the record (for a CSV record spanning lines: the line it starts on). */
  line?: number;
}

/**
 * A dataset or suite file that cannot be used: what is wrong, where (file and line) and what to do, in
 * English and Chinese. `message` is `source: line N: English / source 第 N 行：中文`; callers show it as
 * is (the server answers 400 with it, the CLI prints it).
 */
export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
  readonly source?: string;
  readonly line?: number;

  constructor(
    /** What is wrong, in English, without the position. */
    readonly en: string,
    /** The same in Chinese. */
    readonly zh: string,
    where: EvalInputWhere = {},
  ) {
    const at = [where.source, where.line === undefined ? undefined : `line ${where.line}`].filter(Boolean).join(': ');
    const atZh = [where.source, where.line === undefined ? undefined : `第 ${where.line} 行`].filter(Boolean).join(' ');
    super(`${at ? `${at}: ` : ''}${en} / ${atZh ? `${atZh}：` : ''}${zh}`);
    this.source = where.source;
    this.line = where.line;
  }
}
