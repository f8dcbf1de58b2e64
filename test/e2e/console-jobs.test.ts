import { describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { byTestId, e2eUnavailable, screenshot, signInWithAdminToken, takeErrors, type ConsoleEnv, useConsoleEnv } from './helpers.js';

// The Jobs page: an admin starts a retention purge, and watches it run to the end without reloading.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the jobs browser tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('web console: jobs', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);

  useConsoleEnv((e) => (env = e));

  it('an admin runs a purge from the Jobs page and sees it finish, with its progress at 100 %', async () => {
    const { page, baimo } = env;
    await signInWithAdminToken(page);
    await at('nav-jobs').click();
    await at('jobs-page').waitFor();
    await at('jobs-run-purge').click();
    // The new job is in the API at once; the page shows it and follows it while it runs.
    const list = await api(baimo, 'GET', '/api/jobs?limit=5');
    const job = (list.body.data as Array<{ id: string; name: string }>).find((j) => j.name === 'retention.purge');
    expect(job).toBeDefined();
    const status = at(`job-status-${job!.id}`);
    await status.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await status.textContent())?.trim(), { timeout: 15_000 }).toMatch(/succeeded|成功/i);
    // A finished bar is full (antd shows a check mark instead of "100%"), with the job's last message under it.
    const cell = at(`job-progress-${job!.id}`);
    expect(await cell.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('100');
    expect(await cell.textContent()).toMatch(/deleted 0 request logs, cleared 0 bodies/);
    await screenshot(page, 'jobs');
    expect(takeErrors(env)).toEqual([]);
  });
});
