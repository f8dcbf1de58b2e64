import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { gatewayError } from '../core/error-codes.js';
import { GatewayError, externalCode, toGatewayError } from '../core/errors.js';

/** Fastify's own failures (parsing, limits) as OpenAI errors; never a 5xx for a client's bad input. */
function fromFastify(err: FastifyError): GatewayError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return gatewayError('request_too_large', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return gatewayError('unsupported_media_type', 'Unsupported content type: send `Content-Type: application/json`.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return gatewayError('invalid_body', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return gatewayError('invalid_body', 'Invalid Content-Length header.');
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return gatewayError('invalid_json', `We could not parse the JSON body of your request: ${err.message}`);
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    // Any other 4xx of Fastify's keeps Fastify's code (FST_ERR_*): passed on, not one of the table's.
    return new GatewayError(err.message, {
      status: err.statusCode,
      type: 'invalid_request_error',
      code: err.code ? externalCode(err.code) : null,
    });
  }
  return undefined;
}

/**
 * Fastify's router refusals (a path with broken percent-encoding, a path parameter over
 * `maxParamLength`), given as the `frameworkErrors` option: in the OpenAI shape like every other
 * error, and without echoing the path (Fastify's default repeats the whole URL).
 */
export function renderFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const message = tooLong ? 'A path parameter of this URL is too long.' : 'The URL is not valid: check its percent-encoding.';
  // 414 is the variant the table records for invalid_url.
  reply.code(status).send(gatewayError('invalid_url', message, { status }).toJSON());
}

/** One handler renders every error in OpenAI's `ErrorResponse` shape, with `retry-after` on 429/503. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const err = raw instanceof GatewayError ? raw : (fromFastify(raw) ?? toGatewayError(raw));
    if (err.status >= 500 && !(raw instanceof GatewayError)) request.log.error({ err: raw }, 'unhandled error');
    const status = err.status === 499 ? 400 : err.status;
    if (status === 429 || (status === 503 && err.retryAfter !== undefined)) reply.header('retry-after', String(err.retryAfter ?? 1));
    return reply.code(status).send(err.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(unknownRoute(request).toJSON());
  });
}

/** The 404 of a path no route serves; the path is cut to 200 characters, the query never echoed. */
export function unknownRoute(
  request: FastifyRequest,
  hint = 'See /v1/chat/completions, /v1/embeddings, /v1/rerank, /v1/models.',
): GatewayError {
  const path = request.url.split('?')[0];
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return gatewayError('unknown_route', `Unknown route ${request.method} ${shown}. ${hint}`);
}
