/**
 * Typed access for tests under `noUncheckedIndexedAccess`, instead of non-null assertions (`!`):
 * a missing element or value fails the test with a clear message rather than a later TypeError.
 */

/** The element at `index` (negative counts from the end); throws if there is none. */
export function elementAt<T>(list: readonly T[] | undefined, index: number, what = 'list'): T {
  if (list === undefined) throw new Error(`${what} is undefined, expected an element at index ${index}`);
  const i = index < 0 ? list.length + index : index;
  if (i < 0 || i >= list.length) {
    throw new Error(`${what} has ${list.length} element(s), expected one at index ${index}`);
  }
  return list[i] as T;
}

/** `value` itself; throws if it is undefined or null. */
export function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to be defined, got ${value}`);
  return value;
}
