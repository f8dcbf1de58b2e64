/**
 * OpenAI `response_format` → a node-llama-cpp grammar, so JSON output is guaranteed by constrained
 * sampling rather than hoped for.
 */
import type { GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import type { ResponseFormat } from '../../core/chat-types.js';
import { badRequest } from '../../core/errors.js';

export async function responseGrammar(llama: Llama, format: ResponseFormat | undefined): Promise<LlamaGrammar | undefined> {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return llama.getGrammarFor('json');
  if (format.type === 'json_schema') {
    const schema = format.json_schema?.schema;
    if (!schema) return llama.getGrammarFor('json');
    try {
      // The schema is client data; node-llama-cpp validates it at runtime and throws on what it cannot express.
      return await llama.createGrammarForJsonSchema<GbnfJsonSchema, Record<string, GbnfJsonSchema>>(schema as GbnfJsonSchema);
    } catch (err) {
      throw badRequest(
        `response_format.json_schema is not supported by the local engine: ${(err as Error).message}`,
        'response_format',
        'unsupported_json_schema',
      );
    }
  }
  throw badRequest(`response_format type "${(format as { type: string }).type}" is not supported`, 'response_format');
}
