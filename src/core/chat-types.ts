/**
 * The provider-neutral chat contract. Requests keep OpenAI's field names (the lingua franca every
 * adapter converts from); results and stream parts are baimo's own typed values.
 */

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface TextContentPart {
  type: 'text';
  text: string;
}
export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}
/** Other part types (input_audio, file, refusal) pass through untouched. */
export interface OtherContentPart {
  type: string;
  [key: string]: unknown;
}
export type ContentPart = TextContentPart | ImageContentPart | OtherContentPart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: Role;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  /** Thinking text some providers (DeepSeek) want sent back on assistant turns. */
  reasoning_content?: string;
  [key: string]: unknown;
}

export interface FunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null } };

/** A validated `/v1/chat/completions` body. Unknown OpenAI fields are kept and passed through. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; [key: string]: unknown } | null;
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  user?: string;
  n?: number | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  [key: string]: unknown;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the provider's cache (billed at the cached price). */
  cachedTokens?: number;
  reasoningTokens?: number;
  /** True when baimo counted the tokens itself because the provider did not report them. */
  estimated?: boolean;
}

/** A whole (non-streamed) answer. */
export interface ChatResult {
  content: string | null;
  reasoning?: string;
  refusal?: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage?: Usage;
  /** The model id the provider says answered. */
  model?: string;
}

/** One streamed piece of an answer; adapters turn their wire into these, the edge renders them. */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta?: string }
  | { type: 'usage'; usage: Usage; cumulative?: boolean }
  | { type: 'finish'; reason: FinishReason; usage?: Usage; fields?: Readonly<Record<string, string>> }
  | { type: 'error'; error: import('./errors.js').GatewayError };

export interface EmbedRequest {
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
  encoding_format?: 'float' | 'base64';
}

export interface EmbedResult {
  embeddings: number[][];
  usage?: { promptTokens: number; estimated?: boolean };
  model?: string;
}

/** A rerank call (`/v1/rerank`): documents as plain texts, whatever shape the client sent them in. */
export interface RerankRequest {
  model: string;
  query: string;
  documents: string[];
  top_n?: number;
  return_documents?: boolean;
}

/** One scored document; `index` points into the request's `documents`. */
export interface RerankScore {
  index: number;
  relevanceScore: number;
}

/** Scores, most relevant first (the provider's order). */
export interface RerankResult {
  results: RerankScore[];
  usage?: { promptTokens: number; estimated?: boolean };
  model?: string;
}
