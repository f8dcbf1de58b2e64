/**
 * An Aho–Corasick automaton over UTF-16 code units for large keyword libraries (moderation terms,
 * PII dictionary terms). Patterns and searched text are folded with {@link normalizeCode} (width,
 * ASCII case, traditional → simplified), a 1:1 mapping, so match offsets refer to the original text.
 *
 * Layout, tuned for 10k+ CJK terms: the root's transitions are a dense Int32Array(65536); deeper
 * transitions live in one open-addressing hash table keyed by (state, code unit) in typed arrays;
 * failure links and "dictionary suffix" output links are precomputed; code units that occur in no
 * pattern send the automaton straight back to the root, and states without children skip the lookup.
 */
import { buildTablesInWorker, totalLength, WORKER_BUILD_CHARS } from './ac-build.js';
import { NORMALIZE_TABLE } from './normalize.js';
import { runTimeSliced, runToEnd } from '../../core/time-sliced.js';

/** One occurrence: `text.slice(start, end)` folds to pattern `index`'s folded form. */
export interface AcMatch {
  start: number;
  end: number;
  /** Position of the pattern in the constructor's `patterns`. */
  index: number;
}

function nextPowerOfTwo(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

/** The arrays of a built automaton (what {@link buildTables} produces). @internal */
export interface AcTables {
  readonly kind: 'ac-tables';
  size: number;
  maxLength: number;
  stateCount: number;
  root: Int32Array;
  alphabet: Uint8Array;
  keyState: Int32Array;
  keyCode: Uint16Array;
  keyNext: Int32Array;
  hashMask: number;
  hashShift: number;
  hasChildren: Uint8Array;
  fail: Int32Array;
  depth: Int32Array;
  firstOut: Int32Array;
  outHead: Int32Array;
  dictLink: Int32Array;
  nextDup: Int32Array;
  patternLength: Int32Array;
}

const isTables = (p: readonly string[] | AcTables): p is AcTables => !Array.isArray(p);

/** Code units handled between two yields of {@link buildTables}. */
const BUILD_STEP = 4096;

/**
 * Builds the automaton's arrays, yielding after about every {@link BUILD_STEP} code units (trie) or
 * states (failure links), so that callers may run it at once or time-sliced.
 */
export function* buildTables(patterns: readonly string[]): Generator<void, AcTables, void> {
  const table = NORMALIZE_TABLE;
  let total = 0;
  let size = 0;
  let maxLength = 0;
  for (const p of patterns) {
    total += p.length;
    if (p.length > 0) size++;
    if (p.length > maxLength) maxLength = p.length;
  }
  const capacity = total + 1;
  const root = new Int32Array(65536);
  const alphabet = new Uint8Array(65536);
  const parent = new Int32Array(capacity);
  const code = new Uint16Array(capacity);
  const depth = new Int32Array(capacity);
  const firstOut = new Int32Array(capacity).fill(-1);
  const hasChildren = new Uint8Array(capacity);
  const nextDup = new Int32Array(patterns.length).fill(-1);
  const patternLength = new Int32Array(patterns.length);
  const hashCapacity = nextPowerOfTwo(total * 2);
  const keyState = new Int32Array(hashCapacity);
  const keyCode = new Uint16Array(hashCapacity);
  const keyNext = new Int32Array(hashCapacity);
  const hashMask = hashCapacity - 1;
  const hashShift = 32 - Math.log2(hashCapacity);
  const lastOut = new Int32Array(capacity).fill(-1);
  const slot = (s: number, c: number): number => Math.imul((s << 16) ^ (s >>> 16) ^ c, 0x9e3779b1) >>> hashShift;
  const child = (s: number, c: number): number => {
    for (let h = slot(s, c); ; h = (h + 1) & hashMask) {
      const k = keyState[h];
      if (k === 0) return 0;
      if (k === s && keyCode[h] === c) return keyNext[h];
    }
  };

  let states = 1;
  let work = 0;
  for (let index = 0; index < patterns.length; index++) {
    const pattern = patterns[index];
    if (pattern.length === 0) continue;
    patternLength[index] = pattern.length;
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = table[pattern.charCodeAt(i)];
      alphabet[c] = 1;
      let next = s === 0 ? root[c] : child(s, c);
      if (next <= 0) {
        next = states++;
        parent[next] = s;
        code[next] = c;
        depth[next] = depth[s] + 1;
        hasChildren[s] = 1;
        if (s === 0) root[c] = next;
        else {
          let h = slot(s, c);
          while (keyState[h] !== 0) h = (h + 1) & hashMask;
          keyState[h] = s;
          keyCode[h] = c;
          keyNext[h] = next;
        }
      }
      s = next;
    }
    if (firstOut[s] === -1) firstOut[s] = index;
    else nextDup[lastOut[s]] = index;
    lastOut[s] = index;
    work += pattern.length;
    if (work >= BUILD_STEP) {
      work = 0;
      yield;
    }
  }

  // Breadth-first order (counting sort by depth) so that suffix states are done before their users.
  const byDepthCount = new Int32Array(maxLength + 2);
  for (let s = 1; s < states; s++) byDepthCount[depth[s] + 1]++;
  for (let d = 1; d < byDepthCount.length; d++) byDepthCount[d] += byDepthCount[d - 1];
  const order = new Int32Array(states);
  for (let s = 1; s < states; s++) order[byDepthCount[depth[s]]++] = s;
  yield;

  const fail = new Int32Array(states);
  const dictLink = new Int32Array(states);
  const outHead = new Int32Array(states);
  for (let k = 0; k < states - 1; k++) {
    const s = order[k];
    const p = parent[s];
    const c = code[s];
    let f = 0;
    if (p !== 0) {
      f = fail[p];
      for (;;) {
        if (f === 0) {
          f = root[c];
          break;
        }
        const next = child(f, c);
        if (next > 0) {
          f = next;
          break;
        }
        f = fail[f];
      }
    }
    fail[s] = f;
    dictLink[s] = firstOut[f] !== -1 ? f : dictLink[f];
    outHead[s] = firstOut[s] !== -1 ? s : dictLink[s];
    if ((k & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  return {
    kind: 'ac-tables',
    size,
    maxLength,
    stateCount: states,
    root,
    alphabet,
    keyState,
    keyCode,
    keyNext,
    hashMask,
    hashShift,
    hasChildren,
    fail,
    depth,
    firstOut,
    outHead,
    dictLink,
    nextDup,
    patternLength,
  };
}

/**
 * A multi-pattern matcher. Matches may overlap; they are reported in order of `end`, then longest
 * first. Patterns that fold to the same string are all reported, each with its own `index`, in
 * ascending index order. Empty patterns are ignored.
 */
export class AhoCorasick {
  /** Number of non-empty patterns indexed. */
  readonly size: number;
  /** Length (in UTF-16 code units) of the longest pattern; 0 when there is none. */
  readonly maxLength: number;
  /** Number of automaton states, the root included. */
  readonly stateCount: number;

  private readonly root: Int32Array;
  /** 1 for code units that occur in some pattern (folded). */
  private readonly alphabet: Uint8Array;
  private readonly keyState: Int32Array;
  private readonly keyCode: Uint16Array;
  private readonly keyNext: Int32Array;
  private readonly hashMask: number;
  private readonly hashShift: number;
  private readonly hasChildren: Uint8Array;
  private readonly fail: Int32Array;
  /** Per state: its depth, i.e. the length of the string it stands for. */
  private readonly depth: Int32Array;
  /** Per state: the first pattern ending here, or -1. */
  private readonly firstOut: Int32Array;
  /** Per state: the state itself when terminal, else its nearest terminal proper suffix, or 0. */
  private readonly outHead: Int32Array;
  /** Per state: the nearest terminal proper suffix (via failure links), or 0. */
  private readonly dictLink: Int32Array;
  /** Per pattern: the next pattern with the same folded form, or -1. */
  private readonly nextDup: Int32Array;
  private readonly patternLength: Int32Array;

  /**
   * Builds the automaton; `patterns` are folded here, the caller passes them as written. Large
   * libraries should use {@link AhoCorasick.build}, which does the same without blocking.
   */
  constructor(patterns: readonly string[] | AcTables) {
    const t = isTables(patterns) ? patterns : runToEnd(buildTables(patterns));
    this.size = t.size;
    this.maxLength = t.maxLength;
    this.stateCount = t.stateCount;
    this.root = t.root;
    this.alphabet = t.alphabet;
    this.keyState = t.keyState;
    this.keyCode = t.keyCode;
    this.keyNext = t.keyNext;
    this.hashMask = t.hashMask;
    this.hashShift = t.hashShift;
    this.hasChildren = t.hasChildren;
    this.fail = t.fail;
    this.depth = t.depth;
    this.firstOut = t.firstOut;
    this.outHead = t.outHead;
    this.dictLink = t.dictLink;
    this.nextDup = t.nextDup;
    this.patternLength = t.patternLength;
  }

  /**
   * Builds the automaton without blocking: large libraries (≥ {@link WORKER_BUILD_CHARS} code units)
   * on a thread of their own, smaller ones in slices of a few milliseconds with the event loop served
   * in between (also the fallback should the thread fail).
   */
  static async build(patterns: readonly string[]): Promise<AhoCorasick> {
    if (totalLength(patterns) >= WORKER_BUILD_CHARS) {
      const tables = await buildTablesInWorker(patterns).catch(() => undefined);
      if (tables) return new AhoCorasick(tables);
    }
    return new AhoCorasick(await runTimeSliced(buildTables(patterns)));
  }

  /** All occurrences of all patterns in `text` (overlapping), ordered by end, longest first. */
  findAll(text: string): AcMatch[] {
    const out: AcMatch[] = [];
    this.advance(text, 0, 0, out, false);
    return out;
  }

  /** The occurrence that ends first (the longest of those ending there), or undefined. */
  findFirst(text: string): AcMatch | undefined {
    const out: AcMatch[] = [];
    this.advance(text, 0, 0, out, true);
    return out[0];
  }

  /** A streaming matcher that keeps the automaton state across chunks. */
  cursor(): AcCursor {
    return new AcCursor(this);
  }

  /** The depth of `state`: how many trailing characters could still start a match. @internal */
  stateDepth(state: number): number {
    return this.depth[state];
  }

  /**
   * Runs the automaton over `text` from `state`; matches are appended to `out` with offsets shifted
   * by `base`. With `firstOnly`, stops after the first end position that has matches and reports
   * only the first of them. Returns the state reached. @internal
   */
  advance(text: string, state: number, base: number, out: AcMatch[], firstOnly: boolean): number {
    const table = NORMALIZE_TABLE;
    const root = this.root;
    const alphabet = this.alphabet;
    const hasChildren = this.hasChildren;
    const fail = this.fail;
    const outHead = this.outHead;
    const n = text.length;
    let s = state;
    for (let i = 0; i < n; i++) {
      const c = table[text.charCodeAt(i)];
      if (alphabet[c] === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        if (s === 0) {
          s = root[c];
          break;
        }
        if (hasChildren[s] === 1) {
          const next = this.child(s, c);
          if (next > 0) {
            s = next;
            break;
          }
        }
        s = fail[s];
      }
      let o = outHead[s];
      if (o === 0) continue;
      const end = base + i + 1;
      do {
        for (let p = this.firstOut[o]; p !== -1; p = this.nextDup[p]) {
          out.push({ start: end - this.patternLength[p], end, index: p });
          if (firstOnly) return s;
        }
        o = this.dictLink[o];
      } while (o !== 0);
    }
    return s;
  }

  private slot(s: number, c: number): number {
    return Math.imul((s << 16) ^ (s >>> 16) ^ c, 0x9e3779b1) >>> this.hashShift;
  }

  /** The child of non-root state `s` on folded code unit `c`, or 0. */
  private child(s: number, c: number): number {
    const keyState = this.keyState;
    const mask = this.hashMask;
    let h = this.slot(s, c);
    for (;;) {
      const k = keyState[h];
      if (k === 0) return 0;
      if (k === s && this.keyCode[h] === c) return this.keyNext[h];
      h = (h + 1) & mask;
    }
  }
}

/**
 * Feeds a text to an {@link AhoCorasick} chunk by chunk: matches that span chunk boundaries are
 * found, and offsets are absolute over everything fed so far.
 */
export class AcCursor {
  private state = 0;
  private fed = 0;

  /** Usually obtained from {@link AhoCorasick.cursor}. */
  constructor(private readonly automaton: AhoCorasick) {}

  /** Scans `chunk`; returns the matches that end inside it. */
  feed(chunk: string): AcMatch[] {
    const out: AcMatch[] = [];
    this.state = this.automaton.advance(chunk, this.state, this.fed, out, false);
    this.fed += chunk.length;
    return out;
  }

  /** Total characters fed so far. */
  get position(): number {
    return this.fed;
  }

  /**
   * The length of the longest suffix of the text fed so far that is a prefix of some pattern (folded).
   * Any match not reported yet starts at or after `position - pendingLength`, so the text before that
   * point can be released safely.
   */
  get pendingLength(): number {
    return this.automaton.stateDepth(this.state);
  }

  /** Forgets everything fed. */
  reset(): void {
    this.state = 0;
    this.fed = 0;
  }
}
