// Tiny structural guards for data that crosses a context boundary. Pages are untrusted:
// every field is checked for type and size, unknown shapes are rejected, nothing is coerced.

export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const boundedString =
  (maxLength: number): Guard<string> =>
  (value): value is string =>
    typeof value === 'string' && value.length <= maxLength;

export const count =
  (max = 100_000): Guard<number> =>
  (value): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

export const oneOf =
  <T extends string | number | boolean>(options: readonly T[]): Guard<T> =>
  (value): value is T =>
    (options as readonly unknown[]).includes(value);

export const nullOr =
  <T>(guard: Guard<T>): Guard<T | null> =>
  (value): value is T | null =>
    value === null || guard(value);

/** A guard per field of T; the object must have exactly these keys (no smuggled extras). */
export type Schema<T> = { [K in keyof T]-?: Guard<T[K]> };

export function object<T>(schema: Schema<T>): Guard<T> {
  const keys = Object.keys(schema) as (keyof T & string)[];
  return (value): value is T => {
    if (!isRecord(value)) return false;
    const own = Object.keys(value);
    if (own.length !== keys.length) return false;
    return keys.every((key) => Object.hasOwn(value, key) && schema[key](value[key]));
  };
}
