// Unknown names on the lib's minor namespaces (util, analytics, mediaDevices, enums, connection.xmpp …)
// answer with a recorded no-op (or, for enums, a placeholder string) instead of `undefined`, so a newer
// jitsi-meet that asks for something new keeps running and the drift is listed, not hidden:
// `missingLibNames()` (test/jitsi-sdk/scripts/check.mjs prints it). The conference, connection and
// participant classes are not wrapped: a missing method there should fail loudly.
const missing = new Map<string, number>();

/** Properties that must stay undefined so objects are not taken for promises, React elements etc. */
const NEVER = new Set(['then', 'toJSON', '$$typeof', 'constructor', 'prototype', 'asymmetricMatch', 'nodeType', '@@__IMMUTABLE_ITERABLE__@@', '_reactFragment']);

function miss(key: string): void {
  missing.set(key, (missing.get(key) ?? 0) + 1);
}

/** Unknown method names become recorded no-ops returning undefined (or `fallback()`). */
export function tolerant<T extends object>(target: T, name: string, fallback: () => unknown = () => undefined): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object || NEVER.has(property)) return Reflect.get(object, property, receiver);
      miss(`${name}.${property}`);
      return fallback;
    },
  });
}

/** An enum: listed names keep their values, unknown ones become `${prefix}.${NAME}` (recorded). */
export function enumOf<T extends Record<string, string>>(prefix: string, known: T): T {
  return new Proxy({ ...known } as Record<string, string>, {
    get(object, property) {
      if (typeof property === 'symbol' || property in object) return object[property as string];
      if (NEVER.has(property)) return undefined;
      miss(`enum ${prefix}.${property}`);
      return (object[property] = `${prefix}.${property}`);
    },
  }) as T;
}

export function missingLibNames(): string[] {
  return [...missing].map(([key, count]) => `${key} x${count}`);
}
