import { hkdfSync } from 'node:crypto';

/** HKDF purposes in use; each gives an independent key, so one never serves two jobs. */
export const KEY_PURPOSES = {
  aigcLabel: 'baimo aigc label v1',
  auditChain: 'baimo audit chain v1',
} as const;

const SALT = Buffer.alloc(0);

/**
 * Derives a 32-byte subkey for one purpose from the master key (HKDF-SHA256, empty salt, the purpose
 * as info). The master key itself only seals secrets; labels and the audit chain use subkeys.
 */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  if (!Buffer.isBuffer(masterKey) || masterKey.length < 16) throw new Error('deriveKey: the master key must be at least 16 bytes');
  if (!purpose) throw new Error('deriveKey: a purpose is required');
  return Buffer.from(hkdfSync('sha256', masterKey, SALT, Buffer.from(purpose, 'utf8'), 32));
}
