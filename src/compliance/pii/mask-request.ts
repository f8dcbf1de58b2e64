/**
 * Applies a PII action to a chat request: every message's text (system, developer, user, assistant,
 * tool; string content and text parts), `reasoning_content`, and assistant tool-call arguments (a
 * JSON text, masked so that it stays valid JSON).
 *
 * Values never appear in errors or logs: findings carry them for the caller's own use (the vault,
 * counting), and the block error names only types and places.
 */

import type { ChatMessage, ChatRequest, ContentPart, ToolCall } from '../../core/chat-types.js';
import { GatewayError } from '../../core/errors.js';
import type { PiiAction, PiiFinding } from '../contracts.js';
import { applyEdits, isJsonText, jsonSafeEdits, jsonTokens, jsonView, type TextEdit } from './json-text.js';
import type { PiiScanner } from './pii-scanner.js';
import { PseudonymVault } from './pseudonym-vault.js';

/** A finding with the place it was found, like `messages[2].content` or `messages[1].tool_calls[0].function.arguments`. */
export interface LocatedPiiFinding extends PiiFinding {
  where: string;
}

/** What `maskRequest` returns. */
export interface MaskResult {
  /** The request to send on: the input itself when nothing was masked. */
  request: ChatRequest;
  findings: LocatedPiiFinding[];
  /** With `pseudonymize` and findings: the placeholders issued, for restoring the answer. */
  vault?: PseudonymVault;
}

/** The error type and code of a request refused because of PII. */
export const PII_DETECTED = 'pii_detected' as const;

type SiteKind = 'content' | 'part' | 'reasoning' | 'arguments';

/** One scanned text with findings. Offsets of `arguments` findings are raw offsets in the JSON text. */
interface Site {
  message: number;
  kind: SiteKind;
  /** Part index (`part`) or tool-call index (`arguments`). */
  index: number;
  text: string;
  findings: PiiFinding[];
}

function whereOf(s: Pick<Site, 'message' | 'kind' | 'index'>): string {
  const m = `messages[${s.message}]`;
  switch (s.kind) {
    case 'content':
      return `${m}.content`;
    case 'part':
      return `${m}.content[${s.index}].text`;
    case 'reasoning':
      return `${m}.reasoning_content`;
    case 'arguments':
      return `${m}.tool_calls[${s.index}].function.arguments`;
  }
}

/** Findings in a JSON text (tool-call arguments), scanned with escapes decoded; offsets are raw. */
function scanArguments(raw: string, scanner: PiiScanner): PiiFinding[] {
  if (raw.indexOf('\\') < 0) return scanner.scan(raw);
  const view = jsonView(raw, jsonTokens(raw));
  const found = scanner.scan(view.text);
  const toRaw = view.toRaw;
  if (toRaw === null) return found;
  for (const f of found) {
    f.start = toRaw[f.start];
    f.end = toRaw[f.end];
  }
  return found;
}

function collectSites(messages: readonly ChatMessage[], scanner: PiiScanner): Site[] {
  const sites: Site[] = [];
  const add = (message: number, kind: SiteKind, index: number, text: string, findings: PiiFinding[]): void => {
    if (findings.length > 0) sites.push({ message, kind, index, text, findings });
  };
  for (let i = 0; i < messages.length; i++) {
    const msg = messages[i];
    const content = msg.content;
    if (typeof content === 'string') {
      add(i, 'content', 0, content, scanner.scan(content));
    } else if (Array.isArray(content)) {
      for (let p = 0; p < content.length; p++) {
        const part = content[p];
        if (part.type === 'text' && typeof part.text === 'string') add(i, 'part', p, part.text, scanner.scan(part.text));
      }
    }
    if (typeof msg.reasoning_content === 'string') add(i, 'reasoning', 0, msg.reasoning_content, scanner.scan(msg.reasoning_content));
    if (Array.isArray(msg.tool_calls)) {
      for (let t = 0; t < msg.tool_calls.length; t++) {
        const args = msg.tool_calls[t]?.function?.arguments;
        if (typeof args === 'string') add(i, 'arguments', t, args, scanArguments(args, scanner));
      }
    }
  }
  return sites;
}

/** Replacement of each finding of a site by `replace(finding)`; JSON-aware for tool-call arguments. */
function maskSite(site: Site, replace: (f: PiiFinding) => string): string {
  const spans: TextEdit[] = site.findings.map((f) => ({ start: f.start, end: f.end, text: replace(f) }));
  if (site.kind === 'arguments' && isJsonText(site.text)) return applyEdits(site.text, jsonSafeEdits(jsonTokens(site.text), spans));
  return applyEdits(site.text, spans);
}

function rebuild(req: ChatRequest, sites: readonly Site[], replace: (f: PiiFinding) => string): ChatRequest {
  const messages = req.messages.slice();
  const copied = new Set<number>();
  const own = (i: number): ChatMessage => {
    if (!copied.has(i)) {
      messages[i] = { ...messages[i] };
      copied.add(i);
    }
    return messages[i];
  };
  for (const site of sites) {
    const masked = maskSite(site, replace);
    const msg = own(site.message);
    if (site.kind === 'content') {
      msg.content = masked;
    } else if (site.kind === 'reasoning') {
      msg.reasoning_content = masked;
    } else if (site.kind === 'part') {
      const parts = (msg.content as ContentPart[]).slice();
      parts[site.index] = { ...parts[site.index], type: 'text', text: masked };
      msg.content = parts;
    } else {
      const calls = (msg.tool_calls as ToolCall[]).slice();
      const call = calls[site.index];
      calls[site.index] = { ...call, function: { ...call.function, arguments: masked } };
      msg.tool_calls = calls;
    }
  }
  return { ...req, messages };
}

/**
 * The 400 error of a request refused because of PII. It names the types and places, never the values:
 * "The request contains personal information (id_card in messages[1].content); …".
 */
export function piiBlockedError(findings: readonly LocatedPiiFinding[], scanner?: PiiScanner): GatewayError {
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
  return new GatewayError(message, { status: 400, type: PII_DETECTED, code: PII_DETECTED, param: 'messages' });
}

/**
 * Scans a request and applies `action`: `allow` reports findings only; `redact` replaces each value by
 * a typed marker (`[身份证号]`); `pseudonymize` by a vault placeholder (`[身份证号_1]`), returned with
 * the vault; `block` throws a 400 `pii_detected` GatewayError. Never mutates `req`; returns it
 * unchanged (the same object) when nothing was found or the action is `allow`.
 */
export function maskRequest(req: ChatRequest, scanner: PiiScanner, action: PiiAction): MaskResult {
  const sites = collectSites(req.messages, scanner);
  if (sites.length === 0) return { request: req, findings: [] };
  const findings: LocatedPiiFinding[] = [];
  for (const s of sites) {
    const where = whereOf(s);
    for (const f of s.findings) findings.push({ ...f, where });
  }
  if (action === 'allow') return { request: req, findings };
  if (action === 'block') throw piiBlockedError(findings, scanner);
  if (action === 'redact') return { request: rebuild(req, sites, (f) => `[${scanner.labelFor(f.type)}]`), findings };
  // A placeholder that already occurs in the request (the user wrote it) is never issued.
  const texts = collectTexts(req.messages);
  const vault = new PseudonymVault({ avoid: (p) => texts.some((t) => t.includes(p)) });
  const request = rebuild(req, sites, (f) => vault.placeholderFor(f.type, f.value, scanner.labelFor(f.type)));
  return { request, findings, vault };
}

function collectTexts(messages: readonly ChatMessage[]): string[] {
  const texts: string[] = [];
  for (const m of messages) {
    if (typeof m.content === 'string') texts.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'text' && typeof p.text === 'string') texts.push(p.text);
    if (typeof m.reasoning_content === 'string') texts.push(m.reasoning_content);
    if (Array.isArray(m.tool_calls))
      for (const c of m.tool_calls) if (typeof c?.function?.arguments === 'string') texts.push(c.function.arguments);
  }
  return texts;
}
