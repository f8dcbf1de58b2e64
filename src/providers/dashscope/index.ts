import { GatewayError } from '../../core/errors.js';
import type { Provider } from '../../core/provider.js';
import type { NativeCredentials } from '../shared/native-credentials.js';

/** Placeholder until the adapter lands: every call answers 501. */
export function createDashScopeProvider(name: string, _creds: NativeCredentials): Provider {
  const fail = (): never => {
    throw new GatewayError(`The dashscope protocol is not implemented yet.`, { status: 501, type: 'server_error', code: 'not_implemented', provider: name });
  };
  return {
    name,
    chat: async () => fail(),
    stream: () => ({
      [Symbol.asyncIterator]: () => ({ next: async () => fail() }),
    }),
  };
}
