import type { z } from 'zod';

/** A config problem a person can fix: the message names the field and says what to do. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Renders zod issues as `field.path: what is wrong (how to fix)` lines. */
export function formatZodIssues(source: string, issues: z.core.$ZodIssue[]): ConfigError {
  const lines = issues.map((i) => {
    const path = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n === 0 ? String(p) : `.${String(p)}`)).join('') || '(root)';
    return `  - ${path}: ${describe(i)}`;
  });
  return new ConfigError(`Invalid configuration in ${source}:\n${lines.join('\n')}`);
}

function describe(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'unrecognized_keys':
      return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling; see docs/configuration.md)`;
    case 'invalid_type':
      return `expected ${i.expected}${'input' in i && i.input === undefined ? ' but it is missing' : ''} (${i.message})`;
    default:
      return i.message;
  }
}
