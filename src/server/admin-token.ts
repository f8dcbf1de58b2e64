import { randomBytes } from 'node:crypto';
import { hashToken } from '../security/tokens.js';
import type { SettingsRepository } from '../store/settings-repository.js';

const KEY = 'admin_token_sha256';

/**
 * The admin token's hash: from BAIMO_ADMIN_TOKEN when set, else the stored one, else a new token
 * generated now, stored hashed and shown once through `announce` (it is never shown again).
 */
export async function resolveAdminToken(
  settings: SettingsRepository,
  env: NodeJS.ProcessEnv,
  announce: (token: string) => void,
): Promise<Buffer> {
  const fromEnv = env.BAIMO_ADMIN_TOKEN?.trim();
  if (fromEnv) return hashToken(fromEnv);
  const stored = await settings.get(KEY);
  if (stored) return Buffer.from(stored, 'hex');
  const token = `bm-admin-${randomBytes(24).toString('base64url')}`;
  const hash = hashToken(token);
  await settings.set(KEY, hash.toString('hex'));
  announce(token);
  return hash;
}
