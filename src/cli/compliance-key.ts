import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from '../config/data-dir.js';
import type { BaimoConfig } from '../config/schema.js';
import { loadMasterKey, MASTER_KEY_ENV, MASTER_KEY_FILE } from '../security/master-key.js';

/**
 * The master key exactly as the server finds it (BAIMO_MASTER_KEY, else `master.key` beside the
 * database), but never generated: a verifying command must not invent a key. Null when there is
 * none; `where` names the place looked at, for the message. Warnings (a passphrase, a key file
 * others can read) go to stderr; nothing about the key itself is ever printed.
 */
export function findMasterKey(config: BaimoConfig, env: NodeJS.ProcessEnv = process.env): { key: Buffer | null; where: string } {
  const dataDir = dataDirOf(config);
  const path = join(dataDir, MASTER_KEY_FILE);
  if (!env[MASTER_KEY_ENV]?.trim() && !existsSync(path)) return { key: null, where: path };
  const mk = loadMasterKey({ env, dataDir });
  for (const w of mk.warnings) process.stderr.write(`baimo: ${w}\n`);
  return { key: mk.key, where: mk.path ?? MASTER_KEY_ENV };
}
