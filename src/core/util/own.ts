/**
 * Objects keyed by user text — node ids, group names, message types — are data, and ids such as
 * `__proto__` or `constructor` match the spec's id pattern. A plain `obj[id] = v` would set the
 * object's prototype for `__proto__`, and `obj[id]` would find `Object` for `constructor`; these two
 * helpers read and write own properties only.
 */

/** Sets `key` as an own, enumerable data property (also for `"__proto__"`). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value of own property `key`, or undefined (never an inherited one). */
export function getOwn<T>(source: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}
