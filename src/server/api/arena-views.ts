import { z } from 'zod';
import { ARENA_LIMITS, BATTLE_SOURCES, BATTLE_WINNERS, type BattleView } from '../../eval/arena-types.js';
import type { ArenaBattleRow } from '../../store/arena-repository.js';
import { iso } from './views.js';

const winner = z.enum(BATTLE_WINNERS);

/** A battle in `GET /api/arena/battles`. */
export const battleViewSchema = z.object({
  id: z.string(),
  object: z.literal('arena_battle'),
  source: z.enum(BATTLE_SOURCES),
  status: z.enum(['pending', 'decided']).describe('pending: a blind battle waiting for its vote'),
  model_a: z.string().nullable().describe('Null while pending: the vote reveals it'),
  model_b: z.string().nullable().describe('Null while pending: the vote reveals it'),
  winner: winner.nullable(),
  prompt: z.string().nullable(),
  answer_a: z.string().nullable(),
  answer_b: z.string().nullable(),
  truncated: z.boolean().describe(`The prompt or an answer was cut to ${ARENA_LIMITS.listText} characters for the list`),
  detail: z
    .record(z.string(), z.unknown())
    .describe('Judge battles: judge_model, prompt, raw and verdicts of both orders; imports: the line; empty while pending'),
  created_by: z.string().nullable(),
  created_at: z.string(),
  voted_at: z.string().nullable(),
});

/** What a vote reveals. */
export const voteResultSchema = z.object({ id: z.string(), model_a: z.string(), model_b: z.string(), winner });

/** A row of the leaderboard (`RatingRow`, as `baimo arena ratings --json` prints it). */
export const ratingRowSchema = z.object({
  model: z.string(),
  rating: z.number().describe('Bradley–Terry rating on the Elo scale (base 10, 400 points; the mean of the models is 1000)'),
  ci_low: z.number().describe('2.5th percentile of the bootstrap ratings'),
  ci_high: z.number().describe('97.5th percentile of the bootstrap ratings'),
  rank: z.number().int().describe('1 + the number of models whose ci_low is above this model’s ci_high'),
  battles: z.number().int().describe('Decided battles the model took part in'),
});

/** What `POST /api/arena/import` answers. */
export const importResultSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int().describe('Bad lines skipped (skip_invalid=true)'),
  errors: z
    .array(z.object({ line: z.number().int(), message: z.string() }))
    .describe(`The bad lines (at most ${ARENA_LIMITS.importErrors}), by 1-based line number, in English and Chinese`),
});

/** The data of each event of a blind battle's stream (`event:` names which). */
export const battleEventSchema = z
  .union([
    z.object({ id: z.string() }).describe('event: battle — first; the battle id to vote on'),
    z.object({ side: z.enum(['a', 'b']), text: z.string() }).describe('event: delta — text of one side'),
    z.object({ side: z.enum(['a', 'b']), finish_reason: z.string() }).describe('event: done — that side finished'),
    z.object({ side: z.enum(['a', 'b']), message: z.string() }).describe('event: error — that side failed (the battle is not stored)'),
    z.object({}).strict().describe('event: end — last; the battle is stored and can be voted on'),
  ])
  .describe('Server-sent events `event: battle|delta|done|error|end` with JSON `data:`; no event names a model (the vote reveals them)');

const cut = (s: string | null): { text: string | null; cut: boolean } =>
  s === null || s.length <= ARENA_LIMITS.listText ? { text: s, cut: false } : { text: s.slice(0, ARENA_LIMITS.listText), cut: true };

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const v = JSON.parse(detail) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A stored battle as the list shows it: a pending one without its models (nor its detail). */
export function battleView(r: ArenaBattleRow): BattleView {
  const pending = r.winner === null;
  const [prompt, a, b] = [cut(r.prompt), cut(r.answer_a), cut(r.answer_b)];
  return {
    id: r.id,
    object: 'arena_battle',
    source: r.source,
    status: pending ? 'pending' : 'decided',
    model_a: pending ? null : r.model_a,
    model_b: pending ? null : r.model_b,
    winner: r.winner,
    prompt: prompt.text,
    answer_a: a.text,
    answer_b: b.text,
    truncated: prompt.cut || a.cut || b.cut,
    detail: pending ? {} : parseDetail(r.detail),
    created_by: r.created_by,
    created_at: iso(Number(r.created_at))!,
    voted_at: iso(r.voted_at === null ? null : Number(r.voted_at)),
  };
}
