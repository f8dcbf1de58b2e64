import type { ChatRequest, FunctionTool } from '../../../../src/core/chat-types.js';

export const weatherTool: FunctionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

/** The request every scenario sends unless a case says otherwise: one user turn, plus a tool for tool calls. */
export function hello(model: string, withTools = false): ChatRequest {
  return { model, messages: [{ role: 'user', content: 'Hello' }], ...(withTools ? { tools: [weatherTool] } : {}) };
}
