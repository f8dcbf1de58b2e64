/**
 * Between a stored policy document and the policy form. Empty choices mean "inherit" (the field is
 * left out, so the level above — app ← workspace ← deployment defaults — decides); fields the form
 * does not edit (moderation rules and model) are kept as they were.
 */
import type { CustomRecognizer, DictionaryTerm, PiiAction, PiiType, PolicyDocument, TrustLevel } from '../../api/security.ts';

export type Inherit = 'inherit';

export interface PolicyFormValues {
  pii_action: PiiAction | Inherit;
  pii_types: PiiType[];
  min_confidence?: number | null;
  custom: CustomRecognizer[];
  /** Dictionary terms, one per line. */
  terms: string;
  routing_allow: TrustLevel[];
  routing_pii: TrustLevel[];
  moderation_input: 'block' | 'flag' | 'off' | Inherit;
  moderation_output: 'cut' | 'flag' | 'off' | Inherit;
  libraries: string[];
  label_mode: 'custom' | 'none' | Inherit;
  label_text?: string;
  label_position: 'start' | 'end';
}

export function toValues(p: PolicyDocument): PolicyFormValues {
  const explicit = p.labels?.explicit;
  return {
    pii_action: p.pii?.action ?? 'inherit',
    pii_types: p.pii?.types ?? [],
    min_confidence: p.pii?.min_confidence ?? null,
    custom: p.pii?.custom ?? [],
    terms: (p.pii?.terms ?? []).map((t) => t.term).join('\n'),
    routing_allow: p.routing?.allow ?? [],
    routing_pii: p.routing?.pii ?? [],
    moderation_input: p.moderation?.input ?? 'inherit',
    moderation_output: p.moderation?.output ?? 'inherit',
    libraries: p.moderation?.libraries ?? [],
    label_mode: explicit === undefined ? 'inherit' : explicit === null ? 'none' : 'custom',
    label_text: explicit?.text,
    label_position: explicit?.position ?? 'end',
  };
}

/** Drops undefined fields and empty objects, so an untouched section is not stored at all. */
function compact<T extends object>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

const nonEmpty = <T>(a: T[] | undefined): T[] | undefined => (a && a.length ? a : undefined);
const trimmed = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);

/** Terms from the textarea; a term that was stored before keeps its type and label. */
export function parseTerms(text: string, before: DictionaryTerm[] = []): DictionaryTerm[] {
  const known = new Map(before.map((t) => [t.term, t]));
  const seen = new Set<string>();
  const out: DictionaryTerm[] = [];
  for (const line of text.split(/\r?\n/)) {
    const term = line.trim();
    if (!term || seen.has(term)) continue;
    seen.add(term);
    out.push(known.get(term) ?? { term });
  }
  return out;
}

export function toPolicy(v: PolicyFormValues, base: PolicyDocument): PolicyDocument {
  const custom = (v.custom ?? [])
    .filter((c) => c && (trimmed(c.name) || trimmed(c.pattern)))
    .map((c) => compact({ name: (c.name ?? '').trim(), pattern: c.pattern ?? '', flags: trimmed(c.flags), label: trimmed(c.label) })!);
  const pii = compact({
    action: v.pii_action === 'inherit' ? undefined : v.pii_action,
    types: nonEmpty(v.pii_types),
    min_confidence: v.min_confidence ?? undefined,
    custom: nonEmpty(custom),
    terms: nonEmpty(parseTerms(v.terms ?? '', base.pii?.terms)),
  });
  const routing = compact({ allow: nonEmpty(v.routing_allow), pii: nonEmpty(v.routing_pii) });
  const moderation = compact({
    input: v.moderation_input === 'inherit' ? undefined : v.moderation_input,
    output: v.moderation_output === 'inherit' ? undefined : v.moderation_output,
    libraries: nonEmpty(v.libraries),
    rules: base.moderation?.rules,
    model: base.moderation?.model,
  });
  const labels =
    v.label_mode === 'inherit'
      ? undefined
      : { explicit: v.label_mode === 'none' ? null : { text: (v.label_text ?? '').trim(), position: v.label_position } };
  return compact({ pii, routing, moderation, labels }) ?? {};
}
