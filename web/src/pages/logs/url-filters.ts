/**
 * The logs page's filters in its URL query (`/logs?model=alpha&from=…&to=…`), so other pages (the
 * Analytics drill-down) can link to a filtered view and a filtered view can be shared. Malformed
 * values are dropped, never an error.
 */
import type { LogFilters } from '../../api/logs.ts';

const MAX = 256;

const text = (v: string | null): string | undefined => {
  const s = v?.trim();
  return s && s.length <= MAX ? s : undefined;
};

/** Epoch ms, from digits or an ISO 8601 instant. */
const instant = (v: string | null): number | undefined => {
  if (!v || v.length > 40) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
};

/** The filters a URL query names (status `all` when it names none). */
export function parseLogFilters(params: URLSearchParams): LogFilters {
  const status = params.get('status') ?? '';
  const f: LogFilters = { status: 'all' };
  if (status === 'ok' || status === 'error') f.status = status;
  else if (/^\d{3}$/.test(status)) Object.assign(f, { status: 'code', code: status });
  const from = instant(params.get('from'));
  const to = instant(params.get('to'));
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  const named: Array<[keyof LogFilters, string]> = [
    ['workspaceId', 'workspace'],
    ['keyId', 'key'],
    ['appId', 'app'],
    ['model', 'model'],
    ['scenario', 'scenario'],
  ];
  for (const [field, name] of named) {
    const v = text(params.get(name));
    if (v !== undefined) (f as unknown as Record<string, string>)[field] = v;
  }
  return f;
}

/** The URL query of filters (empty ones left out). */
export function logFilterParams(f: Partial<LogFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.from !== undefined) p.set('from', String(f.from));
  if (f.to !== undefined) p.set('to', String(f.to));
  if (f.workspaceId) p.set('workspace', f.workspaceId);
  if (f.keyId) p.set('key', f.keyId);
  if (f.appId) p.set('app', f.appId);
  if (f.model) p.set('model', f.model);
  if (f.scenario) p.set('scenario', f.scenario);
  if (f.status === 'ok' || f.status === 'error') p.set('status', f.status);
  else if (f.status === 'code' && f.code) p.set('status', f.code);
  return p;
}

/** The logs page's path for filters: `/logs?…`. */
export function logsPath(f: Partial<LogFilters>): string {
  const q = logFilterParams(f).toString();
  return q ? `/logs?${q}` : '/logs';
}
