import { api, postForm, type ApiResponse } from './admin-api.js';
import type { TestBaimo } from './start-baimo.js';
import { waitFor } from './wait-for.js';

/** One C-Eval question as the test writes it. */
export interface CevalQuestion {
  id: number;
  question: string;
  options: [string, string, string, string];
  answer: 'A' | 'B' | 'C' | 'D';
}

const LETTERS = ['A', 'B', 'C', 'D'] as const;

/** `n` distinct questions of a subject and split, answers cycling A, B, C, D shifted by `shift`. */
export function cevalQuestions(subject: string, split: string, n: number, shift = 0): CevalQuestion[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    question: `${subject} ${split} 第${i}题：下列哪一项是正确的？（编号 ${subject}-${split}-${i}）`,
    options: [`${subject}选项甲${i}`, `${subject}选项乙${i}`, `${subject}选项丙${i}`, `${subject}选项丁${i}`],
    answer: LETTERS[(i + shift) % 4],
  }));
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** An admin API call to a baimo at `url` (a spawned server's origin). */
export function call(url: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return api({ url } as TestBaimo, method, path, body);
}

/** Uploads files as a dataset (`POST /api/eval/datasets`, multipart) and returns the response. */
export async function uploadDataset(
  url: string,
  fields: Record<string, string>,
  files: Array<{ name: string; text: string }>,
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([f.text], { type: 'text/plain' }), f.name);
  return postForm(url, '/api/eval/datasets', form);
}

/** `{subject}_{split}.csv` files in C-Eval's format (`id,question,A,B,C,D,answer`), as uploads. */
export function cevalFiles(
  subjects: Record<string, { dev: CevalQuestion[]; val: CevalQuestion[] }>,
): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const [subject, splits] of Object.entries(subjects))
    for (const split of ['dev', 'val'] as const) {
      const rows = splits[split].map((q) => [q.id, q.question, ...q.options, q.answer].map(String).map(csvField).join(','));
      out.push({ name: `${subject}_${split}.csv`, text: ['id,question,A,B,C,D,answer', ...rows].join('\n') + '\n' });
    }
  return out;
}

/** Starts a run and returns its view (fails the test on anything but 202). */
export async function startRun(url: string, body: unknown): Promise<any> {
  const r = await call(url, 'POST', '/api/eval/runs', body);
  if (r.status !== 202) throw new Error(`starting the run failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Polls the run until it is in one of `statuses`; returns its report. */
export async function waitRun(url: string, id: string, statuses: string[] = ['completed'], timeoutMs = 60_000): Promise<any> {
  return waitFor(
    async () => {
      const r = await call(url, 'GET', `/api/eval/runs/${id}`);
      if (r.status !== 200) throw new Error(`reading the run failed: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.run.status === 'failed' && !statuses.includes('failed')) throw new Error(`the run failed: ${r.body.run.error}`);
      return statuses.includes(r.body.run.status) ? r.body : undefined;
    },
    { timeoutMs, everyMs: 100, what: `run ${id} to be ${statuses.join(' or ')}` },
  );
}

/** Every finished item of a run (all pages). */
export async function allItems(url: string, id: string, model?: string): Promise<any[]> {
  const out: any[] = [];
  let after: { seq: number; model: string } | undefined;
  for (;;) {
    const q = new URLSearchParams({ limit: '500' });
    if (model) q.set('model', model);
    if (after) {
      q.set('after', String(after.seq));
      if (!model) q.set('after_model', after.model);
    }
    const r = await call(url, 'GET', `/api/eval/runs/${id}/items?${q}`);
    if (r.status !== 200) throw new Error(`reading items failed: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.data);
    if (!r.body.has_more) return out;
    const last = r.body.data[r.body.data.length - 1];
    after = { seq: last.seq, model: last.model };
  }
}
