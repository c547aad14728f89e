// The browser's own extension API, without webextension-polyfill, for the content script (size budget:
// content + page ≤ 12 KB gzip). Firefox and Chromium ≥ 128 expose a promise-based `browser`; older Chrome
// and Edge have `chrome`, whose MV3 APIs used here (runtime.sendMessage/onMessage, i18n) return promises
// or are synchronous, and storage.local. Extension pages and the background keep using the polyfill.
import type Browser from 'webextension-polyfill';

type Api = Pick<typeof Browser, 'runtime' | 'i18n' | 'storage'>;

/** A real extension API object: an element named "browser" or "chrome" on the page has no runtime id. */
function isExtensionApi(value: unknown): value is Api {
  try {
    const runtime = (value as { runtime?: { id?: unknown; connect?: unknown } } | undefined)?.runtime;
    return typeof runtime?.id === 'string' && typeof runtime.connect === 'function';
  } catch {
    return false;
  }
}

/**
 * `chrome` where it is Chrome's (it cannot be shadowed by the page), else Firefox's `browser`, checked
 * before use: on Chrome before 148 an element with id="browser" could stand in for a missing `browser`.
 */
export function pickExtensionApi(scope: { browser?: unknown; chrome?: unknown }): Api | undefined {
  const candidates = [scope.browser, scope.chrome].filter(isExtensionApi);
  // Firefox has both: its promise-based `browser` first. Chrome: only `chrome` is a real API before 148.
  return candidates[0];
}

/** Undefined only where no real extension API exists (the content script then does nothing). */
export const ext: Api = pickExtensionApi(globalThis as unknown as { browser?: unknown; chrome?: unknown })!;
