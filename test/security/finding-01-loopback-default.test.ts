import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { t } from '../../src/cli/i18n.js';
import { configSchema } from '../../src/config/schema.js';

/**
 * Finding 1: `host` defaulted to 0.0.0.0 while the banner printed 127.0.0.1. Now the default is
 * loopback, the banner prints the address actually bound, and a non-loopback bind prints a warning.
 * These run the real `baimo serve` (from source, through tsx) and read its banner.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader by absolute URL: the server runs in a temp directory, where `tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts `baimo serve` with `config`; resolves with stderr once the banner's listening line is out. */
function serve(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<{ stderr: string; url: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-f01-'));
  const configPath = join(dir, 'baimo.yaml');
  writeFileSync(configPath, stringify({ port: 0, database: join(dir, 'baimo.db'), discover_env: false, ...config }));
  // node itself with tsx's loader (not the tsx launcher, whose child would outlive a kill).
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src/cli/main.ts'), 'serve', '--config', configPath], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', BAIMO_ADMIN_TOKEN: 'sk-f01-admin', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`baimo serve did not start:\n${stderr}`)), 50_000);
    child.stderr!.on('data', (d) => {
      stderr += d;
      // The line after "listening" (a warning, when there is one) is written in the same tick.
      const m = /(?:listening on |已启动：)(http:\/\/(\S+?):(\d+))/.exec(stderr);
      if (m && stderr.endsWith('\n')) {
        clearTimeout(timer);
        setTimeout(() => resolve({ stderr, url: m[1], port: Number(m[3]) }), 100);
      }
    });
    child.on('exit', (code) => reject(new Error(`baimo serve exited (${code}):\n${stderr}`)));
  });
}

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.setTimeout(2_000, () => (s.destroy(), resolve(false)));
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

type Served = Awaited<ReturnType<typeof serve>>;
let runs: { loopback: Promise<Served>; wildcard: Promise<Served>; wildcardZh: Promise<Served> };
beforeAll(() => {
  // Started together: each is a process that compiles the CLI from source.
  runs = { loopback: serve({}), wildcard: serve({ host: '0.0.0.0' }), wildcardZh: serve({ host: '0.0.0.0' }, { LANG: 'zh_CN.UTF-8' }) };
  for (const p of Object.values(runs)) p.catch(() => undefined);
});

describe('finding 01: loopback by default, the real bind address in the banner', { timeout: 60_000 }, () => {
  it('the config schema defaults host to 127.0.0.1', () => {
    expect(configSchema.parse({}).host).toBe('127.0.0.1');
  });

  it('without host, baimo serve binds 127.0.0.1 only, says so, and warns about nothing', async () => {
    const s = await runs.loopback;
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.stderr).not.toMatch(/warning/i);
    expect(await reachable('127.0.0.1', s.port)).toBe(true);
    const lan = lanAddress();
    if (lan) expect(await reachable(lan, s.port)).toBe(false);
  });

  it('host 0.0.0.0 is printed as 0.0.0.0, with a warning that the console and API are on the network', async () => {
    const s = await runs.wildcard;
    expect(s.url).toBe(`http://0.0.0.0:${s.port}`);
    expect(s.stderr).toContain(t({ LANG: 'en_US.UTF-8' }).exposed(s.url));
    expect(s.stderr).toMatch(/warning: .*not a loopback address.*console login, \/metrics and the API/);
    // The warning is true: the server answers on the machine's network address.
    const lan = lanAddress();
    if (lan) expect(await reachable(lan, s.port)).toBe(true);
  });

  it('the warning is in Chinese under a Chinese locale', async () => {
    const s = await runs.wildcardZh;
    expect(s.url).toBe(`http://0.0.0.0:${s.port}`);
    expect(s.stderr).toContain(t({ LANG: 'zh_CN.UTF-8' }).exposed(s.url));
    expect(s.stderr).toContain('警告');
  });
});
