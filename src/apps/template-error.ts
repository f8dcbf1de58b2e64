/** A template that does not compile: where (offset, line, column) and what, in English and Chinese. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    /** What is wrong, without the position: `English / 中文`. */
    readonly reason: string,
    /** 0-based offset of the tag in the template. */
    readonly position: number,
    /** 1-based line and column of that offset. */
    readonly line: number,
    readonly column: number,
    /** The variable the problem is about, when there is one (an unknown variable). */
    readonly variable?: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }

  /** The error at `position` of `source`, with its line and column worked out. */
  static at(source: string, position: number, english: string, chinese: string, variable?: string): TemplateError {
    let line = 1;
    let lineStart = 0;
    for (let i = source.indexOf('\n'); i !== -1 && i < position; i = source.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    const column = position - lineStart + 1;
    return new TemplateError(`${english} / 第 ${line} 行第 ${column} 列：${chinese}`, position, line, column, variable);
  }
}
