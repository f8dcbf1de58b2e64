/**
 * Keys never copied from a JSON document: JSON.parse makes `"__proto__"` (also spelled
 * `"\u005f_proto__"`) an own property, and assigning it would change an object's prototype or, when
 * merged into `{}`'s prototype, `Object.prototype` itself.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON.parse reviver that drops {@link PROTOTYPE_KEYS} (for policy JSON read from storage). */
export const dropPrototypeKeys = (key: string, value: unknown): unknown => (PROTOTYPE_KEYS.has(key) ? undefined : value);
