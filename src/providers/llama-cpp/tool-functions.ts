/**
 * OpenAI tools ↔ node-llama-cpp functions. node-llama-cpp documents the functions in the prompt in
 * the model's own format, constrains the call's parameters with a grammar and parses the calls;
 * LlamaChat (unlike LlamaChatSession) never runs them, it returns them, which is what a gateway needs.
 */
import type { ChatModelFunctions, GbnfJsonSchema, LlamaChatResponseFunctionCall } from 'node-llama-cpp';
import type { ChatRequest, ToolCall } from '../../core/chat-types.js';
import { newToolCallId } from '../../core/ids.js';

/** Functions to offer, or undefined when tools are absent or `tool_choice` is "none". */
export function toFunctions(req: ChatRequest): ChatModelFunctions | undefined {
  if (!req.tools?.length || req.tool_choice === 'none') return undefined;
  const functions: Record<string, { description?: string; params?: GbnfJsonSchema }> = {};
  for (const tool of req.tools) {
    if (tool.type !== 'function') continue;
    const { name, description, parameters } = tool.function;
    const params = parameters && Object.keys(parameters).length > 0 ? (parameters as GbnfJsonSchema) : undefined;
    functions[name] = { description, params };
  }
  return Object.keys(functions).length > 0 ? functions : undefined;
}

export function toToolCalls(calls: readonly LlamaChatResponseFunctionCall<ChatModelFunctions>[] | undefined): ToolCall[] {
  return (calls ?? []).map((call) => ({
    id: newToolCallId(),
    type: 'function' as const,
    function: { name: call.functionName, arguments: JSON.stringify(call.params ?? {}) },
  }));
}
