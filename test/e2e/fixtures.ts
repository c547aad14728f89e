// Playwright fixtures: the built extension in a fresh Chromium profile, and the simulated lesson —
// jitsi-meet's real web UI and redux store (test/jitsi-sdk) with the simulated network side, or, as the
// named variant `legacySimulator`, the hand-written double (test/sim) for the 2021-era app shape.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { selfSignedCertificate, startSimulator as startLegacySimulator } from '../sim/server.mjs';
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { hermeticChromiumFlags, loadExtensionFlags } from '../chromium-flags.mjs';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { CHROMIUM_PATH } from './browsers.ts';
import { chromiumPolicyFolder, type PolicyFolder } from './school-policy-files.ts';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Console errors and uncaught exceptions from the extension's worker and its pages. */
  extensionErrors: string[];
}

/** Hermetic, headless Chromium with one unpacked extension; the simulator also answers as SECOND_SIMULATOR_HOST. */
export function chromiumArgs(extensionDir: string): string[] {
  return [...hermeticChromiumFlags({ mappedHosts: [SECOND_SIMULATOR_HOST] }), ...loadExtensionFlags(extensionDir)];
}

/**
 * policy: the browser reads that policy folder (school-policy-files.ts); without one, the machine's.
 * httpCache: an HTTP cache folder shared by the browsers one worker starts one after another, so that each
 * new profile need not compile jitsi-meet's 3.6 MB bundle afresh (Chromium keeps compiled code with it).
 */
export async function launchWithExtension(extensionDir: string, existingProfile?: string, { policy, httpCache }: { policy?: PolicyFolder; httpCache?: string } = {}) {
  const profile = existingProfile ?? mkdtempSync(join(tmpdir(), 'jmc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: policy?.executablePath ?? CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    // The simulated school server (https, for a policy host) has a throw-away self-signed certificate.
    ignoreHTTPSErrors: true,
    args: [...chromiumArgs(resolve(extensionDir)), ...(httpCache ? [`--disk-cache-dir=${httpCache}`] : [])],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const close = async () => {
    await context.close().catch(() => undefined);
    if (!existingProfile) rmSync(profile, { recursive: true, force: true });
  };
  return { context, serviceWorker, extensionId, close };
}

interface PolicyFixtures {
  /** A Chromium policy file (e.g. `{ '3rdparty': … }`) in place before the test's browser starts. */
  schoolPolicy: unknown;
  /** The test browser's policy folder: its own where the run allows it, else the machine's (school-policy-files.ts). */
  chromiumPolicy: PolicyFolder;
}

export const test = base.extend<
  ExtensionFixtures & PolicyFixtures & { extensionDir: string },
  { simulator: Simulator; legacySimulator: Simulator; httpCache: string }
>({
  /** The worker's HTTP cache folder for the test browsers it starts (one at a time), see launchWithExtension. */
  httpCache: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'jmc-http-cache-'));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  /** jitsi-meet's real web UI (test/jitsi-sdk), network simulated. */
  simulator: [
    async ({}, use) => {
      const simulator = await startSimulator();
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  /** The hand-written double (test/sim): only for the 2021-era app shape (`app=2021`), which the SDK cannot be. */
  legacySimulator: [
    async ({}, use) => {
      const simulator = await startLegacySimulator();
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  extensionDir: ['dist/chrome-dev', { option: true }],
  schoolPolicy: [undefined, { option: true }],
  chromiumPolicy: async ({ schoolPolicy }, use) => {
    const folder = chromiumPolicyFolder();
    try {
      if (schoolPolicy !== undefined) folder.write(schoolPolicy);
      await use(folder);
    } finally {
      folder.dispose();
    }
  },
  extensionErrors: async ({}, use) => {
    await use([]);
  },
  context: async ({ extensionDir, extensionErrors, chromiumPolicy, httpCache }, use) => {
    const launched = await launchWithExtension(extensionDir, undefined, { policy: chromiumPolicy, httpCache });
    launched.serviceWorker.on('console', (message) => {
      if (message.type() === 'error') extensionErrors.push(`worker: ${message.text()}`);
    });
    await use(launched.context);
    await launched.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;

/**
 * The id of the tab showing `page`, as the extension sees it. Without the "tabs" permission the worker
 * cannot see tab URLs, so bring the page to the front and ask for the active tab.
 */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

export async function badgeOf(serviceWorker: Worker, tabId: number): Promise<string> {
  return serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
  return popup;
}

type StoredRoom = import('../../src/core/room.ts').RoomSnapshot;

/** The room snapshot the background keeps for a tab in `storage.session` (null: none stored). */
export async function storedRoomOf(serviceWorker: Worker, tabId: number): Promise<StoredRoom | null> {
  return serviceWorker.evaluate(async (id) => {
    const key = `room:${id}`;
    return ((await chrome.storage.session.get(key))[key] as StoredRoom | undefined) ?? null;
  }, tabId);
}

/** The tab's badge background colour as lower-case `#rrggbb` (the API answers with an RGBA array). */
export async function badgeColourOf(serviceWorker: Worker, tabId: number): Promise<string> {
  const rgba = await serviceWorker.evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId);
  return `#${rgba.slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Hangs up with people still in the room the way a teacher who insists does: Jitsi's own hangup, then
 * "Leave anyway" in the leave guard (its dialog is in a closed shadow root: keyboard, Tab Tab Enter).
 */
export async function hangUpAnyway(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => void window.APP.conference.hangup(false));
  await page.locator('jmc-leave-guard').waitFor({ state: 'attached' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
}

/**
 * jitsi-meet's Security options dialog, opened as a teacher does: its toolbar button, or — where the
 * toolbar has no room for it (at 1280 px it is in the overflow) — "More actions", then "Security options".
 */
export async function openSecurityOptions(page: Page, label = 'Security options'): Promise<void> {
  await page.bringToFront();
  if ((await page.locator('div.security-dialog').count()) > 0) return;
  const inToolbar = page.locator(`#new-toolbox [aria-label="${label}"]`);
  if ((await inToolbar.count()) === 0) await page.locator('#new-toolbox [aria-label="More actions"]').first().click();
  await page.locator(`[aria-label="${label}"]`).first().click();
  await page.locator('div.security-dialog').first().waitFor();
}

/** A lesson joined with the class present, once the moderator role has arrived (facts §2.2: after the join). */
export async function joinedLesson(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => window.__jitsiSim.whenJoined());
  await page.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
  return page;
}

/** Records how many people were still anywhere in the lesson (all rooms) each time the teacher really hung up. */
export async function recordOccupantsAtHangup(page: Page): Promise<number[]> {
  const seen: number[] = [];
  await page.exposeFunction('recordOccupants', (n: number) => seen.push(n));
  await page.evaluate(() => {
    const legacy = window.APP.conference as any;
    const guarded = legacy.hangup;
    legacy.hangup = (...args: unknown[]) => {
      (window as any).recordOccupants(window.__jitsiSim.remoteIds().length);
      return guarded.apply(legacy, args);
    };
  });
  return seen;
}

/**
 * The leave guard as the teacher sees it: its closed shadow root read through the DevTools protocol
 * (DOM.getDocument pierces closed roots; page scripts and Playwright's locators cannot). Null: no dialog.
 */
export async function leaveGuardShown(page: Page): Promise<{ lang: string; title: string; buttons: string[]; html: string } | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type DomNode = { nodeName: string; backendNodeId: number; children?: DomNode[]; shadowRoots?: DomNode[] };
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (node: DomNode): DomNode | null => {
      if (node.nodeName === 'JMC-LEAVE-GUARD') return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const host = find(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const parts = await Promise.all(
      (shadow.children ?? []).map((child) => cdp.send('DOM.getOuterHTML', { backendNodeId: child.backendNodeId }).then((r) => r.outerHTML)),
    );
    const html = parts.join('');
    const text = (fragment: string) => fragment.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').trim();
    return {
      lang: /<dialog[^>]*\blang="([^"]*)"/.exec(html)?.[1] ?? '',
      title: text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? ''),
      buttons: [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((match) => text(match[1] ?? '')),
      html,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * A school's own Jitsi server: the simulator over https (throw-away certificate) under the host name
 * SECOND_SIMULATOR_HOST, which the browsers here resolve to 127.0.0.1. `roomUrl` gives addresses on it.
 * https because jitsi-meet needs a secure context (without one `navigator.mediaDevices` is undefined and
 * the real app fails to render); only 127.0.0.1/localhost pass as secure over http.
 */
export async function startSchoolServer(hostName: string = SECOND_SIMULATOR_HOST) {
  const simulator = await startSimulator({ tls: selfSignedCertificate(hostName) });
  const origin = new URL(simulator.origin);
  origin.hostname = hostName;
  return {
    /** `https://<hostName>:<port>` */
    origin: origin.origin,
    roomUrl: (...args: Parameters<Simulator['roomUrl']>): string => {
      const url = new URL(simulator.roomUrl(...args));
      url.hostname = hostName;
      return url.href;
    },
    close: () => simulator.close(),
  };
}
