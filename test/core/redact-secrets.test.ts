import { describe, expect, it } from 'vitest';
import { upstreamError } from '../../src/core/errors.js';
import { redactSecrets } from '../../src/core/redact-secrets.js';

describe('secrets never leave in error messages', () => {
  it('masks key-like strings and bearer tokens', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-abcdefghijklmnop1234.')).toBe('Incorrect API key provided: sk-proj***.');
    expect(redactSecrets('header was Bearer abcdefghijklmnopqrstuvwxyz')).toBe('header was Bearer ***');
    expect(redactSecrets('token bm-admin-Zx9_abcdefgh is wrong')).toBe('token bm-admin-Zx9_*** is wrong');
    expect(redactSecrets('my key 4f1c2d3e4f5a6b7c8d9e appears', ['4f1c2d3e4f5a6b7c8d9e'])).toBe('my key 4f1*** appears');
  });

  it('leaves ordinary text alone', () => {
    const s = 'The model `deepseek-chat` does not support max_tokens > 8192 (skill: task-based).';
    expect(redactSecrets(s)).toBe(s);
  });

  it('upstream auth errors reach the client masked and as 502', () => {
    const e = upstreamError('openai', 401, 'Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz. You can find your API key at …');
    expect(e.status).toBe(502);
    expect(e.message).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(e.toJSON())).not.toContain('abcdefghijklmnop');
  });
});
