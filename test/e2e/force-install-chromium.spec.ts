// A real force-install in Chromium, as a school's IT does it with a self-hosted CRX
// (docs/admin/deploy.md, "Chrome and Edge, self-hosted"): `npm run package`'s CRX3 of dist/chrome-managed,
// signed with a throw-away key, and its updates.xml, served from 127.0.0.1; a machine policy file with
// ExtensionSettings (force_installed, update_url) and the school's 3rdparty configuration; Chromium started with no extension
// on its command line. The browser must fetch, verify and install the CRX by itself, hand it the policy,
// and the extension must run on the school's https Jitsi host from policy with no click.
// The policy file is the admin kit's own Linux template (scripts/admin-kit.ts, as `npm run admin-kit --
// --host … --chrome-id … --chrome-update-url …` writes it): the promise of the kit is that copying it,
// with the school's host name, is all it takes. Its ExtensionSettings fence must keep the companion off
// every other site.
//
// Needs root (CI runs as root). Policy files are machine-wide: this Chromium has the policy folder to itself
// where the run allows it (school-policy-files.ts); otherwise the file has a unique name, names a key made
// for this run only, and is removed in afterAll — a leftover Forcelist breaks later runs
// (docs/browsers.md §2.4).
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Worker } from '@playwright/test';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { generateKit } from '../../scripts/admin-kit/index.ts';
import { crxFileName, packageRelease } from '../../scripts/package.mjs';
import { hermeticChromiumFlags } from '../chromium-flags.mjs';
import { startSchoolServer, storedRoomOf, tabIdOf } from './fixtures.ts';
import { canWritePolicy, chromiumPolicyFolder, type PolicyFolder } from './school-policy-files.ts';

/** A site outside the fence (also served by the simulator, also https). */
const OTHER_HOST = 'other.school.test';

test.describe('force-install by policy in Chromium (self-hosted CRX)', () => {
  let policy: PolicyFolder | undefined;
  let temp = '';
  const requests: string[] = [];
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let extensionId = '';
  let version = '';
  let publicKey = '';
  let schoolConfiguration: unknown;

  test.beforeAll(async () => {
    test.skip(!canWritePolicy, 'writing a Chromium policy file needs root');
    temp = mkdtempSync(join(tmpdir(), 'jmc-forceinstall-'));
    // The school's web server: updates.xml and the CRX, nothing else.
    const release = join(temp, 'release');
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const name = (request.url ?? '/').split('?')[0]!.slice(1);
      if (name !== 'updates.xml' && name !== crxFileName(version)) return void response.writeHead(404).end();
      const type = name.endsWith('.xml') ? 'text/xml' : 'application/x-chrome-extension';
      response.writeHead(200, { 'Content-Type': type }).end(readFileSync(join(release, name)));
    });
    await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

    // `npm run package` with a key made for this run (the school keeps its real one to itself).
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const packaged = await packageRelease({ outDir: release, build: false, lint: false, key, baseUrl: base, log: () => undefined });
    version = packaged.version;
    extensionId = packaged.crx!.id;
    publicKey = (createPublicKey(key).export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');

    // The admin kit's template for Chromium on Linux, for this school's host, id and update URL.
    const kit = generateKit({ host: SECOND_SIMULATOR_HOST, chromeId: extensionId, chromeUpdateUrl: `${base}updates.xml` });
    const template = JSON.parse(kit.get('linux/chromium/jitsi-moderator-companion.json')!);
    expect(template.ExtensionSettings[extensionId]).toMatchObject({ installation_mode: 'force_installed', update_url: `${base}updates.xml` });
    schoolConfiguration = template['3rdparty'].extensions[extensionId];
    policy = chromiumPolicyFolder();
    // One addition for the test only: without it, CDP cannot reach a force-installed extension (docs/browsers.md §2.3).
    policy.write({ ...template, DeveloperToolsAvailability: 1 }, 'forceinstall');
  });

  test.afterAll(async () => {
    await context?.close().catch(() => undefined);
    policy?.dispose();
    await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test('installs itself from the school\'s server, reads its policy, and runs on the policy host with no click', async () => {
    test.setTimeout(90_000);
    const started = Date.now();
    context = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: policy!.executablePath,
      headless: true,
      // No --load-extension: the extension comes by policy only. The updater needs background networking.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      ignoreHTTPSErrors: true,
      // Hermetic: only the school's Jitsi host and another site (both the simulator) and 127.0.0.1 resolve.
      args: hermeticChromiumFlags({ mappedHosts: [SECOND_SIMULATOR_HOST, OTHER_HOST], updater: true }),
    });

    // 1. Installed: the service worker of the extension with the key's id appears.
    const isOurs = (worker: Worker) => new URL(worker.url()).host === extensionId;
    const worker = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 45_000 }));
    const installedAfter = Date.now() - started;
    expect(requests.some((url) => url.startsWith('/updates.xml'))).toBe(true);
    expect(requests).toContain(`/${crxFileName(version)}`);
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.version).toBe(version);
    expect(manifest.host_permissions).toEqual(['https://*/*']);
    // The package has no `key`; Chromium writes the CRX's verified public key into the installed manifest.
    expect(manifest.key).toBe(publicKey);

    // 2. The school's configuration, delivered to the force-installed extension (a few seconds after start, docs/browsers.md §2.2).
    await expect
      .poll(() => worker.evaluate(() => chrome.storage.managed.get()), { timeout: 30_000 })
      .toEqual(schoolConfiguration);
    // ...and the policy host is covered with no prompt: granted at install, content scripts registered.
    expect(await worker.evaluate((host) => chrome.permissions.contains({ origins: [`https://${host}/*`] }), SECOND_SIMULATOR_HOST)).toBe(true);
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])), {
        timeout: 20_000,
      })
      .toContain(`https://${SECOND_SIMULATOR_HOST}/*`);

    // The options page tells the teacher that the school installed it.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.getByTestId('installed-by-school')).toContainText('Your school installed the companion');
    await options.close();

    // 3. A lesson on the school's own server (https, its own name): the companion is there by itself.
    const school = await startSchoolServer();
    try {
      const lesson = await context.newPage();
      await lesson.goto(school.roomUrl('Geschichte8c', { students: 4 }, '#config.prejoinConfig.enabled=false'));
      await lesson.evaluate(() => window.__jitsiSim.whenJoined());
      const tabId = await tabIdOf(worker, lesson);
      await expect.poll(async () => (await storedRoomOf(worker, tabId))?.participants ?? null).toBe(4);
      expect((await storedRoomOf(worker, tabId))?.roomName).toBe('Geschichte8c');
      // The school's enforced automatic lobby and password were applied when the teacher became moderator.
      await expect.poll(() => lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
      await expect.poll(() => lesson.evaluate(() => window.APP.store.getState()['features/base/conference'].locked ?? null)).toBe('LOCKED_LOCALLY');

      // 4. The fence: the package holds every https host, but policy keeps it to the Jitsi servers.
      const script = (id: number) =>
        worker.evaluate(
          (target) => chrome.scripting.executeScript({ target: { tabId: target }, func: () => location.hostname }).then((results) => String(results[0]?.result), (error: Error) => `refused: ${error.message}`),
          id,
        );
      expect(await script(tabId)).toBe(SECOND_SIMULATOR_HOST);
      const other = await context.newPage();
      const otherUrl = new URL(school.roomUrl('Elsewhere', { students: 1 }, '#config.prejoinConfig.enabled=false'));
      otherUrl.hostname = OTHER_HOST;
      await other.goto(otherUrl.href);
      expect(await script(await tabIdOf(worker, other))).toMatch(/^refused: .*polic/i);
    } finally {
      await school.close();
    }
    console.log(`force-install (Chromium): worker after ${installedAfter} ms, lesson checked after ${Date.now() - started} ms`);
  });
});
