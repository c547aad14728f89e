// Jitsi servers beyond the manifest's, from two sources: the school's (setting `hosts`, usually by
// policy) and the teacher's (enabled from the popup, host permission asked with their click). Content
// scripts are registered for both, kept across restarts. A registration needs no host permission; the
// browser runs the scripts only where it grants one, so a force-installed managed build (required
// https://*/*, see docs/admin) works on the school's hosts with no click, and the store build does once
// the teacher allows the host. A teacher's site whose permission is revoked is forgotten.
import browser from 'webextension-polyfill';
import { isSitePattern } from '../core/sites.ts';
import { readSettings, REGISTRATION_PROBLEMS_KEY, type RegistrationProblem } from '../shared/settings-store.ts';

const STORAGE_KEY = 'enabledSites';

/**
 * The managed build holds every https site from install, so the browser asks nothing when a site is enabled
 * (issue 16). There the teacher's own confirmation, in the popup or on the options page, is the opt-in:
 * a site outside the school's policy runs the companion only once it is recorded here.
 */
export const CONFIRMED_KEY = 'confirmedSites';
const holdsEveryHttpsSite = (): boolean => (browser.runtime.getManifest().host_permissions ?? []).includes('https://*/*');

async function confirmedSites(): Promise<string[]> {
  const stored: unknown = (await browser.storage.local.get(CONFIRMED_KEY))[CONFIRMED_KEY];
  return Array.isArray(stored) ? stored.filter(isSitePattern) : [];
}

/** Sites the teacher chose that may run: where the browser grants them and, in the managed build, confirmed. */
async function optedIn(sites: string[]): Promise<string[]> {
  const allowed = await granted(sites);
  if (!holdsEveryHttpsSite()) return allowed;
  const confirmed = await confirmedSites();
  return allowed.filter((site) => confirmed.includes(site));
}
/**
 * Built paths of the two content scripts (standalone files, see vite.config.ts). Relative, as Chrome
 * wants them; Firefox resolves them against the caller's URL, so only the background (at the root) uses them.
 */
const CONTENT_SCRIPT_FILES = { isolated: 'src/content/index.js', page: 'src/page/index.js' } as const;

async function chosenSites(): Promise<string[]> {
  const stored: unknown = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return Array.isArray(stored) ? stored.filter(isSitePattern) : [];
}

/** Sites the manifest already covers need no registration. */
function manifestSites(): Set<string> {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return new Set(scripts.flatMap((script) => script.matches ?? []));
}

async function granted(sites: string[]): Promise<string[]> {
  const answers = await Promise.all(sites.map((site) => browser.permissions.contains({ origins: [site] })));
  return sites.filter((_, index) => answers[index]);
}

/** The teacher's sites beyond the manifest's that the browser still grants (of `chosen`: one read of the list). */
async function teacherSites(chosen?: string[]): Promise<string[]> {
  const fixed = manifestSites();
  return optedIn((chosen ?? (await chosenSites())).filter((site) => !fixed.has(site)));
}

/**
 * The `hosts` setting: the school's from policy as they are; in the managed build, hosts the teacher typed
 * in only once confirmed (elsewhere the browser's permission, asked on the options page, decides).
 */
async function schoolSites(): Promise<string[]> {
  const fixed = manifestSites();
  const { values, policy } = await readSettings();
  const fromPolicy = new Set([...(policy.enforced.hosts ?? []), ...(policy.defaults.hosts ?? [])]);
  const confirmed = holdsEveryHttpsSite() ? await confirmedSites() : null;
  return values.hosts.filter((site) => !fixed.has(site) && (fromPolicy.has(site) || !confirmed || confirmed.includes(site)));
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the registered content scripts match the school's and the teacher's sites. Serialised: events
 * can overlap. `keepRegistered` (browser start): add, never remove, because managed storage may still
 * read empty for a few seconds after start; its change event then syncs for real.
 */
export function syncRegisteredScripts(keepRegistered = false): Promise<void> {
  const apply = () => applyRegistration(keepRegistered);
  syncing = syncing.then(apply, apply);
  return syncing;
}

const SCRIPT_IDS = { isolated: 'jitsi-sites-isolated', page: 'jitsi-sites-page' } as const;

function scriptsFor(sites: string[], ids: { isolated: string; page: string } = SCRIPT_IDS): browser.Scripting.RegisteredContentScript[] {
  // allFrames: a school platform may embed the lesson (docs/jitsi.md §11); the embedding page itself is
  // not one of these sites, so nothing runs there.
  const common = { matches: sites, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true };
  return [
    { ...common, id: ids.isolated, js: [CONTENT_SCRIPT_FILES.isolated] },
    { ...common, id: ids.page, js: [CONTENT_SCRIPT_FILES.page], world: 'MAIN' },
  ];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * The browser refuses the whole list for one pattern it cannot read. Sites are checked before (sites.ts
 * reads hosts as the browser does), and should it still refuse, each site is tried alone, so that one bad
 * site never takes the others with it, and the refused ones are kept with the browser's reason.
 */
async function registerSites(sites: string[]): Promise<RegistrationProblem[]> {
  if (!sites.length) return [];
  try {
    await browser.scripting.registerContentScripts(scriptsFor(sites));
    return [];
  } catch {
    const probe = { isolated: 'jitsi-sites-probe-isolated', page: 'jitsi-sites-probe-page' };
    const problems: RegistrationProblem[] = [];
    for (const site of sites) {
      try {
        await browser.scripting.registerContentScripts(scriptsFor([site], probe));
      } catch (error) {
        problems.push({ site, error: errorText(error) });
      }
      await browser.scripting.unregisterContentScripts({ ids: [probe.isolated, probe.page] }).catch(() => undefined);
    }
    const good = sites.filter((site) => !problems.some((problem) => problem.site === site));
    if (good.length) {
      await browser.scripting.registerContentScripts(scriptsFor(good)).catch((error: unknown) => {
        problems.push(...good.map((site) => ({ site, error: errorText(error) })));
      });
    }
    return problems;
  }
}

async function applyRegistration(keepRegistered: boolean): Promise<void> {
  // One read of the teacher's list: a site enabled meanwhile is not taken for one whose permission went.
  const chosen = await chosenSites();
  const teacher = await teacherSites(chosen);
  // A site whose permission was revoked in the browser is off for good: forget its name too.
  const kept = chosen.filter((site) => teacher.includes(site) || manifestSites().has(site));
  if (kept.length !== chosen.length) await browser.storage.local.set({ [STORAGE_KEY]: kept });
  const ids = [SCRIPT_IDS.isolated, SCRIPT_IDS.page];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  const before = keepRegistered ? existing.flatMap((script) => script.matches ?? []) : [];
  // Only patterns the browser can read (sites.ts checks them as it does).
  const sites = [...new Set([...before, ...teacher, ...(await schoolSites())])].filter(isSitePattern).sort();
  const registered = [...new Set(existing.flatMap((script) => script.matches ?? []))].sort();
  // Registrations from a version without allFrames are replaced once.
  const current = existing.every((script) => script.allFrames === true);
  let problems: RegistrationProblem[] = [];
  if (existing.length !== ids.length || !current || sites.join(' ') !== registered.join(' ')) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
    problems = await registerSites(sites);
  }
  const known: unknown = (await browser.storage.local.get(REGISTRATION_PROBLEMS_KEY))[REGISTRATION_PROBLEMS_KEY];
  if (JSON.stringify(known ?? []) !== JSON.stringify(problems)) await browser.storage.local.set({ [REGISTRATION_PROBLEMS_KEY]: problems });
}

export async function enableSite(pattern: string, confirmed = false): Promise<{ ok: boolean; reason?: 'invalid' | 'not-granted' | 'confirm' }> {
  if (!isSitePattern(pattern)) return { ok: false, reason: 'invalid' };
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return { ok: false, reason: 'not-granted' };
  if (holdsEveryHttpsSite()) {
    // No browser prompt in this build: only the teacher's confirmation in the popup enables a site.
    if (!confirmed) return { ok: false, reason: 'confirm' };
    const known = await confirmedSites();
    if (!known.includes(pattern)) await browser.storage.local.set({ [CONFIRMED_KEY]: [...known, pattern] });
  }
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

/** Runs there now: the manifest's, or the school's or teacher's with the browser's permission. */
export async function isSiteEnabled(pattern: string): Promise<boolean> {
  if (manifestSites().has(pattern)) return true;
  if ((await teacherSites()).includes(pattern)) return true;
  return (await schoolSites()).includes(pattern) && (await granted([pattern])).length === 1;
}

/** The teacher's own hosts (options page) waiting for the confirmation this build needs: none outside the managed build. */
export function followConfirmations(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && CONFIRMED_KEY in changes) void syncRegisteredScripts();
  });
}

export function watchSiteAccess(): void {
  browser.permissions.onRemoved.addListener(() => void syncRegisteredScripts());
  browser.permissions.onAdded.addListener(() => void syncRegisteredScripts());
  browser.runtime.onInstalled.addListener(() => void syncRegisteredScripts());
  // Registrations persist, but the browser may not have written them before it was closed: re-apply
  // ours (the teacher's list ∩ granted permissions) at every start.
  browser.runtime.onStartup.addListener(() => void syncRegisteredScripts(true));
}
