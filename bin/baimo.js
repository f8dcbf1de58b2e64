#!/usr/bin/env -S node --max-semi-space-size=32
// A young generation larger than Node's default (16 MiB semi-spaces): a gateway allocates fast and holds
// little per request, so fewer scavenges and fewer promotions buy throughput and tail latency (docs/benchmarks.md).
// The `baimo` command: runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('baimo is not built yet: run `npm install` (or `npm run build`) in the package folder first.\n');
  process.exit(1);
}
await import(entry.href);
