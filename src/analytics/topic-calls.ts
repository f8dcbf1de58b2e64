import type { ChatRequest, EmbedRequest, EmbedResult } from '../core/chat-types.js';
import type { Cost } from '../core/cost.js';
import { newRequestId } from '../core/ids.js';
import { ensureServiceKey, keyCallContext, keyPolicyById, type EvalKeyStore } from '../eval/eval-key.js';
import type { ChatOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { KeyRepository } from '../store/key-repository.js';
import type { ZeroShotModel } from './topic-batch-classifier.js';
import type { TopicEmbedder } from './topic-classifier.js';

/** The name of a workspace's key the topic classifier calls models with (created when missing, like `baimo-eval`). */
export const ANALYTICS_KEY_NAME = 'baimo-analytics';
/** The request-log origin of the classifier's calls: logged and costed, left out of the analytics rollups. */
export const ANALYTICS_ORIGIN = 'analytics';
/** Texts per embedding call (providers cap a call's inputs; the knowledge bases use the same). */
export const TOPIC_EMBED_BATCH = 64;
/** How long one classifier call may take. */
export const TOPIC_CALL_TIMEOUT_MS = 60_000;

/** What the classifier's calls go through: the gateway's embeddings and chat calls, and the key store. */
export interface TopicCallDeps {
  embed(req: EmbedRequest, ctx: RequestContext): Promise<{ result: EmbedResult; cost: Cost }>;
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  keys: EvalKeyStore & Pick<KeyRepository, 'policyById'>;
}

/** What one workspace's classifier calls took. */
export interface TopicCallTally {
  embedCalls: number;
  embeddedTexts: number;
  zeroShotCalls: number;
  costCny: number;
}

/** The embedder and zero-shot model of one workspace, and the tally of their calls. */
export interface WorkspaceCalls {
  embedder: TopicEmbedder;
  zeroShot?: ZeroShotModel;
  tally: TopicCallTally;
}

/**
 * The classifier's models for one workspace: every call through the gateway with the workspace's
 * `baimo-analytics` key (its limits, allow-list and data-security policies apply, the response cache
 * is off) and `origin: 'analytics'`, so it is logged and costed apart from the traffic it classifies.
 * Embeddings go in calls of at most {@link TOPIC_EMBED_BATCH} texts. Throws the key's error (401, 404)
 * when the key cannot be used.
 */
export async function workspaceCalls(
  deps: TopicCallDeps,
  workspaceId: string,
  opts: { embeddingModel: string; zeroShotModel?: string; signal?: AbortSignal },
): Promise<WorkspaceCalls> {
  const policy = await keyPolicyById(deps.keys, await ensureServiceKey(deps, workspaceId, ANALYTICS_KEY_NAME, 'analytics'));
  const tally: TopicCallTally = { embedCalls: 0, embeddedTexts: 0, zeroShotCalls: 0, costCny: 0 };
  const call = async <T>(f: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const c = keyCallContext(policy, { requestId: newRequestId(), signal: opts.signal, timeoutMs: TOPIC_CALL_TIMEOUT_MS });
    try {
      return await f(analyticsContext(c.ctx));
    } finally {
      c.done();
    }
  };
  const embedder: TopicEmbedder = {
    async embed(texts) {
      const out: number[][] = [];
      for (let at = 0; at < texts.length; at += TOPIC_EMBED_BATCH) {
        const input = texts.slice(at, at + TOPIC_EMBED_BATCH);
        const { result, cost } = await call((ctx) => deps.embed({ model: opts.embeddingModel, input }, ctx));
        tally.embedCalls++;
        tally.embeddedTexts += input.length;
        tally.costCny += cost.cny;
        out.push(...result.embeddings);
      }
      return out;
    },
  };
  const zeroModel = opts.zeroShotModel;
  const zeroShot: ZeroShotModel | undefined = zeroModel
    ? {
        async complete(messages) {
          tally.zeroShotCalls++;
          const out = await call((ctx) => deps.chat({ model: zeroModel, messages, temperature: 0, max_tokens: 32, stream: false }, ctx));
          tally.costCny += out.cost.cny;
          return out.result.content ?? '';
        },
      }
    : undefined;
  return { embedder, zeroShot, tally };
}

/** A key call's context marked as the classifier's own. */
function analyticsContext(ctx: RequestContext): RequestContext {
  return { ...ctx, origin: ANALYTICS_ORIGIN };
}
