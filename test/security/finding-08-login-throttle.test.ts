import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Finding 8: login throttling was checked before an await and counted after it, so parallel wrong
 * passwords all reached scrypt. Now an attempt is counted synchronously, one login per account is in
 * flight at a time, and `trust_proxy` makes the per-address counter follow X-Forwarded-For.
 */
const PASSWORD = 'correct horse battery';

async function loginStatus(baimo: TestBaimo, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${baimo.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

const count = (codes: number[], code: number): number => codes.filter((c) => c === code).length;

describe('finding 08: login throttling holds under parallel requests', () => {
  let baimo: TestBaimo;
  beforeAll(async () => {
    baimo = await startBaimo({});
    expect((await api(baimo, 'POST', '/api/users', { email: 'victim@example.cn', name: 'u', password: PASSWORD })).status).toBe(201);
  });
  afterAll(async () => {
    await baimo?.close();
  });

  let spent = 0;
  it('60 parallel wrong passwords for one account: one at a time reaches the password check, the rest get 429', async () => {
    const codes = await Promise.all(Array.from({ length: 60 }, () => loginStatus(baimo, 'victim@example.cn', 'wrong password')));
    spent = count(codes, 401);
    // Before the fix all 60 were checked (60 × 401). Now only one is in flight per account (a
    // straggler may arrive after the first finished), and never more than the 5 allowed failures.
    expect(spent).toBeGreaterThanOrEqual(1);
    expect(spent).toBeLessThanOrEqual(5);
    expect(count(codes, 429)).toBe(60 - spent);
  });

  it('60 parallel guesses across accounts from one address: only the 30 allowed reach the password check', async () => {
    const codes = await Promise.all(Array.from({ length: 60 }, (_, i) => loginStatus(baimo, `guess${i}@example.cn`, 'x')));
    // The per-address budget is 30 failures, some of which the first test spent.
    expect(count(codes, 401)).toBe(30 - spent);
    expect(count(codes, 429)).toBe(30 + spent);
  });

  it('without trust_proxy, X-Forwarded-For does not give a client a fresh address', async () => {
    expect(await loginStatus(baimo, 'fresh@example.cn', 'x', { 'x-forwarded-for': '198.51.100.9' })).toBe(429);
  });
});

describe('finding 08: trust_proxy', () => {
  let baimo: TestBaimo;
  beforeAll(async () => {
    baimo = await startBaimo({ trust_proxy: ['127.0.0.1', '::1'] });
    expect((await api(baimo, 'POST', '/api/users', { email: 'me@example.cn', name: 'u', password: PASSWORD })).status).toBe(201);
  });
  afterAll(async () => {
    await baimo?.close();
  });

  it('behind a trusted proxy each client address has its own counter', async () => {
    const xff = { 'x-forwarded-for': '203.0.113.7' };
    const codes = await Promise.all(Array.from({ length: 31 }, (_, i) => loginStatus(baimo, `p${i}@example.cn`, 'x', xff)));
    expect(count(codes, 401)).toBe(30);
    expect(count(codes, 429)).toBe(1);
    // Another client behind the same proxy is not throttled by the first one's failures.
    expect(await loginStatus(baimo, 'fresh@example.cn', 'x', { 'x-forwarded-for': '198.51.100.9' })).toBe(401);
  });

  it('a successful login gives its attempt back: correct logins are never throttled', async () => {
    for (let i = 0; i < 8; i++) expect(await loginStatus(baimo, 'me@example.cn', PASSWORD, { 'x-forwarded-for': '192.0.2.1' })).toBe(200);
  });

  it('a hop count trusts that many proxies', async () => {
    const { trustProxyOption } = await import('../../src/server/build-app.js');
    const trust = trustProxyOption(1) as (addr: string, hop: number) => boolean;
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('203.0.113.7', 1)).toBe(false);
    expect(trustProxyOption(false)).toBe(false);
  });
});
