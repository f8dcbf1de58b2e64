import { GatewayError, type ErrorType } from './errors.js';

/**
 * Every error `code` baimo itself emits, in one table (Fastify's `FST_ERR_*` table is the model):
 * the HTTP status, OpenAI error `type`, whether the router retries the call (`retryable`), and
 * when it happens. `docs/errors.md` is generated from it (`npm run gen:errors`),
 * and `test/core/error-codes.test.ts` fails when a code in src/ is missing here.
 *
 * The codes are a contract: clients and tests match on them. A code raised with a second status or
 * type records it as a `variant`; only a recorded variant may be chosen at a call site.
 */

interface Shape {
  readonly status: number;
  readonly type: ErrorType;
  readonly retryable: boolean;
}

/** A second status, type or retryable a code is raised with, and when. */
export interface ErrorCodeVariant extends Shape {
  readonly when: string;
}

export interface ErrorCodeEntry extends Shape {
  /** When the error happens, in a line a user reads in docs/errors.md. */
  readonly description: string;
  readonly variants: readonly ErrorCodeVariant[];
}

const entry = <S extends number, T extends ErrorType, R extends boolean, V extends readonly ErrorCodeVariant[] = readonly []>(
  status: S,
  type: T,
  retryable: R,
  description: string,
  variants?: V,
): { status: S; type: T; retryable: R; description: string; variants: NoInfer<V> } => ({
  status,
  type,
  retryable,
  description,
  // NoInfer: without variants V is the default (none), not what the `satisfies` below suggests.
  variants: (variants ?? []) as V,
});

const variant = <S extends number, T extends ErrorType, R extends boolean>(status: S, type: T, retryable: R, when: string) => ({
  status,
  type,
  retryable,
  when,
});

export const ERROR_CODES = {
  // The request itself (400 and friends).
  invalid_request: entry(400, 'invalid_request_error', false, 'The request is invalid in a way no more specific code names.'),
  invalid_body: entry(400, 'invalid_request_error', false, 'The body is empty, not a JSON object, or its Content-Length is invalid.'),
  invalid_json: entry(400, 'invalid_request_error', false, 'The body is not valid JSON.'),
  invalid_value: entry(400, 'invalid_request_error', false, 'A field, query or path parameter has a wrong value; `param` names it.'),
  missing_required_parameter: entry(400, 'invalid_request_error', false, 'A required field or parameter is missing; `param` names it.'),
  invalid_url: entry(400, 'invalid_request_error', false, 'The URL has broken percent-encoding.', [
    variant(414, 'invalid_request_error', false, 'a path parameter is longer than the router allows'),
  ]),
  request_too_large: entry(413, 'invalid_request_error', false, "The body is larger than its route group's limit."),
  unsupported_media_type: entry(415, 'invalid_request_error', false, 'The body is not sent as `Content-Type: application/json`.'),
  request_too_deep: entry(
    400,
    'invalid_request_error',
    false,
    'The request is nested too deep to be checked against the data-security policy.',
  ),
  unsupported_input: entry(400, 'invalid_request_error', false, 'Embeddings `input` is given as token arrays; send text.'),
  embeddings_unsupported: entry(400, 'invalid_request_error', false, "The model's provider does not offer embeddings."),
  rerank_unsupported: entry(400, 'invalid_request_error', false, "The model's provider does not offer reranking."),
  unsupported_content: entry(400, 'invalid_request_error', false, 'A message content part type the local engine cannot read.'),
  unsupported_json_schema: entry(
    400,
    'invalid_request_error',
    false,
    '`response_format.json_schema` cannot be turned into a grammar by the local engine.',
  ),
  unsupported_image_url: entry(400, 'invalid_request_error', false, 'An image is not a base64 `data:` URL (Ollama accepts no other).'),
  context_length_exceeded: entry(400, 'invalid_request_error', false, "The conversation does not fit the model's context window."),
  content_filter: entry(400, 'invalid_request_error', false, "The provider's content inspection (DashScope) refused the input."),
  invalid_inputs: entry(
    400,
    'invalid_request_error',
    false,
    "A scenario app's inputs are invalid; the message names every bad variable and `param` the first.",
  ),

  // Admin API input (400, 409).
  model_required: entry(400, 'invalid_request_error', false, 'A provider test needs `model`: the provider cannot list its models.'),
  workspace_not_found: entry(400, 'invalid_request_error', false, 'A user is added to a workspace that does not exist.'),
  app_not_found: entry(400, 'invalid_request_error', false, 'A key or a page view names an app that is not in its workspace.'),
  event_time_out_of_range: entry(
    400,
    'invalid_request_error',
    false,
    'A page view’s `ts` is more than 7 days old or more than 5 minutes ahead (`POST /api/events`).',
  ),
  provider_not_found: entry(400, 'invalid_request_error', false, 'A model alias target names a provider that does not exist.'),
  library_not_found: entry(400, 'invalid_request_error', false, 'A policy names a moderation library that does not exist in its scope.'),
  invalid_model: entry(400, 'invalid_request_error', false, 'A model alias was stored but cannot be applied; the message says why.'),
  unknown_type: entry(400, 'invalid_request_error', false, 'A provider `type` is neither a catalog id nor a protocol.'),
  file_only: entry(400, 'invalid_request_error', false, 'Local GGUF engines can only be configured in baimo.yaml.'),
  not_local: entry(400, 'invalid_request_error', false, 'A local-model action names a provider that is not a llama-cpp engine.'),
  scope_mismatch: entry(400, 'invalid_request_error', false, 'The key or app named is not in the workspace or app named with it.'),
  invalid_taxonomy: entry(
    400,
    'invalid_request_error',
    false,
    'A topic taxonomy is not usable (a duplicate id or name, a label without example prompts); the message says where, in English and Chinese.',
  ),
  self_delete: entry(400, 'invalid_request_error', false, 'A user tries to delete their own account.'),
  default_workspace: entry(400, 'invalid_request_error', false, 'The default workspace cannot be deleted.'),
  too_many_terms: entry(400, 'invalid_request_error', false, 'A keyword-library upload would exceed the most terms a library holds.'),
  looser_than_deployment: entry(
    400,
    'invalid_request_error',
    false,
    "A workspace policy is looser than the deployment's baimo.yaml policy.",
  ),
  user_exists: entry(409, 'invalid_request_error', false, 'A user with that e-mail already exists.'),
  knowledge_base_exists: entry(409, 'invalid_request_error', false, 'The workspace has a knowledge base of that name already.'),
  app_slug_taken: entry(
    409,
    'invalid_request_error',
    false,
    'The slug is taken: another scenario app of the workspace or a built-in app has it.',
  ),
  version_not_draft: entry(409, 'invalid_request_error', false, 'Only a draft version of a scenario app can be edited or published.'),
  arena_already_voted: entry(409, 'invalid_request_error', false, 'The arena battle has been voted on already (a vote is cast once).'),
  arena_models_unavailable: entry(
    400,
    'invalid_request_error',
    false,
    'A blind arena battle needs two chat models the evaluation key may call; configure them or list them in `arena.models`.',
  ),
  invalid_battles: entry(
    400,
    'invalid_request_error',
    false,
    'An arena import has bad lines (the message lists them by number); nothing was imported. Fix them, or skip them with `skip_invalid`.',
  ),
  invalid_suite: entry(
    400,
    'invalid_request_error',
    false,
    'An evaluation suite is invalid, or cannot run its dataset (no such stored dataset or version, a split without answers, a judge item without a rubric); the message says which key and why.',
  ),
  eval_run_not_active: entry(409, 'invalid_request_error', false, 'Only a queued or running evaluation run can be cancelled.'),
  eval_run_not_resumable: entry(409, 'invalid_request_error', false, 'Only a failed or cancelled evaluation run can be resumed.'),
  pdf_unavailable: entry(
    400,
    'invalid_request_error',
    false,
    'A PDF report was asked for and this server has no headless Chromium (`chromium` on PATH or `analytics.chromium_path`): ask for html.',
  ),
  report_not_ready: entry(
    409,
    'invalid_request_error',
    false,
    'A usage report job has not made its file yet (queued, running or failed): poll `GET /api/analytics/reports/:id`.',
  ),
  dataset_name_taken: entry(
    409,
    'invalid_request_error',
    false,
    'The workspace has an evaluation dataset of that name already (a rename), or one of another type (an import adds versions to a dataset of its own type).',
  ),
  dataset_in_use: entry(
    409,
    'invalid_request_error',
    false,
    'An evaluation dataset cannot be deleted while runs use it; delete those runs first.',
  ),
  invalid_dataset: entry(
    400,
    'invalid_request_error',
    false,
    'An evaluation dataset file cannot be used (its format, a field, a size limit); the message names the file and line.',
  ),
  no_logged_bodies: entry(
    400,
    'invalid_request_error',
    false,
    'No logged request qualifies for a dataset sample: none stored its bodies (turn on `logging.store_bodies`), or none matches the filter.',
  ),
  embedding_model_locked: entry(
    409,
    'invalid_request_error',
    false,
    "A knowledge base's embedding model cannot change once it holds chunks; create a new base (or remove its documents).",
  ),
  file_too_large: entry(
    413,
    'invalid_request_error',
    false,
    'An uploaded file is larger than `knowledge.max_file_mb` (or 50 MiB, read as text).',
  ),
  file_unreadable: entry(
    400,
    'invalid_request_error',
    false,
    'An uploaded file cannot be read as text (corrupt, encrypted, binary); the message says why.',
  ),
  defined_in_file: entry(
    409,
    'invalid_request_error',
    false,
    'The provider, alias, price or library comes from baimo.yaml; change the file.',
  ),

  // Authentication (401).
  invalid_api_key: entry(401, 'authentication_error', false, 'The API key or token is missing, malformed or wrong.'),
  key_revoked: entry(401, 'authentication_error', false, 'The virtual key has been revoked.'),
  key_disabled: entry(401, 'authentication_error', false, 'The virtual key is disabled.'),
  key_expired: entry(401, 'authentication_error', false, 'The virtual key has expired.'),
  invalid_credentials: entry(401, 'authentication_error', false, 'Console login with a wrong e-mail or password, or a disabled user.', [
    variant(403, 'permission_error', false, '`current_password` is wrong when a user changes their own password'),
  ]),

  // Permission (403).
  permission_denied: entry(403, 'permission_error', false, 'A permission check refused the request (generic).'),
  model_not_allowed: entry(403, 'permission_error', false, "The model is outside the API key's allow-list."),
  model_price_unknown: entry(403, 'permission_error', false, 'The model has no price and the API key has a money budget.'),
  admin_required: entry(403, 'permission_error', false, 'Only an instance administrator (or the user themself) may do this.'),
  key_not_allowed: entry(403, 'permission_error', false, 'An API key tries an admin action; keys read only their own key, usage and logs.'),
  role_insufficient: entry(403, 'permission_error', false, "The user's workspace role is too low for this action."),
  csrf_failed: entry(403, 'permission_error', false, 'A console-session write without a valid `x-csrf-token`, or from another site.'),
  app_forbidden: entry(403, 'permission_error', false, 'The API key is scoped to another scenario app than the one it runs.'),
  end_user_not_allowed: entry(
    403,
    'permission_error',
    false,
    'A console session names another end user: its page views and feedback are its own user’s (`end_user` is for API keys).',
  ),

  // Not found (404).
  not_found: entry(404, 'not_found_error', false, 'The workspace, app, key, user, provider, alias, log row or job does not exist.'),
  unknown_route: entry(404, 'not_found_error', false, 'No route serves this method and path.'),
  knowledge_base_not_found: entry(404, 'not_found_error', false, 'No knowledge base of that name or id in the workspace.'),
  document_not_found: entry(404, 'not_found_error', false, 'No document of that id in the knowledge base.'),
  dataset_not_found: entry(404, 'not_found_error', false, 'No evaluation dataset (or version of it) of that name or id in the workspace.'),
  eval_run_not_found: entry(404, 'not_found_error', false, 'No evaluation run of that id in the workspace.'),
  arena_battle_not_found: entry(404, 'not_found_error', false, 'No arena battle of that id in the workspace.'),
  report_not_found: entry(
    404,
    'not_found_error',
    false,
    'No usage report job of that id that you may see, or its file was deleted (`analytics.report_keep_days`).',
  ),
  request_not_found: entry(
    404,
    'not_found_error',
    false,
    'Feedback names a request that is not in the request log of a workspace the caller may see.',
  ),
  scenario_app_not_found: entry(
    404,
    'not_found_error',
    false,
    'No scenario app (built-in or in the workspace) of that slug, id or version.',
  ),
  model_not_found: entry(404, 'not_found_error', false, 'The model is neither an alias nor `provider/model` you may use.', [
    variant(400, 'invalid_request_error', false, 'an admin request (alias fallbacks, a policy moderation model) names an unknown model'),
  ]),

  // Limits (429).
  rate_limit_exceeded: entry(429, 'rate_limit_error', false, "Over the API key's RPM or TPM limit; `retry-after` says when.", [
    variant(429, 'rate_limit_error', true, "a provider's own rate limit (DashScope, Spark): another target may serve"),
  ]),
  insufficient_quota: entry(429, 'insufficient_quota', false, "The key's token quota or budget, or the provider's account, is used up."),
  concurrency_limit: entry(429, 'rate_limit_error', true, 'The target is at its `max_concurrency`; try again shortly.'),
  login_throttled: entry(429, 'rate_limit_error', false, 'Too many failed logins for the account or client address.'),
  login_in_progress: entry(429, 'rate_limit_error', false, 'Another login for the same account is still being checked.'),

  // Data security and compliance policies.
  pii_detected: entry(400, 'pii_detected', false, "The request contains personal information and the policy's action is block."),
  too_many_pii_findings: entry(413, 'pii_detected', false, 'More personal information than baimo masks in one request.'),
  content_policy_violation: entry(400, 'content_policy_violation', false, 'Content moderation blocked the request.', [
    variant(400, 'invalid_request_error', false, "the provider's input audit refused the prompt (Spark)"),
  ]),
  data_routing_blocked: entry(403, 'data_routing_blocked', false, "The data-routing policy allows none of the model's targets."),
  moderation_unavailable: entry(
    503,
    'service_unavailable',
    false,
    'The moderation model failed and the policy refuses unchecked requests.',
  ),

  // baimo and its providers (5xx).
  internal_error: entry(500, 'server_error', false, 'An unexpected error inside baimo (details are in its log, not the answer).'),
  cancelled: entry(499, 'server_error', false, 'The client went away; the call was cancelled (a still-open client gets HTTP 400).'),
  no_target: entry(503, 'service_unavailable', false, 'The model has no target left to try.'),
  circuit_open: entry(
    503,
    'service_unavailable',
    true,
    'The target failed repeatedly and is rested (circuit open); `retry-after` says when.',
  ),
  limit_store_unavailable: entry(503, 'service_unavailable', false, 'The rate-limit store (Redis) is unreachable and the key has limits.'),
  job_queue_unavailable: entry(
    503,
    'service_unavailable',
    true,
    'The job queue (Redis, with `redis_url`) is unreachable: the job was not queued.',
  ),
  model_unavailable: entry(503, 'service_unavailable', true, 'A local model file is missing, unreadable or not a valid GGUF file.'),
  engine_error: entry(500, 'server_error', false, 'The local engine (llama.cpp) failed.'),
  provider_misconfigured: entry(
    500,
    'server_error',
    false,
    'A provider lacks credentials its protocol needs (Spark app_id, api_key, api_secret).',
  ),
  connect_timeout: entry(504, 'timeout_error', true, 'The provider did not accept the connection within `timeouts.connect`.'),
  first_byte_timeout: entry(504, 'timeout_error', true, 'The provider sent nothing within `timeouts.first_byte`.'),
  idle_timeout: entry(504, 'timeout_error', true, 'The provider paused longer than `timeouts.idle` mid-answer.'),
  total_timeout: entry(504, 'timeout_error', true, 'The call took longer than `timeouts.total`.'),
  upstream_unreachable: entry(502, 'upstream_error', true, 'The provider could not be reached (refused, reset, DNS, TLS).'),
  upstream_bad_response: entry(502, 'upstream_error', true, 'The provider answered 2xx with something that is not a valid answer.'),
  app_output_invalid: entry(
    502,
    'upstream_error',
    false,
    "A scenario app's JSON answer does not match its schema, even after one repair call; the message lists the errors.",
  ),
  upstream_stream_error: entry(
    502,
    'upstream_error',
    false,
    'The provider reported an error mid-stream (its HTTP status is kept when it sends one).',
  ),
  upstream_stream_truncated: entry(502, 'upstream_error', false, 'The provider ended the stream before the answer was complete.'),
  upstream_auth_failed: entry(502, 'upstream_error', false, "The provider refused baimo's credentials (Spark handshake 401/403)."),
  ernie_missing_credentials: entry(502, 'upstream_error', false, 'An ERNIE provider lacks api_key (AK) or secret_key (SK).'),
  ernie_auth_failed: entry(502, 'upstream_error', false, "ERNIE's OAuth endpoint refused baimo's AK/SK."),
  ernie_token_error: entry(502, 'upstream_error', true, "ERNIE's OAuth endpoint failed (its 5xx status is kept).", [
    variant(429, 'rate_limit_error', true, 'the OAuth endpoint answered 429'),
  ]),
} as const satisfies Record<string, ErrorCodeEntry>;

/** A code from the table: a typo is a type error. */
export type ErrorCode = keyof typeof ERROR_CODES;

type Table = typeof ERROR_CODES;
type VariantsOf<C extends ErrorCode> = Table[C]['variants'][number];
/** The status/type/retryable combinations the table allows for `C`: its own and its variants. */
export type ErrorShape<C extends ErrorCode> = Table[C] | VariantsOf<C>;
type Matches<X, S extends number, T extends ErrorType> = X extends { status: S; type: T } ? true : never;
/** The codes that may be raised with this status and type (used by `badRequest`, `notFound`, …). */
export type CodeFor<S extends number, T extends ErrorType> = {
  [C in ErrorCode]: [Matches<ErrorShape<C>, S, T>] extends [never] ? never : C;
}[ErrorCode];

/** Codes baimo passes on rather than makes up; not in the table, listed in docs/errors.md. */
export const PASS_THROUGH_CODES: ReadonlyArray<{ readonly code: string; readonly description: string }> = [
  {
    code: 'upstream_<status>',
    description: "A provider's HTTP error that carries no code of its own; its status is kept (401/403 become 502).",
  },
  {
    code: "the provider's own code",
    description:
      'A provider error with a code (OpenAI `invalid_api_key`, Anthropic `overloaded_error`, DashScope `Throttling`, ' +
      'Tencent `LimitExceeded`, `ernie_<error_code>`, `spark_<code>`, `hunyuan_<code>`) is passed on unchanged.',
  },
  { code: 'FST_ERR_*', description: "Another 4xx from Fastify's HTTP layer keeps Fastify's code." },
  {
    code: 'provider_invalid',
    description: 'Not an HTTP error: `POST /api/providers/{name}/test` answers 200 with it when the provider configuration is invalid.',
  },
];

export interface GatewayErrorOptions<C extends ErrorCode> {
  param?: string | null;
  provider?: string;
  retryAfter?: number;
  cause?: unknown;
  /** Only a status, type or retryable the table records for `code` (its own or a variant's). */
  status?: ErrorShape<C>['status'];
  type?: ErrorShape<C>['type'];
  retryable?: ErrorShape<C>['retryable'];
}

/** A GatewayError for one of baimo's own codes, with the status, type and retryable of the table. */
export function gatewayError<C extends ErrorCode>(code: C, message: string, opts: GatewayErrorOptions<C> = {}): GatewayError {
  const e: ErrorCodeEntry = (ERROR_CODES as Record<ErrorCode, ErrorCodeEntry>)[code];
  return new GatewayError(message, {
    status: opts.status ?? e.status,
    type: opts.type ?? e.type,
    code,
    param: opts.param,
    retryable: opts.retryable ?? e.retryable,
    provider: opts.provider,
    retryAfter: opts.retryAfter,
    cause: opts.cause,
  });
}
