import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MASTER_KEY_FILE } from '../../src/security/master-key.js';
import { hashPassword, needsRehash, verifyPassword } from '../../src/security/passwords.js';
import { SecretBox, SecretBoxError } from '../../src/security/secret-box.js';
import { newId, newSessionToken, newVirtualKey } from '../../src/security/tokens.js';

const posix = process.platform !== 'win32';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    for (const text of ['sk-upstream-123', '', '密钥 🔑 with unicode', 'x'.repeat(10_000)]) {
      const sealed = box.seal(text);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
      expect(box.open(sealed)).toBe(text);
    }
    expect(box.seal('same')).not.toBe(box.seal('same'));
    expect(SecretBox.isSealed(box.seal('a'))).toBe(true);
    expect(SecretBox.isSealed('sk-plain')).toBe(false);
  });

  it('detects tampering with ciphertext, tag or IV, without leaking secrets in the error', () => {
    const secret = 'sk-very-secret-value';
    const sealed = box.seal(secret);
    const [v, iv, tag, ct] = sealed.split(':');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] ^= 1;
      return buf.toString('base64');
    };
    for (const bad of [`${v}:${iv}:${tag}:${flip(ct)}`, `${v}:${iv}:${flip(tag)}:${ct}`, `${v}:${flip(iv)}:${tag}:${ct}`]) {
      let err: unknown;
      try {
        box.open(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SecretBoxError);
      expect((err as Error).message).toMatch(/wrong master key|tampered/);
      expect((err as Error).message).not.toContain(secret);
      expect((err as Error).message).not.toContain(ct);
    }
  });

  it('rejects a wrong key, malformed values and a bad key size', () => {
    const sealed = box.seal('hello');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(SecretBoxError);
    expect(() => box.open('hello')).toThrow(/Malformed/);
    expect(() => box.open('v2:a:b:c')).toThrow(/version/);
    expect(() => box.open('v1:!!!:b:c')).toThrow(/Malformed/);
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('binds associated data: a value sealed for one row does not open for another', () => {
    const sealed = box.seal('sk-deepseek', 'provider:deepseek');
    expect(box.open(sealed, 'provider:deepseek')).toBe('sk-deepseek');
    expect(() => box.open(sealed, 'provider:moonshot')).toThrow(SecretBoxError);
    expect(() => box.open(sealed)).toThrow(SecretBoxError);
    expect(() => box.open(box.seal('x'), 'provider:deepseek')).toThrow(SecretBoxError);
  });

  it('keeps the key out of inspection and JSON', async () => {
    const key = randomBytes(32);
    const b = new SecretBox(key);
    const { inspect } = await import('node:util');
    expect(inspect(b, { showHidden: true })).not.toContain(key.toString('hex').slice(0, 8));
    expect(JSON.stringify(b)).toBe('{}');
  });
});

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'baimo-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('generates a 0600 key file in a new directory, then reuses it', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = loadMasterKey({ env: {}, dataDir });
    expect(first.source).toBe('generated');
    expect(first.key.length).toBe(32);
    expect(first.warnings).toEqual([]);
    const path = join(dataDir, MASTER_KEY_FILE);
    expect(readFileSync(path, 'utf8')).toBe(`${first.key.toString('hex')}\n`);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = loadMasterKey({ env: {}, dataDir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    expect(second.warnings).toEqual([]);
  });

  it.skipIf(!posix)('warns when the key file is readable by group or others', () => {
    const dataDir = tempDir();
    loadMasterKey({ env: {}, dataDir });
    chmodSync(join(dataDir, MASTER_KEY_FILE), 0o644);
    const again = loadMasterKey({ env: {}, dataDir });
    expect(again.source).toBe('file');
    expect(again.warnings.join('\n')).toMatch(/readable by group or others \(mode 0644\)/);
  });

  it('refuses a key file that does not hold a key, without echoing it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, MASTER_KEY_FILE), 'not-a-key-secretish', { mode: 0o600 });
    expect(() => loadMasterKey({ env: {}, dataDir })).toThrow(/does not hold a master key/);
    try {
      loadMasterKey({ env: {}, dataDir });
    } catch (e) {
      expect((e as Error).message).not.toContain('secretish');
    }
  });

  it('accepts BAIMO_MASTER_KEY as 64 hex chars or base64 of 32 bytes, ignoring the file', () => {
    const raw = randomBytes(32);
    const dataDir = tempDir();
    for (const text of [raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64'), raw.toString('base64url')]) {
      const mk = loadMasterKey({ env: { BAIMO_MASTER_KEY: ` ${text}\n` }, dataDir });
      expect(mk.source).toBe('env');
      expect(mk.key.equals(raw)).toBe(true);
      expect(mk.warnings).toEqual([]);
    }
    expect(() => statSync(join(dataDir, MASTER_KEY_FILE))).toThrow(); // no file was written
  });

  it('derives a key from any other value as a passphrase, deterministically, with a warning', () => {
    const dataDir = tempDir();
    const a = loadMasterKey({ env: { BAIMO_MASTER_KEY: 'correct horse battery staple 百模' }, dataDir });
    const b = loadMasterKey({ env: { BAIMO_MASTER_KEY: 'correct horse battery staple 百模' }, dataDir });
    const c = loadMasterKey({ env: { BAIMO_MASTER_KEY: 'qz-7pass' }, dataDir });
    expect(a.source).toBe('env');
    expect(a.key.length).toBe(32);
    expect(a.key.equals(b.key)).toBe(true);
    expect(a.key.equals(c.key)).toBe(false);
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/passphrase/);
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings.join(' ')).not.toContain('qz-7pass');
  });

  it('treats an empty BAIMO_MASTER_KEY as unset', () => {
    const dataDir = tempDir();
    expect(loadMasterKey({ env: { BAIMO_MASTER_KEY: '  ' }, dataDir }).source).toBe('generated');
  });
});

describe('passwords', () => {
  it('hashes in the documented format and verifies', async () => {
    const encoded = await hashPassword('hunter2-密码');
    expect(encoded).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(await verifyPassword('hunter2-密码', encoded)).toBe(true);
    expect(await verifyPassword('hunter2-密碼', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
    expect(await hashPassword('hunter2-密码')).not.toBe(encoded); // salted
    expect(needsRehash(encoded)).toBe(false);
  });

  it('normalises Unicode so composed and decomposed input match', async () => {
    const encoded = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', encoded)).toBe(true);
  });

  it('rejects empty and over-long passwords, and malformed hashes', async () => {
    await expect(hashPassword('')).rejects.toThrow(RangeError);
    await expect(hashPassword('x'.repeat(1025))).rejects.toThrow(RangeError);
    expect(await hashPassword('x'.repeat(1024))).toMatch(/^scrypt\$/);
    expect(await verifyPassword('x'.repeat(1025), 'scrypt$16384$8$1$AAAA$BBBB')).toBe(false);
    for (const bad of [
      '',
      'bcrypt$x',
      'scrypt$16384$8$1$salt',
      'scrypt$1000$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$1073741824$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
});

describe('tokens', () => {
  it('makes virtual keys with a display prefix', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { key, prefix } = newVirtualKey();
      expect(key).toMatch(/^sk-bm-[A-Za-z0-9]{40}$/);
      expect(prefix).toBe(`${key.slice(0, 12)}…`);
      keys.add(key);
    }
    expect(keys.size).toBe(200);
  });

  it('makes session tokens and typed ids', () => {
    expect(newSessionToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(newSessionToken());
    for (const kind of ['ws', 'app', 'key', 'usr']) expect(newId(kind)).toMatch(new RegExp(`^${kind}_[A-Za-z0-9]{16}$`));
    expect(() => newId('Bad Kind')).toThrow(RangeError);
  });

  it('uses every base62 character', () => {
    const seen = new Set(Array.from({ length: 100 }, () => newVirtualKey().key.slice(6)).join(''));
    expect(seen.size).toBe(62);
  });
});
