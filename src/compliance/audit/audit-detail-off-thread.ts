import { spawnWorker } from '../../core/spawn-worker.js';
import type { AuditDetailData } from './audit-detail-worker.js';
import { MAX_DETAIL_BYTES, serializeDetail } from './audit-detail.js';

/**
 * True when the strings and keys of `value` hold more than `limit` UTF-16 units (at least as many
 * UTF-8 bytes): a detail that is surely oversized. Stops counting as soon as it knows.
 */
export function holdsMoreChars(value: unknown, limit: number): boolean {
  let left = limit;
  const visit = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return (left -= v.length) < 0;
    if (v === null || typeof v !== 'object' || depth > 8) return false;
    if (Array.isArray(v)) {
      for (const item of v) if (visit(item, depth + 1)) return true;
      return false;
    }
    for (const k in v as Record<string, unknown>) {
      if ((left -= k.length) < 0 || visit((v as Record<string, unknown>)[k], depth + 1)) return true;
    }
    return false;
  };
  return visit(value, 0);
}

/**
 * {@link serializeDetail}, on a thread of its own when the detail is surely over MAX_DETAIL_BYTES
 * (the request thread then only copies it); at once otherwise, or when that thread fails.
 */
export function serializeDetailSoon(detail: Record<string, unknown> | null | undefined): string | null | Promise<string | null> {
  if (detail === null || detail === undefined || !holdsMoreChars(detail, MAX_DETAIL_BYTES)) return serializeDetail(detail);
  let worker;
  try {
    worker = spawnWorker(import.meta.url, 'audit-detail-worker', { detail } satisfies AuditDetailData);
  } catch {
    return serializeDetail(detail);
  }
  const running = worker;
  return new Promise<string | null>((resolve) => {
    let settled = false;
    const settle = (text: string | null): void => {
      if (settled) return;
      settled = true;
      void running.terminate();
      resolve(text);
    };
    running.once('message', (text: string | null) => settle(text));
    running.once('error', () => settle(serializeDetail(detail)));
    running.once('exit', () => settle(serializeDetail(detail)));
  });
}
