import { stat } from 'node:fs/promises';
import { t } from './i18n.js';
import { CliError } from './open-store.js';

/**
 * The size of the regular file at `path`, checked before it is read ((`readBounded`)): anything
 * else is a CliError saying `notAFile` (exit `notAFileExit`), a file that cannot be looked at one
 * saying why (exit 1).
 */
export async function regularFileSize(path: string, notAFile: string, notAFileExit: 1 | 2 = 1): Promise<number> {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    throw new CliError(t().kbFileUnreadable(path, (err as NodeJS.ErrnoException).code ?? (err as Error).message), 1);
  }
  if (!s.isFile()) throw new CliError(notAFile, notAFileExit);
  return s.size;
}
