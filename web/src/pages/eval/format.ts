/** Formatting shared by the evaluation pages: rates, money, the colours of statuses and scores. */
import type { RunStatus } from '../../api/eval.ts';

const dash = '—';

/** `87.5%` (one decimal), `—` when unknown. */
export const fmtPct = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? dash : `${(n * 100).toFixed(digits)}%`;

/** A money amount: two decimals from 100 up, else three significant digits (`¥1.02`, `$0.0034`); `—` when unknown. */
export function fmtMoney(n: number | null | undefined, symbol: '¥' | '$'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return dash;
  if (n === 0) return `${symbol}0`;
  if (Math.abs(n) >= 100) return `${symbol}${n.toFixed(2)}`;
  if (Math.abs(n) < 1e-6) return `${symbol}${n.toExponential(2)}`;
  return `${symbol}${Number(n.toPrecision(3))}`;
}

export const fmtNum = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? dash : n.toFixed(digits);

export const RUN_STATUS_COLORS: Record<RunStatus, string> = {
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export const RUN_BAR: Record<RunStatus, 'normal' | 'active' | 'success' | 'exception'> = {
  queued: 'normal',
  running: 'active',
  completed: 'success',
  failed: 'exception',
  cancelled: 'normal',
};

/** A heat colour for a score 0..1: red → amber → green (light enough for dark text). */
export function heat(score: number | null | undefined): string | undefined {
  if (score === null || score === undefined || !Number.isFinite(score)) return undefined;
  const s = Math.max(0, Math.min(1, score));
  const hue = Math.round(s * 120);
  return `hsl(${hue}, 70%, 85%)`;
}

/** The console's URL of a run's report page, and of a dataset's page. */
export const runPath = (id: string): string => `/eval/runs/${encodeURIComponent(id)}`;
export const datasetPath = (id: string): string => `/eval/datasets/${encodeURIComponent(id)}`;

/** A dataset name as the server takes it (suite.ts: a stored dataset's name). */
export const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
