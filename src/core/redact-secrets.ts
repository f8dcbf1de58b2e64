const KEY_LIKE = /\b((?:sk|ak|pk|rk|bm-admin|bce-v3)[-_])([A-Za-z0-9_*-]{4})[A-Za-z0-9_*\-/+=]{4,}/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9_\-.=:/+]{8,}/gi;
/** A JWT (header.payload.signature, each base64url): signed tokens derived from a provider's secret. */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

/**
 * Masks anything that looks like a credential in text that leaves the process (provider error
 * messages echoed to clients, logs): `sk-abcd…` keys and Bearer tokens keep a short prefix only.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const k of known) if (k && k.length >= 6) out = out.split(k).join(`${k.slice(0, 3)}***`);
  return out.replace(KEY_LIKE, '$1$2***').replace(BEARER, '$1***').replace(JWT, 'eyJ***');
}

/**
 * A known secret is masked wherever it appears whole, and so is any echo of at least this many of its
 * first or last characters (`live0123…`, `…KLMNOP`): providers print such pieces in auth errors.
 * Shorter pieces are what providers show so that a person can recognise a key (`sk-ab…wxyz`); they
 * are not enough to use it. Pieces from the middle are not looked for: a secret made of words
 * (`sk-upstream-secret`) would otherwise mask those words in every message.
 */
const SECRET_FRAGMENT = 8;
/** Values shorter than this are not treated as secrets (a header like `x-beta: true` is not one). */
const MIN_SECRET = 6;
const MASK = '***';

/**
 * Masks one provider's known secrets (its keys, tokens, and the header and query values configured
 * on it) in upstream error text, on top of the patterns of `redactSecrets`. Built once per provider
 * when routes are built; it does nothing until an error needs it, so a successful call pays nothing.
 */
export class SecretRedactor {
  /** Secrets by their first `SECRET_FRAGMENT` characters, and by their last. */
  private readonly heads = new Map<string, string[]>();
  private readonly tails = new Map<string, string[]>();
  /** Secrets too short for fragments (6–7 characters): masked when seen whole. */
  private readonly whole: string[] = [];

  constructor(values: Iterable<string | null | undefined>) {
    const seen = new Set<string>();
    for (const raw of values) {
      if (typeof raw !== 'string') continue;
      const v = raw.trim();
      // A value sent in a query string or a form may be echoed encoded.
      for (const form of [v, encodeURIComponent(v)]) {
        if (form.length < MIN_SECRET || seen.has(form)) continue;
        seen.add(form);
        if (form.length < SECRET_FRAGMENT) this.whole.push(form);
        else {
          add(this.heads, form.slice(0, SECRET_FRAGMENT), form);
          add(this.tails, form.slice(-SECRET_FRAGMENT), form);
        }
      }
    }
  }

  /** `text` with every known secret (whole, or 8+ of its first or last characters) and every key-like string masked. */
  redact(text: string): string {
    let out = this.heads.size > 0 && text.length >= SECRET_FRAGMENT ? this.cutFragments(text) : text;
    for (const w of this.whole) if (out.includes(w)) out = out.split(w).join(MASK);
    return redactSecrets(out);
  }

  /**
   * Masks an error's message (and its upstream `code`, which is also copied from the answer) in place
   * and returns it; errors are rendered and logged from these fields only.
   */
  scrub<E extends Error & { code?: string | null }>(err: E): E {
    const message = this.redact(err.message);
    if (message !== err.message) err.message = message;
    if (typeof err.code === 'string' && err.code.length >= MIN_SECRET) {
      const code = this.redact(err.code);
      if (code !== err.code) (err as { code: string | null }).code = code;
    }
    return err;
  }

  /** One pass over `text`: finds echoed heads and tails, grows each as far as it matches, masks the merged runs. */
  private cutFragments(text: string): string {
    const k = SECRET_FRAGMENT;
    const runs: Array<[number, number]> = [];
    for (let i = 0; i + k <= text.length; i++) {
      const w = text.slice(i, i + k);
      const heads = this.heads.get(w);
      if (heads) {
        for (const s of heads) {
          let n = k;
          while (n < s.length && i + n < text.length && text.charCodeAt(i + n) === s.charCodeAt(n)) n++;
          runs.push([i, i + n]);
        }
      }
      const tails = this.tails.get(w);
      if (tails) {
        for (const s of tails) {
          let n = k;
          while (n < s.length && i + k - n - 1 >= 0 && text.charCodeAt(i + k - n - 1) === s.charCodeAt(s.length - n - 1)) n++;
          runs.push([i + k - n, i + k]);
        }
      }
    }
    if (runs.length === 0) return text;
    runs.sort((a, b) => a[0] - b[0]);
    let out = '';
    let kept = 0;
    let [start, end] = runs[0];
    for (let r = 1; r < runs.length; r++) {
      if (runs[r][0] <= end) end = Math.max(end, runs[r][1]);
      else {
        out += text.slice(kept, start) + MASK;
        kept = end;
        [start, end] = runs[r];
      }
    }
    return out + text.slice(kept, start) + MASK + text.slice(end);
  }
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A redactor with no known secret: the patterns only. */
export const PATTERNS_ONLY = new SecretRedactor([]);
