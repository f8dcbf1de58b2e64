/**
 * Loaded models, shared per file path: a model is loaded on first use, its requests queue up to
 * its concurrency, and it is unloaded after sitting idle so a gateway with many local models does
 * not keep them all in memory.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, resolve as resolvePath } from 'node:path';
import {
  LlamaChat,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaEmbeddingContext,
  type LlamaModel,
  type LlamaRankingContext,
} from 'node-llama-cpp';
import { gatewayError } from '../../core/error-codes.js';
import { getEngine } from './engine.js';
import { modelUnavailableError } from './model-error.js';
import { RequestQueue } from './request-queue.js';

export interface ModelSpec {
  modelPath: string;
  threads?: number;
  contextSize?: number;
  concurrency?: number;
  idleUnloadMs?: number;
}

/** Files under this size are toy/test models: one thread is fastest for them. */
const SMALL_MODEL_BYTES = 50 * 1024 * 1024;
const DEFAULT_CONTEXT_SIZE = 4096;
const DEFAULT_IDLE_UNLOAD_MS = 300_000;

export interface ChatLease {
  llama: Llama;
  model: LlamaModel;
  sequence: LlamaContextSequence;
  chatWrapper: ChatWrapper;
  contextSize: number;
  release(): void;
}

export interface EmbeddingLease {
  model: LlamaModel;
  embedding: LlamaEmbeddingContext;
  contextSize: number;
  release(): void;
}

export interface RankingLease {
  model: LlamaModel;
  ranking: LlamaRankingContext;
  /** Tokens one ranking input (query and document with their separators) may take, exclusive. */
  contextSize: number;
  release(): void;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  threads: number;
  contextSize: number;
  chat: Promise<{ context: LlamaContext; free: LlamaContextSequence[]; chatWrapper: ChatWrapper }> | null;
  embedding: Promise<LlamaEmbeddingContext> | null;
  ranking: Promise<LlamaRankingContext> | null;
}

class PoolEntry {
  users = 0;
  readonly queue: RequestQueue;
  private loaded: Promise<Loaded> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly spec: ModelSpec) {
    this.queue = new RequestQueue(spec.concurrency ?? 1);
  }

  /** Waits for a slot, then makes sure the model (and a chat context) is loaded. */
  async acquireChat(signal?: AbortSignal): Promise<ChatLease> {
    const release = await this.enter(signal);
    try {
      const loaded = await this.load();
      loaded.chat ??= this.createChat(loaded);
      const chat = await loaded.chat;
      const sequence = chat.free.pop() ?? chat.context.getSequence();
      let done = false;
      return {
        llama: loaded.llama,
        model: loaded.model,
        sequence,
        chatWrapper: chat.chatWrapper,
        contextSize: sequence.contextSize,
        release: () => {
          if (done) return;
          done = true;
          if (!sequence.disposed) chat.free.push(sequence);
          release();
        },
      };
    } catch (err) {
      release();
      throw err;
    }
  }

  async acquireEmbedding(signal?: AbortSignal): Promise<EmbeddingLease> {
    const release = await this.enter(signal);
    try {
      const loaded = await this.load();
      loaded.embedding ??= loaded.model.createEmbeddingContext({
        threads: loaded.threads,
        contextSize: loaded.contextSize,
        batchSize: loaded.contextSize,
      });
      const embedding = await loaded.embedding.catch((err: unknown) => {
        loaded.embedding = null;
        throw err;
      });
      return { model: loaded.model, embedding, contextSize: loaded.contextSize, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  /**
   * Waits for a slot, then makes sure the model and a ranking context are loaded. A model without a
   * classification head (a chat or embedding model) is refused with `rerank_unsupported`.
   */
  async acquireRanking(signal?: AbortSignal): Promise<RankingLease> {
    const release = await this.enter(signal);
    try {
      const loaded = await this.load();
      if (!loaded.model.fileInsights.supportsRanking) {
        throw gatewayError(
          'rerank_unsupported',
          `local model ${basename(this.spec.modelPath)} is not a reranker (it has no classification head); ` +
            'use a GGUF reranker such as bge-reranker or Qwen3-Reranker',
          { param: 'model' },
        );
      }
      // The whole input goes through one batch: pooling reads the batch it was computed in.
      loaded.ranking ??= loaded.model.createRankingContext({
        threads: loaded.threads,
        contextSize: loaded.contextSize,
        batchSize: loaded.contextSize,
      });
      const ranking = await loaded.ranking.catch((err: unknown) => {
        loaded.ranking = null;
        throw err;
      });
      return { model: loaded.model, ranking, contextSize: ranking.contextSize, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  /** Takes a queue slot; the returned release also arms the idle-unload timer. */
  private async enter(signal?: AbortSignal): Promise<() => void> {
    const release = await this.queue.acquire(signal);
    this.clearTimer();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
      this.armTimer();
    };
  }

  private load(): Promise<Loaded> {
    this.loaded ??= this.doLoad().catch((err: unknown) => {
      this.loaded = null; // the next request tries again (the file may have been pulled meanwhile)
      throw err;
    });
    return this.loaded;
  }

  private async doLoad(): Promise<Loaded> {
    const { modelPath } = this.spec;
    let size: number;
    try {
      const info = await stat(modelPath);
      if (!info.isFile()) throw modelUnavailableError(modelPath, 'is not a file');
      size = info.size;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw modelUnavailableError(modelPath, 'does not exist', err);
      if (code) throw modelUnavailableError(modelPath, `cannot be read (${code})`, err);
      throw err;
    }
    const llama = await getEngine();
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath });
    } catch (err) {
      throw modelUnavailableError(modelPath, `could not be loaded as a GGUF model (${(err as Error).message})`, err);
    }
    const cores = Math.max(1, availableParallelism());
    const threads = this.spec.threads ?? (size < SMALL_MODEL_BYTES ? 1 : Math.min(cores, Math.max(2, Math.floor(cores / 2))));
    const contextSize = Math.min(this.spec.contextSize ?? DEFAULT_CONTEXT_SIZE, model.trainContextSize);
    return { llama, model, threads, contextSize, chat: null, embedding: null, ranking: null };
  }

  private async createChat(loaded: Loaded): Promise<NonNullable<Awaited<Loaded['chat']>>> {
    const context = await loaded.model.createContext({
      contextSize: loaded.contextSize,
      sequences: this.queue.concurrency,
      threads: loaded.threads,
    });
    // Resolve the chat wrapper once (from the GGUF's chat template) instead of on every request.
    const probe = new LlamaChat({ contextSequence: context.getSequence() });
    const chatWrapper = probe.chatWrapper;
    const first = probe.sequence;
    probe.dispose({ disposeSequence: false });
    return { context, free: [first], chatWrapper };
  }

  private armTimer(): void {
    const ms = this.spec.idleUnloadMs ?? DEFAULT_IDLE_UNLOAD_MS;
    if (ms <= 0 || this.queue.active > 0 || this.queue.pending > 0 || !this.loaded) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.unload().catch(() => undefined), ms);
    this.timer.unref(); // an idle model must never keep the process alive
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get isLoaded(): boolean {
    return this.loaded !== null;
  }

  /** Loads the model and its chat context now, so the first request does not wait for it. */
  async preload(): Promise<void> {
    (await this.acquireChat()).release();
  }

  /**
   * Unloads once no request is using the model: takes every slot first (requests that were queued
   * before finish; later ones wait), so no running generation loses its context.
   */
  async unloadWhenIdle(): Promise<void> {
    const releases: (() => void)[] = [];
    try {
      for (let i = 0; i < this.queue.concurrency; i++) releases.push(await this.queue.acquire());
      await this.unload();
    } finally {
      for (const release of releases) release();
    }
  }

  /** Frees contexts and the model; the next request loads it again. */
  async unload(): Promise<void> {
    this.clearTimer();
    const loaded = this.loaded;
    this.loaded = null;
    const value = await loaded?.catch(() => null);
    if (!value) return;
    const chat = await value.chat?.catch(() => null);
    const embedding = await value.embedding?.catch(() => null);
    const ranking = await value.ranking?.catch(() => null);
    await chat?.context.dispose();
    await embedding?.dispose();
    await ranking?.dispose();
    await value.model.dispose();
  }
}

/** A provider's reference to a pooled model. */
export interface ModelHandle {
  readonly modelPath: string;
  readonly isLoaded: boolean;
  acquireChat(signal?: AbortSignal): Promise<ChatLease>;
  acquireEmbedding(signal?: AbortSignal): Promise<EmbeddingLease>;
  acquireRanking(signal?: AbortSignal): Promise<RankingLease>;
  /** Loads the model (and a chat context) now; it still unloads after sitting idle. */
  load(): Promise<void>;
  /** Unloads the model as soon as no request uses it; the next request loads it again. */
  unload(): Promise<void>;
  /** Drops this reference; the model is unloaded when no provider uses it any more. */
  close(): Promise<void>;
}

export class ModelPool {
  private readonly entries = new Map<string, PoolEntry>();

  /** Shares one entry per absolute path; the first opener's settings (threads, context…) win. */
  open(spec: ModelSpec): ModelHandle {
    const key = resolvePath(spec.modelPath);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new PoolEntry({ ...spec, modelPath: key });
      this.entries.set(key, entry);
    }
    entry.users++;
    const e = entry;
    let closed = false;
    return {
      modelPath: key,
      get isLoaded() {
        return e.isLoaded;
      },
      acquireChat: (signal) => e.acquireChat(signal),
      acquireEmbedding: (signal) => e.acquireEmbedding(signal),
      acquireRanking: (signal) => e.acquireRanking(signal),
      load: () => e.preload(),
      unload: () => e.unloadWhenIdle(),
      close: async () => {
        if (closed) return;
        closed = true;
        if (--e.users > 0) return;
        if (this.entries.get(key) === e) this.entries.delete(key);
        await e.unload();
      },
    };
  }
}

/** The process-wide pool every llama-cpp provider instance uses. */
export const sharedModelPool = new ModelPool();
