import { open } from 'node:fs/promises';
import { t } from './i18n.js';
import { CliError } from './open-store.js';

/**
 * Reads a file checked at `size` bytes, refusing one that grew past it meanwhile (`baimo kb add`,
 * `baimo apps run --file`): the size limit holds for what is read, not only for what was checked.
 */
export async function readBounded(path: string, size: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > size) throw new CliError(t().kbFileUnreadable(path, 'changed while being read'), 1);
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}
