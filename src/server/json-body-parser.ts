import type { FastifyInstance } from 'fastify';
import { badRequest } from '../core/errors.js';

/**
 * Rejects prototype-poisoning keys, as Fastify's own parser does (`onProtoPoisoning: 'error'`). A
 * reviver sees keys after JSON unescaping, so `"\u005f_proto__"` is caught like `"__proto__"`.
 */
function guard(key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)) {
    throw new SyntaxError('Object contains forbidden prototype property');
  }
  return value;
}

/**
 * True when a body might spell `__proto__` or `constructor`: literally, or with a `\u00XX` escape
 * (the only escapes that decode to ASCII, so the only way to spell either without writing it out).
 * Everything else, CJK text escaped as `\u4e2d` included, stays on the fast path.
 */
function mayPoisonPrototype(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u00');
}

/**
 * JSON bodies with plain `JSON.parse`; only bodies that may spell a prototype key take the slower
 * guarded parse. Fastify's default parser scans every body, which showed in the profile.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(badRequest('The request body is empty; send a JSON object.', null, 'invalid_body'), undefined);
    try {
      done(null, mayPoisonPrototype(text) ? JSON.parse(text, guard) : JSON.parse(text));
    } catch (err) {
      done(badRequest(`We could not parse the JSON body of your request: ${(err as Error).message}`, null, 'invalid_json'), undefined);
    }
  });
}
