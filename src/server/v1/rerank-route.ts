import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/gateway.js';
import { requestContext } from '../request-context.js';
import { validateBody } from '../validate-body.js';
import { rerankRequestSchema } from './rerank-request-schema.js';

/**
 * `POST /v1/rerank`: `results[{index, relevance_score, document?}]`, most relevant first, with
 * `usage.total_tokens` (Jina's and SiliconFlow's answer). A result's `document` is the client's own
 * text (by index), never the masked text a provider saw.
 */
export function registerRerank(app: FastifyInstance, gateway: Gateway): void {
  app.post('/v1/rerank', async (request, reply) => {
    const body = validateBody(rerankRequestSchema, request.body);
    const documents = body.documents.map((d) => (typeof d === 'string' ? d : d.text));
    const ctx = requestContext(request, reply, { user: body.user });
    const { result, usage } = await gateway.rerank(
      { model: body.model, query: body.query, documents, top_n: body.top_n, return_documents: body.return_documents },
      ctx,
    );
    const withText = body.return_documents === true;
    return reply.send({
      id: ctx.requestId,
      object: 'list',
      model: body.model,
      results: result.results.map((r) =>
        withText
          ? { index: r.index, relevance_score: r.relevanceScore, document: { text: documents[r.index] } }
          : { index: r.index, relevance_score: r.relevanceScore },
      ),
      usage: { total_tokens: usage.promptTokens },
    });
  });
}
