// Tiny structural guards for data that crosses a context boundary. Pages are untrusted:
// every field is checked for type and size, unknown shapes are rejected, nothing is coerced.
// The factories are marked side-effect free, so each bundle keeps only the guards it uses (the content
// and page scripts have a size budget).

export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* @__NO_SIDE_EFFECTS__ */
export const boundedString =
  (maxLength: number): Guard<string> =>
  (value): value is string =>
    typeof value === 'string' && value.length <= maxLength;

/* @__NO_SIDE_EFFECTS__ */
export const count =
  (max = 100_000): Guard<number> =>
  (value): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

/* @__NO_SIDE_EFFECTS__ */
export const oneOf =
  <T extends string | number | boolean>(options: readonly T[]): Guard<T> =>
  (value): value is T =>
    (options as readonly unknown[]).includes(value);

/* @__NO_SIDE_EFFECTS__ */
export const nullOr =
  <T>(guard: Guard<T>): Guard<T | null> =>
  (value): value is T | null =>
    value === null || guard(value);

/** A guard per field of T; the object must have exactly these keys (no smuggled extras). */
export type Schema<T> = { [K in keyof T]-?: Guard<T[K]> };

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/**
 * Guard for an object with exactly the schema's keys; keys listed in `optional` may be absent
 * (but not present with `undefined`). Anything else present is rejected.
 */
/* @__NO_SIDE_EFFECTS__ */
export function object<T>(
  schema: { [K in RequiredKeys<T>]-?: Guard<T[K]> },
  optional: { [K in OptionalKeys<T>]-?: Guard<Exclude<T[K], undefined>> } = {} as never,
): Guard<T> {
  const required = Object.keys(schema) as string[];
  const guards: Record<string, Guard<unknown>> = { ...(optional as object), ...(schema as object) };
  return (value): value is T => {
    if (!isRecord(value)) return false;
    if (!required.every((key) => Object.hasOwn(value, key))) return false;
    return Object.keys(value).every((key) => Object.hasOwn(guards, key) && guards[key]!(value[key]));
  };
}

/* @__NO_SIDE_EFFECTS__ */
export function arrayOf<T>(guard: Guard<T>, maxLength: number): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.length <= maxLength && value.every((item) => guard(item));
}
