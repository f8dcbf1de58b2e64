import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the module `callerUrl` (pass `import.meta.url`).
 * Run from TypeScript sources (tests, `tsx`), the worker registers tsx first, because a worker does
 * not inherit the parent's module loader; compiled, it loads `name.js` directly.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!/\.[cm]?ts$/.test(new URL(callerUrl).pathname)) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const tsxApi = pathToFileURL(
    createRequire(callerUrl)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
