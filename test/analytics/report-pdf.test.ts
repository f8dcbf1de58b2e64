import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { findChromium, htmlToPdf, pdfUnavailableMessage } from '../../src/analytics/report-pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'baimo-pdf-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable shell script `name` in the folder `sub` of the test's temporary folder. */
function script(sub: string, name: string, body: string): string {
  const folder = join(dir, sub);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The `--print-to-pdf=` argument's path, in shell. */
const OUT = 'for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done';

/** Whether `pid` is a live process (a zombie waiting for its reaper is not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Temporary report folders htmlToPdf left behind. */
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('baimo-report-'));

describe('finding headless Chromium', () => {
  it('takes the first of chromium, chromium-browser, google-chrome on PATH', () => {
    const a = script('path-a', 'google-chrome', 'exit 0');
    const b = script('path-b', 'chromium-browser', 'exit 0');
    expect(findChromium(undefined, `${join(dir, 'path-a')}:${join(dir, 'path-b')}`)).toBe(b);
    expect(findChromium(undefined, join(dir, 'path-a'))).toBe(a);
    expect(findChromium(undefined, join(dir, 'nothing-here'))).toBeNull();
    expect(findChromium(undefined, '')).toBeNull();
  });

  it('uses analytics.chromium_path when set: a path, or a name looked up on PATH', () => {
    const c = script('custom', 'my-chrome', 'exit 0');
    expect(findChromium(c, '')).toBe(c);
    expect(findChromium('my-chrome', join(dir, 'custom'))).toBe(c);
    writeFileSync(join(dir, 'custom', 'not-executable'), 'x');
    expect(findChromium(join(dir, 'custom', 'not-executable'), '')).toBeNull();
    expect(pdfUnavailableMessage('/opt/none')).toContain('analytics.chromium_path (/opt/none)');
    expect(pdfUnavailableMessage()).toContain('chromium, chromium-browser, google-chrome');
  });
});

describe('printing to PDF', () => {
  it('returns what the browser printed and removes its temporary folder', async () => {
    const before = leftovers().length;
    const fake = script('ok', 'chromium', `${OUT}\nprintf '%%PDF-1.4 fake' > "$out"`);
    const pdf = await htmlToPdf('<p>hi</p>', { chromium: fake });
    expect(pdf.toString('latin1')).toBe('%PDF-1.4 fake');
    expect(leftovers().length).toBe(before);
  });

  it('fails with the browser’s last words when it fails, and when it writes no PDF', async () => {
    const failing = script('fail', 'chromium', 'echo "first line" >&2; echo "cannot open display" >&2; exit 3');
    await expect(htmlToPdf('<p>hi</p>', { chromium: failing })).rejects.toThrow(/exit 3.*cannot open display/);
    const silent = script('silent', 'chromium', 'exit 0');
    await expect(htmlToPdf('<p>hi</p>', { chromium: silent })).rejects.toThrow('without writing the PDF');
    const junk = script('junk', 'chromium', `${OUT}\necho not a pdf > "$out"`);
    await expect(htmlToPdf('<p>hi</p>', { chromium: junk })).rejects.toThrow('not a PDF');
  });

  it('kills a browser that hangs (and what it started) after the timeout', async () => {
    const pidFile = join(dir, 'child.pid');
    const hang = script('hang', 'chromium', `sleep 30 & echo $! > ${pidFile}; wait`);
    const t0 = Date.now();
    await expect(htmlToPdf('<p>hi</p>', { chromium: hang, timeoutMs: 500 })).rejects.toThrow('within 500 ms');
    expect(Date.now() - t0).toBeLessThan(10_000);
    // The helper it started (its process group) is gone too.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !running(pid), { timeoutMs: 5_000, what: 'the hung browser’s child to die' });
  });

  it('stops when the job is cancelled', async () => {
    const hang = script('hang2', 'chromium', 'sleep 30');
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('cancelled')), 200);
    await expect(htmlToPdf('<p>hi</p>', { chromium: hang, signal: ac.signal })).rejects.toThrow('cancelled');
  });

  it('says when the browser cannot be started at all', async () => {
    await expect(htmlToPdf('<p>hi</p>', { chromium: join(dir, 'missing', 'chromium') })).rejects.toThrow('could not be started');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
