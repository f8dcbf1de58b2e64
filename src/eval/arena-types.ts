import { MAX_ARENA_BATTLES, MAX_MODEL_NAME_LENGTH } from './bradley-terry.js';
import type { BattleWinner } from './bradley-terry.js';

/** The arena's bounds: every input is held to them (the API answers 400, the CLI exits 2). */
export const ARENA_LIMITS = {
  /** Characters of a blind battle's prompt. */
  prompt: 20_000,
  /** Characters of each answer stored with a battle (a longer answer is streamed whole, stored cut). */
  answer: 32_000,
  /** Characters of the prompt and of each answer a battle list shows. */
  listText: 4_000,
  /** Battles a list page holds at most. */
  pageSize: 100,
  /** Models in the candidate pool of blind battles (`arena.models`). */
  poolModels: 256,
  /** Longest model name (what the ratings accept). */
  modelName: MAX_MODEL_NAME_LENGTH,
  /** Bytes of one import (a JSONL file or request body). */
  importBytes: 32 * 1024 * 1024,
  /** Lines of one import. */
  importLines: 500_000,
  /** Characters of an imported battle's prompt and of each answer. */
  importText: 20_000,
  /** Bad lines an import reports at most (the rest are counted). */
  importErrors: 1_000,
  /** Prompts one judge job answers. */
  judgePrompts: 1_000,
  /** Characters of one judge-job prompt (the whole input also stays within the job queue's 64 KiB). */
  judgePrompt: 8_000,
  /** Models one judge job compares. */
  judgeModels: 16,
  /** Characters of a judge's raw verdict kept in a battle's detail. */
  judgeRaw: 8_000,
  /** Battles rated at once (the newest). */
  ratedBattles: MAX_ARENA_BATTLES,
} as const;

/** Which battles a rating is fitted to. */
export const RATING_SOURCES = ['all', 'vote', 'judge', 'import'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const BATTLE_WINNERS = ['model_a', 'model_b', 'tie', 'both_bad'] as const satisfies readonly BattleWinner[];
export const BATTLE_SOURCES = ['vote', 'judge', 'import'] as const;
export type BattleSource = (typeof BATTLE_SOURCES)[number];

/** A battle as the API lists it: a pending blind battle shows no model names. */
export interface BattleView {
  id: string;
  object: 'arena_battle';
  source: BattleSource;
  /** `pending`: a blind battle waiting for its vote; `decided`: it has a winner. */
  status: 'pending' | 'decided';
  /** Null while pending: the names are revealed by the vote. */
  model_a: string | null;
  model_b: string | null;
  winner: BattleWinner | null;
  prompt: string | null;
  answer_a: string | null;
  answer_b: string | null;
  /** The prompt or an answer was cut to {@link ARENA_LIMITS.listText} characters for the list. */
  truncated: boolean;
  /** Judge battles: the judge model, the verdicts of both orders; imports: the line. Empty while pending. */
  detail: Record<string, unknown>;
  created_by: string | null;
  created_at: string;
  voted_at: string | null;
}

/** What a vote reveals. */
export interface VoteResult {
  id: string;
  model_a: string;
  model_b: string;
  winner: BattleWinner;
}

/** One side of a blind battle. */
export type BattleSide = 'a' | 'b';

/** The events of a blind battle's stream, in order: `battle`, then deltas, `done` or `error` per side, `end`. */
export type BattleEvent =
  | { event: 'battle'; data: { id: string } }
  | { event: 'delta'; data: { side: BattleSide; text: string } }
  | { event: 'done'; data: { side: BattleSide; finish_reason: string } }
  | { event: 'error'; data: { side: BattleSide; message: string } }
  | { event: 'end'; data: Record<string, never> };

/** One bad line of an import, in English and Chinese. */
export interface ImportLineError {
  line: number;
  en: string;
  zh: string;
}

/** What an import did: battles stored, bad lines skipped (with `skip_invalid`), the bad lines (at most {@link ARENA_LIMITS.importErrors}). */
export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportLineError[];
  /** Bad lines in all (more than `errors` holds when there were very many). */
  invalid: number;
}
