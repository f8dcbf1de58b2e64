import type { SecurityConfig } from '../../config/security-schema.js';
import { PROTOTYPE_KEYS } from '../../core/prototype-keys.js';
import type { PolicyDocument } from '../contracts.js';

type Plain = Record<string, unknown>;

/** A plain object: an object literal or JSON.parse output, not an array, a class instance or a prototype. */
function isPlain(v: unknown): v is Plain {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && v !== Object.prototype;
}

/** A deep copy of a JSON value without prototype keys (arrays and plain objects are copied). */
function copyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyValue);
  if (isPlain(v)) {
    const out: Plain = {};
    mergeInto(out, v);
    return out;
  }
  return v;
}

function mergeInto(target: Plain, source: Plain): void {
  for (const k of Object.keys(source)) {
    if (PROTOTYPE_KEYS.has(k)) continue;
    const v = source[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) target[k] = copyValue(v);
    else if (isPlain(v)) {
      const existing = Object.prototype.hasOwnProperty.call(target, k) ? target[k] : undefined;
      const next: Plain = isPlain(existing) ? existing : {};
      mergeInto(next, v);
      target[k] = next;
    } else target[k] = v; // scalars and explicit null (e.g. `labels.explicit: null` turns a notice off)
  }
}

/**
 * Merges policy documents, later ones winning: objects merge field by field, arrays replace, an
 * absent (undefined) field keeps what came before and an explicit `null` replaces it (so
 * `labels.explicit: null` at a more specific level turns a deployment-wide notice off).
 * The inputs are never modified; the result shares no objects or arrays with them, and keys that
 * could reach a prototype (`__proto__`, `constructor`, `prototype`) are skipped at every depth.
 */
export function mergePolicies(...docs: Array<PolicyDocument | undefined>): PolicyDocument {
  const out: Plain = {};
  for (const d of docs) if (d) mergeInto(out, d as Plain);
  return out as PolicyDocument;
}

/**
 * The policy part of baimo.yaml `security:` (the deployment's defaults), without the settings that
 * only the deployment has (window_chars, library_files, labels.enabled, provider_code…).
 */
export function policyFromConfig(security: SecurityConfig): PolicyDocument {
  const doc: PolicyDocument = {};
  if (security.pii) doc.pii = security.pii;
  if (security.routing) doc.routing = security.routing;
  const { window_chars: _w, library_files: _f, ...moderation } = security.moderation;
  if (Object.values(moderation).some((v) => v !== undefined)) doc.moderation = moderation;
  if (security.labels.explicit !== undefined) doc.labels = { explicit: security.labels.explicit };
  return mergePolicies(doc);
}
