#!/usr/bin/env node
/* global process, console, URL */
// Builds the web console (web/dist) only when it is missing, so `npm start` works from a fresh
// checkout without paying for a Vite build on every start.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(new URL('../web/dist/index.html', import.meta.url))) process.exit(0);
if (!existsSync(new URL('../web/vite.config.ts', import.meta.url))) {
  console.warn('baimo: web/vite.config.ts not found; serving without the web console.');
  process.exit(0);
}
console.log('baimo: building the web console (npm run build:web)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['run', 'build:web'], { cwd: repo, stdio: 'inherit' });
// A failed console build must not keep the gateway from starting: `/` then explains how to build it.
if (r.status !== 0) console.warn('baimo: the web console build failed (see above); starting the gateway without it.');
