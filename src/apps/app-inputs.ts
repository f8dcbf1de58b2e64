import { APP_LIMITS, type AppInputs, type AppSpec, type AppVariable, type InputProblem } from './app-types.js';

/** Unknown input names reported one by one; past this, one problem counts the rest. */
const MAX_UNKNOWN = 10;

/** A value checked against its variable: the value to render, or what is wrong (English, Chinese). */
export type Checked = { value: string | number | boolean } | { en: string; zh: string };

/** A received value in a message: strings quoted, anything long cut. */
const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};
const kind = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a raw value counts as not given: undefined, null, or text of spaces only. */
export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * `value` as variable `v` takes it: text types take strings (and numbers, as text) up to `max_length`
 * characters; `enum` one of its options (a case-insensitive match is taken as the option); `number` a
 * number or numeric string within `min`/`max` (whole when `integer`); `boolean` true/false, "true"/"false"
 * (also yes/no, 1/0, on/off, any case).
 */
export function checkValue(v: AppVariable, value: unknown): Checked {
  const n = v.name;
  switch (v.type) {
    case 'text':
    case 'long_text':
    case 'file': {
      if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
      if (typeof value !== 'string') return { en: `"${n}" must be text, not ${kind(value)}.`, zh: `“${n}”必须是文本。` };
      const max = v.max_length ?? (v.type === 'text' ? APP_LIMITS.text : APP_LIMITS.longText);
      if (value.length > max)
        return {
          en: `"${n}" is ${value.length} characters; it takes at most ${max}.`,
          zh: `“${n}”有 ${value.length} 个字符，最多 ${max} 个。`,
        };
      return { value };
    }
    case 'enum': {
      const options = v.options ?? [];
      const s = typeof value === 'number' ? String(value) : value;
      if (typeof s === 'string') {
        if (options.includes(s)) return { value: s };
        const lower = s.trim().toLowerCase();
        const match = options.filter((o) => o.toLowerCase() === lower);
        if (match.length === 1) return { value: match[0] };
      }
      const list = options.slice(0, 20);
      const more = options.length > list.length ? ', …' : '';
      return {
        en: `"${n}" must be one of: ${list.join(', ')}${more} (got ${show(value)}).`,
        zh: `“${n}”只能是以下之一：${list.join('、')}${more ? '、…' : ''}（收到 ${show(value)}）。`,
      };
    }
    case 'number': {
      let x = value;
      if (typeof x === 'string' && NUMERIC.test(x.trim())) x = Number(x.trim());
      if (typeof x !== 'number' || !Number.isFinite(x))
        return { en: `"${n}" must be a number (got ${show(value)}).`, zh: `“${n}”必须是数字（收到 ${show(value)}）。` };
      if (v.integer && !Number.isInteger(x))
        return { en: `"${n}" must be a whole number (got ${x}).`, zh: `“${n}”必须是整数（收到 ${x}）。` };
      if (v.min !== undefined && x < v.min)
        return { en: `"${n}" must be at least ${v.min} (got ${x}).`, zh: `“${n}”不能小于 ${v.min}（收到 ${x}）。` };
      if (v.max !== undefined && x > v.max)
        return { en: `"${n}" must be at most ${v.max} (got ${x}).`, zh: `“${n}”不能大于 ${v.max}（收到 ${x}）。` };
      return { value: x };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { value };
      const s = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : undefined;
      if (s === 'true' || s === 'yes' || s === '1' || s === 'on') return { value: true };
      if (s === 'false' || s === 'no' || s === '0' || s === 'off') return { value: false };
      return { en: `"${n}" must be true or false (got ${show(value)}).`, zh: `“${n}”只能是 true 或 false（收到 ${show(value)}）。` };
    }
  }
}

const problem = (variable: string, c: { en: string; zh: string }): InputProblem => ({ variable, message: `${c.en} / ${c.zh}` });

/**
 * The inputs of a run checked against the app's variables: each value as its type takes it (see
 * {@link checkValue}), defaults for absent ones, absent optional ones left out. Problems list every
 * missing required input, bad value and unknown input name (English / Chinese); the caller answers 400
 * `invalid_inputs` when there is any.
 */
export function validateInputs(spec: AppSpec, raw: unknown): { inputs: AppInputs; problems: InputProblem[] } {
  const inputs: AppInputs = {};
  const problems: InputProblem[] = [];
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      problem('inputs', {
        en: `inputs must be an object of variable name → value, not ${kind(raw)}.`,
        zh: 'inputs 必须是“变量名 → 值”的对象。',
      }),
    );
    raw = {};
  }
  const given = raw as Record<string, unknown>;
  for (const v of spec.variables) {
    const value = Object.prototype.hasOwnProperty.call(given, v.name) ? given[v.name] : undefined;
    if (isAbsent(value)) {
      if (v.default !== undefined) {
        const d = checkValue(v, v.default);
        if ('value' in d) inputs[v.name] = d.value;
        else problems.push(problem(v.name, { en: `The app's default: ${d.en}`, zh: `应用的默认值有误：${d.zh}` }));
      } else if (v.required) problems.push(problem(v.name, { en: `"${v.name}" is required.`, zh: `缺少必填输入“${v.name}”。` }));
      continue;
    }
    const c = checkValue(v, value);
    if ('value' in c) inputs[v.name] = c.value;
    else problems.push(problem(v.name, c));
  }
  let unknown = 0;
  for (const name in given) {
    if (!Object.prototype.hasOwnProperty.call(given, name) || spec.variables.some((v) => v.name === name)) continue;
    if (++unknown > MAX_UNKNOWN) continue;
    const names = spec.variables.map((v) => v.name);
    const label = name.length > 64 ? `${name.slice(0, 64)}…` : name;
    problems.push(
      problem(label, {
        en: `Unknown input "${label}"; this app takes: ${names.join(', ') || '(nothing)'}.`,
        zh: `未知输入“${label}”；此应用的输入有：${names.join('、') || '（无）'}。`,
      }),
    );
  }
  if (unknown > MAX_UNKNOWN) {
    const rest = unknown - MAX_UNKNOWN;
    problems.push(problem('inputs', { en: `…and ${rest} more unknown inputs.`, zh: `……另有 ${rest} 个未知输入。` }));
  }
  return { inputs, problems };
}

/** The message of a 400 `invalid_inputs`: every problem, numbered. */
export function problemsMessage(problems: readonly InputProblem[]): string {
  const list = problems.map((p, i) => `${i + 1}) ${p.message}`).join(' ');
  return `The app's inputs are not valid / 应用的输入有误: ${list}`;
}

/**
 * The knowledge bases a run is grounded in: the spec's `knowledge` and, when the app declares a `bases`
 * input (the built-in `kb-qa` does), the names in it, separated by commas (`,` `，` `、`) or new lines;
 * distinct, in that order. The app stage sets them as the request's `knowledge` extension, which checks
 * the names and their count.
 */
export function knowledgeBases(spec: AppSpec, inputs: AppInputs): string[] {
  const names = [...spec.knowledge];
  const given = inputs.bases;
  if (typeof given === 'string' && spec.variables.some((v) => v.name === 'bases'))
    for (const b of given.split(/[,，、\n]/)) {
      const name = b.trim();
      if (name) names.push(name);
    }
  return [...new Set(names)];
}
