import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import { byTestId, e2eUnavailable, screenshot, type ConsoleEnv, useConsoleEnv } from './helpers.js';

// Browser tests of the login page on a fresh install (issue 15): with no console user yet, only the
// admin token can sign in, so the page opens on that tab; once a user exists it opens on the account tab.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the login browser tests: ${unavailable}`);

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

describe.skipIf(unavailable !== null)('web console: login on a fresh install', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);
  const activeTab = () => env.page.locator('.ant-tabs-tab-active').textContent();

  useConsoleEnv((e) => (env = e));

  it('with no user yet, the login page opens on the admin-token tab and says why', async () => {
    const { page, baimo } = env;
    expect(await (await fetch(`${baimo.url}/api/auth/status`)).json()).toEqual({ has_users: false });
    await page.goto('/login');
    // No click: the token field is the one shown, and the account form is not.
    await at('login-token').waitFor();
    expect(await activeTab()).toBe('Admin token');
    expect(await at('login-email').isVisible()).toBe(false);
    expect(await at('login-fresh').textContent()).toContain('No console user exists yet');
    await screenshot(page, 'login-fresh-install');
  });

  it('signs in with the admin token straight away', async () => {
    await at('login-token').fill(ADMIN_TOKEN);
    await at('login-submit').click();
    await at('nav-overview').waitFor();
  });

  it('once a user exists, signing out lands on the account tab', async () => {
    const { page, baimo } = env;
    const r = await fetch(`${baimo.url}/api/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        email: 'first@example.cn',
        name: 'First',
        password: 'correct horse battery',
        workspaces: [{ id: 'ws_default', role: 'owner' }],
      }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    await at('user-menu').click();
    await at('logout').click();
    await page.waitForURL(/\/login$/);
    await at('login-email').waitFor();
    expect(await activeTab()).toBe('Account');
    expect(await at('login-token').isVisible()).toBe(false);
    expect(await at('login-fresh').count()).toBe(0);
    // The user signs in with the account form, no tab to pick.
    await at('login-email').fill('first@example.cn');
    await at('login-password').fill('correct horse battery');
    await at('login-account-submit').click();
    await at('nav-overview').waitFor();
    await screenshot(page, 'login-first-user');
  });
});
