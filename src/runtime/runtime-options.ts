/** How `createRuntime` builds a process's runtime (the server's, a worker's, the CLI's). */
export interface RuntimeOptions {
  onLogError?: (err: unknown) => void;
  /** Problems worth an operator's attention (limit store errors, master key warnings). */
  warn?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Keep prom-client's process metrics off (the CLI). */
  metrics?: boolean;
  /** How often the database is polled for configuration and security policies changed elsewhere (ms, default 2,000). */
  configPollMs?: number;
  /** How long a looked-up virtual key is remembered (ms, default 2,000; tests lengthen it). */
  keyCacheMs?: number;
  /**
   * Which job queues this process works: all (default), the queues listed (`baimo worker --queues`),
   * or none (`false`: `baimo serve --no-workers`, the CLI), which only enqueues and reads jobs.
   */
  workers?: false | string[];
}
