import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PASS_THROUGH_CODES, type ErrorCodeEntry } from '../../src/core/error-codes.js';
import type { ErrorType } from '../../src/core/errors.js';
import { ERRORS_DOC, renderErrorsDoc } from '../../scripts/gen-errors-doc.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const entries = Object.entries(ERROR_CODES) as [string, ErrorCodeEntry][];

/** The statuses each OpenAI error type may come with. */
const STATUSES: Record<ErrorType, (status: number) => boolean> = {
  invalid_request_error: (s) => s >= 400 && s < 500 && ![401, 403, 404, 429].includes(s),
  authentication_error: (s) => s === 401,
  permission_error: (s) => s === 403,
  not_found_error: (s) => s === 404,
  rate_limit_error: (s) => s === 429,
  insufficient_quota: (s) => s === 429,
  timeout_error: (s) => s === 504 || s === 408,
  upstream_error: (s) => s >= 500,
  service_unavailable: (s) => s === 503,
  // 499: the client went away (nginx's "client closed request"); a client still listening gets 400.
  server_error: (s) => s === 500 || s === 499,
  pii_detected: (s) => s === 400 || s === 413,
  content_policy_violation: (s) => s === 400,
  data_routing_blocked: (s) => s === 403,
};

describe('error code table', () => {
  it('docs/errors.md is generated from the table (run `npm run gen:errors` when this fails)', async () => {
    expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(await renderErrorsDoc());
  });

  it('has unique snake_case codes, each with a status that fits its type and a description', () => {
    const source = readFileSync(join(SRC, 'core/error-codes.ts'), 'utf8');
    for (const [code, e] of entries) {
      expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(source.match(new RegExp(`^\\s+${code}:`, 'gm')), code).toHaveLength(1);
      for (const shape of [e, ...e.variants]) {
        expect(shape.status, code).toBeGreaterThanOrEqual(400);
        expect(shape.status, code).toBeLessThanOrEqual(599);
        expect(STATUSES[shape.type](shape.status), `${code}: ${shape.status} ${shape.type}`).toBe(true);
      }
      expect(e.description, code).toMatch(/^[A-Z`].*\.$/);
      expect(e.description, code).not.toContain('\n');
      for (const v of e.variants) {
        expect(v.when.length, code).toBeGreaterThan(0);
        expect([v.status, v.type, v.retryable], `${code}: a variant must differ`).not.toEqual([e.status, e.type, e.retryable]);
      }
    }
  });

  it('every code literal in src/ is in the table, with a status and type the table records', () => {
    const known = new Set<string>([...Object.keys(ERROR_CODES), ...PASS_THROUGH_CODES.map((p) => p.code)]);
    const found = new Map<string, string>();
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const use of codeLiterals(file)) {
        found.set(use.code, use.where);
        if (!known.has(use.code)) problems.push(`${use.where}: code '${use.code}' is not in src/core/error-codes.ts`);
        const e = (ERROR_CODES as Record<string, ErrorCodeEntry>)[use.code];
        if (e && use.status !== undefined && use.type !== undefined) {
          const ok = [e, ...e.variants].some((s) => s.status === use.status && s.type === use.type);
          if (!ok) problems.push(`${use.where}: '${use.code}' raised as ${use.status} ${use.type}, which the table does not record`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The scan must see the codes it guards (a broken scan would pass everything).
    for (const code of ['invalid_json', 'request_too_large', 'model_not_allowed', 'too_many_terms', 'rate_limit_exceeded', 'idle_timeout'])
      expect(found.has(code), code).toBe(true);
    expect(found.size).toBeGreaterThan(60);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name));
}

/** The argument that holds the code, for the helpers that take one positionally. */
const CODE_ARG: Record<string, number> = { badRequest: 2, notFound: 1, unauthorized: 1, forbidden: 1, gatewayError: 0, throttled: 2 };

interface CodeUse {
  code: string;
  where: string;
  status?: number;
  type?: string;
}

/**
 * The string literals used as error codes in one file: the value of any `code` property (but zod's
 * `ctx.addIssue({code})`), a `code` parameter's default, the code argument of the error helpers, and
 * the codes of `timeoutError`'s map. A literal's status and type come along when they sit next to it.
 */
function codeLiterals(file: string): CodeUse[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: CodeUse[] = [];
  const where = (n: ts.Node) => `${file.slice(SRC.length - 3)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  // A literal, or one of the literals an expression may yield (`a ?? 'x'`, `ok ? 'x' : 'y'`); a call, a
  // template or an object (a JSON schema's `code: {type}`) yields no literal code.
  const literals = (n: ts.Expression, extra: Omit<CodeUse, 'code' | 'where'> = {}): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push({ code: n.text, where: where(n), ...extra });
    else if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)) literals(n.expression, extra);
    else if (ts.isConditionalExpression(n)) [n.whenTrue, n.whenFalse].forEach((e) => literals(e, extra));
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind))
      [n.left, n.right].forEach((e) => literals(e, extra));
  };
  const inAddIssue = (object: ts.Node): boolean =>
    ts.isCallExpression(object.parent) &&
    ts.isPropertyAccessExpression(object.parent.expression) &&
    object.parent.expression.name.text === 'addIssue';
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && n.name.getText(sf) === 'code' && !inAddIssue(n.parent)) {
      const props = new Map(n.parent.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(sf), p.initializer] as const));
      const status = props.get('status');
      const type = props.get('type');
      literals(n.initializer, {
        status: status && ts.isNumericLiteral(status) ? Number(status.text) : undefined,
        type: type && ts.isStringLiteral(type) ? type.text : undefined,
      });
    } else if (ts.isParameter(n) && n.name.getText(sf) === 'code' && n.initializer) {
      literals(n.initializer);
    } else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text in CODE_ARG) {
      const arg = n.arguments[CODE_ARG[n.expression.text]];
      if (arg) literals(arg);
    } else if (ts.isVariableDeclaration(n) && n.name.getText(sf) === 'TIMEOUT_CODES' && n.initializer) {
      let map: ts.Expression = n.initializer;
      while (ts.isAsExpression(map) || ts.isSatisfiesExpression(map)) map = map.expression;
      if (ts.isObjectLiteralExpression(map)) for (const p of map.properties) if (ts.isPropertyAssignment(p)) literals(p.initializer);
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}
