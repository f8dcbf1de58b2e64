import { describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { writeZip } from '../helpers/zip-writer.js';
import { byTestId, e2eUnavailable, inputOf, screenshot, takeErrors, type ConsoleEnv, useConsoleEnv } from './helpers.js';

// Issue 18, the console's scenario apps: clone the built-in summarize into a custom app, edit its English
// template (the studio flags the new variable and declares it in one click), run the draft through the
// form generated from its variables, publish it, and run it again on the end-user page, which counts a
// page view and a session. Then a second version: both compared side by side, a traffic split, a
// rollback, and deleting the app. Answers come from a fake OpenAI upstream that records every prompt.
// The user signs in with a password: every run goes out with the console session (no key is typed)
// and is logged under that user.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the scenario-app browser tests: ${unavailable}`);

const SLUG = 'team-summary';
const NAME = 'Team summary';
const EDITED = 'Summarize the following text for {{audience}}, in two bullets:\n\n{{text}}';
const SECOND = 'Tell {{audience}} in one sentence what this says:\n\n{{text}}';
const TEXT = 'The council approved a plan to grow the bike-lane network from 120 to 300 kilometres by 2030, paid for by a parking levy.';
const ANSWER = '## Summary\n\n- The network grows to **300 km** by 2030\n- A downtown parking levy pays for it';
const EMAIL = 'app-builder@example.cn';
const PASSWORD = 'correct horse battery';

interface LogEntry {
  key_id: string | null;
  user_id: string | null;
  workspace_id: string | null;
  app_id: string | null;
  app_slug: string | null;
  app_version: number | null;
}

/** The text of the last user message the fake upstream received. */
function lastUserMessage(env: ConsoleEnv): string {
  const messages: Array<{ role: string; content: string }> = env.fake.requests.at(-1)?.body?.messages ?? [];
  return messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}

describe.skipIf(unavailable !== null)('web console: scenario apps', () => {
  let env: ConsoleEnv;
  let appId = '';
  let userId = '';
  const at = (id: string) => byTestId(env.page, id);
  const fill = async (id: string, value: string) => (await inputOf(at(id))).fill(value);
  const done = (id: string) => expect.poll(() => at(id).getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
  const stats = async () => {
    const s = (await api(env.baimo, 'GET', `/api/apps/${appId}/stats`)).body as { days: Array<{ views: number; sessions: number }> };
    return { views: s.days.reduce((n, d) => n + d.views, 0), sessions: s.days.reduce((n, d) => n + d.sessions, 0) };
  };
  /** The newest request-log entry of an app's slug (the log is written a moment after the answer). */
  const lastRunOf = async (slug: string): Promise<LogEntry | undefined> => {
    await env.baimo.runtime.logWriter.flush();
    const logs = (await api(env.baimo, 'GET', '/api/logs?limit=50')).body.data as LogEntry[];
    const l = logs.find((x) => x.app_slug === slug);
    return (
      l && {
        key_id: l.key_id,
        user_id: l.user_id,
        workspace_id: l.workspace_id,
        app_id: l.app_id,
        app_slug: l.app_slug,
        app_version: l.app_version,
      }
    );
  };

  useConsoleEnv(
    (e) => {
      env = e;
      // A step that does not happen fails on its own line, well within the test's time.
      env.page.setDefaultTimeout(10_000);
    },
    () => ({
      config: { apps: { default_model: 'alpha' } },
      // A model with a small context window: long inputs of summarize are map-reduced on it.
      models: [{ name: 'small', context_tokens: 2000, targets: [{ provider: 'fake', model: 'small-upstream' }] }],
    }),
  );

  it('clones a built-in, edits its template, runs the draft with the generated form, publishes it, and runs the end-user page', async () => {
    const { page, baimo, fake } = env;
    // A workspace admin (not an instance administrator) with a password: the console session is all it has.
    const user = await api(baimo, 'POST', '/api/users', {
      email: EMAIL,
      name: 'App builder',
      password: PASSWORD,
      workspaces: [{ id: 'ws_default', role: 'admin' }],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    userId = user.body.id;
    await page.goto('/login');
    await at('login-email').fill(EMAIL);
    await at('login-password').fill(PASSWORD);
    await at('login-account-submit').click();
    await at('nav-apps').click();
    await at('apps-page').waitFor();
    await at('builtin-card-summarize').waitFor();
    expect(await page.locator('[data-testid^=builtin-card-]').count()).toBe(9);
    await at('apps-mine-empty').waitFor();
    await screenshot(page, 'apps-gallery');

    // Clone summarize under a slug and name of our own: the studio of the new app opens on its draft.
    await at('builtin-clone-summarize').click();
    await fill('app-create-slug', SLUG);
    await fill('app-create-name', NAME);
    await at('app-create-submit').click();
    await at('studio-page').waitFor({ timeout: 10_000 });
    expect(await at('studio-title').textContent()).toBe(NAME);
    const listed = (await api(baimo, 'GET', '/api/workspaces/ws_default/apps?kind=scenario')).body.data as Array<Record<string, unknown>>;
    const created = listed.find((a) => a.slug === SLUG)!;
    expect(created).toMatchObject({ name: NAME, source: 'summarize', latest_version: 1, traffic: null });
    appId = created.id as string;
    expect(page.url()).toContain(`/apps/${appId}/studio`);

    // Edit the English template with a variable the app does not declare: flagged, declared in one click.
    await at('studio-prompt-tab-en').click();
    await fill('studio-prompt-en-user', EDITED);
    await at('studio-var-undeclared-audience').waitFor();
    await at('studio-dirty').waitFor();
    await at('studio-var-declare-audience').click();
    await at('studio-undeclared').waitFor({ state: 'detached' });
    await at('studio-var-used-audience').waitFor();
    // A variable no template uses is greyed; removed again.
    await at('studio-var-add').click();
    await at('studio-var-unused-var_8').waitFor();
    await at('studio-var-remove-var_8').click();
    await at('studio-var-unused-var_8').waitFor({ state: 'detached' });

    // Summarize answers plain text; this app's answers are Markdown.
    await at('studio-output-markdown').click();

    // The generated form has the new variable; running saves the draft and pins the run to it.
    await at('studio-try-input-audience').waitFor();
    await fill('studio-try-input-text', TEXT);
    await fill('studio-try-input-audience', 'the city engineers');
    fake.queue.push({ kind: 'text', text: ANSWER, chunkDelayMs: 20 });
    await at('studio-try-run').click();
    await done('studio-try-answer');
    expect(await at('studio-try-answer-version').textContent()).toBe('v1');
    // The Markdown answer is rendered: a heading, two bullets, bold text.
    const answer = at('studio-try-answer-text');
    expect(await answer.locator('h3').textContent()).toBe('Summary');
    expect(await answer.locator('li').count()).toBe(2);
    expect(await answer.locator('strong').textContent()).toBe('300 km');
    // The upstream got the edited template, rendered with the form's inputs.
    expect(lastUserMessage(env)).toBe(`Summarize the following text for the city engineers, in two bullets:\n\n${TEXT}`);
    expect(fake.requests.at(-1)!.body.model).toBe('alpha-upstream');
    const versions = (await api(baimo, 'GET', `/api/apps/${appId}/versions`)).body.data;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, status: 'draft' });
    expect(versions[0].spec.prompts.en.user).toBe(EDITED);
    expect(versions[0].spec.variables.map((v: { name: string }) => v.name)).toContain('audience');
    expect(versions[0].spec.output).toEqual({ format: 'markdown' });
    expect(await at('studio-dirty').count()).toBe(0);
    // No key field: the draft ran with the session, logged under the user in the app's workspace.
    expect(await page.locator('[data-testid=app-run-key]').count()).toBe(0);
    await expect
      .poll(() => lastRunOf(SLUG), { timeout: 10_000 })
      .toEqual({ key_id: null, user_id: userId, workspace_id: 'ws_default', app_id: appId, app_slug: SLUG, app_version: 1 });
    await screenshot(page, 'apps-studio');

    // Publish: version 1 takes all traffic.
    await at('studio-publish').click();
    await at('studio-publish-ok').click();
    await expect
      .poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}`)).body.traffic, { timeout: 10_000 })
      .toEqual([{ version: 1, weight: 100 }]);
    await expect.poll(() => at('studio-serving').textContent()).toContain('v1');

    // The end-user page: the published version's form, the streamed answer; a view and a session counted.
    await page.goto(`/apps/${SLUG}/use`);
    await at('use-page').waitFor();
    // The title shows the slug until the app list has loaded, then the app's name.
    await expect.poll(() => at('use-title').textContent(), { timeout: 10_000 }).toBe(NAME);
    await expect.poll(stats, { timeout: 10_000 }).toEqual({ views: 1, sessions: 1 });
    await fill('use-input-text', TEXT);
    await fill('use-input-audience', 'the mayor');
    fake.queue.push({ kind: 'text', text: ANSWER, chunkDelayMs: 20 });
    await at('use-run').click();
    await done('use-answer');
    expect(await at('use-answer-text').locator('li').count()).toBe(2);
    expect(lastUserMessage(env)).toBe(`Summarize the following text for the mayor, in two bullets:\n\n${TEXT}`);
    await screenshot(page, 'apps-use');
    // Usage analytics: the answer can be disliked; the page's view counts for the app's scenario.
    const usage = async (scenario: string) =>
      (
        await api(
          baimo,
          'GET',
          `/api/analytics/report?workspace=ws_default&scenario=${scenario}&from=${Date.now() - 3_600_000}&to=${Date.now() + 600_000}`,
        )
      ).body.totals;
    await at('use-answer-feedback-dislike').click();
    await expect.poll(() => at('use-answer-feedback').getAttribute('data-rating'), { timeout: 5_000 }).toBe('dislike');
    await expect.poll(async () => (await usage(SLUG)).dislikes, { timeout: 5_000 }).toBe(1);
    expect((await usage(SLUG)).page_views).toBeGreaterThanOrEqual(1);
    // Opening it again in the same browser session is one more view, not one more session.
    await page.reload();
    await at('use-title').waitFor();
    await expect.poll(stats, { timeout: 10_000 }).toEqual({ views: 2, sessions: 1 });

    // A built-in's end-user page runs through the workspace's library, with its sample inputs.
    await page.goto('/apps/summarize/use');
    await at('use-run').click();
    await done('use-answer');
    expect(await at('use-answer-text').textContent()).toContain('Streaming from the fake upstream');
    await expect.poll(async () => (await usage('summarize')).page_views, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => lastRunOf('summarize'), { timeout: 10_000 })
      .toEqual({ key_id: null, user_id: userId, workspace_id: 'ws_default', app_id: null, app_slug: 'summarize', app_version: 1 });
    expect(takeErrors(env)).toEqual([]);
  }, 120_000);

  it('compares two versions side by side, splits traffic between them, rolls back, and deletes the app', async () => {
    const { page, baimo, fake } = env;
    // A second draft from version 1, with another template.
    await page.goto(`/apps/${appId}/studio?tab=versions`);
    await at('versions-table').waitFor();
    await at('version-branch-1').click();
    await at('version-status-2').waitFor();
    expect(await at('version-status-2').textContent()).toBe('Draft');
    await at('studio-tab-edit').click();
    await at('studio-prompt-tab-en').click();
    await fill('studio-prompt-en-user', SECOND);
    await at('studio-save').click();
    await at('studio-dirty').waitFor({ state: 'detached' });
    await expect.poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}/versions`)).body.data[0].spec.prompts.en.user).toBe(SECOND);

    // Compare: the same inputs to both versions at once; the fake echoes each prompt back.
    await at('studio-tab-compare').click();
    await at('studio-compare').waitFor();
    await fill('compare-input-text', TEXT);
    await fill('compare-input-audience', 'the council');
    fake.queue.push({ kind: 'echo' }, { kind: 'echo' });
    await at('compare-run').click();
    await done('compare-answer-a');
    await done('compare-answer-b');
    expect(await at('compare-answer-a-text').textContent()).toContain('Tell the council in one sentence what this says:');
    expect(await at('compare-answer-b-text').textContent()).toContain('Summarize the following text for the council, in two bullets:');
    expect(await at('compare-answer-a-version').textContent()).toBe('v2');
    expect(await at('compare-answer-b-version').textContent()).toBe('v1');
    await screenshot(page, 'apps-compare');

    // Publish version 2, then split traffic 30/70 between versions 2 and 1.
    await at('studio-tab-versions').click();
    await at('version-publish-2').click();
    await at('version-publish-ok-2').click();
    await expect
      .poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}`)).body.traffic, { timeout: 10_000 })
      .toEqual([{ version: 2, weight: 100 }]);
    await at('traffic-open').click();
    await fill('traffic-weight', '30');
    await at('traffic-submit').click();
    await expect
      .poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}`)).body.traffic, { timeout: 10_000 })
      .toEqual([
        { version: 2, weight: 30 },
        { version: 1, weight: 70 },
      ]);
    await expect.poll(() => at('version-weight-1').textContent()).toBe('70%');
    await screenshot(page, 'apps-versions');

    // Roll back: version 1 takes everything again.
    await at('version-rollback-1').click();
    await at('version-rollback-ok-1').click();
    await expect
      .poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}`)).body.traffic, { timeout: 10_000 })
      .toEqual([{ version: 1, weight: 100 }]);

    // Its security policies: the policy page opens on this app's scope.
    await at('studio-policies').click();
    await page.waitForURL(/\/security\?/);
    await expect.poll(() => at('policy-scope-id').textContent()).toContain(NAME);
    await page.goBack();
    await at('studio-page').waitFor();

    // The API snippets call the app by slug.
    await at('studio-tab-api').click();
    expect(await at('app-snippet-curl').textContent()).toContain(`/v1/apps/${SLUG}/run`);
    await at('app-snippet-tab-python').click();
    expect(await at('app-snippet-python').textContent()).toContain(`model="app:${SLUG}"`);

    // Delete it from the gallery.
    await at('studio-back').click();
    await at(`app-card-${SLUG}`).waitFor();
    await at(`app-delete-${SLUG}`).click();
    await at('app-delete-ok').click();
    await expect.poll(async () => (await api(baimo, 'GET', `/api/apps/${appId}`)).status, { timeout: 10_000 }).toBe(404);
    await at(`app-card-${SLUG}`).waitFor({ state: 'detached' });
    expect(takeErrors(env)).toEqual([]);
  }, 120_000);

  it('shows the progress of a long input run in parts (map-reduce) and its merged answer', async () => {
    const { page, baimo, fake } = env;
    const created = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { slug: 'long-summary', from_builtin: 'summarize' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await page.goto(`/apps/${created.body.id}/studio`);
    await at('studio-try').waitFor();
    // About 4,500 tokens of English: more than the 2,000-token window, so the run goes in parts.
    const long = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i + 1}: the council discussed bike lanes, parking levies and school routes at length.`,
    ).join('\n\n');
    await fill('studio-try-input-text', long);
    await fill('studio-try-model', 'small');
    const fallback = fake.fallback;
    const before = fake.requests.length;
    fake.fallback = { kind: 'text', text: '- The council plans more bike lanes.', delayMs: 250 };
    try {
      await at('studio-try-run').click();
      await at('studio-try-answer-progress').waitFor();
      expect(await at('studio-try-answer-progress').textContent()).toMatch(/(Working through the parts|Merging the parts): \d+\/\d+/);
      await done('studio-try-answer');
    } finally {
      fake.fallback = fallback;
    }
    expect(await at('studio-try-answer-text').textContent()).toContain('The council plans more bike lanes.');
    // Several chunk calls, then the reduce over their answers, all on the small model.
    const calls = fake.requests.slice(before);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((r) => r.body.model === 'small-upstream')).toBe(true);
    expect(calls[0]!.body.messages.at(-1).content).toContain('Paragraph 1:');
    expect(lastUserMessage(env)).toContain('The council plans more bike lanes.');
    await screenshot(page, 'apps-map-reduce');
    expect(takeErrors(env)).toEqual([]);
  }, 120_000);

  it('reads a Word file into a `file` variable through the server, warns when the text is cut, and runs with it', async () => {
    const { page, baimo, fake } = env;
    // summarize, cloned, with its text as a `file` variable of at most 60 characters.
    const created = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { slug: 'file-summary', from_builtin: 'summarize' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appUrl = `/api/apps/${created.body.id}/versions/1`;
    const spec = (await api(baimo, 'GET', appUrl)).body.spec;
    spec.variables = spec.variables.map((v: { name: string }) => (v.name === 'text' ? { ...v, type: 'file', max_length: 60 } : v));
    const saved = await api(baimo, 'PUT', appUrl, { spec });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await page.goto(`/apps/${created.body.id}/studio`);
    await at('studio-try-input-text-file').waitFor();
    const para = (text: string, style?: string) =>
      `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
    const body = para('Bike lanes', 'Heading1') + para('The council approved 300 kilometres of bike lanes by 2030.');
    const docx = writeZip([
      {
        name: 'word/document.xml',
        data: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      },
    ]);
    await page
      .locator('.ant-upload:has([data-testid="studio-try-input-text-file"]) input[type=file]')
      .setInputFiles({ name: 'lanes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(docx) });
    const full = '# Bike lanes\n\nThe council approved 300 kilometres of bike lanes by 2030.';
    const input = await inputOf(at('studio-try-input-text'));
    await expect.poll(() => input.inputValue()).toBe(full.slice(0, 60));
    expect(await at('studio-try-input-text-truncated').textContent()).toContain(`${full.length}`);
    fake.queue.push({ kind: 'echo' });
    await at('studio-try-run').click();
    await done('studio-try-answer');
    expect(lastUserMessage(env)).toContain(full.slice(0, 60));
    expect(lastUserMessage(env)).not.toContain(full);
    await screenshot(page, 'apps-file-input');
    expect(takeErrors(env)).toEqual([]);
  }, 120_000);
});
