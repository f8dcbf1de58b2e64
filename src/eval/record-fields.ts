import { createHash } from 'node:crypto';
import { EvalInputError } from './eval-input-error.js';
import { hasField, type SourceRecord } from './read-records.js';

/** Sizes of dataset items: characters per field, ids, references per QA item, items per dataset. */
export const DATASET_LIMITS = {
  items: 100_000,
  idChars: 200,
  inputChars: 32_000,
  referenceChars: 32_000,
  references: 20,
  rubricChars: 16_000,
  riskIdChars: 64,
  questionChars: 16_000,
  optionChars: 4_000,
  explanationChars: 16_000,
} as const;

/** Reads typed fields of one record; every problem is an {@link EvalInputError} naming the line. */
export class RecordFields {
  constructor(
    private readonly record: SourceRecord,
    private readonly source?: string,
  ) {}

  /** An error at this record's line. */
  fail(en: string, zh: string): EvalInputError {
    return new EvalInputError(en, zh, { source: this.source, line: this.record.line });
  }

  private raw(name: string): unknown {
    return hasField(this.record.values, name) ? this.record.values[name] : undefined;
  }

  private missing(name: string): EvalInputError {
    const found = Object.keys(this.record.values).slice(0, 20).join(', ') || 'none';
    return this.fail(
      `The field "${name}" is missing or empty (fields found: ${found}).`,
      `缺少字段“${name}”或该字段为空（现有字段：${found}）。`,
    );
  }

  /** Text of a field (numbers are taken as text); undefined when absent or blank and not required. */
  text(name: string, max: number, required: true): string;
  text(name: string, max: number, required?: false): string | undefined;
  text(name: string, max: number, required = false): string | undefined {
    let v = this.raw(name);
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) throw this.missing(name);
      return undefined;
    }
    if (typeof v !== 'string') throw this.fail(`The field "${name}" must be text.`, `字段“${name}”必须是文本。`);
    if (v.length > max)
      throw this.fail(
        `The field "${name}" has ${v.length} characters; at most ${max}.`,
        `字段“${name}”有 ${v.length} 个字符，超过上限 ${max}。`,
      );
    return v;
  }

  /** One text or a list of texts (JSON arrays), each within `max`, at most `count` of them. */
  texts(name: string, max: number, count: number): string[] {
    const v = this.raw(name);
    if (!Array.isArray(v)) return [this.text(name, max, true)];
    if (v.length === 0) throw this.missing(name);
    if (v.length > count)
      throw this.fail(
        `The field "${name}" lists ${v.length} values; at most ${count}.`,
        `字段“${name}”有 ${v.length} 个值，最多 ${count} 个。`,
      );
    return v.map((x, k) => {
      if (typeof x === 'number' && Number.isFinite(x)) return String(x);
      if (typeof x !== 'string' || x.trim() === '')
        throw this.fail(`Value ${k + 1} of "${name}" must be non-empty text.`, `字段“${name}”的第 ${k + 1} 个值必须是非空文本。`);
      if (x.length > max)
        throw this.fail(
          `Value ${k + 1} of "${name}" has ${x.length} characters; at most ${max}.`,
          `字段“${name}”的第 ${k + 1} 个值超过 ${max} 个字符。`,
        );
      return x;
    });
  }

  /** A yes/no field: JSON true/false or 1/0; in text true/false, yes/no, y/n, 1/0, 是/否 (any case). */
  boolean(name: string): boolean {
    const v = this.raw(name);
    if (typeof v === 'boolean') return v;
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    if (s === undefined || s === '') throw this.missing(name);
    if (['true', 'yes', 'y', '1', '是'].includes(s)) return true;
    if (['false', 'no', 'n', '0', '否'].includes(s)) return false;
    throw this.fail(
      `The field "${name}" must be true or false (got ${JSON.stringify(String(v).slice(0, 40))}).`,
      `字段“${name}”只能是 true 或 false（收到 ${JSON.stringify(String(v).slice(0, 40))}）。`,
    );
  }

  /** The item's own id (`id` field: text or a whole number), or undefined when it has none. */
  id(): string | undefined {
    const v = this.raw('id');
    if (typeof v === 'number' && !Number.isInteger(v))
      throw this.fail('The field "id" must be text or a whole number.', '字段“id”必须是文本或整数。');
    const id = this.text('id', DATASET_LIMITS.idChars)?.trim();
    if (id !== undefined && [...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
      throw this.fail('The field "id" contains control characters.', '字段“id”含有控制字符。');
    return id;
  }
}

/**
 * Stable ids for items: an item's own id where it has one (two alike are an error naming both lines),
 * else `h` + 12 hex digits of the SHA-256 of its content, so an id survives reordering and edits
 * elsewhere in the file; repeated content gets `~2`, `~3`… in file order.
 */
export function assignItemIds(
  items: ReadonlyArray<{ line: number; ownId?: string; content: readonly string[] }>,
  source?: string,
): string[] {
  const own = new Map<string, number>();
  for (const it of items) {
    if (it.ownId === undefined) continue;
    const first = own.get(it.ownId);
    if (first !== undefined)
      throw new EvalInputError(
        `The id "${it.ownId}" is used again (first on line ${first}). Ids must be unique.`,
        `id“${it.ownId}”重复（首次出现在第 ${first} 行）。id 必须唯一。`,
        { source, line: it.line },
      );
    own.set(it.ownId, it.line);
  }
  const used = new Set(own.keys());
  return items.map((it) => {
    if (it.ownId !== undefined) return it.ownId;
    const base = `h${createHash('sha256').update(it.content.join('\u0000')).digest('hex').slice(0, 12)}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}~${k}`;
    used.add(id);
    return id;
  });
}
