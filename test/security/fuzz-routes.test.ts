import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check, caseArbitrary, describeCase, fixedCases, send, type FuzzCase } from './fuzz/fuzz-case.js';
import { startFuzzEnv } from './fuzz/fuzz-env.js';
import { POLLUTION_MARK } from './fuzz/hostile.js';
import { registeredRoutes, routeSpecs, type RouteSpec } from './fuzz/route-specs.js';

/**
 * The fuzzing suite of issue 14 ("General defences"): every /v1 and /api route (and the routes outside
 * them), driven by /openapi.json and the /v1 zod schemas, gets random and adversarial bodies, headers,
 * query strings and path ids, as every role and as nobody. Whatever it is sent, the server answers
 * without a 5xx, within a time bound, without a provider secret or the admin token in the answer,
 * without polluting Object.prototype, and keeps answering /healthz.
 *
 * CI runs a fixed seed. A longer run for a release, e.g.:
 *   BAIMO_FUZZ_RUNS=500 BAIMO_FUZZ_SEED=$RANDOM npx vitest run test/security/fuzz-routes.test.ts
 * (BAIMO_FUZZ_SLOW_MS changes the per-answer bound, 2000 ms by default.)
 */
const RUNS = Number(process.env.BAIMO_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.BAIMO_FUZZ_SEED ?? 14_2024);
const SLOW_MS = Number(process.env.BAIMO_FUZZ_SLOW_MS ?? 2_000);

// The route list comes from the running server, so the server starts while the file is collected.
const env = await startFuzzEnv();
const doc = (await (await fetch(`${env.baimo.url}/openapi.json`)).json()) as Parameters<typeof routeSpecs>[0];
const specs = routeSpecs(doc);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** The slowest answers of the run, printed at the end (to size SLOW_MS and spot routes getting slower). */
const slowest: Array<{ ms: number; what: string }> = [];
let requests = 0;

afterAll(async () => {
  slowest.sort((a, b) => b.ms - a.ms);
  console.log(
    `[fuzz] ${requests} requests, seed ${SEED}, ${RUNS} random runs per route; slowest answers:\n${slowest
      .slice(0, 5)
      .map((x) => `  ${Math.round(x.ms)} ms  ${x.what}`)
      .join('\n')}`,
  );
  await env.close();
});

const seedOf = (route: string): number => {
  let h = SEED | 0;
  for (let i = 0; i < route.length; i++) h = Math.imul(h ^ route.charCodeAt(i), 16_777_619);
  return h;
};

async function stillHealthy(): Promise<void> {
  const started = performance.now();
  const r = await fetch(`${env.baimo.url}/healthz`);
  expect(r.status).toBe(200);
  await r.arrayBuffer();
  expect(performance.now() - started).toBeLessThan(SLOW_MS);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(), 'Object.prototype was polluted').toBe(prototypeKeys);
  expect(({} as Record<string, unknown>)[POLLUTION_MARK], 'Object.prototype was polluted').toBeUndefined();
}

describe('fuzzing every route', () => {
  it('covers every registered /v1 and /api route, and every route of /openapi.json', () => {
    const fuzzed = new Set(specs.map((s) => `${s.method} ${s.path}`));
    const registered = registeredRoutes(env.baimo.app);
    expect(registered.filter((r) => r.includes(' /v1/')).length).toBeGreaterThanOrEqual(4);
    for (const route of registered) expect(fuzzed, `${route} is not fuzzed`).toContain(route);
    const apiRoutes = env.baimo.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(apiRoutes.length).toBeGreaterThan(30);
    for (const route of apiRoutes) expect(fuzzed, `${route} is not fuzzed`).toContain(route);
  });

  for (const spec of specs) {
    const route = `${spec.method} ${spec.path}`;
    it(`${route}${spec.destructive ? ' (destructive: runs last)' : ''}`, { timeout: 120_000 }, async () => {
      await fuzzRoute(spec, route);
      await stillHealthy();
    });
  }

  it('after all of it, both tenants still work', async () => {
    await stillHealthy();
    for (const key of [env.ids.secretA, env.ids.secretB]) {
      const r = await fetch(`${env.baimo.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'still there?' }] }),
      });
      const text = await r.text();
      // Key A's workspace policy may have been rewritten by the fuzzer: refused is fine, broken is not.
      expect(r.status, text).toBeLessThan(500);
    }
  });
});

async function fuzzRoute(spec: RouteSpec, route: string): Promise<void> {
  const run = async (c: FuzzCase) => {
    let r;
    try {
      r = await send(env, spec, c);
    } catch (err) {
      throw new Error(`no answer (${(err as Error).message}): ${describeCase(spec, c)}`);
    }
    requests++;
    if (slowest.length < 5 || r.ms > slowest[slowest.length - 1].ms) {
      slowest.push({ ms: r.ms, what: `${r.status} ${describeCase(spec, c).slice(0, 160)}` });
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
    }
    check(env, spec, c, r, SLOW_MS);
  };
  // The fixed attacks first, then the random ones; every failure of the route is reported together.
  const failures: string[] = [];
  for (const c of fixedCases(env, spec)) await run(c).catch((err: Error) => failures.push(err.message));
  const seed = seedOf(route);
  const details = await fc.check(fc.asyncProperty(caseArbitrary(env, spec), run), { seed, numRuns: RUNS, endOnFailure: true });
  if (details.failed) {
    const message = (details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance);
    failures.push(`${message} (random case; replay with seed ${seed}, path "${details.counterexamplePath}")`);
  }
  if (failures.length) {
    const shown = failures.slice(0, 6);
    const more = failures.length > shown.length ? `\n(and ${failures.length - shown.length} more)` : '';
    throw new Error(`${failures.length} failure(s):\n- ${shown.join('\n- ')}${more}`);
  }
}
