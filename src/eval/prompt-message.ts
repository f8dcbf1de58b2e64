/** A chat message of an evaluation prompt: always plain text (a `ChatMessage` of core/chat-types.ts). */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
