/** `items` in runs of at most `size` (the last one shorter): rows per multi-row insert, ids per `in (…)` list. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
