import { performance } from 'node:perf_hooks';
import { validateInputs } from '../src/apps/app-inputs.js';
import { appSpecSchema, BUILTIN_SLUGS } from '../src/apps/app-types.js';
import { BUILTIN_APPS } from '../src/apps/builtins/index.js';
import { promptLanguage, renderPhase, renderPrompt } from '../src/apps/template.js';
import { timeCalls } from './micro-timer.js';

/**
 * `npm run bench:app-render`: what a scenario app adds per run before the gateway — input validation,
 * the prompt language and the rendered prompt (the budget: ≤ 50 µs) — for every built-in with its
 * zh and en samples, and with a 4,000-character main text; plus a first (uncached) compile and a map
 * step. Prints p50/p95/p99 in µs. Env: BENCH_ITERATIONS=20000.
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const us = (ms: number): string => (ms * 1000).toFixed(1).padStart(6);

function time(label: string, fn: () => unknown): number {
  const t = timeCalls(fn, ITERATIONS, 2000);
  console.log(`${label.padEnd(46)} p50 ${us(t.p50)} µs   p95 ${us(t.p95)} µs   p99 ${us(t.p99)} µs`);
  return t.p95;
}

/** One run's work: validate the raw inputs, pick the language, render the prompt. */
const run = (slug: (typeof BUILTIN_SLUGS)[number], raw: Record<string, unknown>) => () => {
  const { spec } = BUILTIN_APPS[slug];
  const { inputs } = validateInputs(spec, raw);
  return renderPrompt(spec, inputs, promptLanguage(spec, inputs));
};

console.log(`node ${process.version}, ${ITERATIONS} iterations per line\n`);
let worst = 0;
for (const slug of BUILTIN_SLUGS)
  for (const lang of ['zh', 'en'] as const) {
    const raw = { ...BUILTIN_APPS[slug].samples[lang] };
    worst = Math.max(worst, time(`${slug} (${lang} sample)`, run(slug, raw)));
  }

const PROSE = '会议讨论了第三季度的经营情况和下一阶段的市场推广计划，与会人员一致认为应当加强数据安全管理。';
const text4k = PROSE.repeat(Math.ceil(4000 / PROSE.length)).slice(0, 4000);
console.log();
worst = Math.max(
  worst,
  time('summarize, 4,000-character Chinese text', run('summarize', { ...BUILTIN_APPS.summarize.samples.zh, text: text4k })),
);
worst = Math.max(
  worst,
  time('translate, 4,000-character Chinese text', run('translate', { ...BUILTIN_APPS.translate.samples.zh, text: text4k })),
);

const minutes = BUILTIN_APPS['meeting-minutes'];
const { inputs } = validateInputs(minutes.spec, minutes.samples.zh);
time('meeting-minutes map step (4,000-char chunk)', () =>
  renderPhase(minutes.spec, 'map', inputs, 'zh', { chunk: text4k, index: 3, count: 9 }),
);

// A spec object seen for the first time: a copy of a known one (its templates found by their text) or
// a new version (compiled: each copy's templates differ by a comment).
const sample = BUILTIN_APPS.translate.samples.zh;
const copy = (i?: number) => {
  const spec = appSpecSchema.parse(JSON.parse(JSON.stringify(BUILTIN_APPS.translate.spec)));
  if (i !== undefined) for (const p of [spec.prompts.zh!, spec.prompts.en!]) p.system += `{{! version ${i} }}`;
  return spec;
};
const firstRuns = (label: string, specs: ReturnType<typeof copy>[]) => {
  const t0 = performance.now();
  for (const spec of specs) renderPrompt(spec, validateInputs(spec, sample).inputs, 'zh');
  console.log(`${label.padEnd(46)} mean ${us((performance.now() - t0) / specs.length)} µs`);
};
console.log();
firstRuns(
  'translate, first run of a copy of the spec',
  Array.from({ length: 2000 }, () => copy()),
);
firstRuns(
  'translate, first run of a new version (compile)',
  Array.from({ length: 400 }, (_, i) => copy(i)),
);
console.log(
  `\nworst p95 of a run (validate + language + render): ${us(worst).trim()} µs (budget 50 µs): ${worst * 1000 <= 50 ? 'ok' : 'OVER'}`,
);
