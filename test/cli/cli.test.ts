import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { runCli } from '../helpers/run-cli.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: '命令行你好' } });
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream' } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  for (const q of ['one', 'two', 'three']) {
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-session-id': 'sess-1' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: q }] }),
    });
    expect(res.status).toBe(200);
  }
  await baimo.close(); // flushes the batched log writer
});
afterAll(async () => {
  await fake?.close();
});

describe('baimo CLI', () => {
  it('logs --json prints the newest rows first, limited', async () => {
    const r = await runCli(['logs', '--json', '--limit', '2', '--config', baimo.configPath]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0].created_at).toBeGreaterThanOrEqual(rows[1].created_at);
    expect(rows[0]).toMatchObject({
      model_requested: 'chat',
      provider: 'fake',
      upstream_model: 'm1',
      status: 200,
      key_id: 'admin',
      session_id: 'sess-1',
      prompt_tokens: 7,
      completion_tokens: 5,
      estimated: 0,
      stream: 0,
    });
    expect(rows[0].request_body).toBeNull();
    expect(JSON.stringify(rows)).not.toContain('sk-upstream');
  });

  it('logs prints a readable table', async () => {
    const r = await runCli(['logs', '--limit', '3', '--config', baimo.configPath]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toContain('chat → fake/m1');
  });

  it('chat streams an answer through the same config and database', async () => {
    const r = await runCli(['chat', '-m', 'chat', '你好', '--config', baimo.configPath]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('命令行你好\n');
    const logs = JSON.parse((await runCli(['logs', '--json', '--limit', '1', '--config', baimo.configPath])).stdout);
    expect(logs[0]).toMatchObject({ key_id: 'cli', stream: 1, status: 200, model_requested: 'chat' });
  });

  it('chat without a prompt reads turns from stdin (REPL)', async () => {
    const r = await runCli(['chat', '-m', 'chat', '--config', baimo.configPath], { input: '第一句\n第二句\n/exit\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('命令行你好\n命令行你好\n');
    // The second turn carried the first exchange as history.
    const sent = fake.requests.at(-1)!.body.messages;
    expect(sent.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('chat reports an unknown model clearly and exits non-zero', async () => {
    const r = await runCli(['chat', '-m', 'nope', 'hi', '--config', baimo.configPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model `nope` does not exist/);
  });

  it('models list shows aliases and provider/model ids', async () => {
    const r = await runCli(['models', 'list', '--config', baimo.configPath]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('chat');
  });

  it('models list --catalog shows the provider catalog', async () => {
    const r = await runCli(['models', 'list', '--catalog', '--json']);
    const ids = JSON.parse(r.stdout).map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['deepseek', 'qwen', 'moonshot', 'zhipu', 'doubao', 'anthropic', 'gemini', 'llama-cpp']));
  });

  it('a bad config is reported with the field and exit code 1', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = `${baimo.dir}/bad.yaml`;
    writeFileSync(path, 'port: nope\n');
    const r = await runCli(['logs', '--config', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/port: expected number/);
  });

  it('unknown commands and flags print usage with exit code 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const r = await runCli(['logs', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it('speaks Chinese when the locale is zh', async () => {
    const r = await runCli(['chat'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请用 -m MODEL 选择模型');
  });
});
