import { notFound, type GatewayError } from '../../core/errors.js';

/** One Spark model: the `domain` value sent in the request and the WebSocket path that serves it. */
export interface SparkVersion {
  /** `parameter.chat.domain`; also the model id users configure. */
  domain: string;
  /** Path under the base URL (`wss://spark-api.xf-yun.com`). */
  path: string;
  /** Whether the model accepts a `system` turn (Lite does not: its system text is folded into the first user turn). */
  system: boolean;
}

/**
 * The version table, kept as data because iFlytek renames domains and moves paths between
 * releases (`general` → `lite`, `generalv3.5` → Max, …): adding a model is one line here.
 */
export const SPARK_VERSIONS: readonly SparkVersion[] = [
  { domain: 'lite', path: '/v1.1/chat', system: false },
  { domain: 'generalv3', path: '/v3.1/chat', system: true },
  { domain: 'pro-128k', path: '/chat/pro-128k', system: true },
  { domain: 'generalv3.5', path: '/v3.5/chat', system: true },
  { domain: 'max-32k', path: '/chat/max-32k', system: true },
  { domain: '4.0Ultra', path: '/v4.0/chat', system: true },
];

const BY_DOMAIN = new Map(SPARK_VERSIONS.map((v) => [v.domain, v]));

/** The version entry for a model id, or undefined for an unknown one. */
export function findSparkVersion(model: string): SparkVersion | undefined {
  return BY_DOMAIN.get(model);
}

/** A 404 naming the known models: Spark itself would only fail the handshake with an opaque 404. */
export function unknownSparkModel(provider: string, model: string): GatewayError {
  const known = SPARK_VERSIONS.map((v) => v.domain).join(', ');
  const err = notFound(`${provider}: unknown Spark model "${model}"; known models: ${known}`, 'model_not_found', 'model');
  err.provider = provider;
  return err;
}
