/**
 * The variables a template names, as src/apps/template-compile.ts `detectVariables` reads them:
 * `{{name}}`, and the names in `{{#if name}}`, `{{#if name == "x"}}`, `{{else if name != "x"}}`
 * (comments `{{!…}}`, `{{else}}` and `{{/if}}` name none; malformed tags are skipped). A small copy for
 * the browser, so the studio flags undeclared and unused variables while the user types.
 */
const NAME = /^[a-z_][a-z0-9_]{0,39}$/;
const CONDITION = /^([a-z_][a-z0-9_]{0,39})(?:\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?[0-9][0-9.]*|true|false)))?$/;

/** Names used by a template, in order of first use, each once. Never throws. */
export function detectVariables(source: string): string[] {
  const out: string[] = [];
  const tag = /\{\{\s*([^}]*?)\s*\}\}/g;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const t = m[1]!;
    let name: string | undefined;
    if (NAME.test(t)) name = t;
    else {
      const c = /^(?:#if|else\s+if)\s+(.*)$/s.exec(t);
      if (c) name = CONDITION.exec(c[1]!.trim())?.[1];
    }
    if (name && name !== 'else' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Names the runner adds to every prompt (src/apps/render-prompt.ts PHASE_EXTRAS): a JSON app's repair call. */
export const RUN_VARIABLES = ['invalid_answer', 'errors'] as const;
/** Names the map and reduce prompts get on top of the app's own. */
export const LONG_INPUT_VARIABLES = ['chunk', 'index', 'count', 'results', ...RUN_VARIABLES] as const;

/** Names used by several templates together, each once. */
export function detectAll(templates: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  for (const t of templates) if (t) for (const v of detectVariables(t)) seen.add(v);
  return [...seen];
}
