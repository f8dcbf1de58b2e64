import { z } from 'zod';
import { badRequest } from '../core/errors.js';
import { APP_LIMITS, type Traffic } from './app-types.js';

/** A traffic split as the admin API takes it: 1 or 2 published versions, integer weights summing to 100. */
export const trafficSchema = z
  .array(
    z
      .object({
        version: z.number().int().min(1).max(1_000_000_000),
        weight: z.number().int().min(1).max(100),
      })
      .strict(),
  )
  .min(1)
  .max(APP_LIMITS.trafficSplit);

/**
 * Checks a split against the versions that are published (`published`): at most
 * `APP_LIMITS.trafficSplit` distinct versions, each published, weights summing to 100. Throws a 400
 * naming the problem (`param: traffic`).
 */
export function checkTraffic(traffic: Traffic, published: ReadonlySet<number>): Traffic {
  if (traffic.length < 1 || traffic.length > APP_LIMITS.trafficSplit)
    throw badRequest(
      `A traffic split names 1 to ${APP_LIMITS.trafficSplit} versions. / 流量分配须包含 1 到 ${APP_LIMITS.trafficSplit} 个版本。`,
      'traffic',
      'invalid_value',
    );
  const seen = new Set<number>();
  let sum = 0;
  for (const t of traffic) {
    if (!Number.isInteger(t.weight) || t.weight < 1 || t.weight > 100)
      throw badRequest('Weights are whole percentages from 1 to 100. / 权重须为 1 到 100 的整数百分比。', 'traffic', 'invalid_value');
    if (seen.has(t.version))
      throw badRequest(`Version ${t.version} is named twice. / 版本 ${t.version} 出现了两次。`, 'traffic', 'invalid_value');
    seen.add(t.version);
    if (!published.has(t.version))
      throw badRequest(
        `Version ${t.version} is not published: only published versions take traffic. / 版本 ${t.version} 尚未发布，只有已发布的版本可以分配流量。`,
        'traffic',
        'invalid_value',
      );
    sum += t.weight;
  }
  if (sum !== 100) throw badRequest(`The weights sum to ${sum}, not 100. / 权重之和为 ${sum}，应为 100。`, 'traffic', 'invalid_value');
  return traffic.map((t) => ({ version: t.version, weight: t.weight }));
}

/** The stored split (JSON text), or null for none or a broken value. */
export function parseTraffic(text: string | null): Traffic | null {
  if (!text) return null;
  try {
    const r = trafficSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The version serving one run: by weight, `random()` in [0, 1). */
export function pickVersion(traffic: Traffic, random: () => number = Math.random): number {
  let r = random() * 100;
  for (const t of traffic) {
    r -= t.weight;
    if (r < 0) return t.version;
  }
  return traffic[traffic.length - 1]!.version;
}
