import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/catalog.js';
import { ConfigError } from '../../src/config/config-error.js';
import { PROTOCOL_TYPES } from '../../src/config/load-config.js';
import type { ProviderConfig } from '../../src/config/schema.js';
import type { ProviderAdapter } from '../../src/providers/adapter.js';
import { ADAPTERS } from '../../src/providers/adapters.js';
import { isLazyProvider } from '../../src/providers/shared/lazy-provider.js';
import { adapterFor, createProvider, protocolFor, requiredCredentials } from '../../src/providers/registry.js';

const PROVIDERS = fileURLToPath(new URL('../../src/providers/', import.meta.url));

/** A config of `type` with every credential its protocol asks for. */
function configFor(type: string): ProviderConfig {
  const cfg: ProviderConfig = { type, base_url: 'http://127.0.0.1:9/v1' };
  for (const c of adapterFor(protocolFor(cfg)).credentials) cfg[c.key] = `${c.key}-value`;
  if (protocolFor(cfg) === 'llama-cpp') cfg.model_path = '/nonexistent/model.gguf';
  return cfg;
}

describe('adapter modules', () => {
  it('every folder under src/providers/ (but shared/) exports one adapter, and the list holds each once', async () => {
    const folders = readdirSync(PROVIDERS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared')
      .map((d) => d.name);
    const listed = new Set<unknown>(ADAPTERS);
    expect(listed.size).toBe(ADAPTERS.length);
    for (const folder of folders) {
      const mod = (await import(/* @vite-ignore */ `${PROVIDERS}${folder}/index.ts`)) as { adapter?: ProviderAdapter };
      expect(mod.adapter, `${folder}/index.ts exports adapter`).toBeDefined();
      expect(listed.has(mod.adapter), `${folder} is in src/providers/adapters.ts`).toBe(true);
    }
    expect(folders).toHaveLength(ADAPTERS.length);
    expect(new Set(ADAPTERS.map((a) => a.protocol)).size).toBe(ADAPTERS.length);
  });

  it('each has a doc row and credential fields with both labels', () => {
    for (const a of ADAPTERS) {
      expect(a.doc.name.trim(), a.protocol).not.toBe('');
      expect(a.doc.speaks.trim(), a.protocol).not.toBe('');
      for (const c of a.credentials) {
        for (const text of [c.label.zh, c.label.en, c.placeholder.zh, c.placeholder.en])
          expect(text.trim(), `${a.protocol}.${c.key}`).not.toBe('');
      }
    }
  });

  it('every catalog protocol has its adapter, every adapter serves a catalog entry, every protocol type is a catalog id', () => {
    for (const e of CATALOG) expect(() => adapterFor(e.protocol), e.id).not.toThrow();
    for (const a of ADAPTERS)
      expect(
        CATALOG.some((e) => e.protocol === a.protocol),
        a.protocol,
      ).toBe(true);
    for (const t of PROTOCOL_TYPES)
      expect(
        CATALOG.some((e) => e.id === t),
        t,
      ).toBe(true);
  });

  it('registry.ts reads the list: no switch on protocols, no provider ids', () => {
    const source = readFileSync(`${PROVIDERS}registry.ts`, 'utf8');
    expect(source).not.toMatch(/\bswitch\s*\(/);
    // Protocol ids may appear (the OpenAI-compatible default); provider ids that are not protocols may not.
    const protocols = new Set<string>(ADAPTERS.map((a) => a.protocol));
    for (const e of CATALOG) if (!protocols.has(e.id)) expect(source, e.id).not.toContain(`'${e.id}'`);
  });
});

describe('the registry builds every protocol from the list', () => {
  it.each(ADAPTERS.map((a) => [a.protocol, CATALOG.find((e) => e.protocol === a.protocol)!.id] as const))(
    '%s (catalog entry %s)',
    async (protocol, type) => {
      const cfg = configFor(type);
      expect(protocolFor(cfg)).toBe(protocol);
      const p = createProvider(`t-${type}`, cfg, 1_000);
      expect(p.name).toBe(`t-${type}`);
      expect(typeof p.chat).toBe('function');
      expect(typeof p.stream).toBe('function');
      // The embedded engine is imported on its first call, not when it is built.
      expect(isLazyProvider(p)).toBe(protocol === 'llama-cpp');
      await p.close?.();
    },
  );

  it('builds every catalog entry, native ones refusing missing credentials', async () => {
    for (const e of CATALOG) {
      const p = createProvider(e.id, configFor(e.id), 1_000);
      await p.close?.();
    }
    expect(requiredCredentials({ type: 'hunyuan-tc3' })).toEqual(['secret_id', 'secret_key']);
    expect(() => createProvider('hy', { type: 'hunyuan-tc3', secret_id: 'x' }, 1_000)).toThrow(ConfigError);
    expect(requiredCredentials({ type: 'deepseek' })).toEqual([]);
  });

  it('the JWT style comes from the catalog entry: SenseNova signs from AK + SK, Zhipu from id.secret', async () => {
    expect(() => createProvider('sn', { type: 'sensenova', api_key: 'AK', auth: 'jwt' }, 1_000)).toThrow(ConfigError);
    const sn = createProvider('sn', { type: 'sensenova', api_key: 'AK', secret_key: 'SK', auth: 'jwt' }, 1_000);
    const zp = createProvider('zp', { type: 'zhipu', api_key: 'id.secret', auth: 'jwt' }, 1_000);
    expect(() => createProvider('zp', { type: 'zhipu', api_key: 'nodot', auth: 'jwt' }, 1_000)).toThrow(ConfigError);
    await Promise.all([sn.close?.(), zp.close?.()]);
  });
});
