import { BackgroundLoad } from './background-load.js';

/**
 * The background load in its own process (forked by `LoadProcess`), so that the test process sending
 * multi-megabyte attack bodies cannot delay it or its measurements. Commands arrive over IPC:
 * `start`, `mark` (answers this process's clock), `window` (the samples sent between two marks); the
 * parent kills it when done.
 */
type Command =
  | { id: number; cmd: 'start'; url: string; key: string; rps: number }
  | { id: number; cmd: 'mark' }
  | { id: number; cmd: 'window'; from: number; to: number };

let load: BackgroundLoad | undefined;

process.on('message', (m: Command) => {
  void (async () => {
    switch (m.cmd) {
      case 'start':
        load = new BackgroundLoad(m.url, m.key, m.rps);
        load.start();
        return { id: m.id };
      case 'mark':
        return { id: m.id, t: performance.now() };
      case 'window':
        await load!.settle(m.to);
        return { id: m.id, samples: load!.between(m.from, m.to) };
    }
  })().then((reply) => process.send!(reply));
});

// The parent went away (or killed the IPC channel): stop the load with it.
process.on('disconnect', () => process.exit(0));
