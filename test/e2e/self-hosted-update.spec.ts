// A self-hosted install moves to the next version (issue 22), as a school's IT runs it (docs/admin/deploy.md,
// "Update"): `npm run package --base-url` writes the managed packages of version N with their update URL and
// the update manifests; the school's server offers them; the browser, with the admin kit's policy, installs N.
// Then the server offers N+1 (the same build packaged as the next version: packageRelease's `version`), a
// forced update check moves the install to N+1, and the new version runs with the school's policy.
//
// Chromium: ExtensionSettings force_installed + update_url + override_update_url (the kit's Linux template);
// the forced check is chrome://extensions' "Update" (Developer mode), as the deploy guide tells an admin.
// Served over http on 127.0.0.1, as force-install-chromium.spec.ts does.
// Firefox ESR: see its describe below (the kit's policies.json, updates.json, the add-on manager's update
// check, and a restart with the policy still naming N).
//
// Policy files only through school-policy-files.ts (a folder of this browser's own where the run allows it).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Worker } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { EXTENSION_ID_PLACEHOLDER, generateKit } from '../../scripts/admin-kit/index.ts';
import { MANAGED_GECKO_ID, SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { nextVersion, packageRelease } from '../../scripts/package.mjs';
import { hermeticChromiumFlags } from '../chromium-flags.mjs';
import { selfSignedCertificate } from '../sim/server.mjs';
import { launchPolicyFirefox, pollFor } from './firefox-launch.ts';
import { canWritePolicy, chromiumPolicyFolder, firefoxPolicyFolder, type PolicyFolder } from './school-policy-files.ts';

type Release = Awaited<ReturnType<typeof packageRelease>>;

interface UpdateServer {
  /** http://127.0.0.1:<port>/ */
  plain: string;
  /** https://<UPDATE_HOST>:<port>/, with a throw-away certificate */
  secure: string;
  /** From now on the update manifests are this release's. */
  offer(release: Release): void;
  /** Every request's path and query, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** The school's web server's name, for Firefox (network.dns.localDomains maps it to this machine). */
const UPDATE_HOST = 'updates.school.test';

/**
 * The school's web server, over http and https: the offered release's update manifests, and the packages of
 * every release it offered so far (a browser that read an older manifest still finds its file).
 */
async function startUpdateServer(): Promise<UpdateServer> {
  const offered: Release[] = [];
  const requests: string[] = [];
  const types: Record<string, string> = { xml: 'text/xml', json: 'application/json', crx: 'application/x-chrome-extension', xpi: 'application/x-xpinstall' };
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? '');
    const name = decodeURIComponent((request.url ?? '/').split('?')[0]!.slice(1));
    const type = types[name.split('.').pop()!];
    const from = name.startsWith('updates.') ? offered.at(-1) : offered.find((release) => release.files.includes(name));
    if (!from || !type || !from.files.includes(name)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': type }).end(readFileSync(join(from.outDir, name)));
  };
  const servers: Server[] = [createServer(handler), createHttpsServer(selfSignedCertificate(UPDATE_HOST), handler)];
  const ports = await Promise.all(
    servers.map((server) => new Promise<number>((ready) => server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port)))),
  );
  return {
    plain: `http://127.0.0.1:${ports[0]}/`,
    secure: `https://${UPDATE_HOST}:${ports[1]}/`,
    offer: (release) => void offered.push(release),
    requests,
    close: async () => void (await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))))),
  };
}

test.describe('self-hosted update in Chromium: the kit\'s policy installs N, a forced update check moves it to N+1', () => {
  let policy: PolicyFolder | undefined;
  let temp = '';
  let server: UpdateServer | undefined;
  let context: BrowserContext | undefined;
  let releases: Release[] = [];
  let extensionId = '';
  let updateUrl = '';
  let schoolConfiguration: unknown;

  test.beforeAll(async () => {
    test.skip(!canWritePolicy, 'writing a Chromium policy file needs root');
    temp = mkdtempSync(join(tmpdir(), 'jmc-update-'));
    server = await startUpdateServer();
    // `npm run package` twice with the school's key and base URL: version N, then N+1.
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const options = { build: false, lint: false, key, baseUrl: server.plain, log: () => undefined };
    const first = await packageRelease({ ...options, outDir: join(temp, 'n') });
    releases = [first, await packageRelease({ ...options, outDir: join(temp, 'n+1'), version: nextVersion(first.version) })];
    extensionId = first.crx!.id;
    updateUrl = first.crx!.updateUrl;
    expect(releases[1]!.crx!.id).toBe(extensionId);

    // The admin kit's Linux template for this school's host, id and update URL: a school's own server gets
    // override_update_url, so later updates come from it.
    const kit = generateKit({ host: SECOND_SIMULATOR_HOST, chromeId: extensionId, chromeUpdateUrl: updateUrl });
    const template = JSON.parse(kit.get('linux/chromium/jitsi-moderator-companion.json')!);
    expect(template.ExtensionSettings[extensionId]).toMatchObject({ installation_mode: 'force_installed', update_url: updateUrl, override_update_url: true });
    schoolConfiguration = template['3rdparty'].extensions[extensionId];
    policy = chromiumPolicyFolder();
    // One addition for the test only: without it, CDP cannot reach a force-installed extension.
    policy.write({ ...template, DeveloperToolsAvailability: 1 }, 'update');
  });

  test.afterAll(async () => {
    await context?.close().catch(() => undefined);
    policy?.dispose();
    await server?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test('installs N from the school\'s server, then updates to N+1 on a forced check, and N+1 reads the policy', async () => {
    test.setTimeout(60_000);
    const [n, next] = [releases[0]!, releases[1]!];
    const started = Date.now();
    server!.offer(n);
    context = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: policy!.executablePath,
      headless: true,
      // No --load-extension: the extension comes by policy only. The updater needs background networking.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      args: hermeticChromiumFlags({ updater: true }),
    });
    const isOurs = (worker: Worker) => new URL(worker.url()).host === extensionId;

    // 1. Version N, installed from the school's server, with its own update URL in the manifest.
    const worker = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect({ version: manifest.version, update_url: manifest.update_url }).toEqual({ version: n.version, update_url: updateUrl });
    await expect.poll(() => worker.evaluate(() => chrome.storage.managed.get()), { timeout: 20_000 }).toEqual(schoolConfiguration);
    const installedAfter = Date.now() - started;

    // 2. The server offers N+1; on chrome://extensions, Developer mode, "Update" (docs/admin/deploy.md): a check
    // of every extension that installs what it finds at once. (Chrome checks by itself every few hours; the
    // extension's own chrome.runtime.requestUpdateCheck() fetches N+1 too, but Chromium applies it only once the
    // extension is idle, and this test's CDP connection keeps its service worker running.)
    server!.offer(next);
    const checksBefore = server!.requests.length;
    const newWorker = context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 });
    const extensions = await context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.locator('#devMode').click();
    await extensions.locator('#updateNow').click();

    // 3. N+1 runs: a new service worker with the new manifest, still installed by policy, with the school's policy.
    const updated = await newWorker;
    const after = await updated.evaluate(async () => ({ version: chrome.runtime.getManifest().version, installType: (await chrome.management.getSelf()).installType }));
    expect(after).toEqual({ version: next.version, installType: 'admin' });
    await expect.poll(() => updated.evaluate(() => chrome.storage.managed.get()), { timeout: 20_000 }).toEqual(schoolConfiguration);
    // It asked the school's update manifest (saying the installed version N) and fetched N+1's CRX from there.
    const asked = server!.requests.slice(checksBefore);
    expect(asked.some((url) => url.startsWith('/updates.xml?') && decodeURIComponent(url).includes(`id=${extensionId}&v=${n.version}&`))).toBe(true);
    expect(asked).toContain(`/${next.crx!.file}`);
    // The old service worker is gone with version N.
    await expect(worker.evaluate(() => chrome.runtime.getManifest().version)).rejects.toThrow();
    console.log(`self-hosted update (Chromium): N installed with its policy after ${installedAfter} ms, N+1 running with its policy after ${Date.now() - started} ms`);
  });
});


// Firefox ESR: policies.json ExtensionSettings force_installed + install_url (the kit's policies.json) installs
// N; the managed manifest's gecko.update_url names the school's updates.json. The forced check is the add-on
// manager's own update check for the add-on, as Firefox's daily check (extensions.update.interval) and
// about:addons' "Check for Updates" run it, called in about:addons (privileged; --remote-allow-system-access).
// What the test changes from a school's machine, and why:
// - xpinstall.signatures.required=false: the packages are unsigned (AMO signs a school's; ESR honours the
//   pref; force-install-firefox.spec.ts does the same). Both N and N+1 are unsigned alike.
// - install_url is plain http on 127.0.0.1: Firefox installs it at startup, before the test session's
//   certificate exception for the throw-away certificate exists. The update address and the update itself are
//   https, as Firefox demands (it disables an add-on whose update_url is not https).

/** Fixed internal UUID of the managed add-on, so its pages have a known moz-extension:// origin. */
const FIREFOX_UUID = '5d0c7a7e-3f5b-4c1e-9a42-7c1f0e6b2d93';

interface AddonState {
  version: string;
  active: boolean;
  updateURL: string | null;
  sourceURI: string | null;
  autoUpdate: boolean;
}

/** What Firefox's add-on manager knows of the add-on (null: not installed), read in about:addons. */
function addonState(aboutAddons: Page, id: string): Promise<AddonState | null> {
  return aboutAddons.evaluate(async (addonId) => {
    const { AddonManager } = (globalThis as any).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
    const addon = await AddonManager.getAddonByID(addonId);
    if (!addon) return null;
    return { version: addon.version, active: addon.isActive, updateURL: addon.updateURL ?? null, sourceURI: addon.sourceURI?.spec ?? null, autoUpdate: AddonManager.shouldAutoUpdate(addon) };
  }, id);
}

/**
 * The add-on manager's update check for one add-on, as the daily check runs it: it asks the add-on's update
 * manifest and installs a newer version when automatic updates apply. Resolves with what happened.
 */
function checkForUpdate(aboutAddons: Page, id: string): Promise<string> {
  return aboutAddons.evaluate(
    (addonId) =>
      new Promise<string>((resolve) => {
        const { AddonManager } = (globalThis as any).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
        void AddonManager.getAddonByID(addonId).then((addon: any) =>
          addon.findUpdates(
            {
              onUpdateAvailable(_addon: unknown, install: any) {
                if (!AddonManager.shouldAutoUpdate(addon)) return resolve('found an update, but automatic updates are off');
                install.addListener({
                  onInstallEnded: () => resolve(`installed ${install.addon.version}`),
                  onInstallFailed: () => resolve(`install failed (${install.error})`),
                  onDownloadFailed: () => resolve(`download failed (${install.error})`),
                });
                install.install();
              },
              onNoUpdateAvailable: () => resolve('no update'),
              onUpdateFinished: (_addon: unknown, error: number) => error && resolve(`check failed (${error})`),
            },
            AddonManager.UPDATE_WHEN_PERIODIC_UPDATE,
          ),
        );
      }),
    id,
  );
}

/** A page of the add-on's own: what the running add-on says of itself and of the school's policy. */
async function runningAddon(browser: Browser): Promise<{ version: string; installType: string; managed: unknown }> {
  const page = await browser.newPage();
  try {
    // A goto to moz-extension:// never resolves under WebDriver BiDi: start it, wait for the page.
    void page.goto(`moz-extension://${FIREFOX_UUID}/src/options/index.html`).catch(() => undefined);
    await page.waitForSelector('[data-testid="settings"]', { timeout: 15_000 });
    return await page.evaluate(async () => {
      const ext = (globalThis as any).browser;
      return { version: ext.runtime.getManifest().version, installType: (await ext.management.getSelf()).installType, managed: await ext.storage.managed.get() };
    });
  } finally {
    await page.close().catch(() => undefined);
  }
}

test.describe('self-hosted update in Firefox ESR: the kit\'s policies.json installs N, the update check moves it to N+1', () => {
  let policy: PolicyFolder | undefined;
  let temp = '';
  let server: UpdateServer | undefined;
  let browser: Browser | undefined;
  let releases: Release[] = [];
  let policies: { policies: Record<string, any> } = { policies: {} };
  let schoolConfiguration: unknown;
  let launchedAt = 0;

  test.beforeAll(async () => {
    test.skip(!canWritePolicy, 'writing /etc/firefox/policies/policies.json needs root');
    temp = mkdtempSync(join(tmpdir(), 'jmc-update-ff-'));
    server = await startUpdateServer();
    // `npm run package --base-url` twice (no Chrome key needed): version N, then N+1.
    const options = { build: false, lint: false, baseUrl: server.secure, log: () => undefined };
    const first = await packageRelease({ ...options, outDir: join(temp, 'n') });
    releases = [first, await packageRelease({ ...options, outDir: join(temp, 'n+1'), version: nextVersion(first.version) })];
    expect(first.firefox).toMatchObject({ id: MANAGED_GECKO_ID, updateUrl: `${server.secure}updates.json` });
    server.offer(first);

    // The admin kit's policies.json, installing N from the school's server.
    const kit = generateKit({ host: SECOND_SIMULATOR_HOST, chromeId: EXTENSION_ID_PLACEHOLDER, firefoxInstallUrl: `${server.plain}${first.firefox!.file}` });
    policies = JSON.parse(kit.get('firefox/policies.json')!);
    schoolConfiguration = policies.policies['3rdparty'].Extensions[MANAGED_GECKO_ID];
    policy = firefoxPolicyFolder();
    browser = await launch();
  });

  /** Firefox on the test's profile, reading the kit's policies.json at its start. */
  async function launch(): Promise<Browser> {
    launchedAt = Date.now();
    return launchPolicyFirefox({ policy: policy!, policies, profile: join(temp, 'profile'), host: UPDATE_HOST, uuid: FIREFOX_UUID });
  }


  /** about:addons, ready for privileged code (its goto does not resolve either: start it, wait for its scope). */
  async function openAboutAddons(): Promise<Page> {
    const page = await browser!.newPage();
    void page.goto('about:addons').catch(() => undefined);
    await pollFor(() => page.evaluate(() => (location.href === 'about:addons' && 'ChromeUtils' in globalThis) || null).catch(() => null), 'about:addons');
    return page;
  }

  test.afterAll(async () => {
    await browser?.close().catch(() => undefined);
    policy?.dispose();
    await server?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test('installs N from the school\'s server, then the update check installs N+1, which reads the policy', async () => {
    test.setTimeout(60_000);
    const [n, next] = [releases[0]!, releases[1]!];
    const aboutAddons = await openAboutAddons();

    // 1. N, installed by the policy engine, names the school's https updates.json and updates automatically.
    const installed = await pollFor(() => addonState(aboutAddons, MANAGED_GECKO_ID).then((state) => (state?.active ? state : null)), 'the force-installed add-on', 20_000);
    expect(installed).toEqual({ version: n.version, active: true, updateURL: n.firefox!.updateUrl, sourceURI: `${server!.plain}${n.firefox!.file}`, autoUpdate: true });
    expect(await runningAddon(browser!)).toEqual({ version: n.version, installType: 'admin', managed: schoolConfiguration });
    const installedAfter = Date.now() - launchedAt;

    // 2. The server offers N+1; the update check asks updates.json and installs N+1 from its https link.
    server!.offer(next);
    const asked = server!.requests.length;
    expect(await checkForUpdate(aboutAddons, MANAGED_GECKO_ID)).toBe(`installed ${next.version}`);
    expect(server!.requests.slice(asked)).toEqual(['/updates.json', `/${next.firefox!.file}`]);

    // 3. N+1 runs, still installed by policy (it cannot be removed), with the school's policy.
    expect(await addonState(aboutAddons, MANAGED_GECKO_ID)).toEqual({ ...installed, version: next.version, sourceURI: next.firefox!.link });
    expect(await runningAddon(browser!)).toEqual({ version: next.version, installType: 'admin', managed: schoolConfiguration });
    const updatedAfter = Date.now() - launchedAt;

    // 4. A restart, with the policy still naming N's file: Firefox fetches install_url again (it is not where
    // N+1 came from), and keeps N+1: the policy engine never installs a lower version (Policies.sys.mjs).
    await browser!.close();
    const fetchesOfN = () => server!.requests.filter((url) => url === `/${n.firefox!.file}`).length;
    const fetchedBefore = fetchesOfN();
    browser = await launch();
    const again = await openAboutAddons();
    await pollFor(() => Promise.resolve(fetchesOfN() > fetchedBefore || null), 'Firefox fetching install_url again', 20_000);
    const pending = () =>
      again.evaluate(async () => {
        const { AddonManager } = (globalThis as any).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
        return (await AddonManager.getAllInstalls()).length;
      });
    await pollFor(async () => ((await pending()) === 0 ? true : null), 'the policy\'s install of N to end', 10_000);
    expect(await addonState(again, MANAGED_GECKO_ID)).toMatchObject({ version: next.version, active: true });
    expect(await runningAddon(browser!)).toEqual({ version: next.version, installType: 'admin', managed: schoolConfiguration });
    console.log(
      `self-hosted update (Firefox): N installed with its policy ${installedAfter} ms after launch, N+1 running with its policy after ${updatedAfter} ms; after a restart still N+1 after ${Date.now() - launchedAt} ms`,
    );
  });
});
