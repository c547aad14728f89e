// Shared Firefox ESR launcher for end-to-end tests (puppeteer-core over WebDriver BiDi), the same way
// firefox.spec.ts launches it: a fresh profile, the extension installed as a temporary add-on, and a
// fixed internal UUID so its pages have a known moz-extension:// origin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID, MANAGED_GECKO_ID } from '../../scripts/manifest-variants.ts';
import { FIREFOX_PATH } from './browsers.ts';
import { policyIsolation, type PolicyFolder } from './school-policy-files.ts';

export const FIREFOX_EXTENSION_UUID = '6f1d3c2a-6c0e-4c53-9a4e-2f7f5d1b9e10';

/** moz-extension:// URL of one of the extension's pages, e.g. `src/popup/index.html?tab=3`. */
export function firefoxExtensionUrl(path: string): string {
  return `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`;
}

/** Keep the run hermetic: no update checks, no telemetry pings, no captive-portal probes. */
const HERMETIC_FIREFOX_PREFS = {
  'network.captive-portal-service.enabled': false,
  'app.update.disabledForTesting': true,
  'datareporting.policy.dataSubmissionEnabled': false,
};

/**
 * Firefox as a school's policy installs the companion: nothing installed by the test, `policies` written to
 * `policy` and read at the start (a machine-wide file is removed again right after), the managed add-on's
 * pages under `uuid`, `host` resolving to this machine. Unsigned test packages: signatures are not required
 * (ESR allows it, docs/browsers.md §3.4).
 */
export async function launchPolicyFirefox({ policy, policies, profile, host, uuid }: {
  policy: PolicyFolder;
  policies: unknown;
  profile: string;
  host: string;
  uuid: string;
}): Promise<Browser> {
  policy.write(policies);
  try {
    return await puppeteer.launch({
      browser: 'firefox',
      executablePath: policy.executablePath,
      headless: true,
      userDataDir: profile,
      // The simulated school servers have throw-away self-signed certificates.
      acceptInsecureCerts: true,
      // Lets the test open moz-extension:// pages (docs/browsers.md §3.1).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'network.dns.localDomains': host,
        'extensions.webextensions.uuids': JSON.stringify({ [MANAGED_GECKO_ID]: uuid }),
        ...HERMETIC_FIREFOX_PREFS,
      },
    });
  } finally {
    // Firefox has read the file at startup (a machine-wide file must not stay for other Firefox runs).
    if (!policyIsolation) policy.dispose();
  }
}

export async function launchFirefox(
  extensionDir: string,
  extraPrefs: Record<string, unknown> = {},
  /**
   * acceptInsecureCerts: the simulated school servers (https under other names) have throw-away certificates.
   * policy: the policy folder this Firefox reads its policies.json from (school-policy-files.ts).
   */
  { acceptInsecureCerts = true, policy }: { acceptInsecureCerts?: boolean; policy?: PolicyFolder } = {},
): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'jmc-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: policy?.executablePath ?? FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts,
    userDataDir: profile,
    // Lets the test open moz-extension:// pages (docs/browsers.md §3.1).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      ...HERMETIC_FIREFOX_PREFS,
      // jitsi-meet plays its join/leave sounds; headless Firefox would block them (NotAllowedError page errors).
      'media.autoplay.default': 0,
      ...extraPrefs,
    },
  });
  try {
    await browser.installExtension(resolve(extensionDir));
  } catch (error) {
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** moz-extension:// navigations never resolve under BiDi (docs/browsers.md §3.1): start one, then wait for content. */
export async function openFirefoxExtensionPage(page: Page, path: string, readySelector = 'main#app'): Promise<void> {
  await page.goto(firefoxExtensionUrl(path), { timeout: 1500 }).catch(() => undefined);
  await page.waitForSelector(readySelector);
}

/** Polls `probe` until it returns something other than null (puppeteer has no expect.poll). */
export async function pollFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * The tab id of the lesson `roomName` as the extension stored it (Firefox has no tabIdOf helper: the
 * extension has no "tabs" permission to list URLs), read from one of its pages; waits until it is there.
 */
export function firefoxLessonTabId(extensionPage: Page, roomName: string, moderator = false): Promise<number> {
  return pollFor(
    () =>
      extensionPage.evaluate(
        async ({ roomName, moderator }) => {
          const all: Record<string, any> = await (globalThis as any).browser.storage.session.get(null);
          const entry = Object.entries(all).find(
            ([key, room]) => key.startsWith('room:') && room?.roomName === roomName && (!moderator || room.isModerator === true),
          );
          return entry ? Number(entry[0].slice('room:'.length)) : null;
        },
        { roomName, moderator },
      ),
    `the lesson ${roomName} in session storage`,
  );
}

/** Resolves with how many were still anywhere in the lesson (all rooms) when the teacher really hung up. */
export function occupantsAtHangup(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const legacy = window.APP.conference as any;
        const inner = legacy.hangup;
        legacy.hangup = (...args: unknown[]) => {
          resolve(window.__jitsiSim.remoteIds().length);
          return inner.apply(legacy, args);
        };
      }),
  );
}
