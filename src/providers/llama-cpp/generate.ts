/**
 * One chat generation on a leased sequence: OpenAI request → LlamaChat.generateResponse → result.
 * Shared by chat() (collects) and stream() (forwards text chunks as they are produced).
 */
import { LlamaChat, type ChatModelFunctions, type LLamaChatGenerateResponseOptions, type LlamaChatResponse } from 'node-llama-cpp';
import type { ChatRequest, FinishReason, ToolCall, Usage } from '../../core/chat-types.js';
import { badRequest } from '../../core/errors.js';
import { toChatHistory } from './convert-messages.js';
import type { ChatLease } from './model-pool.js';
import { responseGrammar } from './response-grammar.js';
import { toFunctions, toToolCalls } from './tool-functions.js';

export interface GenerateResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/** OpenAI's default temperature is 1; 0 selects greedy decoding (deterministic). */
const DEFAULT_TEMPERATURE = 1;

type Options = LLamaChatGenerateResponseOptions<ChatModelFunctions>;

function samplingOptions(req: ChatRequest): Options {
  const opts: Options = { temperature: Math.max(0, req.temperature ?? DEFAULT_TEMPERATURE) };
  if (req.top_p != null) opts.topP = Math.min(1, Math.max(0, req.top_p));
  if (req.seed != null) opts.seed = req.seed;
  // node-llama-cpp's penalties are 0..1 and have no negative form; no penalty unless asked for, so
  // the same request gives the same answer.
  const frequencyPenalty = Math.min(1, Math.max(0, req.frequency_penalty ?? 0));
  const presencePenalty = Math.min(1, Math.max(0, req.presence_penalty ?? 0));
  opts.repeatPenalty = frequencyPenalty || presencePenalty ? { penalty: 1, frequencyPenalty, presencePenalty } : false;
  const stop = req.stop == null ? [] : typeof req.stop === 'string' ? [req.stop] : req.stop;
  const stops = stop.filter((s) => typeof s === 'string' && s.length > 0);
  if (stops.length > 0) opts.customStopTriggers = stops;
  return opts;
}

function finishReason(res: LlamaChatResponse<ChatModelFunctions>, toolCalls: ToolCall[]): FinishReason {
  if (toolCalls.length > 0) return 'tool_calls';
  return res.metadata.stopReason === 'maxTokens' ? 'length' : 'stop';
}

/**
 * Runs the generation. `onText` receives each non-empty chunk as soon as it is decoded. Aborting
 * `signal` stops sampling and rejects with the signal's reason; the sequence stays reusable.
 * Usage comes from real tokens: the rendered prompt tokenized by the model, and the tokens the
 * sequence actually sampled (including the end-of-turn token, as llama.cpp's server counts).
 */
export async function generate(
  lease: ChatLease,
  req: ChatRequest,
  signal: AbortSignal,
  onText?: (text: string) => void,
): Promise<GenerateResult> {
  if ((req.n ?? 1) > 1) throw badRequest('n > 1 is not supported by the local engine', 'n');
  const history = toChatHistory(req.messages);
  const grammar = await responseGrammar(lease.llama, req.response_format);
  const functions = grammar ? undefined : toFunctions(req);

  const rendered = lease.chatWrapper.generateContextState({
    chatHistory: history,
    availableFunctions: functions,
    documentFunctionParams: true,
  });
  const promptTokens = rendered.contextText.tokenize(lease.model.tokenizer).length;
  const room = lease.contextSize - promptTokens;
  if (room < 1) {
    throw badRequest(
      `The conversation is ${promptTokens} tokens but this local model's context holds ${lease.contextSize}; shorten it or raise context_size`,
      'messages',
      'context_length_exceeded',
    );
  }
  const requested = req.max_completion_tokens ?? req.max_tokens;
  const options: Options = {
    ...samplingOptions(req),
    maxTokens: Math.max(1, Math.min(requested ?? room, room)),
    signal,
    onTextChunk: onText ? (text) => text && onText(text) : undefined,
  };
  if (grammar) options.grammar = grammar;
  else if (functions) Object.assign(options, { functions, documentFunctionParams: true });

  const chat = new LlamaChat({ contextSequence: lease.sequence, chatWrapper: lease.chatWrapper });
  const meter = lease.sequence.tokenMeter.getState();
  try {
    const res = await chat.generateResponse(history, options);
    if (signal.aborted) throw signal.reason;
    const toolCalls = toToolCalls(res.functionCalls);
    return {
      text: res.response,
      toolCalls,
      finishReason: finishReason(res, toolCalls),
      usage: { promptTokens, completionTokens: lease.sequence.tokenMeter.diff(meter).usedOutputTokens },
    };
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}
