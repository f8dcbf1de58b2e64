/** Settings of an adapter that speaks a provider's own protocol (Anthropic, Gemini, Ollama). */
export interface NativeSettings {
  /** e.g. `https://api.anthropic.com/v1`, `https://generativelanguage.googleapis.com/v1beta`, `http://localhost:11434`. */
  baseUrl: string;
  apiKey?: string;
  /** Extra headers sent on every call (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  connectTimeoutMs: number;
}
