// Jitsi servers beyond the manifest's: the teacher enables a site from the popup (host permission asked
// with their click), and the content scripts are registered for it dynamically, kept across restarts.
// The list is the user's choice (storage.local) intersected with what the browser actually grants, so a
// permission revoked in the browser's settings turns the site off. Policy hosts will join enabledSites().
import browser from 'webextension-polyfill';
import { isSitePattern } from '../core/sites.ts';

const STORAGE_KEY = 'enabledSites';
/**
 * Built paths of the two content scripts (standalone files, see vite.config.ts). Relative, as Chrome
 * wants them; Firefox resolves them against the caller's URL, so only the background (at the root) uses them.
 */
const CONTENT_SCRIPT_FILES = { isolated: 'src/content/index.js', page: 'src/page/index.js' } as const;
const SCRIPT_IDS = { isolated: 'jitsi-sites-isolated', page: 'jitsi-sites-page' } as const;

async function chosenSites(): Promise<string[]> {
  const stored: unknown = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return Array.isArray(stored) ? stored.filter(isSitePattern) : [];
}

/** Sites the manifest already covers need no registration. */
function manifestSites(): Set<string> {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return new Set(scripts.flatMap((script) => script.matches ?? []));
}

/** The sites to run on beyond the manifest's: chosen by the user and still granted by the browser. */
export async function enabledSites(): Promise<string[]> {
  const fixed = manifestSites();
  const chosen = (await chosenSites()).filter((site) => !fixed.has(site));
  const granted = await Promise.all(chosen.map((site) => browser.permissions.contains({ origins: [site] })));
  return chosen.filter((_, index) => granted[index]);
}

let syncing: Promise<void> = Promise.resolve();

/** Makes the registered content scripts match enabledSites(). Serialised: events can overlap. */
export function syncRegisteredScripts(): Promise<void> {
  syncing = syncing.then(applyRegistration, applyRegistration);
  return syncing;
}

async function applyRegistration(): Promise<void> {
  const sites = await enabledSites();
  // A site whose permission was revoked in the browser is off for good: forget its name too.
  const chosen = await chosenSites();
  const kept = chosen.filter((site) => sites.includes(site) || manifestSites().has(site));
  if (kept.length !== chosen.length) await browser.storage.local.set({ [STORAGE_KEY]: kept });
  const ids = [SCRIPT_IDS.isolated, SCRIPT_IDS.page];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  if (!sites.length) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_IDS.isolated, matches: sites, js: [CONTENT_SCRIPT_FILES.isolated], runAt: 'document_start', persistAcrossSessions: true },
    {
      id: SCRIPT_IDS.page,
      matches: sites,
      js: [CONTENT_SCRIPT_FILES.page],
      runAt: 'document_start',
      persistAcrossSessions: true,
      world: 'MAIN',
    },
  ]);
}

export async function enableSite(pattern: string): Promise<{ ok: boolean; reason?: 'invalid' | 'not-granted' }> {
  if (!isSitePattern(pattern)) return { ok: false, reason: 'invalid' };
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return { ok: false, reason: 'not-granted' };
  const sites = await chosenSites();
  if (!sites.includes(pattern)) await browser.storage.local.set({ [STORAGE_KEY]: [...sites, pattern] });
  await syncRegisteredScripts();
  return { ok: true };
}

/**
 * "Check this page": runs the real bridge once in this tab (the teacher's click granted activeTab).
 * A Jitsi room then reports itself like on any enabled site; other pages stay silent.
 */
export async function injectBridge(tabId: number): Promise<{ ok: boolean; detail?: string }> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILES.isolated] });
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILES.page], world: 'MAIN' });
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
}

export async function isSiteEnabled(pattern: string): Promise<boolean> {
  return manifestSites().has(pattern) || (await enabledSites()).includes(pattern);
}

export function watchSiteAccess(): void {
  browser.permissions.onRemoved.addListener(() => void syncRegisteredScripts());
  browser.permissions.onAdded.addListener(() => void syncRegisteredScripts());
  browser.runtime.onInstalled.addListener(() => void syncRegisteredScripts());
  // Registrations persist, but the browser may not have written them before it was closed: re-apply
  // ours (the teacher's list ∩ granted permissions) at every start.
  browser.runtime.onStartup.addListener(() => void syncRegisteredScripts());
}
