/**
 * Every adapter module, one per folder under `src/providers/`: the only list of them. The registry
 * builds providers from it, `GET /api/catalog` and config checks read its credential fields, and
 * docs/providers.md is generated from it. A new protocol is a folder exporting `adapter` plus a line here.
 */
import { adapter as anthropic } from './anthropic/index.js';
import { adapter as dashscope } from './dashscope/index.js';
import { adapter as ernie } from './ernie/index.js';
import { adapter as gemini } from './gemini/index.js';
import { adapter as hunyuanTc3 } from './hunyuan-tc3/index.js';
import { adapter as llamaCpp } from './llama-cpp/index.js';
import { adapter as ollama } from './ollama/index.js';
import { adapter as openaiCompatible } from './openai-compatible/index.js';
import { adapter as sparkWs } from './spark-ws/index.js';

export const ADAPTERS = [openaiCompatible, anthropic, gemini, ollama, llamaCpp, ernie, dashscope, sparkWs, hunyuanTc3] as const;

/** The protocol ids of the adapters (`Protocol` in the catalog). */
export type AdapterProtocol = (typeof ADAPTERS)[number]['protocol'];
