import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TaskProgress } from '../../src/cli/task-progress.js';

function stream(tty: boolean): { s: PassThrough & { isTTY?: boolean }; out: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean };
  s.isTTY = tty;
  let out = '';
  s.on('data', (d) => (out += d));
  return { s, out: () => out };
}

describe('TaskProgress', () => {
  it('renders a bar, the percentage, the detail and the time spent', () => {
    let now = 1_000;
    const p = new TaskProgress('ingesting', { stream: stream(false).s, now: () => now });
    now += 65_000;
    expect(p.render(0.5, '2/4 documents')).toBe('ingesting [############------------]  50.0% 2/4 documents 01:05');
    expect(p.render(2, 'x')).toContain('[########################] 100.0%');
    expect(p.render(Number.NaN, 'x')).toContain('[------------------------]   0.0%');
  });

  it('writes plain lines off a terminal: milestones at once, otherwise throttled, no repeats', async () => {
    let now = 0;
    const { s, out } = stream(false);
    const p = new TaskProgress('job', { stream: s, now: () => now, intervalMs: 5_000 });
    p.update(0, 'a'); // first state: drawn
    now = 1_000;
    p.update(0.1, 'b'); // throttled
    p.update(0.5, 'c', true); // milestone: drawn
    now = 7_000;
    p.update(0.5, 'c'); // same state, only the clock moved: no new line
    p.update(1, 'd');
    p.done(); // the pending state is drawn
    p.done();
    await new Promise((r) => setImmediate(r));
    expect(out()).toBe(
      [
        'job [------------------------]   0.0% a 00:00',
        'job [############------------]  50.0% c 00:01',
        'job [########################] 100.0% d 00:07',
        '',
      ].join('\n'),
    );
  });

  it('redraws one line on a terminal and ends it on done', async () => {
    let now = 0;
    const { s, out } = stream(true);
    const p = new TaskProgress('job', { stream: s, now: () => now });
    p.update(0.25, 'x');
    now = 200;
    p.update(1, 'y');
    p.done();
    await new Promise((r) => setImmediate(r));
    expect(out()).toBe('\rjob [######------------------]  25.0% x 00:00\x1b[K\rjob [########################] 100.0% y 00:00\x1b[K\n');
  });
});
