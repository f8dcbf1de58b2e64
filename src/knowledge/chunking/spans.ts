/** A half-open range [start, end) of the normalized document text. */
export interface Span {
  start: number;
  end: number;
}

const isLow = (s: string, i: number) => i > 0 && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00;

/** Never cut between the halves of a surrogate pair: moves `at` forward when it would. */
export function safeCut(s: string, at: number): number {
  return isLow(s, at) ? at + 1 : at;
}

/**
 * Cuts [start, end) into consecutive pieces for which `fits(a, b)` holds, each as long as it can be,
 * preferring to cut after whitespace in its second half. A piece of one character is taken even when it
 * does not fit (nothing smaller exists).
 */
export function hardSplit(source: string, start: number, end: number, fits: (a: number, b: number) => boolean): Span[] {
  const out: Span[] = [];
  let a = start;
  while (a < end) {
    if (fits(a, end)) {
      out.push({ start: a, end });
      break;
    }
    let best = safeCut(source, a + 1);
    let lo = best + 1;
    let hi = end - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(a, mid)) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let b = best;
    if (isLow(source, b)) b--;
    if (b <= a) b = safeCut(source, a + 1);
    for (let k = b - 1; k > a + (b - a) / 2; k--) {
      if (/\s/.test(source[k])) {
        b = k + 1;
        break;
      }
    }
    out.push({ start: a, end: b });
    a = b;
  }
  return out;
}

/**
 * The last index j >= i (and < n) such that `fits(i, j)` holds, found by doubling then bisecting; i when
 * even the first does not fit. Assumes fitting is monotone in j, and only returns indices it checked.
 */
export function longestRun(i: number, n: number, fits: (first: number, last: number) => boolean): number {
  let good = i;
  let step = 1;
  let bad = n;
  while (good + step < n) {
    if (fits(i, good + step)) {
      good += step;
      step *= 2;
    } else {
      bad = good + step;
      break;
    }
  }
  let lo = good + 1;
  let hi = bad - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(i, mid)) {
      good = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return good;
}
