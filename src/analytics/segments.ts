import { z } from 'zod';
import { cleanText } from '../core/clean-text.js';

/**
 * Segment attributes: who a request or page view is from (industry, region, user group), read from
 * key metadata, app metadata and end-user metadata — the end user's win over the app's, the app's over
 * the key's. Values are short labels; rollups group by them.
 */
export const SEGMENT_ATTRIBUTES = ['industry', 'region', 'user_group'] as const;
export type SegmentAttribute = (typeof SEGMENT_ATTRIBUTES)[number];

/** Characters of one segment value. */
export const SEGMENT_VALUE_MAX = 64;

/** Segment attribute → value (only the attributes that are set; keys from {@link SEGMENT_ATTRIBUTES}). */
export type Segments = Readonly<Record<string, string>>;

/** One segment value in a request body: at most 64 characters, control characters removed; empty means unset. */
const segmentValue = z
  .string()
  .max(SEGMENT_VALUE_MAX, `at most ${SEGMENT_VALUE_MAX} characters`)
  .transform((v) => cleanText(v, SEGMENT_VALUE_MAX) ?? undefined);

/** The segment attributes of an app or an end user, as the admin API takes them (each optional, null clears). */
export const segmentsSchema = z
  .object({
    industry: segmentValue.nullable().optional().describe('Industry, e.g. 教育 or education (at most 64 characters)'),
    region: segmentValue.nullable().optional().describe('Region, e.g. 北京 or north-china (at most 64 characters)'),
    user_group: segmentValue.nullable().optional().describe('User group, e.g. teachers (at most 64 characters)'),
  })
  .strict();

/**
 * The segment attributes in a metadata object (parsed key, app or end-user metadata): only string values
 * of the three attributes, cleaned and cut to {@link SEGMENT_VALUE_MAX}; anything else is ignored.
 */
export function segmentsOf(metadata: unknown): Segments {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return {};
  const out: Record<string, string> = {};
  for (const name of SEGMENT_ATTRIBUTES) {
    const v = Object.hasOwn(metadata, name) ? cleanText((metadata as Record<string, unknown>)[name], SEGMENT_VALUE_MAX) : null;
    if (v !== null) out[name] = v;
  }
  return out;
}

/** `segmentsOf` of JSON text (a metadata column); {} for null or text that is not a JSON object. */
export function segmentsOfJson(text: string | null | undefined): Segments {
  if (!text) return {};
  try {
    return segmentsOf(JSON.parse(text));
  } catch {
    return {};
  }
}

/** The layers merged, later ones winning per attribute (key, then app, then end user). */
export function mergeSegments(...layers: ReadonlyArray<Segments | null | undefined>): Segments {
  const out: Record<string, string> = {};
  for (const layer of layers) if (layer) for (const name of SEGMENT_ATTRIBUTES) if (Object.hasOwn(layer, name)) out[name] = layer[name];
  return out;
}

/** Whether there is any attribute at all. */
export function hasSegments(s: Segments | null | undefined): s is Segments {
  return !!s && SEGMENT_ATTRIBUTES.some((name) => Object.hasOwn(s, name));
}
