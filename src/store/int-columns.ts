/**
 * The row with these columns as numbers: PostgreSQL's int8 parser makes them numbers already, and
 * this keeps both dialects alike (null and undefined stay as they are).
 */
export function intColumns<T extends object>(row: T, keys: ReadonlyArray<keyof T>): T {
  const out = { ...row } as Record<keyof T, unknown>;
  for (const k of keys) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out as T;
}
