import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import OpenAI from 'openai';
import { stringify } from 'yaml';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUCCESSOR_ALPHABET_REPLY, SUCCESSOR_N_EMBD, writeSuccessorModel } from '../fixtures/successor-model.js';
import { runCli } from '../helpers/run-cli.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The embedded engine through the whole stack: HTTP → router → llama-cpp provider → a generated GGUF.
let baimo: TestBaimo;
let client: OpenAI;
let modelPath: string;

beforeAll(async () => {
  baimo = await startBaimo({ providers: {}, models: [] }); // first only to get a temp dir
  await baimo.close();
  modelPath = join(baimo.dir, 'successor.gguf');
  await writeSuccessorModel(modelPath);
  baimo = await startBaimo({
    providers: { local: { type: 'llama-cpp', model_path: modelPath, threads: 1, context_size: 512 } },
    models: [{ name: 'tiny', targets: [{ provider: 'local', model: 'successor' }] }],
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
});

describe('local engine end to end', () => {
  it('answers deterministically (non-stream) with real token usage', async () => {
    const r = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'Count from 5' }],
      temperature: 0,
    });
    expect(r.choices[0].message.content).toBe('6789');
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(r.usage!.completion_tokens).toBeGreaterThan(0);
    await baimo.runtime.logWriter.flush();
    const [row] = await baimo.runtime.logs.list({ limit: 1 });
    expect(row).toMatchObject({ provider: 'local', upstream_model: 'successor', estimated: 0, status: 200 });
  });

  it('streams the same deterministic answer token by token', async () => {
    const stream = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'abc' }],
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null = null;
    for await (const c of stream) {
      if (c.choices[0]?.delta?.content) deltas.push(c.choices[0].delta.content);
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
      if (c.usage) usage = c.usage;
    }
    expect(deltas.join('')).toBe(SUCCESSOR_ALPHABET_REPLY);
    expect(deltas.length).toBeGreaterThan(5);
    expect(finish).toBe('stop');
    expect(usage!.completion_tokens).toBeGreaterThanOrEqual(26);
  });

  it('honours max_tokens with finish_reason length', async () => {
    const r = await client.chat.completions.create({
      model: 'local/successor',
      messages: [{ role: 'user', content: 'abc' }],
      temperature: 0,
      max_tokens: 4,
    });
    expect(r.choices[0].message.content).toBe('abcd');
    expect(r.choices[0].finish_reason).toBe('length');
  });

  it('serves embeddings of the model dimension', async () => {
    const r = await client.embeddings.create({ model: 'local/successor', input: ['abc', '你好'] });
    expect(r.data).toHaveLength(2);
    expect(r.data[0].embedding).toHaveLength(SUCCESSOR_N_EMBD);
  });

  it('answers through `baimo chat` with the same config', async () => {
    const r = await runCli(['chat', '-m', 'tiny', '--temperature', '0', '7', '--config', baimo.configPath], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('89\n');
  });
});

describe('baimo models pull, then chat with the pulled file', () => {
  let server: Server;
  let endpoint: string;
  let sha: string;

  beforeAll(async () => {
    const bytes = readFileSync(modelPath);
    sha = createHash('sha256').update(bytes).digest('hex');
    server = createServer((req, res) => {
      if (req.url !== '/acme/tiny-GGUF/resolve/main/successor.gguf') {
        res.writeHead(404).end('Entry not found');
        return;
      }
      res.writeHead(200, { 'content-length': bytes.length, 'x-linked-etag': `"${sha}"`, 'content-type': 'application/octet-stream' });
      res.end(bytes);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads through HF_ENDPOINT with a verified checksum and the model answers', async () => {
    const dir = join(baimo.dir, 'pulled');
    const r = await runCli(['models', 'pull', 'acme/tiny-GGUF/successor.gguf', '--dir', dir], { env: { HF_ENDPOINT: endpoint } });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const file = join(dir, 'successor.gguf');
    expect(statSync(file).size).toBe(statSync(modelPath).size);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha);

    const cfg = join(baimo.dir, 'pulled.yaml');
    writeFileSync(
      cfg,
      stringify({
        database: join(baimo.dir, 'pulled.db'),
        discover_env: false,
        providers: { local: { type: 'llama-cpp', model_path: file, threads: 1 } },
      }),
    );
    const chat = await runCli(['chat', '-m', 'local/successor', '--temperature', '0', '0', '--config', cfg], { timeoutMs: 60_000 });
    expect(chat.stdout).toBe('123456789\n');
  });

  it('a missing file is a clear error', async () => {
    const r = await runCli(['models', 'pull', 'acme/tiny-GGUF/missing.gguf', '--dir', join(baimo.dir, 'x')], {
      env: { HF_ENDPOINT: endpoint },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/404/);
  });
});
