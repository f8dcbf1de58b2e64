import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';

export const MASTER_KEY_ENV = 'BAIMO_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';

/**
 * Salt for deriving a key from a passphrase in BAIMO_MASTER_KEY. It is fixed (and so public) because
 * an environment-only setup has nowhere else to keep a salt, and the same passphrase must give the
 * same key on every start and every replica. A fixed salt only enables precomputation across all
 * baimo installs, which scrypt's cost and a strong passphrase make impractical; use a random
 * 32-byte key (64 hex chars) to avoid the question entirely. Changing it breaks existing secrets.
 */
export const PASSPHRASE_SALT = 'baimo/master-key/v1';
// N=2^15, r=8 needs 32 MiB and ~100 ms: paid once at startup.
const PASSPHRASE_SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;
const MIN_PASSPHRASE = 16;

export interface MasterKey {
  key: Buffer;
  /** `env`: BAIMO_MASTER_KEY; `file`: an existing `<dataDir>/master.key`; `generated`: created just now. */
  source: 'env' | 'file' | 'generated';
  /**
   * Things an operator should fix, for the caller to log. Never contains key material. Set when the
   * env value was used as a passphrase (and when it is short), or when the key file is readable by
   * group or others.
   */
  warnings: string[];
  /** The key file used or created; absent when the key came from the environment. */
  path?: string;
}

/**
 * Finds the master key that seals stored secrets, in this order:
 *  1. BAIMO_MASTER_KEY: 64 hex chars or base64 of exactly 32 bytes is the key itself; any other
 *     non-empty value is a passphrase, stretched with scrypt and the fixed PASSPHRASE_SALT (warned).
 *  2. `<dataDir>/master.key` (64 hex chars), warning when its mode lets group or others read it.
 *  3. Otherwise 32 random bytes are written there with mode 0600, atomically and without replacing
 *     a file another process created first (in which case that process's key is used).
 * Losing the key file means losing every sealed secret: it belongs in backups, apart from the database.
 */
export function loadMasterKey(opts: { env: NodeJS.ProcessEnv; dataDir: string }): MasterKey {
  const fromEnv = opts.env[MASTER_KEY_ENV]?.trim();
  // An empty value (common with `KEY=` in compose files) counts as unset.
  if (fromEnv) {
    const key = parseRawKey(fromEnv);
    if (key) return { key, source: 'env', warnings: [] };
    const warnings = [
      `${MASTER_KEY_ENV} is not 64 hex characters or base64 of 32 bytes; it is used as a passphrase (scrypt, fixed salt). ` +
        'Prefer a random key: `openssl rand -hex 32`.',
    ];
    if (fromEnv.length < MIN_PASSPHRASE) warnings.push(`${MASTER_KEY_ENV} passphrase is shorter than ${MIN_PASSPHRASE} characters.`);
    return { key: scryptSync(fromEnv.normalize('NFC'), PASSPHRASE_SALT, KEY_BYTES, PASSPHRASE_SCRYPT), source: 'env', warnings };
  }

  const path = join(opts.dataDir, MASTER_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { ...existing, source: 'file', path };

  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  if (writeExclusive(path, `${key.toString('hex')}\n`)) return { key, source: 'generated', warnings: [], path };
  // Another process won the race: use its key so both seal with the same one.
  const theirs = readKeyFile(path);
  if (!theirs) throw new Error(`${path} appeared while generating a master key but cannot be read`);
  return { ...theirs, source: 'file', path };
}

/** 64 hex chars, or standard/url-safe base64 that decodes to exactly 32 bytes; else null. */
export function parseRawKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return null;
}

function readKeyFile(path: string): { key: Buffer; warnings: string[] } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const key = parseRawKey(text.trim());
  // Do not echo the content: it may be a mangled key.
  if (!key) throw new Error(`${path} does not hold a master key (expected 64 hex characters)`);
  const warnings: string[] = [];
  // Windows has no POSIX modes; elsewhere, flag keys that other local users could read.
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      warnings.push(`${path} is readable by group or others (mode ${mode.toString(8).padStart(4, '0')}); run \`chmod 600 ${path}\`.`);
    }
  }
  return { key, warnings };
}

/**
 * Writes a temporary file (0600, fsynced) and hard-links it into place: the key file appears whole
 * or not at all, and an existing one is never replaced. Returns false when the path already exists.
 */
function writeExclusive(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some filesystems (certain network or FUSE mounts) lack hard links: fall back to an exclusive
    // create, which still never replaces another process's key.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
    throw err;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // A leftover temp file is harmless; the key file's outcome is what matters.
    }
  }
}
