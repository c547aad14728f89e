// A real force-install in Debian's Firefox ESR, as a school's IT does it (docs/admin/deploy.md, "Firefox"):
// /etc/firefox/policies/policies.json with ExtensionSettings force_installed + install_url pointing at
// `npm run package`'s firefox-managed .xpi, and the school's configuration under 3rdparty.Extensions.
// Firefox is started with no add-on installed by the test; it must install the package by itself, hand it
// the policy, and the add-on must run on the school's https Jitsi host from policy with no click.
//
// The package here is unsigned, so the test sets xpinstall.signatures.required=false, which ESR honours
// (docs/browsers.md §3.4). Real schools force-install the XPI after their AMO account has signed it (unlisted).
//
// Needs root (CI runs as root). policies.json is machine-wide and single, and Firefox reads it once, at
// startup: this Firefox has the folder to itself where the run allows it (school-policy-files.ts);
// otherwise the file is in place only while Firefox starts, the school's own file (if any) moved aside and back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { MANAGED_GECKO_ID, SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { EXTENSION_ID_PLACEHOLDER, generateKit } from '../../scripts/admin-kit/index.ts';
import { packageFileName, packageRelease } from '../../scripts/package.mjs';
import { launchPolicyFirefox, pollFor } from './firefox-launch.ts';
import { expect, startSchoolServer, test } from './fixtures.ts';
import { canWritePolicy, firefoxPolicyFolder, type PolicyFolder } from './school-policy-files.ts';

/** Fixed internal UUID, so the add-on's pages have a known moz-extension:// origin. */
const UUID = '0b6c4f3e-8d1a-4f8e-9c61-5a2e7d3f4b21';


/** Opens one of the add-on's pages; null while the add-on is not (yet) there. moz-extension:// gotos never resolve (docs/browsers.md §3.1). */
async function extensionPageLoaded(page: Page, path: string, readySelector: string): Promise<true | null> {
  await page.goto(`moz-extension://${UUID}/${path}`, { timeout: 1500 }).catch(() => undefined);
  return (await page.waitForSelector(readySelector, { timeout: 1000 }).catch(() => null)) ? true : null;
}

test.describe('force-install by policy in Firefox ESR (policies.json ExtensionSettings)', () => {
  let temp = '';
  let browser: Browser | undefined;
  let policy: PolicyFolder | undefined;
  let version = '';
  let launchedAt = 0;
  let schoolConfiguration: unknown;

  test.beforeAll(async () => {
    test.skip(!canWritePolicy, 'writing /etc/firefox/policies/policies.json needs root');
    temp = mkdtempSync(join(tmpdir(), 'jmc-forceinstall-ff-'));
    test.setTimeout(60_000);
    const packaged = await packageRelease({ outDir: join(temp, 'release'), build: false, lint: false, log: () => undefined });
    version = packaged.version;
    const xpi = join(packaged.outDir, packageFileName(version, 'firefox-managed.xpi'));
    // The admin kit's policies.json for this school's host, pointing at the package (as a school would at its server).
    const kit = generateKit({ host: SECOND_SIMULATOR_HOST, chromeId: EXTENSION_ID_PLACEHOLDER, firefoxInstallUrl: pathToFileURL(xpi).href });
    const policies = JSON.parse(kit.get('firefox/policies.json')!);
    schoolConfiguration = policies.policies['3rdparty'].Extensions[MANAGED_GECKO_ID];
    expect(schoolConfiguration).toMatchObject({ enforced: { hosts: [SECOND_SIMULATOR_HOST], autoLobby: true } });
    policy = firefoxPolicyFolder();
    launchedAt = Date.now();
    browser = await launchPolicyFirefox({ policy, policies, profile: join(temp, 'profile'), host: SECOND_SIMULATOR_HOST, uuid: UUID });
  });

  test.afterAll(async () => {
    await browser?.close().catch(() => undefined);
    policy?.dispose();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test('installs itself from the policy, reads its configuration, and runs on the policy host with no click', async () => {
    test.setTimeout(90_000);
    const options = await browser!.newPage();
    // 1. Installed by the policy engine (nothing else installs it here): its options page exists.
    await pollFor(() => extensionPageLoaded(options, 'src/options/index.html', '[data-testid="settings"]'), 'the force-installed add-on', 30_000);
    const installedAfter = Date.now() - launchedAt;
    const self = await options.evaluate(async () => {
      const ext = (globalThis as any).browser;
      const info = await ext.management.getSelf();
      const manifest = ext.runtime.getManifest();
      return { id: info.id, installType: info.installType, version: manifest.version, hostPermissions: manifest.host_permissions, managed: await ext.storage.managed.get() };
    });
    // installType "admin": installed by enterprise policy; the managed build (every https host), this version.
    expect(self).toEqual({ id: MANAGED_GECKO_ID, installType: 'admin', version, hostPermissions: ['https://*/*'], managed: schoolConfiguration });
    // 2. The school's configuration is applied: both settings show as enforced.
    expect(await options.$eval('[data-testid="setting-autoLobby"]', (el) => el.getAttribute('data-source'))).toBe('enforced');
    expect(await options.$eval('[data-testid="setting-hosts"]', (el) => el.getAttribute('data-source'))).toBe('enforced');
    await options.waitForSelector('[data-testid="installed-by-school"]');

    // 3. A lesson on the school's own server (https, its own name): the companion is there by itself.
    const school = await startSchoolServer();
    try {
      const lesson = await browser!.newPage();
      await lesson.goto(school.roomUrl('Latein10', { students: 3 }, '#config.prejoinConfig.enabled=false'));
      await lesson.evaluate(() => window.__jitsiSim.whenJoined());
      // The background keeps the room (content script → background): the add-on is active on this host.
      const room = await pollFor(
        () =>
          options.evaluate(async () => {
            const all: Record<string, any> = await (globalThis as any).browser.storage.session.get(null);
            const entry = Object.entries(all).find(([key, value]) => key.startsWith('room:') && value?.roomName === 'Latein10');
            return entry && entry[1].participants === 3 ? { host: entry[1].host as string, participants: entry[1].participants as number } : null;
          }),
        'the lesson in session storage',
      );
      expect(room.participants).toBe(3);
      // The school's enforced automatic lobby, turned on when the teacher became moderator.
      await pollFor(() => lesson.evaluate(() => (window.APP.store.getState()['features/lobby'].lobbyEnabled ? true : null)), 'the lobby to be turned on');
    } finally {
      await school.close();
    }
    console.log(`force-install (Firefox): add-on ready ${installedAfter} ms after launch, lesson checked after ${Date.now() - launchedAt} ms`);
    await options.close();
  });
});
