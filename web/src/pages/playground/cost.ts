import { fetchLog, type LogDetail } from '../../api/logs.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads the request log row of a finished answer (same id as `x-request-id`). Log rows are
 * written in batches, so it retries for a few seconds; null when it never shows up or the
 * caller may not read logs.
 */
export async function fetchAnswerLog(requestId: string): Promise<LogDetail | null> {
  for (let i = 0; i < 6; i++) {
    await sleep(i === 0 ? 300 : 700);
    try {
      return await fetchLog(requestId);
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status !== 404) return null;
    }
  }
  return null;
}

export function formatCost(cost: number | undefined, currency: string | null | undefined): string {
  if (cost === undefined) return '—';
  const symbol = currency === 'USD' ? '$' : '¥';
  if (cost === 0) return `${symbol}0`;
  return `${symbol}${cost < 0.01 ? cost.toFixed(6) : cost.toFixed(4)}`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
