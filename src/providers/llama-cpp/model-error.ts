import { gatewayError } from '../../core/error-codes.js';
import type { GatewayError } from '../../core/errors.js';

/**
 * The local model cannot be used (missing, unreadable or not a valid GGUF file). 503 so clients
 * see "service unavailable" and retryable so the router may fall back to another provider; the
 * message names the file and how to fix it, because that is what an operator needs to act.
 */
export function modelUnavailableError(modelPath: string, detail: string, cause?: unknown): GatewayError {
  return gatewayError(
    'model_unavailable',
    `Local model file ${modelPath} ${detail}. Download it with \`baimo models pull <owner>/<repo>/<file>.gguf\` ` +
      '(set HF_ENDPOINT for a mirror) or fix `modelPath` in the provider configuration.',
    { cause },
  );
}
