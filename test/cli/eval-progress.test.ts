import { describe, expect, it } from 'vitest';
import { modelProgress, progressState } from '../../src/cli/eval-follow.js';

// The state `baimo eval run` draws its progress bar from: per model done/total from the run job's
// message (so the bar and the text agree), shortened to fit a terminal.

const run = { done_items: 7, total_items: 20 };
const message = 'deepseek/deepseek-chat: 4/10, qwen/qwen-plus: 2/10';

describe('eval progress state', () => {
  it('reads the job message per model, and refuses anything else', () => {
    expect(modelProgress(message)).toEqual([
      { model: 'deepseek/deepseek-chat', done: 4, total: 10 },
      { model: 'qwen/qwen-plus', done: 2, total: 10 },
    ]);
    expect(modelProgress('embedded 3/10 chunks')).toBeUndefined();
    expect(modelProgress('a: 1/2, b: 1/2…')).toBeUndefined();
    expect(modelProgress(null)).toBeUndefined();
  });

  it('full names when they fit, names without the provider when not, else the run’s own count', () => {
    expect(progressState(run, message, 200)).toEqual({ fraction: 6 / 20, text: message });
    expect(progressState(run, message, 40)).toEqual({ fraction: 6 / 20, text: 'deepseek-chat: 4/10, qwen-plus: 2/10' });
    expect(progressState(run, message, 20)).toEqual({ fraction: 6 / 20, text: '7/20' });
    expect(progressState(run, undefined, 200)).toEqual({ fraction: 7 / 20, text: '7/20' });
    expect(progressState({ done_items: 0, total_items: 0 }, null, 200)).toEqual({ fraction: 0, text: '0/0' });
  });
});
