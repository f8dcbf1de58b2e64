/**
 * The limits of every input baimo accepts, in one place. Every route (present and future) takes its
 * bounds from here: schemas use the string and array limits, the server applies the body limits per
 * route group, and everything that keeps per-request data in memory or in a log row is bounded here.
 * See docs/security.md for why each value is what it is.
 */
export const LIMITS = {
  /** A model name or alias in a request (`model`). Longer is rejected before any routing. */
  modelName: 256,
  /** The end-user id a client passes in a request (`user`); OpenAI's own examples are short hashes. */
  userId: 512,
  /** Ids in paths and query strings (`ws_…`, `key_…`, `usr_…`, request ids, job ids). */
  id: 100,
  /** Names in admin requests: workspaces, apps, users, libraries, model aliases. */
  name: 200,
  /** Short free text in admin requests: descriptions. */
  shortText: 2_000,
  /** A paging cursor (`next_cursor`). */
  cursor: 400,
  /** An e-mail address (RFC 5321 caps it at 254). */
  email: 254,
  /** A password given to login or to user creation. */
  password: 1_024,
  /** A URL in an admin request (provider base URLs, pull URLs). */
  url: 2_048,
  /** One custom regular expression (PII recognizer or moderation pattern). */
  pattern: 1_024,
  /** Terms in one moderation library upload. */
  libraryTerms: 200_000,
  /** Entries in an admin array (allow-lists, patterns, headers, targets). */
  adminArray: 1_000,
  /** Model globs in one virtual key's allow-list. */
  keyModels: 200,
  /** A virtual key's metadata (what analytics groups by): tag lengths, list lengths, free values, entries. */
  keyMetadata: { tag: 100, list: 50, value: 1_000, entries: 64 },
  /** Messages in one chat request. */
  messages: 10_000,
  /** Tools in one chat request. */
  tools: 128,
  /** `stop` sequences in one chat request (OpenAI allows 4). */
  stopSequences: 4,
  /** Inputs in one embeddings request (OpenAI allows 2,048). */
  embeddingInputs: 2_048,
  /** Documents in one rerank request (Jina, Cohere and SiliconFlow accept 1,000). */
  rerankDocuments: 1_000,
  /** Characters of a rerank query and of each document (rerankers read a few thousand tokens at most). */
  rerankText: 100_000,
  /** PII findings handled per request; past this the request is refused rather than half-masked. */
  piiFindings: 10_000,
  /** Distinct places (`messages[1].content`) of PII findings kept in a log row or audit detail. */
  piiPlaces: 32,
  /** Nesting depth of a request body the compliance layer walks (deeper is refused, never sent unscanned). */
  requestDepth: 64,
  /** Characters kept of any request-derived string written to a log row or an audit detail. */
  loggedString: 1_024,
  /** An audit detail larger than this is kept as a SHA-256 of the full detail plus a prefix. */
  auditDetailBytes: 64 * 1024,
  /** Entries in any in-memory map keyed by request data (routes, targets, verified tokens). */
  requestKeyedMap: 4_096,
  /** Accounts and client addresses tracked by the login throttle (expired entries are swept first). */
  loginThrottleEntries: 100_000,
  /** Page size of any list endpoint. */
  pageSize: 1_000,
  /** Page size of the request-log list (rows are wide). */
  logPageSize: 500,
  /** Body sizes per route group, in bytes. */
  body: {
    /** `/api/*` without an upload: JSON settings and forms. */
    api: 256 * 1024,
    /** `/api/*` routes that take uploads (moderation libraries, bulk imports). */
    apiUpload: 32 * 1024 * 1024,
    /** `/api` routes open to anyone (login): their bodies are small. */
    apiPublic: 8 * 1024,
  },
  /** HTTP server timeouts, in milliseconds (slow-loris defence). */
  http: {
    /** A whole request (headers and body) must arrive within this. */
    requestTimeoutMs: 60_000,
    /** Headers must arrive within this. */
    headersTimeoutMs: 15_000,
    /** An idle keep-alive connection is closed after this. */
    keepAliveTimeoutMs: 10_000,
    /**
     * A socket with no traffic either way is closed after this (a client that stops reading). Above the
     * default upstream `total_ms` (10 min): a non-streaming answer sends nothing until it is complete.
     */
    connectionTimeoutMs: 15 * 60_000,
  },
} as const;

/** Cuts a request-derived string to `max` characters for logs, marking the cut with its full length. */
export function truncateForLog(value: string, max: number = LIMITS.loggedString): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}…[${value.length} chars]`;
}
