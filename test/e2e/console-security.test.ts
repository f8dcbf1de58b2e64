import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import { byTestId, e2eUnavailable, MODELS, screenshot, type ConsoleEnv, useConsoleEnv, signInWithAdminToken } from './helpers.js';

// Browser tests of the console's Security section: one Chromium, one baimo, one fake upstream.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the security console browser tests: ${unavailable}`);

const WORKSPACE = 'ws_default';
/** A dictionary term the policy adds (a project code name). */
const TERM = '天穹计划';
/** A valid resident ID (GB 11643 checksum) and a mainland mobile number inside Chinese prose. */
const ID_NUMBER = '11010519491231002X';
const MOBILE = '13800138000';
const SENTENCE = `请联系张三，身份证号${ID_NUMBER}，手机号${MOBILE}，负责${TERM}。`;
const LIBRARY = 'e2e-词库';
const LIBRARY_TERMS = ['示例违规词甲', '示例违规词乙', '示例违规词丙'];

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

describe.skipIf(unavailable !== null)('web console: security & compliance', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.baimo.url}${path}`, { ...init, headers: admin });

  useConsoleEnv((e) => (env = e));

  it('logs in with the admin token and opens the security page', async () => {
    const { page } = env;
    await signInWithAdminToken(page);
    await at('nav-security').click();
    await page.waitForURL(/\/security(\?.*)?$/);
    await at('security-page').waitFor();
    await at('policy-form').waitFor();
  });

  it('policies: saves a workspace policy with pseudonymization and a term; it survives a reload', async () => {
    const { page } = env;
    await at('policy-pii-action-pseudonymize').click();
    await at('policy-terms').fill(TERM);
    await at('policy-save').click();
    await at('policy-updated').waitFor({ timeout: 10_000 });
    // The server stored it…
    const stored = (await (await api(`/api/security/policies/workspace/${WORKSPACE}`)).json()) as {
      policy: { pii?: { action?: string; terms?: { term: string }[] } };
    };
    expect(stored.policy.pii?.action).toBe('pseudonymize');
    expect(stored.policy.pii?.terms?.map((t) => t.term)).toEqual([TERM]);
    // …and the form shows it again after a reload.
    await page.reload();
    await at('policy-form').waitFor();
    await expect.poll(() => at('policy-terms').inputValue()).toBe(TERM);
    const radio = page.locator('.ant-radio-wrapper').filter({ has: at('policy-pii-action-pseudonymize') });
    await expect.poll(() => radio.locator('input').isChecked()).toBe(true);
    // The effective view merges it in.
    expect(await at('effective-pii-action').textContent()).toMatch(/pseudonymi/i);
    await screenshot(page, 'security-policies');
  });

  it('policies: a pattern the form cannot compile is caught there; one the server refuses shows its message', async () => {
    const { page } = env;
    await at('policy-custom-add').click();
    await at('policy-custom-name-0').fill('code');
    await at('policy-custom-pattern-0').fill('PRJ-(');
    await at('policy-save').click();
    await page.getByText('Not a valid regular expression').first().waitFor();
    // Longer than the schema allows (LIMITS.pattern characters): only the server says no.
    await at('policy-custom-pattern-0').fill('x'.repeat(LIMITS.pattern + 1));
    await at('policy-save').click();
    const error = at('policy-error');
    await error.waitFor({ timeout: 10_000 });
    expect((await error.textContent()) ?? '').toMatch(/custom/);
    // Chromium logs the refused PUT as a failed load: expected here, not an application error.
    const refused = /status of 400 .*\/api\/security\/policies\/workspace\//;
    env.errors.splice(0, env.errors.length, ...env.errors.filter((e) => !refused.test(e)));
    await screenshot(page, 'security-policy-error');
    await at('policy-custom-remove-0').click();
    // Nothing changed on the server.
    const stored = (await (await api(`/api/security/policies/workspace/${WORKSPACE}`)).json()) as {
      policy: { pii?: { custom?: unknown[] } };
    };
    expect(stored.policy.pii?.custom).toBeUndefined();
  });

  it('PII test: highlights an ID number and a mobile number in a Chinese sentence', async () => {
    const { page } = env;
    await at('security-tab-pii').click();
    await at('pii-test-input').fill(SENTENCE);
    await at('pii-test-scan').click();
    const marks = at('pii-test-highlight').getByTestId('pii-test-highlight-mark');
    await marks.first().waitFor({ timeout: 10_000 });
    const found = await marks.evaluateAll((els) => els.map((e) => ({ type: e.getAttribute('data-type'), text: e.textContent })));
    expect(found).toContainEqual({ type: 'id_card', text: ID_NUMBER });
    expect(found).toContainEqual({ type: 'mobile', text: MOBILE });
    // The workspace's dictionary term is found too.
    expect(found.map((f) => f.text)).toContain(TERM);
    const legend = (await at('pii-test-legend').textContent()) ?? '';
    expect(legend).toContain('ID card number');
    expect(legend).toContain('Mobile number');
    const pseudonymized = (await at('pii-test-pseudonymized').textContent()) ?? '';
    expect(pseudonymized).not.toContain(ID_NUMBER);
    expect(pseudonymized).not.toContain(MOBILE);
    expect((await at('pii-test-redacted').textContent()) ?? '').not.toContain(MOBILE);
    // The confidence shows on hover.
    await marks.filter({ hasText: ID_NUMBER }).hover();
    await page
      .locator('.ant-tooltip')
      .filter({ hasText: /confidence \d+%/ })
      .first()
      .waitFor();
    await screenshot(page, 'security-pii-test');
  });

  it('moderation: creates a library from pasted terms and shows its term count', async () => {
    const { page } = env;
    await at('security-tab-moderation').click();
    await at('library-create').click();
    await at('library-name').fill(LIBRARY);
    await at('library-text').fill(LIBRARY_TERMS.map((t) => `${t}\tA.1.1`).join('\n'));
    await at('library-create-submit').click();
    await expect
      .poll(
        async () =>
          (await at(`library-count-${LIBRARY}`)
            .textContent()
            .catch(() => null)) ?? '',
        { timeout: 10_000 },
      )
      .toBe(String(LIBRARY_TERMS.length));
    // The terms list, with the risk id's name.
    await at(`library-open-${LIBRARY}`).click();
    const terms = at('library-terms');
    await terms.getByText(LIBRARY_TERMS[0]).waitFor();
    expect(await terms.getByTestId('risk-tag').first().getAttribute('data-risk')).toBe('A.1.1');
    await page.waitForTimeout(400); // let the drawer finish sliding in
    await screenshot(page, 'security-library');
    await page.keyboard.press('Escape');
    await terms.waitFor({ state: 'hidden' });
    // The check box finds a term of the new library in a text.
    await at('moderation-check-input').fill(`这段话里有${LIBRARY_TERMS[1]}。`);
    await at('moderation-check-run').click();
    const hit = at('moderation-check-highlight').getByTestId('moderation-check-highlight-mark');
    await hit.first().waitFor({ timeout: 10_000 });
    expect(await hit.first().textContent()).toBe(LIBRARY_TERMS[1]);
    await screenshot(page, 'security-moderation');
  });

  it('logs: a request with PII shows its compliance events and the AIGC label', async () => {
    const { page, fake } = env;
    // A key of the default workspace, so that the workspace policy (pseudonymize) applies.
    const created = (await (
      await api(`/api/workspaces/${WORKSPACE}/keys`, { method: 'POST', body: JSON.stringify({ name: 'e2e pii' }) })
    ).json()) as {
      key: string;
    };
    const before = fake.requests.length;
    const r = await fetch(`${env.baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODELS[0], messages: [{ role: 'user', content: `我的手机号是${MOBILE}` }] }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    // The upstream saw a placeholder, not the number.
    expect(JSON.stringify(fake.requests.slice(before).map((q) => q.body))).not.toContain(MOBILE);
    await page.goto('/logs');
    const row = at('logs-table').getByTestId('logs-row').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const compliance = at('log-detail-compliance');
    await compliance.waitFor({ timeout: 10_000 });
    const text = (await compliance.textContent()) ?? '';
    expect(text).toMatch(/Pseudonymize/);
    expect(text).toContain('Mobile number × 1');
    expect(((await at('log-detail-aigc-label').textContent()) ?? '').length).toBeGreaterThan(10);
    await page.waitForTimeout(400); // let the drawer finish sliding in
    await compliance.scrollIntoViewIfNeeded();
    await screenshot(page, 'security-log-compliance');
    await page.keyboard.press('Escape');
    await page.goto('/security?tab=audit');
  });

  it('audit: lists the policy update and verifies the chain as intact', async () => {
    const { page } = env;
    await at('security-tab-audit').click();
    const row = at('audit-table').locator('[data-testid="audit-row"][data-action="policy.update"]').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const json = at('audit-detail-json');
    await json.waitFor();
    expect((await json.textContent()) ?? '').toContain(TERM);
    await page.keyboard.press('Escape');
    await json.waitFor({ state: 'hidden' });
    await at('audit-verify').click();
    const result = at('audit-verify-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect((await result.textContent()) ?? '').toMatch(/intact/i);
    await screenshot(page, 'security-audit');
  });
});
