import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/**
 * A renderer for the subset of Helm's Go templates that deploy/helm/baimo uses (no helm binary here):
 *
 * - actions `{{ pipeline }}` with whitespace trimming `{{- ` and ` -}}`, comments `{{/* … *\/}}`;
 * - operands: `.Values.a.b`, `.Release.Name|Namespace|Service`, `.Chart.Name|Version|AppVersion|…`,
 *   `.` and `$` (and `$.Values…`), "strings", numbers, true/false, `( pipeline )`;
 * - `if` / `else` / `end`, `with` / `else` / `end`, `define` / `end` (top level), `include "name" ctx`;
 * - functions: quote, default, required, not, toYaml, nindent, indent, sha256sum; `x | f a` passes x last.
 *
 * Everything else (range, variables, template, printf, unknown functions, .Capabilities, .Files, …)
 * throws a TemplateError, so the chart cannot use a construct that this renderer would get wrong. It is
 * stricter than Helm: printing a missing value, a map or a list throws instead of printing `<no value>`.
 */
export class TemplateError extends Error {}

type Pipeline = Command[];
type Command = Operand[];
type Operand =
  | { kind: 'field'; from: 'dot' | 'root'; path: string[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'fn'; name: string }
  | { kind: 'sub'; pipeline: Pipeline };
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; pipeline: Pipeline; at: string }
  | { kind: 'if' | 'with'; pipeline: Pipeline; then: Node[]; otherwise: Node[]; at: string };

const FUNCTIONS = new Set(['include', 'quote', 'default', 'required', 'not', 'toYaml', 'nindent', 'indent', 'sha256sum']);
const RELEASE_KEYS = new Set(['Name', 'Namespace', 'Service']);
const CHART_KEYS = new Set(['Name', 'Version', 'AppVersion', 'Description', 'Type', 'KubeVersion']);

export interface RenderContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string; Service: string };
  Chart: Record<string, unknown>;
}

/** Parses one template file: its nodes, and the `define`d templates it declares. */
export function parseTemplate(source: string, file: string): { nodes: Node[]; defines: Map<string, Node[]> } {
  const raw: ({ kind: 'text'; text: string } | { kind: 'action'; body: string; at: string })[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    let text = source.slice(pos, open < 0 ? source.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      raw.push({ kind: 'text', text });
      break;
    }
    const at = `${file}:${source.slice(0, open).split('\n').length}`;
    const close = findClose(source, open + 2, at);
    let body = source.slice(open + 2, close);
    if (/^-\s/.test(body)) {
      text = text.replace(/\s+$/, '');
      body = body.slice(1);
    }
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    raw.push({ kind: 'text', text });
    body = body.trim();
    if (!(body.startsWith('/*') && body.endsWith('*/'))) raw.push({ kind: 'action', body, at });
    pos = close + 2;
  }
  const defines = new Map<string, Node[]>();
  let i = 0;
  const block = (top: boolean): { nodes: Node[]; end: 'end' | 'else' | 'eof' } => {
    const nodes: Node[] = [];
    for (; i < raw.length; i++) {
      const r = raw[i];
      if (r.kind === 'text') {
        if (r.text) nodes.push({ kind: 'text', text: r.text });
        continue;
      }
      const word = /^[A-Za-z]+\b/.exec(r.body)?.[0];
      if (word === 'end' || word === 'else') {
        if (top) throw new TemplateError(`${r.at}: {{ ${word} }} without an open block`);
        if (r.body !== word) throw new TemplateError(`${r.at}: unsupported "{{ ${r.body} }}" (only a bare else / end)`);
        return { nodes, end: word };
      }
      if (word === 'if' || word === 'with') {
        const pipeline = parsePipeline(r.body.slice(word.length), r.at);
        i++;
        const then = block(false);
        let otherwise: Node[] = [];
        if (then.end === 'else') {
          i++;
          const rest = block(false);
          if (rest.end !== 'end') throw new TemplateError(`${r.at}: {{ ${word} }} … {{ else }} is not closed by {{ end }}`);
          otherwise = rest.nodes;
        } else if (then.end !== 'end') throw new TemplateError(`${r.at}: {{ ${word} }} is not closed by {{ end }}`);
        nodes.push({ kind: word, pipeline, then: then.nodes, otherwise, at: r.at });
      } else if (word === 'define') {
        const m = /^define\s+"([^"]+)"$/.exec(r.body);
        if (!m || !top) throw new TemplateError(`${r.at}: define takes one "name" and belongs at the top level`);
        i++;
        const body = block(false);
        if (body.end !== 'end') throw new TemplateError(`${r.at}: define "${m[1]}" is not closed by {{ end }}`);
        defines.set(m[1], body.nodes);
      } else if (word && !FUNCTIONS.has(word) && !['true', 'false', 'nil'].includes(word)) {
        throw new TemplateError(`${r.at}: unsupported template construct "{{ ${r.body} }}"`);
      } else nodes.push({ kind: 'print', pipeline: parsePipeline(r.body, r.at), at: r.at });
    }
    if (!top) throw new TemplateError(`${file}: a block is not closed by {{ end }} at the end of the file`);
    return { nodes, end: 'eof' };
  };
  return { nodes: block(true).nodes, defines };
}

function findClose(source: string, from: number, at: string): number {
  for (let j = from; j < source.length; j++) {
    if (source[j] === '"') {
      for (j++; j < source.length && source[j] !== '"'; j++) if (source[j] === '\\') j++;
    } else if (source.startsWith('}}', j)) return j;
  }
  throw new TemplateError(`${at}: "{{" without "}}"`);
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)(?![\w.])|(\$?(?:\.[A-Za-z_]\w*)+|\$|\.)|([A-Za-z_]\w*)|(\||\(|\))|(\S))/y;

function parsePipeline(text: string, at: string): Pipeline {
  const tokens: { type: 'str' | 'num' | 'field' | 'ident' | 'punct'; value: string }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m[6] !== undefined) throw new TemplateError(`${at}: unsupported syntax "${m[6]}" in "{{ ${text.trim()} }}"`);
    const type = m[1] ? 'str' : m[2] ? 'num' : m[3] ? 'field' : m[4] ? 'ident' : 'punct';
    tokens.push({ type, value: m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] });
  }
  let k = 0;
  const pipeline = (): Pipeline => {
    const out: Pipeline = [];
    let cmd: Command = [];
    for (; k < tokens.length; k++) {
      const t = tokens[k];
      if (t.value === ')' && t.type === 'punct') break;
      if (t.value === '|' && t.type === 'punct') {
        if (!cmd.length) throw new TemplateError(`${at}: empty command before "|"`);
        out.push(cmd);
        cmd = [];
      } else if (t.value === '(' && t.type === 'punct') {
        k++;
        cmd.push({ kind: 'sub', pipeline: pipeline() });
        if (tokens[k]?.value !== ')') throw new TemplateError(`${at}: "(" without ")"`);
      } else if (t.type === 'str') cmd.push({ kind: 'literal', value: JSON.parse(t.value) as string });
      else if (t.type === 'num') cmd.push({ kind: 'literal', value: Number(t.value) });
      else if (t.type === 'field') {
        const from = t.value.startsWith('$') ? 'root' : 'dot';
        cmd.push({ kind: 'field', from, path: t.value.replace(/^\$/, '').split('.').filter(Boolean) });
      } else if (t.value === 'true' || t.value === 'false') cmd.push({ kind: 'literal', value: t.value === 'true' });
      else if (t.value === 'nil') cmd.push({ kind: 'literal', value: null });
      else if (FUNCTIONS.has(t.value)) cmd.push({ kind: 'fn', name: t.value });
      else throw new TemplateError(`${at}: unknown function "${t.value}" (supported: ${[...FUNCTIONS].join(', ')})`);
    }
    if (!cmd.length) throw new TemplateError(`${at}: empty pipeline`);
    out.push(cmd);
    return out;
  };
  const result = pipeline();
  if (k < tokens.length) throw new TemplateError(`${at}: unexpected ")"`);
  return result;
}

interface Scope {
  dot: unknown;
  root: unknown;
  defines: Map<string, Node[]>;
  depth: number;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go templates' notion of empty: false, 0, nil, "", an empty list or map. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isMap(v) && Object.keys(v).length === 0;
}

function lookup(base: unknown, path: string[], at: string): unknown {
  let v = base;
  for (const [n, key] of path.entries()) {
    const where = `.${path.slice(0, n + 1).join('.')}`;
    if (!isMap(v)) throw new TemplateError(`${at}: cannot read ${where}: its parent is ${v === undefined ? 'missing' : 'not a map'}`);
    const allowed = CLOSED.get(v);
    if (allowed && !allowed.has(key))
      throw new TemplateError(`${at}: unsupported ${where} (this renderer knows ${[...allowed].join(', ')})`);
    v = v[key];
  }
  return v;
}

// The root context and .Release/.Chart are closed sets of keys; .Values and anything below it are open.
const CLOSED = new WeakMap<object, Set<string>>();

function evalPipeline(p: Pipeline, s: Scope, at: string): unknown {
  let piped: unknown[] = [];
  for (const [stage, cmd] of p.entries()) {
    const [head, ...rest] = cmd;
    if (head.kind !== 'fn') {
      if (rest.length || stage > 0) throw new TemplateError(`${at}: only a function can take arguments or a piped value`);
      piped = [evalOperand(head, s, at)];
      continue;
    }
    const args = [...rest.map((o) => evalOperand(o, s, at)), ...piped];
    piped = [callFunction(head.name, args, s, at)];
  }
  return piped[0];
}

function evalOperand(o: Operand, s: Scope, at: string): unknown {
  if (o.kind === 'literal') return o.value;
  if (o.kind === 'sub') return evalPipeline(o.pipeline, s, at);
  if (o.kind === 'fn') throw new TemplateError(`${at}: function ${o.name} used as an argument: put it in ( )`);
  return lookup(o.from === 'root' ? s.root : s.dot, o.path, at);
}

function arity(name: string, args: unknown[], n: number, at: string): void {
  if (args.length !== n) throw new TemplateError(`${at}: ${name} takes ${n} argument(s), got ${args.length}`);
}

function callFunction(name: string, args: unknown[], s: Scope, at: string): unknown {
  switch (name) {
    case 'include': {
      arity(name, args, 2, at);
      const body = s.defines.get(String(args[0]));
      if (!body) throw new TemplateError(`${at}: include of an undefined template "${String(args[0])}"`);
      if (s.depth > 20) throw new TemplateError(`${at}: include nested too deep`);
      return renderNodes(body, { dot: args[1], root: args[1], defines: s.defines, depth: s.depth + 1 });
    }
    case 'quote':
      arity(name, args, 1, at);
      return JSON.stringify(printable(args[0], at));
    case 'default':
      arity(name, args, 2, at);
      return isEmpty(args[1]) ? args[0] : args[1];
    case 'required':
      arity(name, args, 2, at);
      if (args[1] === undefined || args[1] === null || args[1] === '') throw new TemplateError(String(args[0]));
      return args[1];
    case 'not':
      arity(name, args, 1, at);
      return isEmpty(args[0]);
    case 'toYaml':
      arity(name, args, 1, at);
      return stringifyYaml(args[0] ?? null, { lineWidth: 0 }).replace(/\n$/, '');
    case 'indent':
    case 'nindent': {
      arity(name, args, 2, at);
      if (typeof args[0] !== 'number') throw new TemplateError(`${at}: ${name} takes a number of spaces first`);
      const pad = ' '.repeat(args[0]);
      const out = pad + printable(args[1], at).replaceAll('\n', `\n${pad}`);
      return name === 'nindent' ? `\n${out}` : out;
    }
    case 'sha256sum':
      arity(name, args, 1, at);
      return createHash('sha256').update(printable(args[0], at)).digest('hex');
  }
  throw new TemplateError(`${at}: unknown function ${name}`);
}

/** What `{{ x }}` prints; a missing value, a map or a list is a mistake in this chart (use toYaml). */
function printable(v: unknown, at: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined || v === null) throw new TemplateError(`${at}: prints a missing value (set it in values.yaml, or use default)`);
  throw new TemplateError(`${at}: prints a ${Array.isArray(v) ? 'list' : 'map'}: use toYaml`);
}

function renderNodes(nodes: Node[], s: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'print') out += printable(evalPipeline(n.pipeline, s, n.at), n.at);
    else {
      const v = evalPipeline(n.pipeline, s, n.at);
      if (isEmpty(v)) out += renderNodes(n.otherwise, s);
      else out += renderNodes(n.then, n.kind === 'with' ? { ...s, dot: v } : s);
    }
  }
  return out;
}

/** Values of values.yaml with `override` merged in, the way Helm merges `-f`/`--set` (null deletes a key). */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else out[k] = mergeValues(base[k], v);
  }
  return out;
}

export interface RenderedChart {
  /** Output per template file (files whose name starts with `_` hold only defines). */
  files: Map<string, string>;
  /** Every non-empty YAML document, parsed, with the template it came from. */
  documents: { source: string; doc: Record<string, unknown> }[];
}

function makeContext(chart: Record<string, unknown>, values: unknown, releaseName = 'baimo', namespace = 'default'): RenderContext {
  const Chart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(chart)) Chart[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  const context: RenderContext = {
    Values: (isMap(values) ? values : {}) as Record<string, unknown>,
    Release: { Name: releaseName, Namespace: namespace, Service: 'Helm' },
    Chart,
  };
  CLOSED.set(context, new Set(['Values', 'Release', 'Chart']));
  CLOSED.set(context.Release, RELEASE_KEYS);
  CLOSED.set(Chart, CHART_KEYS);
  return context;
}

/** Renders one template text (and the defines of `helpers`) against values: for the renderer's own tests. */
export function renderText(source: string, values: Record<string, unknown> = {}, helpers = ''): string {
  const defines = parseTemplate(helpers, '_helpers.tpl').defines;
  const { nodes, defines: own } = parseTemplate(source, 'template.yaml');
  for (const [k, v] of own) defines.set(k, v);
  const context = makeContext({ name: 'baimo', version: '0.0.0', appVersion: '0.0.0' }, values);
  return renderNodes(nodes, { dot: context, root: context, defines, depth: 0 });
}

/** Renders deploy/helm/<chart> like `helm template <release> <chart> -f override`. */
export function renderChart(chartDir: string, opts: { values?: unknown; releaseName?: string; namespace?: string } = {}): RenderedChart {
  const chart = parseYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = mergeValues(parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {}, opts.values ?? {});
  const context = makeContext(chart, values, opts.releaseName, opts.namespace);
  const dir = join(chartDir, 'templates');
  const parsed = new Map<string, Node[]>();
  const defines = new Map<string, Node[]>();
  for (const name of readdirSync(dir).sort()) {
    if (name === 'NOTES.txt') continue;
    if (!/\.(ya?ml|tpl)$/.test(name)) throw new TemplateError(`templates/${name}: not a .yaml or .tpl file`);
    const t = parseTemplate(readFileSync(join(dir, name), 'utf8'), `templates/${name}`);
    for (const [k, v] of t.defines) {
      if (defines.has(k)) throw new TemplateError(`templates/${name}: template "${k}" defined twice`);
      defines.set(k, v);
    }
    parsed.set(name, t.nodes);
  }
  const files = new Map<string, string>();
  const documents: RenderedChart['documents'] = [];
  for (const [name, nodes] of parsed) {
    const text = renderNodes(nodes, { dot: context, root: context, defines, depth: 0 });
    files.set(name, text);
    if (name.startsWith('_')) continue;
    for (const part of text.split(/^---\s*$/m)) {
      if (!part.replace(/^\s*#.*$/gm, '').trim()) continue;
      const doc: unknown = parseYaml(part, { uniqueKeys: true, prettyErrors: true });
      if (!isMap(doc)) throw new TemplateError(`templates/${name}: a document that is not a mapping`);
      documents.push({ source: `templates/${name}`, doc });
    }
  }
  return { files, documents };
}
