/** Formatting for the logs page; times are shown in China time (Asia/Shanghai). */
const TZ = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-11-28 16:04:05` in Asia/Shanghai. */
export function fmtTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(dateTime.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

export const fmtMs = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;

export const fmtCny = (n: number): string => (n === 0 ? '¥0' : `¥${n < 0.01 ? n.toFixed(6) : n.toFixed(4)}`);

/** Pretty-prints JSON bodies; anything else (SSE transcripts, text) is shown as is. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
