import { loadConfig } from '../config/load-config.js';
import { redactLocation } from '../store/dialect.js';
import { providerCredentialProblems } from '../providers/registry.js';
import { createRuntime } from '../runtime/create-runtime.js';
import { t } from './i18n.js';

/** `--queues a,b` as queue names (undefined: every queue). */
export function parseQueues(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = [...new Set(raw.split(',').map((s) => s.trim()))].filter(Boolean);
  return names.length ? names : undefined;
}

/**
 * `baimo worker [--config F] [--queues a,b]`: opens the storage and the job queue of the config and
 * works jobs (all queues, or those named), without an HTTP listener. SIGTERM / SIGINT drain it: no new
 * jobs, running ones finish within `shutdown_timeout_s`, the rest go back to the queue; then exit 0.
 * A second signal exits at once (1).
 */
export async function workerCommand(opts: { config?: string; queues?: string }): Promise<number> {
  const m = t();
  const say = (s: string) => process.stderr.write(`${s}\n`);
  const loaded = loadConfig({ configPath: opts.config, checkProvider: providerCredentialProblems });
  const runtime = await createRuntime(loaded.config, {
    warn: say,
    onLogError: (err) => say(`baimo: could not write request logs: ${(err as Error).message}`),
    metrics: false,
    workers: false,
  });
  const known = runtime.jobs.queues();
  const queues = parseQueues(opts.queues);
  const unknown = (queues ?? []).filter((q) => !known.includes(q));
  if (unknown.length) {
    say(m.unknownQueues(unknown.join(', '), known.join(', ')));
    await runtime.close();
    return 2;
  }
  await runtime.jobs.startWorkers(queues);
  say(loaded.path ? m.configFrom(loaded.path) : m.zeroConfig);
  say(m.database(redactLocation(loaded.config.database)));
  say(m.workerStarted((queues ?? known).join(', '), runtime.jobs.mode));
  // Nothing else keeps the event loop alive without an HTTP listener (the queue's timers are unref'd).
  const alive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) process.exit(1);
      stopping = true;
      say(m.workerStopping);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  try {
    await runtime.close();
  } finally {
    clearInterval(alive);
  }
  say(m.workerStopped);
  process.exit(0);
}
