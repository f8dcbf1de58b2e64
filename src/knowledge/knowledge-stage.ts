import type { ChatRequest, StreamPart } from '../core/chat-types.js';
import { GatewayError } from '../core/errors.js';
import type { GatewayEntry, GatewayStage, StageCall } from '../gateway/pipeline.js';
import type { RequestContext } from '../gateway/request-context.js';
import { DEFAULT_WORKSPACE_ID } from '../store/tenancy-repository.js';
import { groundingMessage, insertGrounding, MarkerScanner, numberPassages, type Citation } from './grounded-prompt.js';
import type { KnowledgeService } from './knowledge-service-types.js';
import { knowledgeAsk, retrievalQuery, withoutExtension, type KnowledgeAsk } from './knowledge-request.js';
import type { SearchHit, SearchOptions } from './knowledge-types.js';

/** Response headers of a grounded answer. */
export const KNOWLEDGE_HITS_HEADER = 'x-baimo-knowledge-hits';
/** Set when vector retrieval failed (the embedding model was unreachable) and BM25 alone answered. */
export const KNOWLEDGE_DEGRADED_HEADER = 'x-baimo-knowledge-degraded';

/**
 * Grounded chat as a request stage. A chat request whose alias has `knowledge: [names]`, or which
 * names knowledge bases itself (`knowledge` in the body), is answered from them: the last user
 * message is searched in each base (of the request's workspace; names are resolved per request), the
 * best passages go into a system message with numbered markers, and the answer carries a `citations`
 * array (top-level for whole answers, on the final chunk for streams) saying which passages it cited.
 * It runs before data security, so the passages are masked and routed like the rest of the prompt.
 */
export function knowledgeStage(knowledge: Pick<KnowledgeService, 'search'>, screen?: ScreenOutput): GatewayStage {
  return {
    name: 'knowledge',
    open(call) {
      if (call.endpoint !== 'chat') return undefined;
      const req = call.request as ChatRequest;
      const ask = knowledgeAsk(call.route.knowledge, req);
      return ask ? ground(knowledge, screen, call, req, ask) : undefined;
    },
  };
}

/**
 * The data-security policy's output moderation over texts baimo adds to an answer (true: keep): the
 * citations leave baimo beside the answer, so they pass the same policy (`cut` withholds a text).
 */
export type ScreenOutput = (ctx: RequestContext, texts: readonly string[]) => boolean[];

async function ground(
  knowledge: Pick<KnowledgeService, 'search'>,
  screen: ScreenOutput | undefined,
  call: StageCall,
  req: ChatRequest,
  ask: KnowledgeAsk,
): Promise<GatewayEntry> {
  const workspaceId = call.ctx.workspaceId ?? DEFAULT_WORKSPACE_ID;
  const question = retrievalQuery(req.messages);
  let degraded = false;
  let found: { base: string; hit: SearchHit }[] = [];
  if (question) {
    const opts: SearchOptions = { topK: ask.topK, mode: ask.mode, scoreThreshold: ask.scoreThreshold, metadata: ask.metadata };
    const results = await Promise.all(
      ask.bases.map(async (base) => {
        try {
          return { base, hits: (await knowledge.search(workspaceId, base, question, opts)).hits };
        } catch (err) {
          // A missing base or bad options are the caller's to fix; an unreachable embedding model is not:
          // BM25 alone still grounds the answer, and a header says so.
          if (!(err instanceof GatewayError) || err.status < 500 || opts.mode === 'keyword') throw err;
          degraded = true;
          return { base, hits: (await knowledge.search(workspaceId, base, question, { ...opts, mode: 'keyword' })).hits };
        }
      }),
    );
    const cut = ask.topK ?? Math.max(0, ...results.map((r) => r.hits.length));
    found = results
      .flatMap((r) => r.hits.map((hit) => ({ base: r.base, hit })))
      .sort((a, b) => b.hit.score - a.hit.score)
      .slice(0, cut);
  }
  const passages = numberPassages(found);
  const plain = withoutExtension(req);
  const request: ChatRequest = { ...plain, messages: insertGrounding(plain.messages, groundingMessage(question, passages)) };
  const scanner = new MarkerScanner();
  const headers: Record<string, string> = { [KNOWLEDGE_HITS_HEADER]: String(passages.length) };
  if (degraded) headers[KNOWLEDGE_DEGRADED_HEADER] = 'keyword';
  return {
    request,
    headers,
    result(r) {
      if (r.content) scanner.push(r.content);
      return r;
    },
    parts: {
      push(part: StreamPart) {
        if (part.type === 'text-delta') scanner.push(part.text);
        return [part];
      },
      finish: (reason, usage) => [{ type: 'finish', reason, usage }],
      cut: undefined,
    },
    trailer: () => {
      const kept = screen?.(
        call.ctx,
        passages.map((c) => c.text),
      );
      const citations = passages.map((c, i): Citation => {
        const cited = scanner.seen.has(c.index);
        return kept && !kept[i] ? { ...c, text: '', withheld: true, cited } : { ...c, cited };
      });
      return { citations: JSON.stringify(citations) };
    },
  };
}
