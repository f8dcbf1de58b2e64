/**
 * The arena (src/server/api/arena-routes.ts): a blind battle streams two anonymous answers (sides `a`
 * and `b`, no model names) as named server-sent events; the vote reveals the names; ratings are
 * Bradley–Terry on the Elo scale with bootstrap 95% intervals; battles can be imported (JSONL) or
 * fought by an LLM judge in a background job.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, qs, route, toApiError, writeHeaders } from './client.ts';
import { sseEvents } from './sse-chunks.ts';
import type { Body, Events, Query, Res } from './types.ts';

export type RatingRow = Res<'getApiArenaRatings'>[number];
export type VoteResult = Res<'postApiArenaBattlesIdVote'>;
export type Winner = VoteResult['winner'];
export type RatingSource = NonNullable<Query<'getApiArenaRatings'>['source']>;
export type ImportResult = Res<'postApiArenaImport'>;
/** `POST /api/arena/judge`: LLM-judge battles between `models` over `prompts`, judged pairwise by `judge`. */
export type JudgeJobInput = Body<'postApiArenaJudge'>;
type BattleBody = Body<'postApiArenaBattles'>;
/** The data of one event of a battle's stream (its `event:` name says which). */
type BattleData = Events<'postApiArenaBattles'>;
export type Side = 'a' | 'b';
export const WINNERS: readonly Winner[] = ['model_a', 'model_b', 'tie', 'both_bad'];
export const RATING_SOURCES: readonly RatingSource[] = ['all', 'vote', 'judge', 'import'];

/** What a battle's stream says, in order: its id, deltas and ends of either side, the end of both. */
export type BattleEvent =
  | { type: 'battle'; id: string }
  | { type: 'delta'; side: Side; text: string }
  | { type: 'done'; side: Side; finishReason: string | null }
  | { type: 'error'; side: Side; message: string }
  | { type: 'end' };

export const arenaKeys = {
  all: ['arena'] as const,
  ratings: (workspaceId: string, source: RatingSource) => [...arenaKeys.all, workspaceId, 'ratings', source] as const,
};

const ws = (workspaceId: string) => qs({ workspace_id: workspaceId });

/** Starts a blind battle and yields its events; HTTP errors are thrown as ApiError, aborting throws an AbortError. */
export async function* streamBattle(workspaceId: string, body: BattleBody, signal?: AbortSignal): AsyncGenerator<BattleEvent, void, void> {
  let res: Response;
  try {
    res = await fetch(route('/api/arena/battles') + ws(workspaceId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...writeHeaders() },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, (e as Error).message || 'network error', 'network_error');
  }
  if (!res.ok) throw await toApiError(res);
  if (!res.body) throw new ApiError(res.status, 'Empty response body', 'empty_body');
  for await (const { event, data } of sseEvents(res.body)) {
    let d: BattleData;
    try {
      d = JSON.parse(data) as BattleData;
    } catch {
      continue;
    }
    if (event === 'battle' && 'id' in d) yield { type: 'battle', id: d.id };
    else if (event === 'delta' && 'text' in d) yield { type: 'delta', side: d.side, text: d.text };
    else if (event === 'done' && 'finish_reason' in d) yield { type: 'done', side: d.side, finishReason: d.finish_reason ?? null };
    else if (event === 'error' && 'message' in d) yield { type: 'error', side: d.side, message: d.message };
    else if (event === 'end') {
      yield { type: 'end' };
      return;
    }
  }
}

/** Casts the vote of a battle: the answer reveals both names. */
export function useVote(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, winner }: { id: string; winner: Winner }) =>
      api<VoteResult>('POST', route('/api/arena/battles/{id}/vote', { id }) + ws(workspaceId), {
        winner,
      } satisfies Body<'postApiArenaBattlesIdVote'>),
    onSuccess: () => qc.invalidateQueries({ queryKey: arenaKeys.all }),
  });
}

export const useRatings = (workspaceId: string, source: RatingSource) =>
  useQuery({
    queryKey: arenaKeys.ratings(workspaceId, source),
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) =>
      api<Res<'getApiArenaRatings'>>('GET', route('/api/arena/ratings') + qs({ workspace_id: workspaceId, source }), undefined, { signal }),
  });

/** Imports battles from JSONL text (`model_a`, `model_b`, `winner`); with `skipInvalid`, bad lines are skipped instead of failing the import. */
export function useImportBattles(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ text, skipInvalid }: { text: string; skipInvalid: boolean }) => {
      const res = await fetch(route('/api/arena/import') + qs({ workspace_id: workspaceId, skip_invalid: skipInvalid || undefined }), {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', accept: 'application/json', ...writeHeaders() },
        body: text,
        credentials: 'same-origin',
      });
      if (!res.ok) throw await toApiError(res);
      return (await res.json()) as ImportResult;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: arenaKeys.all }),
  });
}

/** Starts a judge-battle job; its progress shows on the jobs page. */
export const useStartJudge = (workspaceId: string) =>
  useMutation({
    mutationFn: (body: JudgeJobInput) => api<Res<'postApiArenaJudge'>>('POST', route('/api/arena/judge') + ws(workspaceId), body),
  });
