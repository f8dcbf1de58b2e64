import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { newRequestId, streamChat, type ChatMessage, type ChatParams, type ChatUsage } from '../../api/stream-chat.ts';
import { sessionHeaders } from '../../api/page-views.ts';
import { fetchAnswerLog } from './cost.ts';
/** What one answer took and cost. */
export interface AnswerStats {
  ttftMs: number | null;
  latencyMs: number;
  usage: ChatUsage | null;
  requestId: string | null;
  /** From the request log, when it could be read. */
  cost?: number;
  currency?: string | null;
  cacheHit?: boolean;
}

export interface Turn {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  streaming?: boolean;
  stopped?: boolean;
  error?: string;
  stats?: AnswerStats;
}

export interface PlaygroundSettings {
  system: string;
  params: ChatParams;
}

type Conversations = Record<string, Turn[]>;

let seq = 0;
const newId = () => `t${Date.now().toString(36)}${(seq++).toString(36)}`;

export function toMessages(system: string, turns: Turn[]): ChatMessage[] {
  const msgs: ChatMessage[] = system.trim() ? [{ role: 'system', content: system }] : [];
  for (const t of turns) if (!t.error && t.content) msgs.push({ role: t.role, content: t.content });
  return msgs;
}

/**
 * Conversations per model. `send` appends the user's message to each given model's conversation
 * and streams every answer in parallel; `stop` aborts them all. Calls carry the tab's session and the
 * signed-in user (`endUser`) for usage analytics.
 */
export function useChat(token: string | null, endUser?: string | null) {
  const [conversations, setConversations] = useState<Conversations>({});
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const latest = useRef(conversations);
  useEffect(() => {
    latest.current = conversations;
  }, [conversations]);

  const patch = useCallback((model: string, id: string, fn: (t: Turn) => Turn) => {
    setConversations((prev) => ({ ...prev, [model]: (prev[model] ?? []).map((t) => (t.id === id ? fn(t) : t)) }));
  }, []);

  const runOne = useCallback(
    async (model: string, history: Turn[], settings: PlaygroundSettings, signal: AbortSignal) => {
      const answerId = newId();
      setConversations((prev) => ({
        ...prev,
        [model]: [...(prev[model] ?? []), { id: answerId, role: 'assistant', content: '', streaming: true }],
      }));
      // Deltas are buffered and flushed once per frame: re-rendering per token is wasteful.
      let pending = '';
      let frame = 0;
      const flush = () => {
        frame = 0;
        if (!pending) return;
        const text = pending;
        pending = '';
        patch(model, answerId, (t) => ({ ...t, content: t.content + text }));
      };
      const stats: AnswerStats = { ttftMs: null, latencyMs: 0, usage: null, requestId: null };
      try {
        for await (const ev of streamChat({
          model,
          messages: toMessages(settings.system, history),
          params: settings.params,
          token,
          signal,
          requestId: newRequestId(),
          headers: sessionHeaders(endUser),
        })) {
          if (ev.type === 'delta') {
            pending += ev.text;
            if (!frame) frame = requestAnimationFrame(flush);
          } else if (ev.type === 'usage') stats.usage = ev.usage;
          else Object.assign(stats, { ttftMs: ev.ttftMs, latencyMs: ev.latencyMs, requestId: ev.requestId });
        }
        if (frame) cancelAnimationFrame(frame);
        flush();
        patch(model, answerId, (t) => ({ ...t, streaming: false, stats: { ...stats } }));
        if (stats.requestId) {
          const log = await fetchAnswerLog(stats.requestId);
          if (log)
            patch(model, answerId, (t) => ({
              ...t,
              stats: {
                ...stats,
                cost: log.cost,
                currency: log.currency ?? 'CNY',
                cacheHit: log.cache_hit,
                usage: stats.usage ?? {
                  prompt_tokens: log.prompt_tokens,
                  completion_tokens: log.completion_tokens,
                  total_tokens: log.prompt_tokens + log.completion_tokens,
                },
              },
            }));
        }
      } catch (e) {
        if (frame) cancelAnimationFrame(frame);
        flush();
        const aborted = (e as Error).name === 'AbortError';
        patch(model, answerId, (t) => ({
          ...t,
          streaming: false,
          stopped: aborted,
          error: aborted
            ? undefined
            : e instanceof ApiError
              ? `${e.message}${e.code ? ` (${e.code})` : ''}`
              : String((e as Error).message ?? e),
        }));
      }
    },
    [patch, token, endUser],
  );

  const send = useCallback(
    async (models: string[], text: string, settings: PlaygroundSettings) => {
      const ctrl = new AbortController();
      controller.current = ctrl;
      setBusy(true);
      const userTurn: Turn = { id: newId(), role: 'user', content: text };
      const histories: Record<string, Turn[]> = {};
      for (const m of models) histories[m] = [...(latest.current[m] ?? []), userTurn];
      setConversations((prev) => {
        const next = { ...prev };
        for (const m of models) next[m] = [...(prev[m] ?? []), userTurn];
        return next;
      });
      await Promise.all(models.map((m) => runOne(m, histories[m]!, settings, ctrl.signal)));
      if (controller.current === ctrl) {
        controller.current = null;
        setBusy(false);
      }
    },
    [runOne],
  );

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setBusy(false);
  }, []);

  const clear = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setBusy(false);
    setConversations({});
  }, []);

  return { conversations, busy, send, stop, clear };
}
