import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The console's dictionaries (web/src/i18n/locales/*.ts): zh-CN and en have the same keys in every
 * namespace, index.ts merges every namespace, and each `t('…')` / `translate('…')` literal of web/src
 * names a key that exists. (`t()` only takes a TranslationKey, so tsc catches most of this first.)
 */
const WEB = fileURLToPath(new URL('../../web/src/', import.meta.url));
const LOCALES = join(WEB, 'i18n', 'locales');
type Namespace = { 'zh-CN': Record<string, string>; en: Record<string, string> };

const namespaces = new Map<string, Namespace>();
beforeAll(async () => {
  for (const f of readdirSync(LOCALES)
    .filter((x) => x.endsWith('.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(join(LOCALES, f)).href)) as { default: Namespace };
    namespaces.set(f, mod.default);
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** The first argument of every `t('…')` and `translate('…')` call written as a plain literal. */
function literalKeys(file: string): Array<{ key: string; where: string }> {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: Array<{ key: string; where: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['t', 'translate'].includes(node.expression.text)) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) {
        const { line } = source.getLineAndCharacterOfPosition(arg.getStart(source));
        out.push({ key: arg.text, where: `${relative(WEB, file)}:${line + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('console i18n keys', () => {
  it('zh-CN and en have the same keys in every namespace', () => {
    expect(namespaces.size).toBeGreaterThan(5);
    for (const [file, ns] of namespaces) {
      const zh = Object.keys(ns['zh-CN']).sort();
      const en = Object.keys(ns.en).sort();
      expect(
        { onlyZh: zh.filter((k) => !(k in ns.en)), onlyEn: en.filter((k) => !(k in ns['zh-CN'])) },
        `${file}: keys in one language only`,
      ).toEqual({ onlyZh: [], onlyEn: [] });
      for (const [k, v] of [...Object.entries(ns['zh-CN']), ...Object.entries(ns.en)])
        expect(v.trim(), `${file}: ${k} is empty`).not.toBe('');
    }
  });

  it('no key is defined by two namespaces (a later one would silently win)', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, ns] of namespaces)
      for (const k of Object.keys(ns['zh-CN'])) {
        if (owner.has(k)) twice.push(`${k} (${owner.get(k)}, ${file})`);
        owner.set(k, file);
      }
    expect(twice).toEqual([]);
  });

  it('every namespace file is merged by i18n/index.ts', () => {
    const index = readFileSync(join(WEB, 'i18n', 'index.ts'), 'utf8');
    for (const file of namespaces.keys()) expect(index, file).toContain(`from './locales/${file}'`);
  });

  it('every t(…) literal in web/src names a key of the dictionaries', () => {
    const known = new Set([...namespaces.values()].flatMap((ns) => Object.keys(ns['zh-CN'])));
    const used = sources(WEB).flatMap(literalKeys);
    expect(used.length).toBeGreaterThan(300);
    expect(used.filter((u) => !known.has(u.key)).map((u) => `${u.where} ${u.key}`)).toEqual([]);
  });
});
