import { randomUUID } from 'node:crypto';

/**
 * Tells the other replicas that shared state changed, so they apply it within a second instead of at
 * their next poll: `config` (aliases, providers, prices), `keys` (virtual keys, and the apps and
 * workspaces that shape what a key may do), `policies` (security policies and keyword libraries),
 * `apps` (scenario apps: their versions and traffic split).
 * On Redis pub/sub when `redis_url` is set; the database polls and the key cache's TTL stay as the
 * fallback when Redis is down (a missed message costs one poll period or one TTL).
 */
export type ChangeKind = 'config' | 'keys' | 'policies' | 'apps';

/** What travels on the channel: the kind, and which bus sent it (a bus ignores its own messages). */
export interface ChangeMessage {
  kind: ChangeKind;
  from: string;
}

export interface ConfigBus {
  /** Announces a change (fire and forget: never throws; the poll or TTL covers a lost message). */
  publish(kind?: ChangeKind): void;
  close(): Promise<void>;
}

const CHANNEL = 'bm:config-changed';
const KINDS: readonly string[] = ['config', 'keys', 'policies', 'apps'] satisfies ChangeKind[];

const NONE: ConfigBus = { publish: () => undefined, close: async () => undefined };

/**
 * The message's kind, or undefined for one to ignore (this bus's own, or a kind it does not know).
 * Older replicas announced a bare process id: that means `config`.
 */
export function parseChange(raw: string, self: string): ChangeKind | undefined {
  if (raw.length > 200) return undefined;
  if (!raw.startsWith('{')) return 'config';
  try {
    const m = JSON.parse(raw) as Partial<ChangeMessage>;
    if (m.from === self || typeof m.kind !== 'string' || !KINDS.includes(m.kind)) return undefined;
    return m.kind;
  } catch {
    return undefined;
  }
}

/** The bus for `redisUrl` (none without one); `onChange` runs when another process announces a change. */
export async function createConfigBus(
  redisUrl: string | undefined,
  onChange: (kind: ChangeKind) => void,
  warn: (m: string) => void,
): Promise<ConfigBus> {
  if (!redisUrl) return NONE;
  const { Redis } = await import('ioredis');
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableOfflineQueue: false, lazyConnect: true };
  const pub = new Redis(redisUrl, options);
  const sub = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  const self = randomUUID();
  let reported = false;
  const onError = (err: Error): void => {
    if (reported) return;
    reported = true; // once: the poll keeps replicas in step meanwhile
    warn(`baimo: config change notices over Redis unavailable (${err.message}); replicas pick changes up by polling`);
  };
  pub.on('error', onError);
  sub.on('error', onError);
  sub.on('ready', () => (reported = false));
  sub.on('message', (channel: string, raw: string) => {
    if (channel !== CHANNEL) return;
    const kind = parseChange(raw, self);
    if (kind) onChange(kind);
  });
  void pub.connect().catch(() => undefined);
  void sub
    .connect()
    .then(() => sub.subscribe(CHANNEL))
    .catch(() => undefined);
  return {
    publish: (kind = 'config') => {
      try {
        const message: ChangeMessage = { kind, from: self };
        void pub.publish(CHANNEL, JSON.stringify(message)).catch(() => undefined);
      } catch {
        // Redis is gone: the poll covers it.
      }
    },
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
