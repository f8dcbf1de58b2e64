import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt minimum; ~50 ms and 16 MiB per hash, which also throttles online guessing.
const N = 16384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
export const MAX_PASSWORD_LENGTH = 1024;
/** Stored hashes are trusted, but a corrupt one must not make a login allocate gigabytes. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Runs on libuv's thread pool, so hashing does not block the event loop.
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Unicode passwords are NFC-normalised first: the same password typed through different input
 * methods (Chinese IMEs, macOS vs Windows) can arrive as different code point sequences.
 */
function normalise(password: string): string {
  return password.normalize('NFC');
}

function acceptable(password: unknown): password is string {
  return typeof password === 'string' && password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
}

/** Hashes a password as `scrypt$16384$8$1$<salt b64>$<hash b64>`. Throws on empty or over-long input. */
export async function hashPassword(password: string): Promise<string> {
  if (!acceptable(password)) throw new RangeError(`Password must be 1 to ${MAX_PASSWORD_LENGTH} characters`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(normalise(password), salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Checks a password against an encoded hash in constant time. Returns false (never throws) for a
 * wrong password, an unacceptable password, or a malformed hash, so a login handler has one path.
 * The cost parameters are read from the hash, so raising N later keeps old hashes verifiable.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (!acceptable(password) || typeof encoded !== 'string') return false;
  const parsed = parse(encoded);
  if (!parsed) return false;
  const { n, r, p, salt, hash } = parsed;
  let actual: Buffer;
  try {
    actual = await scryptAsync(normalise(password), salt, hash.length, { N: n, r, p, maxmem: MAX_SCRYPT_MEMORY });
  } catch {
    return false;
  }
  return timingSafeEqual(actual, hash);
}

/** True when a stored hash uses weaker parameters than new hashes get (re-hash it at next login). */
export function needsRehash(encoded: string): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.n < N || parsed.r < R || parsed.hash.length < KEY_BYTES;
}

function parse(encoded: string): { n: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map((x) => (/^[1-9][0-9]{0,7}$/.test(x) ? Number(x) : NaN));
  if (!Number.isInteger(n) || !Number.isInteger(r) || !Number.isInteger(p)) return null;
  // N must be a power of two; r and p are bounded so a crafted hash cannot pin the thread pool.
  if (n < 2 || (n & (n - 1)) !== 0 || r > 32 || p > 16 || 128 * n * r > MAX_SCRYPT_MEMORY / 2) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 256) return null;
  return { n, r, p, salt, hash };
}
