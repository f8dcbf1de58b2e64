import { basename } from 'node:path';
import { CATALOG } from '../catalog/catalog.js';
import { loadConfig } from '../config/load-config.js';
import type { Provider } from '../core/provider.js';
import { pullModel } from '../engine/pull.js';
import { ProgressBar } from '../engine/progress-bar.js';
import { RouteTable } from '../gateway/route-table.js';
import { t } from './i18n.js';

/** `baimo models list [--json] [--catalog]`: what clients can send as `model` with this config. */
export async function modelsListCommand(opts: { config?: string; json?: boolean; catalog?: boolean }): Promise<number> {
  if (opts.catalog) {
    const rows = CATALOG.map((e) => ({
      id: e.id,
      name: e.names.en,
      name_zh: e.names.zh,
      protocol: e.protocol,
      base_url: e.baseUrl,
      env: e.envKeys,
      models: e.models.map((m) => m.id),
    }));
    if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const r of rows)
        process.stdout.write(`${r.id.padEnd(18)} ${r.name_zh} / ${r.name}  [${r.env.join(', ') || 'no key'}]  ${r.models.length} models\n`);
    return 0;
  }
  const { config } = loadConfig({ configPath: opts.config });
  // Listing needs names only: no adapters, sockets or model files.
  const stubs = new Map<string, Provider>(Object.keys(config.providers).map((name) => [name, { name } as Provider]));
  const listings = new RouteTable(config, stubs).listings();
  if (opts.json)
    process.stdout.write(
      `${JSON.stringify(
        listings.map((l) => ({ id: l.id, owned_by: l.ownedBy })),
        null,
        2,
      )}\n`,
    );
  else for (const l of listings) process.stdout.write(`${l.id}\n`);
  return 0;
}

/** `baimo models pull <owner/repo/file.gguf | URL>`: downloads GGUF weights with resume and checksum. */
export async function modelsPullCommand(opts: { config?: string; spec?: string; sha256?: string; dir?: string }): Promise<number> {
  const m = t();
  if (!opts.spec) {
    process.stderr.write(`${m.pullUsage}\n`);
    return 2;
  }
  let modelsDir = opts.dir;
  if (!modelsDir) {
    try {
      modelsDir = loadConfig({ configPath: opts.config }).config.models_dir;
    } catch {
      modelsDir = './models';
    }
  }
  const bar = new ProgressBar(basename(opts.spec.split('@')[0]));
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort(new Error('interrupted')));
  try {
    const r = await pullModel(opts.spec, {
      modelsDir,
      sha256: opts.sha256,
      token: process.env.HF_TOKEN,
      onProgress: (p) => bar.update(p.received, p.total),
      signal: ctl.signal,
    });
    bar.done();
    process.stdout.write(`${m.pulled(r.path, (r.bytes / 1e6).toFixed(1))}\n`);
    return 0;
  } catch (err) {
    bar.done();
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
