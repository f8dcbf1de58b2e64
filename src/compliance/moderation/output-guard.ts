/**
 * Incremental moderation of a streamed answer. Deltas go in, text safe to send comes out; on a hit the
 * caller sends what `emit` holds and stops the stream with `finish_reason: content_filter`.
 */
import type { ModerationHit } from '../contracts.js';
import type { AcCursor } from '../text/aho-corasick.js';
import type { Moderator } from './moderator.js';

/** What to send to the client after a push or flush. */
export interface GuardResult {
  /** Text to emit now (possibly empty). */
  emit: string;
  /** Set once, on the push that found an offending keyword or rule match: stop the stream. */
  hit?: ModerationHit;
}

/**
 * Guards one streamed answer.
 *
 * Keywords: the guard feeds each delta to the keyword automaton (no rescanning) and holds back only the
 * trailing characters that could still begin a keyword — the automaton's current depth, always fewer
 * than `maxTermLength` characters. A keyword is therefore detected before any character of it is
 * released: when the guard stops on a keyword hit, everything it has emitted is exactly
 * `answer.slice(0, hit.start)`.
 *
 * Regex rules: each push scans the new text plus the `windowChars − 1` characters before it, so a
 * match no longer than `windowChars` is found on the push that completes it (rules see only this
 * window, so anchors and look-behinds apply to it). Text is not held back for rules: on a regex hit
 * the guard has emitted at most `hit.start + windowChars − 1` characters in all — the stream stops
 * within one window of the match.
 *
 * Offsets in hits are absolute over the whole answer. After a hit, further pushes emit nothing.
 */
export class OutputGuard {
  private readonly cursor: AcCursor;
  /** Received but not yet emitted. */
  private held = '';
  /** Absolute offset of `held[0]` = characters emitted so far. */
  private heldStart = 0;
  /** The last `windowChars − 1` characters received, for regex context. */
  private context = '';
  private received = 0;
  private stoppedBy: ModerationHit | undefined;

  /** Usually obtained from {@link Moderator.guard}. */
  constructor(
    private readonly moderator: Moderator,
    readonly windowChars = 64,
  ) {
    if (!Number.isInteger(windowChars) || windowChars < 1) throw new Error(`windowChars must be a positive integer, got ${windowChars}`);
    this.cursor = moderator.keywordCursor();
  }

  /** The hit that stopped the answer, if any. */
  get hit(): ModerationHit | undefined {
    return this.stoppedBy;
  }

  /** Characters emitted so far. */
  get emittedLength(): number {
    return this.heldStart;
  }

  /** Characters held back (received, not emitted). */
  get heldLength(): number {
    return this.held.length;
  }

  /** Takes the next delta of the answer. */
  push(delta: string): GuardResult {
    if (this.stoppedBy || delta === '') return { emit: '' };
    let hit: ModerationHit | undefined;
    for (const match of this.cursor.feed(delta)) {
      if (!hit || match.start < hit.start) hit = this.moderator.keywordHit(match);
    }
    const base = this.received - this.context.length;
    const ruleHit = this.moderator.ruleHit(this.context + delta, 0, base);
    if (ruleHit && (!hit || ruleHit.start < hit.start)) hit = ruleHit;

    this.received += delta.length;
    this.held += delta;
    if (this.windowChars > 1) this.context = (this.context + delta).slice(-(this.windowChars - 1));

    if (hit) {
      this.stoppedBy = hit;
      const emit = this.held.slice(0, Math.max(0, hit.start - this.heldStart));
      this.heldStart += emit.length;
      this.held = '';
      return { emit, hit };
    }
    const safeEnd = this.received - this.cursor.pendingLength;
    return { emit: this.release(safeEnd - this.heldStart) };
  }

  /** The answer ended: releases what was held back (a hit is only ever reported by `push`). */
  flush(): GuardResult {
    if (this.stoppedBy) return { emit: '' };
    return { emit: this.release(this.held.length) };
  }

  private release(count: number): string {
    if (count <= 0) return '';
    const emit = this.held.slice(0, count);
    this.held = this.held.slice(count);
    this.heldStart += count;
    return emit;
  }
}
