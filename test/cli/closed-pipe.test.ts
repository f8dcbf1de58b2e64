import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/baimo.js', import.meta.url));

describe('baimo writing into a closed pipe (`baimo eval list | head -3`)', () => {
  it('stops quietly with its exit code instead of crashing on EPIPE', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the CLI writes anything (it takes far longer to start).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });
});
