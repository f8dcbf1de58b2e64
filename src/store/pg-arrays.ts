/**
 * Batches for PostgreSQL as one array per column: `unnest($1::int8[], $2::text[], …)` keeps the statement
 * text (and its plan) the same for every batch size, so writers use named prepared statements.
 */

export type PgType = 'text' | 'int4' | 'int8' | 'float8';

/** `select * from unnest($1::t1[], $2::t2[], …)` over columns of these types (parameters from `$first`). */
export const unnest = (types: readonly PgType[], first = 1): string =>
  `select * from unnest(${types.map((t, i) => `$${i + first}::${t}[]`).join(', ')})`;

/**
 * A PostgreSQL array literal of one column, built here rather than by `pg` (whose generic array
 * serializer inspects and escapes every element: most of the writer's CPU). Numbers are written as
 * they are; text is double-quoted with `"` and `\` escaped; NUL, which PostgreSQL text cannot hold,
 * becomes U+FFFD.
 */
export function arrayLiteral(values: readonly unknown[], type: PgType): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (type !== 'text') out += typeof v === 'number' ? String(v) : String(Number(v));
    else {
      const t = typeof v === 'string' ? v : String(v);
      out += `"${t.includes('"') || t.includes('\\') || t.includes('\u0000') ? t.replace(/["\\]/g, '\\$&').replaceAll('\u0000', '\uFFFD') : t}"`;
    }
  }
  return `${out}}`;
}

/** Column-major array literals of `rows` (arrays of values in column order), the shape `unnest` takes. */
export function columns(rows: ReadonlyArray<ReadonlyArray<unknown>>, types: readonly PgType[]): string[] {
  const out: string[] = new Array(types.length);
  const col: unknown[] = new Array(rows.length);
  for (let c = 0; c < types.length; c++) {
    for (let r = 0; r < rows.length; r++) col[r] = rows[r][c];
    out[c] = arrayLiteral(col, types[c]);
  }
  return out;
}

/**
 * Sorted by primary key, rows with the same key summed into one (a key's minute rows from two workspaces
 * meet in stats_key_minute; PostgreSQL refuses to upsert one row twice in a statement): concurrent writers
 * (replicas) then lock rollup rows in one order and never deadlock.
 */
export function mergeByKey(rows: unknown[][], keyWidth: number): unknown[][] {
  rows.sort((a, b) => {
    for (let i = 0; i < keyWidth; i++) {
      const x = a[i] as string | number;
      const y = b[i] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  const out: unknown[][] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    let same = last !== undefined;
    for (let i = 0; same && i < keyWidth; i++) same = last[i] === row[i];
    if (!same) out.push(row);
    else for (let i = keyWidth; i < row.length; i++) (last[i] as number) += row[i] as number;
  }
  return out;
}
