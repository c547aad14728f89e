// The browser's own extension API, without webextension-polyfill, for the content script (size budget:
// content + page ≤ 12 KB gzip). Firefox and Chromium ≥ 128 expose a promise-based `browser`; older Chrome
// and Edge have `chrome`, whose MV3 APIs used here (runtime.sendMessage/onMessage, i18n) return promises
// or are synchronous, and storage.local. Extension pages and the background keep using the polyfill.
import type Browser from 'webextension-polyfill';

type Api = Pick<typeof Browser, 'runtime' | 'i18n' | 'storage'>;

const scope = globalThis as unknown as { browser?: Api; chrome?: Api };

export const ext: Api = (scope.browser ?? scope.chrome)!;
