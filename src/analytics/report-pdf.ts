import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The browsers looked for on PATH, in order (a browser is never downloaded). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;
/** How long printing one report may take by default. */
export const PDF_TIMEOUT_MS = 60_000;
/** The largest PDF kept (a report is far smaller; anything bigger is a broken print). */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** No headless Chromium here: PDF reports cannot be made (the API answers `pdf_unavailable`). */
export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: `configured` (`analytics.chromium_path`; a name without a slash is
 * looked up on PATH) when given, else the first of {@link CHROMIUM_NAMES} on `pathEnv`; null when there
 * is none.
 */
export function findChromium(configured?: string, pathEnv: string | undefined = process.env.PATH): string | null {
  const dirs = (pathEnv ?? '').split(delimiter).filter((d) => d && isAbsolute(d));
  const lookup = (name: string) => dirs.map((d) => join(d, name)).find(executable) ?? null;
  if (configured) return configured.includes('/') ? (executable(configured) ? configured : null) : lookup(configured);
  for (const name of CHROMIUM_NAMES) {
    const found = lookup(name);
    if (found) return found;
  }
  return null;
}

/** The message of a missing browser, naming what was looked for. */
export function pdfUnavailableMessage(configured?: string): string {
  return configured
    ? `PDF reports need headless Chromium: analytics.chromium_path (${configured.slice(0, 200)}) is not an executable file. Ask for html instead, or fix the path.`
    : `PDF reports need headless Chromium, and none of ${CHROMIUM_NAMES.join(', ')} is on PATH. Install one (apt-get install chromium) or set analytics.chromium_path, or ask for html.`;
}

export interface PdfOptions {
  /** The browser (see {@link findChromium}). */
  chromium: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Prints a standalone HTML page to PDF with headless Chromium: the page is written to a private
 * temporary folder (with a throwaway profile), printed with `--print-to-pdf`, and the folder removed.
 * The browser is killed (its whole process group) when `timeoutMs` passes or `signal` aborts.
 */
export async function htmlToPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'baimo-report-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html);
    await print(opts, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--mute-audio',
      '--hide-scrollbars',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      '--print-to-pdf-no-header',
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ]);
    const size = await stat(out).then(
      (s) => s.size,
      () => -1,
    );
    if (size <= 0) throw new Error('Chromium ended without writing the PDF.');
    if (size > MAX_PDF_BYTES) throw new Error(`The PDF is larger than ${MAX_PDF_BYTES} bytes.`);
    const pdf = await readFile(out);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium wrote something that is not a PDF.');
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function print(opts: PdfOptions, args: string[]): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? PDF_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason ?? new Error('aborted'));
    // Its own process group: Chromium's helpers (zygote, GPU, renderer) die with it on a kill.
    const child = spawn(opts.chromium, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, HOME: tmpdir() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    let stopped: Error | undefined;
    const kill = (why: Error) => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => kill(new Error(`Chromium did not print the report within ${timeoutMs} ms.`)), timeoutMs);
    const onAbort = () => kill(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (err?: Error) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    child.on('error', (err) => done(new PdfUnavailableError(`Chromium could not be started (${opts.chromium}): ${err.message}`)));
    // `exit`, not `close`: a helper left behind may hold stderr open; the group is cleared either way.
    child.on('exit', (code, signal) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      if (stopped) return done(stopped);
      if (code !== 0) return done(new Error(`Chromium failed (exit ${code ?? signal}): ${lastLine(stderr)}`));
      done();
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
