import type { AdapterCase } from '../harness/adapter-case.js';
import { anthropicCase } from './anthropic.js';
import { dashscopeCase } from './dashscope.js';
import { ernieCase } from './ernie.js';
import { geminiCase } from './gemini.js';
import { hunyuanCase } from './hunyuan-tc3.js';
import { llamaCppCase } from './llama-cpp.js';
import { ollamaCase } from './ollama.js';
import { openaiCompatibleCase } from './openai-compatible.js';
import { sparkCase } from './spark-ws.js';

/** Every adapter in src/providers/, each run through the same conformance checks. */
export const ADAPTER_CASES: AdapterCase[] = [
  openaiCompatibleCase,
  anthropicCase,
  geminiCase,
  ollamaCase,
  dashscopeCase,
  ernieCase,
  hunyuanCase,
  sparkCase,
  llamaCppCase,
];
