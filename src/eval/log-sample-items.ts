import type { JudgeItem, QaItem } from './dataset-formats.js';
import { DATASET_LIMITS } from './record-fields.js';

/** A logged request as the sample reads it: its id and stored bodies (see the request log's `request_body`). */
export interface LoggedExchange {
  id: string;
  request_body: string;
  response_body: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a message's content: a string, or the text parts of a list joined by line breaks. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter((p) => isObject(p) && p.type === 'text' && typeof p.text === 'string')
    .map((p) => (p as { text: string }).text);
  return texts.length ? texts.join('\n') : undefined;
}

/** The last user message of a logged chat request body (the request as sent upstream), trimmed; undefined when there is none. */
export function lastUserMessage(requestBody: string): string | undefined {
  let req: unknown;
  try {
    req = JSON.parse(requestBody);
  } catch {
    return undefined;
  }
  if (!isObject(req) || !Array.isArray(req.messages)) return undefined;
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m: unknown = req.messages[i];
    if (isObject(m) && m.role === 'user') return contentText(m.content)?.trim() || undefined;
  }
  return undefined;
}

/**
 * The answer text of a logged response body, trimmed: the gateway stores a whole answer as its JSON
 * (`{content, toolCalls, finishReason, …}`), a streamed one as its text. An OpenAI completion
 * (`choices[0].message.content`) is read too. Undefined when there is no text.
 */
export function loggedAnswer(responseBody: string | null): string | undefined {
  if (responseBody === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(responseBody);
  } catch {
    return responseBody.trim() || undefined;
  }
  if (isObject(parsed)) {
    if ('content' in parsed && ('finishReason' in parsed || 'toolCalls' in parsed))
      return typeof parsed.content === 'string' ? parsed.content.trim() || undefined : undefined;
    const choice: unknown = Array.isArray(parsed.choices) ? parsed.choices[0] : undefined;
    if (isObject(choice) && isObject(choice.message) && 'content' in choice.message)
      return typeof choice.message.content === 'string' ? choice.message.content.trim() || undefined : undefined;
  }
  // Streamed text that happens to be valid JSON is still the answer as it was streamed.
  return responseBody.trim() || undefined;
}

/**
 * Dataset items from logged exchanges, in order: the input is the last user message, the reference
 * the logged answer (required for QA, kept when present for judge items, which get `rubric` when
 * given). The item id is the log row's id. Exchanges whose bodies do not parse, lack either part, or
 * pass the item size limits are skipped and counted.
 */
export function itemsFromLogs(
  rows: readonly LoggedExchange[],
  type: 'qa' | 'judge',
  rubric?: string,
): { qa: QaItem[]; judge: JudgeItem[]; skipped: number } {
  const qa: QaItem[] = [];
  const judge: JudgeItem[] = [];
  let skipped = 0;
  for (const r of rows) {
    const input = lastUserMessage(r.request_body);
    const answer = loggedAnswer(r.response_body);
    const tooLong = (input?.length ?? 0) > DATASET_LIMITS.inputChars || (answer?.length ?? 0) > DATASET_LIMITS.referenceChars;
    if (!input || tooLong || (type === 'qa' && !answer)) {
      skipped++;
      continue;
    }
    const line = qa.length + judge.length + 1;
    if (type === 'qa') qa.push({ id: r.id, input, reference: answer!, references: [answer!], line });
    else judge.push({ id: r.id, input, ...(answer ? { reference: answer } : {}), ...(rubric ? { rubric } : {}), line });
  }
  return { qa, judge, skipped };
}
