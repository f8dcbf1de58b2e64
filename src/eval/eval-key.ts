import { Cancellation } from '../core/cancellation.js';
import type { KeyPolicy } from '../core/key-policy.js';
import { notFound } from '../core/errors.js';
import type { RequestContext } from '../gateway/request-context.js';
import { usableKey } from '../governance/key-directory.js';
import { toKeyPolicy } from '../governance/key-policy.js';
import { hashToken, newId, newVirtualKey } from '../security/tokens.js';
import type { KeyRepository } from '../store/key-repository.js';

/** The name of a workspace's evaluation key: what runs and arena battles call models with unless told otherwise. */
export const EVAL_KEY_NAME = 'baimo-eval';

/** What the evaluation key needs of the key store. */
export type EvalKeyStore = Pick<KeyRepository, 'list' | 'create' | 'policyById'>;

/** Lookups in flight per store, key name and workspace: concurrent callers share one creation. */
const pending = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * The id of the workspace's evaluation key (`baimo-eval`), created when it has none: no limits, no
 * allow-list, listed with the workspace's other keys (an administrator may set limits on it or disable
 * it there). Its secret is never shown, nor kept: baimo calls with the key's policy, not its secret.
 * Of several keys of that name (two processes created one at once) the oldest not revoked is used,
 * so every process settles on the same one.
 */
export function ensureEvalKey(deps: { keys: EvalKeyStore }, workspaceId: string): Promise<string> {
  return ensureServiceKey(deps, workspaceId, EVAL_KEY_NAME, 'evaluation');
}

/**
 * The id of a key baimo calls models with for itself in a workspace (`baimo-eval`, `baimo-analytics`),
 * found by name or created (see {@link ensureEvalKey}); `purpose` goes into a new key's metadata.
 */
export function ensureServiceKey(deps: { keys: EvalKeyStore }, workspaceId: string, name: string, purpose: string): Promise<string> {
  let byWorkspace = pending.get(deps.keys);
  if (!byWorkspace) pending.set(deps.keys, (byWorkspace = new Map()));
  const slot = `${name}\0${workspaceId}`;
  const running = byWorkspace.get(slot);
  if (running) return running;
  const work = findOrCreate(deps.keys, workspaceId, name, purpose).finally(() => byWorkspace.delete(slot));
  byWorkspace.set(slot, work);
  return work;
}

async function findOrCreate(keys: EvalKeyStore, workspaceId: string, name: string, purpose: string): Promise<string> {
  const found = await existing(keys, workspaceId, name);
  if (found) return found;
  const { key, prefix } = newVirtualKey();
  await keys.create(
    { id: newId('key'), key_hash: hashToken(key).toString('hex'), prefix, workspace_id: workspaceId, name },
    { metadata: { purpose, created_by: 'baimo' } },
  );
  // Another process may have created one at the same moment: both settle on the oldest.
  return (await existing(keys, workspaceId, name))!;
}

async function existing(keys: EvalKeyStore, workspaceId: string, name: string): Promise<string | undefined> {
  const rows = (await keys.list(workspaceId)).filter((k) => k.name === name && k.revoked_at === null && k.app_id === null);
  rows.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  return rows[0]?.id;
}

/**
 * The policy of key `id` as the request path sees it (limits, allow-list, its app's cache settings);
 * 404 when the key is gone, 401 (`key_revoked`, `key_disabled`, `key_expired`) when it cannot be used now.
 */
export async function keyPolicyById(keys: Pick<KeyRepository, 'policyById'>, id: string): Promise<KeyPolicy> {
  const row = await keys.policyById(id);
  if (!row) throw notFound('The API key the evaluation calls with no longer exists.', 'not_found', 'key_id');
  return usableKey(toKeyPolicy(row), Date.now());
}

/** A call made with a key: its context, `done()` once the call settled, and whether its own time ran out. */
export interface KeyCall {
  ctx: RequestContext;
  /** Stops the timer and the signal's listener: call once the call has settled. */
  done(): void;
  /** Whether the call was cancelled because `timeoutMs` passed (not because `signal` aborted). */
  timedOut(): boolean;
}

/**
 * A RequestContext for a call baimo makes with virtual key `policy` (an evaluation run, an arena
 * battle): the key's limits, allow-list and policies apply and the log row carries it; the response
 * cache is off (every answer is the model's own). Cancelled when `signal` aborts or after `timeoutMs`.
 */
export function keyCallContext(policy: KeyPolicy, opts: { requestId: string; signal?: AbortSignal; timeoutMs?: number }): KeyCall {
  const cancellation = new Cancellation();
  const { signal, timeoutMs } = opts;
  let expired = false;
  const onAbort = () => cancellation.cancel(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          expired = true;
          cancellation.cancel(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
  timer?.unref();
  const ctx: RequestContext = {
    requestId: opts.requestId,
    startedAt: Date.now(),
    cancellation,
    keyId: policy.id,
    workspaceId: policy.workspaceId,
    appId: policy.appId,
    sessionId: null,
    userId: null,
    clientIp: null,
    key: policy,
    cacheMode: 'off',
    origin: 'eval',
  };
  return {
    ctx,
    done: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
    timedOut: () => expired,
  };
}
