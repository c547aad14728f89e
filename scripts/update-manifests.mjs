// @ts-check
// What a school's own update server serves, and what points the installed managed build at it
// (scripts/package.mjs, docs/admin/deploy.md "self-hosted"):
//   Chrome/Edge  updates.xml, the "gupdate" update manifest of Chromium's extension updater, and
//                `update_url` in the managed manifest;
//   Firefox      updates.json (https://extensionworkshop.com/documentation/manage/updating-your-extension/),
//                and `browser_specific_settings.gecko.update_url` in the managed manifest.
// Firefox disables an add-on whose manifest update_url is not https (XPIDatabase's providesUpdatesSecurely,
// while extensions.checkUpdateSecurity is on, as it is by default), so the packager takes plain http only for
// this machine's own tests.

export const CHROME_UPDATE_MANIFEST = 'updates.xml';
export const FIREFOX_UPDATE_MANIFEST = 'updates.json';

/** @param {string} text */
function xmlAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/**
 * Chrome/Edge: which version is current and where its CRX is.
 * @param {{ appId: string, version: string, codebase: string }} app
 */
export function updatesXml({ appId, version, codebase }) {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xmlAttribute(appId)}'>`,
    `    <updatecheck codebase='${xmlAttribute(codebase)}' version='${xmlAttribute(version)}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/**
 * Firefox: the add-on's versions and where each XPI is. No update_hash: the file served is the one AMO
 * signed, not the one packaged here, so its hash is not known yet; Firefox takes an https link without one.
 * @param {{ addonId: string, version: string, link: string }} addon
 */
export function updatesJson({ addonId, version, link }) {
  return `${JSON.stringify({ addons: { [addonId]: { updates: [{ version, update_link: link }] } } }, null, 2)}\n`;
}

/**
 * The managed manifest, pointing at the school's update manifest (a copy; the input is not changed).
 * @param {Record<string, any>} manifest
 * @param {'chrome' | 'firefox'} target
 * @param {string} updateUrl
 * @returns {Record<string, any>}
 */
export function withUpdateUrl(manifest, target, updateUrl) {
  const copy = structuredClone(manifest);
  if (target === 'chrome') copy.update_url = updateUrl;
  else {
    const gecko = copy.browser_specific_settings?.gecko;
    if (!gecko) throw new Error('a Firefox manifest without browser_specific_settings.gecko');
    gecko.update_url = updateUrl;
  }
  return copy;
}
