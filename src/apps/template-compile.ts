import { TemplateError } from './template-error.js';

export { TemplateError };

/**
 * The prompt templates of scenario apps. Syntax:
 * - `{{name}}` inserts a variable (absent → nothing);
 * - `{{#if name}}…{{else if name == "x"}}…{{else}}…{{/if}}`: a condition is `name` (true when the value
 *   is present and not '', false or 0), `name == "literal"` or `name != "literal"` (the value as text);
 *   blocks nest up to {@link MAX_DEPTH} deep;
 * - `{{!comment}}` renders nothing.
 * Spaces inside the braces are allowed. A block tag or comment alone on its line takes the line with it
 * (as in Mustache), so templates can put each on a line of its own without leaving blank lines.
 *
 * Rendering is a single pass over the compiled parts: values are inserted as they are and never parsed,
 * so a value holding `{{x}}` or `{{#if}}` renders literally. Every variable a template names must be
 * declared: an unknown one fails at compile time, naming it.
 */

/** Deepest nesting of `{{#if}}` blocks (an `{{else if}}` chain counts once). */
export const MAX_DEPTH = 8;

/** The values a template renders: absent and undefined render as nothing. */
export type TemplateValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** A compiled template: render it as often as needed. */
export interface CompiledTemplate {
  /** The variables the template uses, in order of first use. */
  readonly variables: readonly string[];
  render(values: TemplateValues): string;
}

interface Condition {
  name: string;
  /** Compare the value's text with `literal` (`==`), or its negation (`!=`); absent: truthiness. */
  op?: '==' | '!=';
  literal?: string;
}
interface Branch {
  cond: Condition;
  body: Part[];
}
type Part = string | { v: string } | { branches: Branch[]; otherwise: Part[] };

const NAME = /^[a-z_][a-z0-9_]{0,39}$/;
const CONDITION = /^([a-z_][a-z0-9_]{0,39})(?:\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?[0-9][0-9.]*|true|false)))?$/;

/** Compiles `source`, checking every variable it names against `variables`; throws {@link TemplateError}. */
export function compileTemplate(source: string, variables: readonly string[]): CompiledTemplate {
  const declared = new Set(variables);
  const used: string[] = [];
  const use = (name: string, at: number): string => {
    if (!declared.has(name)) {
      const known = variables.length ? variables.join(', ') : '(none)';
      throw TemplateError.at(
        source,
        at,
        `unknown variable "${name}" (this template can use: ${known})`,
        `未知变量“${name}”（此模板可用：${variables.length ? variables.join('、') : '无'}）`,
        name,
      );
    }
    if (!used.includes(name)) used.push(name);
    return name;
  };
  const condition = (text: string, at: number): Condition => {
    const m = CONDITION.exec(text);
    if (!m)
      throw TemplateError.at(
        source,
        at,
        `bad condition "${text.slice(0, 60)}": write {{#if name}}, {{#if name == "value"}} or {{#if name != "value"}}`,
        `条件“${text.slice(0, 60)}”写法有误：应为 {{#if 变量}}、{{#if 变量 == "值"}} 或 {{#if 变量 != "值"}}`,
      );
    const cond: Condition = { name: use(m[1], at) };
    if (m[2]) {
      cond.op = m[2] as '==' | '!=';
      cond.literal = m[3] ?? m[4] ?? m[5];
    }
    return cond;
  };

  const root: Part[] = [];
  /** Open blocks, innermost last: the block, the body being filled, where it opened. */
  const stack: { block: { branches: Branch[]; otherwise: Part[] }; at: number; inElse: boolean }[] = [];
  let body = root;
  let pos = 0;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    if (open === -1) {
      pushText(body, source.slice(pos));
      break;
    }
    const close = source.indexOf('}}', open + 2);
    if (close === -1) throw TemplateError.at(source, open, 'unclosed tag: "{{" without "}}"', '标签未闭合：有“{{”但没有“}}”');
    let text = source.slice(pos, open);
    const raw = source.slice(open + 2, close);
    const tag = raw.trim();
    let end = close + 2;
    const block = tag.startsWith('!') || tag.startsWith('#') || tag.startsWith('/') || tag === 'else' || tag.startsWith('else ');
    if (block) {
      // Standalone: only spaces before the tag on its line and after it up to the line's end.
      const lineStart = source.lastIndexOf('\n', open - 1) + 1;
      let after = end;
      while (after < source.length && (source[after] === ' ' || source[after] === '\t' || source[after] === '\r')) after++;
      // (A tag earlier on the line makes the text before this one more than spaces: not standalone.)
      if ((after === source.length || source[after] === '\n') && /^[ \t]*$/.test(source.slice(lineStart, open))) {
        text = text.replace(/[ \t]*$/, '');
        end = after < source.length ? after + 1 : after;
      }
    }
    pushText(body, text);
    pos = end;
    if (tag.startsWith('!')) continue;
    if (tag.startsWith('#')) {
      const m = /^#if\s+(.*)$/s.exec(tag);
      if (!m)
        throw TemplateError.at(
          source,
          open,
          `unknown block "{{${tag.slice(0, 40)}}}": the only block is {{#if …}}`,
          `未知的块“{{${tag.slice(0, 40)}}}”：只支持 {{#if …}}`,
        );
      if (stack.length >= MAX_DEPTH)
        throw TemplateError.at(source, open, `blocks nested deeper than ${MAX_DEPTH}`, `块嵌套超过 ${MAX_DEPTH} 层`);
      const first: Branch = { cond: condition(m[1].trim(), open), body: [] };
      const node = { branches: [first], otherwise: [] as Part[] };
      body.push(node);
      stack.push({ block: node, at: open, inElse: false });
      body = first.body;
      continue;
    }
    if (tag === 'else' || tag.startsWith('else ')) {
      const top = stack[stack.length - 1];
      if (!top) throw TemplateError.at(source, open, '{{else}} outside an {{#if}} block', '{{else}} 不在 {{#if}} 块内');
      if (top.inElse)
        throw TemplateError.at(source, open, 'a second {{else}} in one {{#if}} block', '同一个 {{#if}} 块里出现了第二个 {{else}}');
      const rest = tag.slice(4).trim();
      if (rest === '') {
        top.inElse = true;
        body = top.block.otherwise;
        continue;
      }
      const m = /^if\s+(.*)$/s.exec(rest);
      if (!m)
        throw TemplateError.at(
          source,
          open,
          `bad tag "{{${tag.slice(0, 40)}}}": write {{else}} or {{else if …}}`,
          `标签“{{${tag.slice(0, 40)}}}”写法有误：应为 {{else}} 或 {{else if …}}`,
        );
      const branch: Branch = { cond: condition(m[1].trim(), open), body: [] };
      top.block.branches.push(branch);
      body = branch.body;
      continue;
    }
    if (tag.startsWith('/')) {
      if (tag.slice(1).trim() !== 'if')
        throw TemplateError.at(source, open, `unknown closing tag "{{${tag.slice(0, 40)}}}"`, `未知的结束标签“{{${tag.slice(0, 40)}}}”`);
      if (!stack.pop()) throw TemplateError.at(source, open, '{{/if}} without an {{#if}}', '{{/if}} 没有对应的 {{#if}}');
      const top = stack[stack.length - 1];
      body = top ? currentBody(top) : root;
      continue;
    }
    if (!NAME.test(tag))
      throw TemplateError.at(
        source,
        open,
        `bad tag "{{${raw.slice(0, 40)}}}": a variable is lower-case letters, digits and _`,
        `标签“{{${raw.slice(0, 40)}}}”写法有误：变量名只能由小写字母、数字和下划线组成`,
      );
    body.push({ v: use(tag, open) });
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw TemplateError.at(source, unclosed.at, 'unclosed {{#if}}: add {{/if}}', '{{#if}} 未闭合：缺少 {{/if}}');
  const parts = root;
  return { variables: used, render: (values) => renderParts(parts, values) };
}

function currentBody(frame: { block: { branches: Branch[]; otherwise: Part[] }; inElse: boolean }): Part[] {
  return frame.inElse ? frame.block.otherwise : frame.block.branches[frame.block.branches.length - 1].body;
}

function pushText(body: Part[], text: string): void {
  if (text === '') return;
  const last = body.length - 1;
  if (last >= 0 && typeof body[last] === 'string') body[last] = (body[last] as string) + text;
  else body.push(text);
}

function holds(cond: Condition, values: TemplateValues): boolean {
  const v = values[cond.name];
  if (cond.op === undefined) return v !== undefined && v !== '' && v !== false && v !== 0;
  const equal = v !== undefined && String(v) === cond.literal;
  return cond.op === '==' ? equal : !equal;
}

function renderParts(parts: readonly Part[], values: TemplateValues): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if ('v' in p) {
      const v = values[p.v];
      if (v !== undefined) out += typeof v === 'string' ? v : String(v);
    } else {
      const chosen = p.branches.find((b) => holds(b.cond, values));
      out += renderParts(chosen ? chosen.body : p.otherwise, values);
    }
  }
  return out;
}

/**
 * The variables `source` names (in `{{name}}` and conditions), in order of first use, for an editor that
 * builds the form as the template is typed. Never throws: malformed tags are skipped.
 */
export function detectVariables(source: string): string[] {
  const out: string[] = [];
  const tag = /\{\{\s*([^}]*?)\s*\}\}/g;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const t = m[1];
    let name: string | undefined;
    if (NAME.test(t)) name = t;
    else {
      const c = /^(?:#if|else\s+if)\s+(.*)$/s.exec(t);
      if (c) name = CONDITION.exec(c[1].trim())?.[1];
    }
    if (name && name !== 'else' && !out.includes(name)) out.push(name);
  }
  return out;
}
