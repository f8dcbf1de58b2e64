import type { PiiAction } from './contracts.js';

/**
 * What the compliance layer did to one request: stored as JSON in the request log's `compliance`
 * column and summarised in audit entries. Never holds personal data, only types and counts.
 */
export interface ComplianceEvents {
  pii?: { action: PiiAction; types: Record<string, number>; where: string[] };
  moderation?: { stage: 'input' | 'output'; risk: string; source: string; action: string; library?: string };
  routing?: { allowed: string[]; reason: 'policy' | 'pii' };
  blocked?: 'pii' | 'moderation' | 'routing';
}

/** The `compliance` column value, or undefined when nothing happened. */
export function eventsJson(e: ComplianceEvents): string | undefined {
  // Ordinary requests leave the column NULL: only what a policy found or decided is worth a row's bytes.
  return e.pii || e.moderation || e.routing || e.blocked ? JSON.stringify(e) : undefined;
}
