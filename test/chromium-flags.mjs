// @ts-check
// Chromium flags for hermetic, headless test and bench runs (docs/browsers.md §2.1):
// nothing resolves but 127.0.0.1, localhost and the host names mapped to 127.0.0.1 here.

/**
 * @param {{ mappedHosts?: string[], updater?: boolean }} [options]
 *   mappedHosts: names that reach the local simulator (e.g. a school's Jitsi host);
 *   updater: keep background networking, which the extension updater (force-install) needs.
 * @returns {string[]}
 */
export function hermeticChromiumFlags({ mappedHosts = [], updater = false } = {}) {
  const rules = [...mappedHosts.map((host) => `MAP ${host} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'];
  return [
    '--no-sandbox',
    '--disable-gpu',
    ...(updater ? [] : ['--disable-background-networking']),
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--host-resolver-rules=${rules.join(', ')}`,
  ];
}

/** Loads one unpacked extension and no other. @param {string} extensionDir an absolute path */
export function loadExtensionFlags(extensionDir) {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
}
