import type { PiiFinding } from '../../compliance/contracts.js';
import { collectBracketed, PseudonymVault } from '../../compliance/pii/pseudonym-vault.js';

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
