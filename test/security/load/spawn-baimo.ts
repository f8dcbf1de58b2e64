import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, writeTestConfig } from '../../helpers/start-baimo.js';
import { POSTGRES_ENV } from '../../helpers/test-database.js';
import { parse } from 'yaml';

const readDatabase = (configPath: string): string => (parse(readFileSync(configPath, 'utf8')) as { database: string }).database;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');

export interface SpawnedBaimo {
  url: string;
  dir: string;
  /** The `database:` it runs on (an SQLite file or a PostgreSQL URL). */
  database: string;
  child: ChildProcess;
  /** What the server wrote to stderr (banner, warnings). */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Runs the real `baimo serve` in its own process (the CLI from source through tsx, so it is the
 * working tree that runs, not a possibly stale build), with a temp `baimo.yaml` built like
 * `startBaimo`'s. A separate process matters for latency tests: a server that blocks its event loop
 * cannot also stall the client that measures it.
 */
export async function spawnBaimo(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
  opts: { args?: string[]; shared?: { dir: string; configPath: string } } = {},
): Promise<SpawnedBaimo> {
  const written = opts.shared ?? writeTestConfig(config, 'baimo-load-');
  const { dir, configPath } = written;
  const args = opts.args ?? ['serve'];
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', MAIN, ...args, '--config', configPath], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: dir, LANG: 'en_US.UTF-8', BAIMO_ADMIN_TOKEN: ADMIN_TOKEN, ...POSTGRES_ENV, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Never outlive the test process (a server stuck in a busy loop ignores SIGTERM).
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
  let err = '';
  child.stderr!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baimo ${args[0]} did not start within 30 s:\n${err}`)), 30_000);
    child.stderr!.on('data', (d: string) => {
      err += d;
      // A server says where it listens; a worker that it is working (it has no listener).
      const m = /listening on (http:\/\/[^\s]+)/.exec(err) ?? (args[0] === 'worker' ? /(worker)/i.exec(err) : null);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baimo serve exited with ${code}:\n${err}`));
    });
  });
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    // A server stuck in a busy loop never handles SIGTERM.
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  // A PostgreSQL schema outlives the process (tests count its rows after a shutdown): the run's global teardown drops it.
  return { url, dir, database: readDatabase(configPath), child, stderr: () => err, close };
}
