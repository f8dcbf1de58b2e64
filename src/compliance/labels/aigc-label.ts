import { createHmac, timingSafeEqual } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.js';
import { ZonedTime } from './zoned-time.js';

/**
 * The implicit label of one generated answer (GB 45438-2025 metadata): what produced it, when, and
 * that it is AI-generated, HMAC-signed with a key derived from the deployment's master key so that
 * `baimo label verify` can prove the label came from this deployment and was not altered.
 */
export interface AigcLabel {
  v: 1;
  aigc: true;
  /** The answer's id (the completion id clients see). */
  content_id: string;
  /** The service provider's code (config `security.labels.provider_code`). */
  provider_code: string;
  provider_name?: string;
  /** The model that answered, as the client named it. */
  model: string;
  /** ISO 8601 with the configured zone's offset, seconds precision. */
  created_at: string;
  request_id?: string;
  /** base64url HMAC-SHA256 over the canonical form (the header form without `; sig=…`). */
  sig: string;
}

/** The outcome of `LabelSigner.verify`. */
export type LabelVerification = { ok: true; label: AigcLabel } | { ok: false; reason: string };

/** Response header that carries the label. */
export const AIGC_LABEL_HEADER = 'x-aigc-label';
/** Field of a chat.completion / chunk body that carries the label. */
export const AIGC_LABEL_FIELD = 'aigc_label';

/** Header keys in canonical order, with the label field each holds. */
const FIELDS = [
  ['cid', 'content_id'],
  ['pc', 'provider_code'],
  ['pn', 'provider_name'],
  ['m', 'model'],
  ['t', 'created_at'],
  ['rid', 'request_id'],
] as const;
const OPTIONAL = new Set(['provider_name', 'request_id']);
const HEADER_KEYS = new Set(['v', 'aigc', 'sig', ...FIELDS.map(([k]) => k)]);
type LabelText = Partial<Record<(typeof FIELDS)[number][1], string>>;

/** True when every character of `v` is one the header keeps as it is: ASCII letters, digits and `._~:+/@-`. */
function isSafe(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const alnum = (c >= 48 && c <= 58) || (c >= 64 && c <= 90) || (c >= 97 && c <= 122); // 0-9 and ':', '@' and A-Z, a-z
    if (!alnum && c !== 46 && c !== 95 && c !== 126 && c !== 43 && c !== 47 && c !== 45) return false; // . _ ~ + / -
  }
  return true;
}

/** A JSON string literal; values the header keeps as they are need no escaping. */
const quote = (v: string, safe: boolean): string => (safe ? `"${v}"` : JSON.stringify(v));

/**
 * Percent-encodes a value for the header: ASCII letters, digits and `._~:+/@-` stay as they are,
 * everything else (`;`, `=`, spaces, Chinese…) becomes UTF-8 %XX. Decoding and re-encoding gives
 * the same text, so the header and the object forms sign the same canonical string.
 */
export function encodeLabelValue(v: string): string {
  if (isSafe(v)) return v;
  let out = '';
  for (const ch of v) {
    if (isSafe(ch)) out += ch;
    else {
      const code = ch.codePointAt(0)!;
      // A lone surrogate cannot be UTF-8 encoded: U+FFFD stands in (it cannot come from decoding either).
      out += encodeURIComponent(code >= 0xd800 && code <= 0xdfff ? '\ufffd' : ch);
    }
  }
  return out;
}

/** The signed text: the header without its signature, fields in fixed order, optional ones only when set. */
function canonical(l: LabelText): string {
  let s = 'v=1; aigc=1';
  for (const [k, field] of FIELDS) {
    const v = l[field];
    if (v !== undefined) s += `; ${k}=${encodeLabelValue(v)}`;
  }
  return s;
}

/**
 * Issues and verifies implicit AIGC labels. `issue` runs per answer: one HMAC and a few string
 * concatenations (the provider part is encoded once, the time offset cached per quarter hour).
 */
export class LabelSigner {
  readonly #key: Buffer;
  /** The same key, for signing on the answer path (verification uses node:crypto). */
  readonly #mac: HmacSha256;
  private readonly providerCode: string;
  private readonly providerName?: string;
  private readonly clock: ZonedTime;
  /** `; pc=…[; pn=…]`, encoded once. */
  private readonly providerPart: string;
  /** `,"provider_code":…[,"provider_name":…]`, serialised once. */
  private readonly providerJson: string;

  constructor(key: Buffer, opts: { providerCode: string; providerName?: string; timezone?: string }) {
    if (!Buffer.isBuffer(key) || key.length < 16) throw new Error('LabelSigner: the key must be at least 16 bytes');
    this.#key = Buffer.from(key);
    this.#mac = new HmacSha256(this.#key);
    this.providerCode = opts.providerCode;
    this.providerName = opts.providerName || undefined;
    this.clock = new ZonedTime(opts.timezone ?? 'Asia/Shanghai');
    this.providerPart = `; pc=${encodeLabelValue(this.providerCode)}${this.providerName ? `; pn=${encodeLabelValue(this.providerName)}` : ''}`;
    const q = JSON.stringify;
    this.providerJson = `,"provider_code":${q(this.providerCode)}${this.providerName ? `,"provider_name":${q(this.providerName)}` : ''}`;
  }

  /**
   * A signed label for one answer: as an object, as its JSON text (the body extension, written
   * without serialising the object) and as the header value.
   */
  issue(fields: { contentId: string; model: string; createdAtMs: number; requestId?: string }): {
    label: AigcLabel;
    header: string;
    json: string;
  } {
    // The time is digits, `-`, `:`, `T` and `+`: safe as it is, in the header and in JSON.
    const createdAt = this.clock.format(fields.createdAtMs);
    const { contentId, model, requestId } = fields;
    const cidSafe = isSafe(contentId);
    const modelSafe = isSafe(model);
    const ridSafe = requestId ? isSafe(requestId) : true;
    let text = `v=1; aigc=1; cid=${cidSafe ? contentId : encodeLabelValue(contentId)}${this.providerPart}; m=${modelSafe ? model : encodeLabelValue(model)}; t=${createdAt}`;
    if (requestId) text += `; rid=${ridSafe ? requestId : encodeLabelValue(requestId)}`;
    const sig = this.#mac.sign(text);
    const label: AigcLabel = {
      v: 1,
      aigc: true,
      content_id: contentId,
      provider_code: this.providerCode,
      model,
      created_at: createdAt,
      sig,
    };
    if (this.providerName !== undefined) label.provider_name = this.providerName;
    if (requestId) label.request_id = requestId;
    const json =
      `{"v":1,"aigc":true,"content_id":${quote(contentId, cidSafe)}${this.providerJson},"model":${quote(model, modelSafe)},` +
      `"created_at":"${createdAt}"${requestId ? `,"request_id":${quote(requestId, ridSafe)}` : ''},"sig":"${sig}"}`;
    return { label, header: `${text}; sig=${sig}`, json };
  }

  /**
   * Checks a label given as the header value (optionally with its `x-aigc-label:` name), a label
   * object, a JSON string of either, a whole chat.completion / chunk body with `aigc_label`, or an
   * SSE stream text whose chunks carry it. Any altered field fails with "signature does not match".
   */
  verify(input: string | object): LabelVerification {
    const found = locate(input);
    if ('reason' in found) return { ok: false, reason: found.reason };
    const parsed = typeof found.label === 'string' ? parseHeader(found.label) : parseObject(found.label);
    if ('reason' in parsed) return { ok: false, reason: parsed.reason };
    const { fields, sig } = parsed;
    const expected = Buffer.from(this.sign(canonical(fields)), 'base64url');
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'signature does not match: the label was altered or was not issued by this deployment' };
    return {
      ok: true,
      label: {
        v: 1,
        aigc: true,
        content_id: fields.content_id!,
        provider_code: fields.provider_code!,
        ...(fields.provider_name !== undefined && { provider_name: fields.provider_name }),
        model: fields.model!,
        created_at: fields.created_at!,
        ...(fields.request_id !== undefined && { request_id: fields.request_id }),
        sig,
      },
    };
  }

  private sign(text: string): string {
    return createHmac('sha256', this.#key).update(text).digest('base64url');
  }
}

type Parsed = { fields: LabelText; sig: string } | { reason: string };
const NOT_A_LABEL = 'not a label: expected the x-aigc-label header value, a label object, or a response body with aigc_label';

/** Finds the label in what `verify` was given: a header string or a label-shaped object. */
function locate(input: unknown): { label: string | object } | { reason: string } {
  if (typeof input === 'string') {
    const text = input.trim().replace(/^x-aigc-label\s*:\s*/i, '');
    if (text.startsWith('{')) {
      try {
        return locate(JSON.parse(text) as unknown);
      } catch {
        return { reason: 'not valid JSON' };
      }
    }
    if (/^data:/m.test(text) && !/^v=/.test(text)) return locateInStream(text);
    return text.startsWith('v=') ? { label: text } : { reason: NOT_A_LABEL };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { reason: NOT_A_LABEL };
  const o = input as Record<string, unknown>;
  if (AIGC_LABEL_FIELD in o) {
    const inner = o[AIGC_LABEL_FIELD];
    if (typeof inner === 'string' || (inner !== null && typeof inner === 'object' && !Array.isArray(inner)))
      return { label: inner as string | object };
    return { reason: 'aigc_label is empty' };
  }
  return 'sig' in o ? { label: o } : { reason: NOT_A_LABEL };
}

/** The first `data:` chunk of an SSE text that carries a label. */
function locateInStream(text: string): { label: string | object } | { reason: string } {
  for (const line of text.split(/\r?\n/)) {
    const m = /^data:\s*(\{.*\})\s*$/.exec(line);
    if (!m || !m[1].includes(AIGC_LABEL_FIELD)) continue;
    try {
      const found = locate(JSON.parse(m[1]) as unknown);
      if ('label' in found) return found;
    } catch {
      // Not JSON: keep looking.
    }
  }
  return { reason: 'no chunk of the stream carries aigc_label' };
}

function parseHeader(text: string): Parsed {
  const raw = new Map<string, string>();
  for (const piece of text.split(';')) {
    const item = piece.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return { reason: `malformed label: "${item.slice(0, 40)}" is not key=value` };
    const k = item.slice(0, eq).trim();
    if (!HEADER_KEYS.has(k)) return { reason: `malformed label: unknown field ${k.slice(0, 40)}` };
    if (raw.has(k)) return { reason: `malformed label: field ${k} appears twice` };
    let v: string;
    try {
      v = decodeURIComponent(item.slice(eq + 1).trim());
    } catch {
      return { reason: `malformed label: field ${k} is not valid percent-encoding` };
    }
    raw.set(k, v);
  }
  if (raw.get('v') !== '1')
    return { reason: raw.has('v') ? `unsupported label version ${raw.get('v')!.slice(0, 10)}` : 'malformed label: missing v' };
  if (raw.get('aigc') !== '1') return { reason: 'malformed label: aigc must be 1' };
  const fields: LabelText = {};
  for (const [k, field] of FIELDS) {
    const v = raw.get(k);
    if (v !== undefined) fields[field] = v;
  }
  return finish(fields, raw.get('sig'));
}

function parseObject(o: object): Parsed {
  const r = o as Record<string, unknown>;
  if (r.v !== 1 && r.v !== '1')
    return { reason: r.v === undefined ? 'malformed label: missing v' : `unsupported label version ${String(r.v).slice(0, 10)}` };
  if (r.aigc !== true && r.aigc !== 1 && r.aigc !== '1') return { reason: 'malformed label: aigc must be true' };
  const fields: LabelText = {};
  for (const [, field] of FIELDS) {
    const v = r[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return { reason: `malformed label: ${field} must be a string` };
    fields[field] = v;
  }
  return finish(fields, r.sig);
}

function finish(fields: LabelText, sig: unknown): Parsed {
  for (const [, field] of FIELDS) if (!OPTIONAL.has(field) && !fields[field]) return { reason: `malformed label: missing ${field}` };
  if (typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return { reason: 'malformed label: missing or malformed sig' };
  return { fields, sig };
}
