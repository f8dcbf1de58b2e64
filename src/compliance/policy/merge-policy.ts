import type { SecurityConfig } from '../../config/security-schema.js';
import type { PolicyDocument } from '../contracts.js';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeInto(target: Plain, source: Plain): void {
  for (const [k, v] of Object.entries(source)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) target[k] = [...(v as unknown[])];
    else if (isPlain(v)) {
      const existing = target[k];
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
 * The inputs are never modified; the result shares no objects or arrays with them.
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
