/**
 * Applies a PII action to a whole request body: every text a provider would receive, found by the
 * generic walk of `request-texts.ts` (message content and parts, names, reasoning, tool definitions
 * and their JSON-schema descriptions, `metadata`, `prediction`, `response_format`, `user`, `stop`,
 * embedding `input`, object keys, and any field added later). Tool-call `arguments` (a JSON text) are
 * scanned with escapes decoded and masked so that they stay valid JSON.
 *
 * Linear in the request: each text is scanned once, placeholders the user already wrote are
 * collected in one pass, the masked body is rebuilt copy-on-write along the paths that changed. At
 * most `LIMITS.piiFindings` findings are handled: past that a request that would be masked is refused
 * rather than sent half-masked.
 *
 * Values never appear in errors or logs: findings carry them for the caller's own use (the vault,
 * counting), and errors name only types and places.
 */

import type { ChatRequest } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import type { GatewayError } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import type { PiiAction, PiiFinding } from '../contracts.js';
import { forEachText, placeOf, type PathKey } from '../request-texts.js';
import { applyEdits, isJsonText, jsonSafeEdits, jsonTokens, jsonView, type TextEdit } from './json-text.js';
import type { CappedScan, PiiScanner } from './pii-scanner.js';
import { collectBracketed, PseudonymVault } from './pseudonym-vault.js';
import { setOwn } from '../../core/set-own.js';

/** A finding with the place it was found, like `messages[2].content` or `tools[0].function.description`. */
export interface LocatedPiiFinding extends PiiFinding {
  where: string;
}

/** What `maskBody` returns. */
export interface MaskResult<T = ChatRequest> {
  /** The body to send on: the input itself when nothing was masked. */
  request: T;
  findings: LocatedPiiFinding[];
  /** With `pseudonymize` and findings: the placeholders issued, for restoring the answer. */
  vault?: PseudonymVault;
}

/** The error type and code of a request refused because of PII. */
export const PII_DETECTED = 'pii_detected' as const;

/** One text with findings. Offsets of JSON texts (`arguments`) are raw offsets in the JSON text. */
interface Site {
  /** For a value, the path to it; for a key, the path to its object. */
  path: PathKey[];
  isKey: boolean;
  json: boolean;
  text: string;
  findings: PiiFinding[];
}

/**
 * Findings in a JSON text (tool-call arguments), scanned with escapes decoded; offsets are raw. Stops
 * early past `maxFindings` (see `PiiScanner.scanCapped`).
 */
function scanArguments(raw: string, scanner: PiiScanner, maxFindings: number): CappedScan {
  if (raw.indexOf('\\') < 0) return scanner.scanCapped(raw, maxFindings);
  const view = jsonView(raw, jsonTokens(raw));
  const found = scanner.scanCapped(view.text, maxFindings);
  const toRaw = view.toRaw;
  if (toRaw === null) return found;
  for (const f of found.findings) {
    f.start = toRaw[f.start];
    f.end = toRaw[f.end];
  }
  return found;
}

/** The 413 of a request with more findings than baimo masks in one request. */
export function tooManyFindingsError(): GatewayError {
  const n = LIMITS.piiFindings;
  return gatewayError(
    'too_many_pii_findings',
    `The request contains more than ${n} pieces of personal information; baimo refuses it rather than send it partly masked. ` +
      `Split it into smaller requests. 请求中的个人信息超过 ${n} 处，无法完整脱敏，已拒绝发送；请拆分为较小的请求。`,
    { param: 'messages' },
  );
}

/**
 * The scan of one request body, fed text by text (`visit`, a `TextVisitor` for `forEachText`) so
 * that a caller walking the body for other reasons (input moderation) walks it once.
 */
export class BodyScan {
  readonly sites: Site[] = [];
  /** Findings kept (at most `LIMITS.piiFindings`). */
  count = 0;
  /** More findings than the limit: a masking action refuses the request (`finish` throws). */
  overLimit = false;
  /** Bracketed texts of the request: placeholders that must not be issued (pseudonymize only). */
  private readonly written: Set<string> | undefined;

  /** `action` is what `finish` will do. */
  constructor(
    private readonly scanner: PiiScanner,
    private readonly action: PiiAction,
  ) {
    this.written = action === 'pseudonymize' ? new Set() : undefined;
  }

  readonly visit = (text: string, path: readonly PathKey[], isKey: boolean): void => {
    // Past the limit nothing more is needed: a masking action refuses the request, `allow` keeps
    // the counts it has (and the placeholders the user wrote matter only to a masked request).
    if (this.overLimit) return;
    if (this.written !== undefined) collectBracketed(text, this.written);
    const json = !isKey && path[path.length - 1] === 'arguments';
    // The scanner stops as soon as this text takes the request past the limit.
    const room = LIMITS.piiFindings - this.count;
    const { findings, exceeded } = json ? scanArguments(text, this.scanner, room) : this.scanner.scanCapped(text, room);
    if (exceeded) {
      this.overLimit = true;
      findings.length = room;
    }
    if (findings.length === 0) return;
    this.count += findings.length;
    this.sites.push({ path: path.slice(), isKey, json, text, findings });
  };

  /** The findings with their places. */
  findings(): LocatedPiiFinding[] {
    const out: LocatedPiiFinding[] = [];
    for (const s of this.sites) {
      const where = placeOf(s.path, s.isKey);
      for (const f of s.findings) out.push({ ...f, where });
    }
    return out;
  }

  /**
   * Counts by type and the (place, type) pairs found, without a copy of each finding: what events,
   * audit entries and the block error need, cheap also for thousands of findings.
   */
  summary(): { types: Record<string, number>; places: Array<{ where: string; type: string }> } {
    const types: Record<string, number> = {};
    const places: Array<{ where: string; type: string }> = [];
    const seen = new Set<string>();
    for (const s of this.sites) {
      const where = placeOf(s.path, s.isKey);
      seen.clear();
      for (const f of s.findings) {
        types[f.type] = (types[f.type] ?? 0) + 1;
        if (!seen.has(f.type)) {
          seen.add(f.type);
          places.push({ where, type: f.type });
        }
      }
    }
    return { types, places };
  }

  /**
   * Applies the action given to the constructor. Refuses the request: `block` with findings (400
   * `pii_detected`, types and places, never values), a masking action past `LIMITS.piiFindings` (413).
   * Else `allow` returns `body` itself; `redact` typed markers (`[身份证号]`); `pseudonymize` vault
   * placeholders (`[身份证号_1]`), with the vault.
   */
  finish<T extends object>(body: T): { request: T; vault?: PseudonymVault } {
    if (this.action === 'block' && this.count > 0) throw piiBlockedError(this.summary().places, this.scanner);
    if (this.overLimit && (this.action === 'redact' || this.action === 'pseudonymize')) throw tooManyFindingsError();
    if (this.sites.length === 0 || this.action === 'allow' || this.action === 'block') return { request: body };
    const scanner = this.scanner;
    if (this.action === 'redact') return { request: rebuild(body, this.sites, (f) => `[${scanner.labelFor(f.type)}]`) };
    const written = this.written!;
    const vault = new PseudonymVault({ avoid: (p) => written.has(p) });
    const request = rebuild(body, this.sites, (f) => vault.placeholderFor(f.type, f.value, scanner.labelFor(f.type)));
    return { request, vault };
  }
}

/** Replacement of each finding of a site by `replace(finding)`; JSON-aware for tool-call arguments. */
function maskSite(site: Site, replace: (f: PiiFinding) => string): string {
  const spans: TextEdit[] = site.findings.map((f) => ({ start: f.start, end: f.end, text: replace(f) }));
  if (site.json && isJsonText(site.text)) return applyEdits(site.text, jsonSafeEdits(jsonTokens(site.text), spans));
  return applyEdits(site.text, spans);
}

type Container = Record<PathKey, unknown>;

function copyOf(v: unknown): Container {
  return (Array.isArray(v) ? v.slice() : { ...(v as object) }) as Container;
}

/**
 * A copy of `body` with each site's text replaced by its masked text (keys renamed in place, order
 * kept). Copy-on-write: only the objects and arrays on a changed path are copied; `body` is never
 * mutated and everything else is shared.
 */
function rebuild<T extends object>(body: T, sites: readonly Site[], replace: (f: PiiFinding) => string): T {
  const fresh = new Set<object>();
  let root = copyOf(body);
  fresh.add(root);
  /** The (copied) container at path[0, depth). */
  const own = (path: readonly PathKey[], depth: number): Container => {
    let node = root;
    for (let i = 0; i < depth; i++) {
      let child = node[path[i]] as Container;
      if (!fresh.has(child)) {
        child = copyOf(child);
        fresh.add(child);
        setOwn(node, path[i], child);
      }
      node = child;
    }
    return node;
  };
  // Values first (their paths use the original keys), then keys, deepest first, so that renaming a
  // key never invalidates the path of a site still to come.
  const keys: Site[] = [];
  for (const site of sites) {
    if (site.isKey) keys.push(site);
    else setOwn(own(site.path, site.path.length - 1), site.path[site.path.length - 1], maskSite(site, replace));
  }
  keys.sort((a, b) => b.path.length - a.path.length);
  for (const site of keys) {
    const depth = site.path.length;
    const parent = depth > 0 ? own(site.path, depth - 1) : undefined;
    const obj = parent ? (parent[site.path[depth - 1]] as Container) : root;
    const renamed = maskSite(site, replace);
    const out: Container = {};
    for (const k of Object.keys(obj)) {
      let name = k === site.text ? renamed : k;
      // Two keys redacted to the same marker must not overwrite each other.
      for (let n = 2; name !== k && Object.prototype.hasOwnProperty.call(obj, name); n++) name = `${renamed}#${n}`;
      setOwn(out, name, obj[k]);
    }
    fresh.add(out);
    if (parent) setOwn(parent, site.path[depth - 1], out);
    else root = out; // a top-level key: these come last (depth 0)
  }
  return root as T;
}

/**
 * The 400 error of a request refused because of PII. It names the types and places, never the values:
 * "The request contains personal information (id_card in messages[1].content); …".
 */
export function piiBlockedError(findings: ReadonlyArray<Pick<LocatedPiiFinding, 'where' | 'type'>>, scanner?: PiiScanner): GatewayError {
  const byPlace = new Map<string, Set<string>>();
  for (const f of findings) {
    let types = byPlace.get(f.where);
    if (types === undefined) byPlace.set(f.where, (types = new Set()));
    types.add(f.type);
  }
  const places = [...byPlace].map(([where, types]) => `${[...types].join(', ')} in ${where}`);
  const shown = places.length > 5 ? [...places.slice(0, 5), `${places.length - 5} more places`] : places;
  const zhTypes = [...new Set(findings.map((f) => (scanner ? scanner.labelFor(f.type) : f.type)))].join('、');
  const message =
    `The request contains personal information (${shown.join('; ')}); this workspace's policy blocks it. ` +
    `请求中含有个人信息（${zhTypes}），按当前策略不能发送。`;
  return gatewayError(PII_DETECTED, message, { param: 'messages' });
}

/**
 * Scans every text of a request body (see the module comment) and applies `action`: `allow` reports
 * findings only; `redact` replaces each value by a typed marker (`[身份证号]`); `pseudonymize` by a
 * vault placeholder (`[身份证号_1]`), returned with the vault; `block` throws a 400 `pii_detected`
 * GatewayError. Never mutates `body`; returns it unchanged (the same object) when nothing was found
 * or the action is `allow`. Throws a 413 when a masking action meets more than `LIMITS.piiFindings`.
 */
export function maskBody<T extends object>(body: T, scanner: PiiScanner, action: PiiAction): MaskResult<T> {
  const scan = new BodyScan(scanner, action);
  forEachText(body, scan.visit);
  // Refused before the findings are copied: the scan stopped when the limit was passed.
  const masked = scan.finish(body);
  return { ...masked, findings: scan.findings() };
}

/** `maskBody` for a chat request. */
export function maskRequest(req: ChatRequest, scanner: PiiScanner, action: PiiAction): MaskResult {
  return maskBody(req, scanner, action);
}
