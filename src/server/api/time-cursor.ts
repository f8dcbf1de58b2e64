import { badRequest } from '../../core/errors.js';

/** A page position in a list ordered by (created_at, id): the logs and the jobs. */
export interface TimeCursor {
  createdAt: number;
  id: string;
}

/** `next_cursor` as clients see it: opaque base64url of `<createdAt>.<id>`. */
export const encodeTimeCursor = (c: TimeCursor): string => Buffer.from(`${c.createdAt}.${c.id}`).toString('base64url');

/** The cursor a client sent back, or a 400 naming `cursor`. */
export function decodeTimeCursor(s: string): TimeCursor {
  const raw = Buffer.from(s, 'base64url').toString();
  const dot = raw.indexOf('.');
  const createdAt = Number(raw.slice(0, dot));
  if (dot <= 0 || !Number.isFinite(createdAt))
    throw badRequest('Invalid cursor: pass next_cursor from the previous page unchanged.', 'cursor', 'invalid_value');
  return { createdAt, id: raw.slice(dot + 1) };
}
