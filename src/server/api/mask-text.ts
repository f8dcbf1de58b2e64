import type { PiiFinding } from '../../compliance/contracts.js';
import type { PiiScanner } from '../../compliance/pii/pii-scanner.js';
import { collectBracketed, PseudonymVault } from '../../compliance/pii/pseudonym-vault.js';
import { LIMITS } from '../../core/limits.js';

/**
 * A text with its findings replaced, both ways the gateway does it: `redacted` with typed markers
 * (`[身份证号]`), `pseudonymized` with the stable placeholders a request would send (`[手机号_1]`).
 * `findings` must be sorted and non-overlapping (as `PiiScanner.scan` returns them).
 */
export function maskText(
  text: string,
  findings: readonly PiiFinding[],
  labelFor: (type: string) => string,
): { redacted: string; pseudonymized: string } {
  const written = new Set<string>();
  collectBracketed(text, written); // one pass: `text.includes(p)` per placeholder was quadratic
  const vault = new PseudonymVault({ avoid: (p) => written.has(p) });
  let redacted = '';
  let pseudonymized = '';
  let at = 0;
  for (const f of findings) {
    const between = text.slice(at, f.start);
    const label = labelFor(f.type);
    redacted += `${between}[${label}]`;
    pseudonymized += between + vault.placeholderFor(f.type, f.value, label);
    at = f.end;
  }
  return { redacted: redacted + text.slice(at), pseudonymized: pseudonymized + text.slice(at) };
}

/** A finding as the API shows it: no value. */
export interface PiiFindingView {
  type: string;
  label: string;
  start: number;
  end: number;
  confidence: number;
}

/**
 * The answer of `POST /api/security/pii/scan`: the findings of `text` (at most `LIMITS.piiFindings`,
 * the most one request may carry; `truncated` when the text holds more, and the scan then stops
 * there) and the text masked both ways with the findings shown.
 */
export function scanTextView(
  scanner: PiiScanner,
  text: string,
): { findings: PiiFindingView[]; redacted: string; pseudonymized: string; truncated: boolean } {
  const { findings, exceeded } = scanner.scanCapped(text, LIMITS.piiFindings);
  if (exceeded) findings.length = LIMITS.piiFindings;
  const labelFor = (type: string): string => scanner.labelFor(type);
  return {
    findings: findings.map((f) => ({ type: f.type, label: labelFor(f.type), start: f.start, end: f.end, confidence: f.confidence })),
    ...maskText(text, findings, labelFor),
    truncated: exceeded,
  };
}
