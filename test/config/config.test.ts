import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { providerCredentialProblems } from '../../src/providers/registry.js';

function write(yaml: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-cfg-'));
  const path = join(dir, 'baimo.yaml');
  writeFileSync(path, yaml);
  return { dir, path };
}

const example = `
port: 4000
database: ./data/baimo.db
providers:
  fake: { type: openai-compatible, base_url: http://127.0.0.1:9999/v1, api_key: \${FAKE_KEY} }
  local: { type: llama-cpp, model_path: ./models/tiny.gguf }
models:
  - name: chat
    targets: [ { provider: fake, model: m1, weight: 1 } ]
    fallbacks: [ chat-local ]
  - name: chat-local
    targets: [ { provider: local, model: tiny } ]
`;

describe('config', () => {
  it('loads the documented example with ${ENV} interpolation and resolves paths', () => {
    const { dir, path } = write(example);
    const { config } = loadConfig({ configPath: path, env: { FAKE_KEY: 'sk-abc' }, cwd: dir });
    expect(config.port).toBe(4000);
    expect(config.providers.fake.api_key).toBe('sk-abc');
    expect(config.database).toBe(join(dir, 'data/baimo.db'));
    expect(config.providers.local.model_path).toBe(join(dir, 'models/tiny.gguf'));
    expect(config.models[0].fallbacks).toEqual(['chat-local']);
  });

  it('lets --port override the file', () => {
    const { dir, path } = write(example);
    expect(loadConfig({ configPath: path, env: { FAKE_KEY: 'x' }, cwd: dir, port: 5123 }).config.port).toBe(5123);
  });

  it('finds the file through BAIMO_CONFIG', () => {
    const { dir, path } = write(example);
    expect(loadConfig({ env: { BAIMO_CONFIG: path, FAKE_KEY: 'x' }, cwd: dir }).path).toBe(path);
  });

  it('names a missing env var and says how to fix it', () => {
    const { dir, path } = write(example);
    expect(() => loadConfig({ configPath: path, env: {}, cwd: dir })).toThrow(
      /providers\.fake\.api_key: environment variable FAKE_KEY is not set/,
    );
  });

  it('accepts ${VAR:-default}', () => {
    const { dir, path } = write('port: 4000\nproviders:\n  x: { type: deepseek, api_key: "${NOPE:-fallback}" }\n');
    expect(loadConfig({ configPath: path, env: {}, cwd: dir }).config.providers.x.api_key).toBe('fallback');
  });

  it('names the bad field on a type error', () => {
    const { dir, path } = write('port: "four thousand"\n');
    const err = (() => {
      try {
        loadConfig({ configPath: path, env: {}, cwd: dir });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/- port: expected number/);
  });

  it('names unknown keys', () => {
    const { dir, path } = write('prot: 4000\n');
    expect(() => loadConfig({ configPath: path, env: {}, cwd: dir })).toThrow(/unknown key "prot"/);
  });

  it('rejects dangling references with the path and a fix', () => {
    const { dir, path } = write('models:\n  - name: a\n    targets: [ { provider: ghost, model: m } ]\n    fallbacks: [ b ]\n');
    expect(() => loadConfig({ configPath: path, env: {}, cwd: dir })).toThrow(
      /models\[0\]\.targets\[0\]\.provider: no provider named "ghost"[\s\S]*models\[0\]\.fallbacks\[0\]: no model alias named "b"/,
    );
  });

  it('rejects unknown provider types and a llama-cpp provider without a model file', () => {
    const { dir, path } = write('providers:\n  a: { type: nonsense }\n  b: { type: llama-cpp }\n');
    expect(() => loadConfig({ configPath: path, env: {}, cwd: dir })).toThrow(
      /providers\.a\.type: unknown type "nonsense"[\s\S]*providers\.b\.model_path: required/,
    );
  });

  it('accepts the native protocols’ credential keys and names a missing one', () => {
    const ok = write(
      'providers:\n  ernie: { type: ernie, api_key: AK, secret_key: SK }\n  ds: { type: dashscope, api_key: sk-x }\n' +
        '  hy: { type: hunyuan-tc3, secret_id: AKIDx, secret_key: y }\n  spark: { type: spark-ws, app_id: a, api_key: b, api_secret: c }\n' +
        '  glm: { type: zhipu, api_key: id.secret, auth: jwt }\n  sn: { type: sensenova, api_key: AK, secret_key: SK, auth: jwt }\n',
    );
    const { config } = loadConfig({ configPath: ok.path, env: {}, cwd: ok.dir, checkProvider: providerCredentialProblems });
    expect(Object.keys(config.providers)).toEqual(['ernie', 'ds', 'hy', 'spark', 'glm', 'sn']);
    const bad = write(
      'providers:\n  e: { type: ernie, api_key: AK }\n  s: { type: spark-ws, app_id: a }\n  g: { type: zhipu, api_key: nodot, auth: jwt }\n',
    );
    expect(() => loadConfig({ configPath: bad.path, env: {}, cwd: bad.dir, checkProvider: providerCredentialProblems })).toThrow(
      /providers\.e\.secret_key: required for type ernie[\s\S]*providers\.s\.api_key: required[\s\S]*providers\.s\.api_secret: required[\s\S]*providers\.g\.api_key: with auth: jwt/,
    );
    // Commands that only read the database load no adapters: the catalog's JWT rules still apply.
    expect(() => loadConfig({ configPath: bad.path, env: {}, cwd: bad.dir })).toThrow(
      /^(?![\s\S]*secret_key)[\s\S]*providers\.g\.api_key: with auth: jwt/,
    );
  });

  it('reports YAML syntax errors with the file name', () => {
    const { dir, path } = write('providers: [unclosed\n');
    expect(() => loadConfig({ configPath: path, env: {}, cwd: dir })).toThrow(
      new RegExp(`Cannot parse ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
    );
  });

  it('a missing --config file is an error, a missing ./baimo.yaml is zero-config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baimo-cfg-'));
    expect(() => loadConfig({ configPath: 'nope.yaml', env: {}, cwd: dir })).toThrow(/Config file not found/);
    const r = loadConfig({ env: {}, cwd: dir });
    expect(r.path).toBeNull();
    expect(r.config.database).toBe(join(dir, 'data/baimo.db'));
  });

  it('zero-config discovers providers from the usual env vars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baimo-cfg-'));
    const r = loadConfig({
      env: { DEEPSEEK_API_KEY: 'sk-d', DASHSCOPE_API_KEY: 'sk-q', MOONSHOT_API_KEY: 'sk-m', OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1' },
      cwd: dir,
    });
    expect(r.discovered.sort()).toEqual(['deepseek', 'moonshot', 'ollama', 'qwen']);
    expect(r.config.providers.deepseek).toMatchObject({ type: 'deepseek', api_key: 'sk-d' });
    expect(r.config.providers.ollama).toMatchObject({ base_url: 'http://127.0.0.1:11434/v1' });
  });

  it('declared providers win over discovered ones of the same kind', () => {
    const { dir, path } = write('providers:\n  ds: { type: deepseek, api_key: from-file }\n');
    const r = loadConfig({ configPath: path, env: { DEEPSEEK_API_KEY: 'from-env' }, cwd: dir });
    expect(Object.keys(r.config.providers)).toEqual(['ds']);
  });
});

describe('config interpolation edge cases', () => {
  it('turns a whole-value reference into a number for numeric fields', () => {
    const { dir, path } = write('port: ${PORT}\n');
    expect(loadConfig({ configPath: path, env: { PORT: '4100' }, cwd: dir }).config.port).toBe(4100);
  });
  it('keeps secrets with YAML syntax intact', () => {
    const { dir, path } = write('providers:\n  x: { type: deepseek, api_key: ${K} }\n');
    expect(loadConfig({ configPath: path, env: { K: 'a: {b}, [c] #d' }, cwd: dir }).config.providers.x.api_key).toBe('a: {b}, [c] #d');
  });
});

describe('azure discovery', () => {
  it('completes a bare Azure endpoint with /openai', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baimo-cfg-'));
    const r = loadConfig({ env: { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' }, cwd: dir });
    expect(r.config.providers['azure-openai'].base_url).toBe('https://res.openai.azure.com/openai');
  });
});
