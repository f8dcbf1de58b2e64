/**
 * Polls `probe` every `everyMs` until it returns something other than undefined (or false), and returns
 * that; fails after `timeoutMs` with what it was waiting for.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 4_000, everyMs = 20, what = 'a condition' }: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
