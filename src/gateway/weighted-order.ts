/**
 * Orders items by weighted random sampling without replacement (weight 0 = never chosen), so the
 * first pick follows the weights and the rest give the order to try next.
 */
export function weightedOrder<T extends { weight: number }>(items: readonly T[], random: () => number = Math.random): T[] {
  if (items.length === 1) return items[0].weight > 0 ? [items[0]] : [];
  const pool = items.filter((i) => i.weight > 0);
  const out: T[] = [];
  let total = pool.reduce((s, i) => s + i.weight, 0);
  while (pool.length > 0) {
    let r = random() * total;
    let idx = 0;
    while (idx < pool.length - 1 && r >= pool[idx].weight) r -= pool[idx++].weight;
    const [picked] = pool.splice(idx, 1);
    total -= picked.weight;
    out.push(picked);
  }
  return out;
}
