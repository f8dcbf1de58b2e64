/**
 * Sets an own property of `o`, also one named `__proto__`: a plain assignment of that name would
 * change the object's prototype instead (the way JSON-borne objects pollute copies made of them).
 */
export function setOwn(o: Record<string | number, unknown>, k: string | number, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
