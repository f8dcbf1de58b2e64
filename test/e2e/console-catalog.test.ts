import { describe, expect, it } from 'vitest';
import { byTestId, e2eUnavailable, screenshot, type ConsoleEnv, useConsoleEnv, signInWithAdminToken } from './helpers.js';

// Browser tests of the console's provider pages, which read the built-in catalog from GET /api/catalog.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the provider catalog browser tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('web console: provider catalog', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);

  useConsoleEnv((e) => (env = e));

  it('logs in with the admin token', async () => {
    const { page } = env;
    await signInWithAdminToken(page);
    await at('nav-models').waitFor();
  });

  it('models: the catalog tab finds DeepSeek with its models and prices', async () => {
    const { page } = env;
    await page.goto('/models');
    await at('models-tab-catalog').click();
    await at('catalog-search').locator('input').fill('deepseek');
    const table = at('catalog-table');
    // A narrow search expands its providers: the models show with CNY prices per million tokens.
    await table.getByText('deepseek-reasoner').waitFor({ timeout: 10_000 });
    expect(await at('catalog-price-deepseek-chat').first().textContent()).toMatch(/¥2 \/ ¥3/);
    expect(await byTestId(page, 'provider-avatar-deepseek').count()).toBeGreaterThan(0);
    await screenshot(page, 'models-catalog');
  });
  it('models: the provider form asks for the fields the catalog gives each type', async () => {
    const { page } = env;
    await page.goto('/models');
    await at('provider-add').click();
    const choose = async (type: string) => {
      await at('provider-type').click();
      await page.keyboard.type(type);
      const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
      await options
        .filter({ hasText: `(${type})` })
        .first()
        .click();
    };
    // Tencent's native API signs with SecretId / SecretKey: no API key field.
    await choose('hunyuan-tc3');
    await at('provider-secret-id').waitFor();
    expect(await at('provider-secret-id').getAttribute('placeholder')).toBe('Tencent Cloud SecretId');
    expect(await at('provider-api-key').count()).toBe(0);
    // SenseNova offers JWT signing, which also needs the secret key.
    await choose('sensenova');
    await at('provider-api-key').waitFor();
    expect(await at('provider-secret-key').count()).toBe(0);
    await at('provider-auth').getByText('Signed JWT').click();
    await at('provider-secret-key').waitFor();
    // The embedded engine is configured in baimo.yaml only: the form does not offer it.
    await at('provider-type').click();
    await page.keyboard.type('llama-cpp');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    expect(await options.filter({ hasText: '(llama-cpp)' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});
