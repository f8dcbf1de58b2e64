import { expect } from 'vitest';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { admin, api, postForm, type ApiResponse, type Caller } from './admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from './start-baimo.js';
import { waitFor } from './wait-for.js';

/** The alias every knowledge-base test embeds with: the fake embedding upstream, self-hosted. */
export const EMBED_MODEL = 'embed';

/** A `baimo.yaml` whose `embed` alias goes to the fake embedding upstream at `url`; `extra` on top. */
export function kbConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providers: { emb: { type: 'openai-compatible', base_url: url, trust: 'self_hosted' } },
    models: [{ name: EMBED_MODEL, targets: [{ provider: 'emb', model: 'fake-embed' }] }],
    router: { retries: 0 },
    jobs: { poll_ms: 50 },
    ...extra,
  };
}

/** The fake embedding upstream and a server using it. */
export async function startKbScene(
  extra: Record<string, unknown> = {},
  fakeOpts: Parameters<typeof startEmbeddingFake>[0] = {},
): Promise<{ fake: EmbeddingFake; baimo: TestBaimo; close(): Promise<void> }> {
  const fake = await startEmbeddingFake(fakeOpts);
  const baimo = await startBaimo(kbConfig(fake.url, extra));
  return {
    fake,
    baimo,
    close: async () => {
      await baimo.close();
      await fake.close();
    },
  };
}

/** Creates a knowledge base through the API (201 expected) and returns its view. */
export async function createKb(url: TestBaimo | string, body: Record<string, unknown>, caller: Caller = admin): Promise<any> {
  const r = await call(url, 'POST', '/api/kb', { embedding_model: EMBED_MODEL, ...body }, caller);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** An `/api` call to a server object or a bare origin (a spawned server). */
export async function call(
  url: TestBaimo | string,
  method: string,
  path: string,
  body?: unknown,
  caller: Caller = admin,
): Promise<ApiResponse> {
  if (typeof url !== 'string') return api(url, method, path, body, caller);
  return api({ url } as TestBaimo, method, path, body, caller);
}

export interface UploadFile {
  name: string;
  data: Uint8Array | string;
  type?: string;
}

/** `POST /api/kb/:kb/documents` as multipart/form-data: files, URLs and metadata. */
export async function upload(
  url: TestBaimo | string,
  kb: string,
  parts: { files?: UploadFile[]; urls?: string[]; metadata?: Record<string, string> },
  token = ADMIN_TOKEN,
  query = '',
): Promise<ApiResponse> {
  const form = new FormData();
  for (const f of parts.files ?? [])
    form.append(
      'file',
      new Blob([typeof f.data === 'string' ? f.data : Buffer.from(f.data)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  for (const u of parts.urls ?? []) form.append('url', u);
  if (parts.metadata) form.append('metadata', JSON.stringify(parts.metadata));
  return postForm(url, `/api/kb/${encodeURIComponent(kb)}/documents${query}`, form, { token });
}

/** Waits until every document of the base is ready or failed; returns them by name. `workspace`: the base's, when not the default. */
export async function settled(url: TestBaimo | string, kb: string, timeoutMs = 20_000, workspace?: string): Promise<Map<string, any>> {
  const ws = workspace ? `&workspace_id=${workspace}` : '';
  const docs = await waitFor(
    async () => {
      const r = await call(url, 'GET', `/api/kb/${encodeURIComponent(kb)}/documents?limit=200${ws}`);
      if (r.status !== 200) throw new Error(`documents: ${r.status} ${JSON.stringify(r.body)}`);
      const list = r.body.data as any[];
      return list.length > 0 && list.every((d) => d.status === 'ready' || d.status === 'failed') ? list : undefined;
    },
    { timeoutMs, everyMs: 100, what: `the documents of ${kb} to be ready or failed` },
  );
  return new Map(docs.map((d) => [d.name as string, d]));
}

/** `POST /api/kb/:kb/search`; expects 200 and returns the answer. */
export async function search(url: TestBaimo | string, kb: string, body: Record<string, unknown>, caller: Caller = admin): Promise<any> {
  const r = await call(url, 'POST', `/api/kb/${encodeURIComponent(kb)}/search`, body, caller);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Every chunk of a document, through the paged API. */
export async function allChunks(url: TestBaimo | string, kb: string, documentId: string): Promise<{ data: any[]; total: number }> {
  const data: any[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 200) {
    const r = await call(url, 'GET', `/api/kb/${encodeURIComponent(kb)}/documents/${documentId}/chunks?limit=200&offset=${offset}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    total = r.body.total;
    data.push(...r.body.data);
    if (r.body.data.length < 200) break;
  }
  return { data, total };
}
