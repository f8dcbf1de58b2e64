import { z } from 'zod';
import { segmentsSchema } from '../../analytics/segments.js';
import { cleanText } from '../../core/clean-text.js';
import { LIMITS } from '../../core/limits.js';
import { CALLER_ID_MAX } from '../caller-ids.js';

/** Bounds of what the console and apps report (`POST /api/events`, `POST /api/feedback`). */
export const EVENT_LIMITS = {
  /** Page views in one batch. */
  batch: 50,
  /** Characters of a page's path or name. */
  page: 200,
  /** Characters of a feedback comment. */
  comment: 2_000,
  /** How old a page view may be (ms): a page sends its batch within seconds, a flaky one within days. */
  maxAgeMs: 7 * 86_400_000,
  /** How far ahead of the server's clock a page view may be (ms): clock skew. */
  maxAheadMs: 5 * 60_000,
  /** Characters of a request id (`x-request-id`). */
  requestId: 128,
} as const;

/** A caller-given id (session, end user): at most 200 characters, control characters removed. */
const callerId = (what: string) =>
  z
    .string()
    .max(CALLER_ID_MAX, `${what} must be at most ${CALLER_ID_MAX} characters`)
    .transform((v) => cleanText(v, CALLER_ID_MAX));

/** A time as epoch milliseconds or ISO 8601 text (with an offset). */
const instant = z
  .union([z.number().int().nonnegative().max(8.64e15), z.iso.datetime({ offset: true })])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

export const pageViewEventSchema = z
  .object({
    type: z.literal('page_view'),
    id: z.uuid('id must be a UUID (the page makes one per view; a repeat of it is counted once)'),
    page: z
      .string()
      .min(1)
      .max(EVENT_LIMITS.page, `page must be at most ${EVENT_LIMITS.page} characters`)
      .describe('The page shown: its route (`/playground`, `/apps/{appId}/use`) or a name'),
    ts: instant.optional().describe('When it was shown: epoch ms or ISO 8601; at most 7 days old, at most 5 minutes ahead (default: now)'),
    session_id: callerId('session_id')
      .optional()
      .describe('The browser session (the console keeps one per tab); else the `x-session-id` header, else derived'),
    app: z
      .string()
      .min(1)
      .max(LIMITS.id)
      .optional()
      .describe(
        'The app the page shows: its id (the view then counts in the app’s workspace, which the caller must see), or a slug in the workspace',
      ),
    end_user: callerId('end_user')
      .optional()
      .describe('The end user (API keys and the admin token; a console session’s end user is its user)'),
  })
  .strict();
export type PageViewEventBody = z.infer<typeof pageViewEventSchema>;

export const eventsBodySchema = z
  .object({
    workspace_id: z
      .string()
      .min(1)
      .max(LIMITS.id)
      .optional()
      .describe('The workspace the pages belong to (an API key: its own; default: the default workspace, or a console user’s first)'),
    events: z
      .array(pageViewEventSchema)
      .min(1, 'send at least one event')
      .max(EVENT_LIMITS.batch, `at most ${EVENT_LIMITS.batch} events in one batch`),
  })
  .strict();

export const eventsResponseSchema = z.object({
  object: z.literal('events'),
  /** Events taken (a repeated id is taken again and still counted once). */
  accepted: z.number(),
});

/** Control characters other than line breaks and tabs (a comment keeps its lines). */
const COMMENT_CONTROL = /(?![\n\t])[\p{Cc}\u2028\u2029]/gu;

export const feedbackBodySchema = z
  .object({
    request_id: z
      .string()
      .min(1)
      .max(EVENT_LIMITS.requestId)
      .describe('The answer’s request id: the `x-request-id` response header (also the request log row’s id)'),
    rating: z.enum(['like', 'dislike']).nullable().describe('like, dislike, or null to withdraw a rating'),
    comment: z
      .string()
      .max(EVENT_LIMITS.comment, `comment must be at most ${EVENT_LIMITS.comment} characters`)
      .transform((v) => v.replace(/\r\n?/g, '\n').replace(COMMENT_CONTROL, '').trim() || null)
      .nullable()
      .optional()
      .describe('Free text (stored, never shown back in an answer of this API)'),
    end_user: callerId('end_user').optional().describe('Who rates (API keys and the admin token; a console session rates as its user)'),
  })
  .strict();

export const feedbackResponseSchema = z.object({
  object: z.literal('feedback'),
  request_id: z.string(),
  rating: z.enum(['like', 'dislike']).nullable(),
});

/** An end user's segment attributes (`PUT /api/analytics/end-users/{id}`). */
export const endUserBodySchema = segmentsSchema;

export const endUserQuerySchema = z.object({
  workspace_id: z
    .string()
    .min(1)
    .max(LIMITS.id)
    .optional()
    .describe('The end user’s workspace (an API key: its own; else the default workspace)'),
});

export const endUserViewSchema = z.object({
  object: z.literal('end_user'),
  id: z.string(),
  workspace_id: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  user_group: z.string().nullable(),
});
