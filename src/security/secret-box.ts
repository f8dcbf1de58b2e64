import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Raised when a sealed value cannot be opened. The message never carries key or plaintext material. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * Authenticated encryption for secrets at rest (provider API keys and the like), AES-256-GCM with a
 * fresh random 12-byte IV per value. Sealed form: `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`.
 *
 * The optional associated data (for example the provider name or row id) is authenticated but not
 * stored: a value sealed for one row fails to open for another, so a database writer cannot swap
 * ciphertexts between rows. An empty string and no associated data are equivalent in GCM.
 *
 * With random 96-bit IVs one key should seal fewer than 2^32 values; secrets change rarely, so
 * that bound is far away.
 */
export class SecretBox {
  // A private field keeps the key out of util.inspect, console.log and JSON.stringify output.
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      throw new SecretBoxError(`SecretBox key must be ${KEY_BYTES} bytes`);
    }
    this.#key = Buffer.from(key); // a copy: the caller may zero or reuse its buffer
  }

  /** True when `value` looks like the output of `seal` (cheap; does not try to decrypt). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}:`) && value.split(':').length === 4;
  }

  seal(plaintext: string, associatedData?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${VERSION}:${iv.toString('base64')}:${tag.toString('base64')}:${ciphertext.toString('base64')}`;
  }

  open(sealed: string, associatedData?: string): string {
    const parts = typeof sealed === 'string' ? sealed.split(':') : [];
    if (parts.length !== 4) throw new SecretBoxError('Malformed sealed value: expected v1:<iv>:<tag>:<ciphertext>');
    const [version, ivText, tagText, ciphertextText] = parts;
    if (version !== VERSION) throw new SecretBoxError(`Unsupported sealed value version (expected ${VERSION})`);
    const iv = decodeBase64(ivText);
    const tag = decodeBase64(tagText);
    const ciphertext = decodeBase64(ciphertextText);
    if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('Malformed sealed value: bad IV, tag or ciphertext encoding');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // OpenSSL's own message ("Unsupported state or unable to authenticate data") is cryptic;
      // name the likely causes instead, and drop the cause so nothing secret rides along.
      throw new SecretBoxError('Cannot open sealed value: wrong master key, wrong associated data, or the value was tampered with');
    }
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Node's decoder silently skips junk, which would hide corruption. */
function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text) || text.length % 4 !== 0) return null;
  return Buffer.from(text, 'base64');
}
