import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The console's data layer (issue 15): only the modules of web/src/api/ know the API's URLs. Pages and
 * the app shell call their fetchers and hooks; a string or template literal starting with `/api/` or
 * `/v1/` anywhere else fails here. (The dictionaries under i18n/locales/ are prose shown to people.)
 */
const WEB = fileURLToPath(new URL('../../web/src/', import.meta.url));
const ALLOWED = [join(WEB, 'api'), join(WEB, 'i18n', 'locales')];
const URL_LITERAL = /^\/(api|v1)\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ALLOWED.includes(path) ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every string and template literal of a file that names an API path, as `file:line 'text'`. */
function urlLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const kind = /\.tsx(\.txt)?$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && URL_LITERAL.test(node.text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(WEB, file)}:${line + 1} '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the console data layer', () => {
  it('no page or app module builds an /api or /v1 URL: the modules of web/src/api/ are the only place', () => {
    const files = sources(WEB);
    expect(files.some((f) => f.includes(`${join('pages', 'keys')}`))).toBe(true);
    expect(files.flatMap(urlLiterals)).toEqual([]);
  });

  it('the check finds a URL in a string, a template and a template tail', () => {
    const probe = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'url-literals.tsx.txt');
    expect(urlLiterals(probe).map((x) => x.replace(/^.*:(\d+) /, '$1 '))).toEqual([
      "2 '/api/models'",
      "3 '/v1/models/'",
      "4 '/api/keys/'",
      "4 '/api/x/'",
      "5 '/api/y/'",
    ]);
  });

  it('the hand-written copies of the server views are gone (pages/*/types.ts)', () => {
    const pages = join(WEB, 'pages');
    const left = readdirSync(pages).filter((p) => readdirSync(join(pages, p)).includes('types.ts'));
    expect(left).toEqual([]);
  });
});
