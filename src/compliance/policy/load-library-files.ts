import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseKeywordLibrary } from '../moderation/keyword-library.js';
import { fingerprintTerms, type LoadedLibrary } from './effective-policy.js';

/** Id prefix of libraries that come from baimo.yaml (`security.moderation.library_files`). */
export const FILE_LIBRARY_PREFIX = 'file:';

/**
 * Reads and parses the keyword library files baimo.yaml names, as instance-wide libraries with ids
 * `file:<name>` (the file name without extension). A file that cannot be read or has a bad line
 * is an error naming the file and the line, so a typo stops the start instead of silently
 * weakening moderation.
 */
export function loadLibraryFiles(paths: readonly string[], cwd = process.cwd()): LoadedLibrary[] {
  const out: LoadedLibrary[] = [];
  const ids = new Set<string>();
  for (const p of paths) {
    const path = resolve(cwd, p);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(
        `security.moderation.library_files: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    const parsed = parseKeywordLibrary(text);
    if (parsed.errors.length) {
      const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
      throw new Error(`security.moderation.library_files: ${path} ${parsed.errors[0]}${more}`);
    }
    const name = basename(path, extname(path));
    let id = `${FILE_LIBRARY_PREFIX}${name}`;
    for (let i = 2; ids.has(id); i++) id = `${FILE_LIBRARY_PREFIX}${name}-${i}`;
    ids.add(id);
    out.push({ id, workspaceId: null, name, enabled: true, terms: parsed.terms, fingerprint: fingerprintTerms(parsed.terms) });
  }
  return out;
}
