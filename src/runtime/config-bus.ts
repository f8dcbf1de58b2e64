/**
 * Tells the other replicas that shared configuration changed (aliases, providers, prices), so they
 * reload within a second instead of at their next poll. On Redis pub/sub when `redis_url` is set; the
 * database poll stays as the fallback when Redis is down (a missed message costs one poll period).
 */
export interface ConfigBus {
  /** Announces a change (fire and forget: the poll covers a lost message). */
  publish(): void;
  close(): Promise<void>;
}

const CHANNEL = 'bm:config-changed';

const NONE: ConfigBus = { publish: () => undefined, close: async () => undefined };

/** The bus for `redisUrl` (none without one); `onChange` runs when another process announces a change. */
export async function createConfigBus(redisUrl: string | undefined, onChange: () => void, warn: (m: string) => void): Promise<ConfigBus> {
  if (!redisUrl) return NONE;
  const { Redis } = await import('ioredis');
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableOfflineQueue: false, lazyConnect: true };
  const pub = new Redis(redisUrl, options);
  const sub = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  let reported = false;
  const onError = (err: Error): void => {
    if (reported) return;
    reported = true; // once: the poll keeps replicas in step meanwhile
    warn(`baimo: config change notices over Redis unavailable (${err.message}); replicas pick changes up by polling`);
  };
  pub.on('error', onError);
  sub.on('error', onError);
  sub.on('ready', () => (reported = false));
  sub.on('message', (channel: string) => {
    if (channel === CHANNEL) onChange();
  });
  void pub.connect().catch(() => undefined);
  void sub
    .connect()
    .then(() => sub.subscribe(CHANNEL))
    .catch(() => undefined);
  return {
    publish: () => void pub.publish(CHANNEL, String(process.pid)).catch(() => undefined),
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
