// URL hash overrides `#config.<key>=<json>&interfaceConfig.<KEY>=<json>` (facts §1.3; SDK
// base/util/parseURLParams.ts, base/config/functions.any.ts setConfigFromURLParams). Values are
// JSON-parsed (strings need quotes); dotted keys build nested objects. Applied to a copy that becomes
// redux 'features/base/config' — window.config itself stays as served. Pure.

type Json = Record<string, unknown>;

/** `#a=1&b="x"` → {a: 1, b: 'x'}; unparsable values are skipped, as Jitsi logs and skips them. */
export function parseHashParams(hash: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (!part) continue;
    const [rawKey = '', ...rest] = part.split('=');
    const key = decodeURIComponent(rawKey);
    const rawValue = rest.join('=');
    if (!key) continue;
    try {
      result[key] = rawValue === '' ? undefined : JSON.parse(decodeURIComponent(rawValue));
    } catch {
      // Jitsi: "Failed to parse URL parameter value" — skipped.
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') return;
    if (!isPlainObject(node[segment])) node[segment] = {};
    node = node[segment] as Json;
  }
  const last = path[path.length - 1];
  if (last === undefined || last === '__proto__' || last === 'constructor' || last === 'prototype') return;
  node[last] = value;
}

/** Effective config and interfaceConfig for the store: served objects + hash overrides. */
export function applyUrlOverrides(config: unknown, interfaceConfig: unknown, hash: string): { config: Json; interfaceConfig: Json } {
  const effectiveConfig = isPlainObject(config) ? deepClone(config) : {};
  const effectiveInterface = isPlainObject(interfaceConfig) ? deepClone(interfaceConfig) : {};
  for (const [key, value] of Object.entries(parseHashParams(hash))) {
    const [scope, ...path] = key.split('.');
    if (path.length === 0) continue;
    if (scope === 'config') setPath(effectiveConfig, path, value);
    else if (scope === 'interfaceConfig') setPath(effectiveInterface, path, value);
  }
  return { config: effectiveConfig, interfaceConfig: effectiveInterface };
}

/** `isPrejoinPageVisible`'s config half: prejoinConfig.enabled (current) / prejoinPageEnabled (2021). */
export function isPrejoinEnabled(config: Json, variant: 'current' | '2021'): boolean {
  if (variant === '2021') return config.prejoinPageEnabled === true;
  const prejoinConfig = config.prejoinConfig;
  // The legacy key was dropped in Aug 2025 (facts §1.3): the current app ignores it.
  return isPlainObject(prejoinConfig) ? prejoinConfig.enabled !== false : true;
}
