import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './processes.js';

/**
 * Compiles the servers the way `npm run build` does (TypeScript → ES2023 modules, one file each), so
 * they run on plain `node` like `baimo serve` does. Under `--import tsx` a process carries a loader
 * thread and in-memory source maps (~50 MiB more RSS for baimo) and esbuild's `__name` helpers.
 *
 * The output goes under node_modules/.cache (ignored by git) so that packages resolve as usual.
 */
export const COMPILED_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'baimo-bench');

const SERVER_SCRIPTS = ['processes.ts', 'fake-upstream.ts', 'bare-proxy.ts', 'bench-config.ts', 'baimo-server.ts'];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Transpiles src/ and the bench servers into COMPILED_DIR; returns the directory of the compiled bench scripts. */
export function compileServers(): string {
  return compileTree(REPO_ROOT, COMPILED_DIR);
}

/**
 * Transpiles another checkout of baimo (`root`: its src/ and bench servers) into `outDir`, which must
 * sit under a node_modules folder that resolves the packages; returns its compiled bench scripts' folder.
 */
export function compileTree(root: string, outDir: string): string {
  rmSync(outDir, { recursive: true, force: true });
  // An older checkout may lack a script a newer one has (bench-config.ts): it then does not import it.
  const files = [...tsFiles(join(root, 'src')), ...SERVER_SCRIPTS.map((f) => join(root, 'bench', f)).filter((f) => existsSync(f))];
  for (const file of files) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ES2022, sourceMap: false, esModuleInterop: true },
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length) throw new Error(`${relative(root, file)}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
  }
  // The compiled tree sits inside node_modules, where Node would otherwise assume CommonJS.
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  return join(outDir, 'bench');
}
