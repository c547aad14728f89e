// A lesson embedded in a school platform (issue 17, docs/jitsi.md §11): the platform's page on its own
// origin loads jitsi-meet's real external_api.js from the Jitsi server, which puts jitsi-meet's real web UI
// in a cross-origin frame. The companion runs in that frame only: badge, popup, one-click fixes, the end
// of the lesson and the leave guard work there, and the platform's page is never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { hermeticChromiumFlags, loadExtensionFlags } from '../chromium-flags.mjs';
import { startSchoolPlatform } from '../jitsi-sdk/school-platform.mjs';
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { selfSignedCertificate } from '../sim/server.mjs';
import { CHROMIUM_PATH } from './browsers.ts';
import { badgeOf, expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

/** The platform's host: not a Jitsi host, so nothing of the companion may run there. */
const PLATFORM_HOST = 'lernplattform.school.test';
const JITSI_PATTERN = `https://${SECOND_SIMULATOR_HOST}/*`;

let jitsi: Awaited<ReturnType<typeof startSimulator>>;
let platform: Awaited<ReturnType<typeof startSchoolPlatform>>;
let jitsiHost = '';

test.beforeAll(async () => {
  jitsi = await startSimulator({ tls: selfSignedCertificate(SECOND_SIMULATOR_HOST) });
  jitsiHost = `${SECOND_SIMULATOR_HOST}:${new URL(jitsi.origin).port}`;
  platform = await startSchoolPlatform({ tls: selfSignedCertificate(PLATFORM_HOST) });
});
test.afterAll(async () => {
  await jitsi?.close();
  await platform?.close();
});

interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Chromium with the dev build, the Jitsi host and the platform's host resolving here, and the Jitsi host enabled by the teacher. */
async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'jmc-embed-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: [...hermeticChromiumFlags({ mappedHosts: [SECOND_SIMULATOR_HOST, PLATFORM_HOST] }), ...loadExtensionFlags(resolve('dist/chrome-dev'))],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // "Enable on jitsi.school.test", as the teacher's click in the popup does (the dev build holds the permission).
  const popup = await openPopup(context, extensionId, -1);
  expect(await popup.evaluate((pattern) => chrome.runtime.sendMessage({ type: 'enable-site', pattern }), JITSI_PATTERN)).toEqual({ ok: true });
  await popup.close();
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The course page with the lesson embedded, once the teacher is moderator in the frame and the class is there. */
async function embeddedLesson(browser: Browser, room: string, students: string[], params: Record<string, string> = {}) {
  const page = await browser.context.newPage();
  await page.goto(platform.lessonUrl(room, jitsiHost, params).replace('127.0.0.1', PLATFORM_HOST));
  const frame = await jitsiFrame(page);
  await frame.waitForFunction(() => (window as any).APP?.store?.getState()['features/base/participants'].local?.role === 'moderator', null, { timeout: 20_000 });
  for (const name of students) await frame.evaluate((n) => window.__jitsiSim.join(n), name);
  const tabId = await tabIdOf(browser.worker, page);
  await expect.poll(() => storedRoomOf(browser.worker, tabId)).toMatchObject({ phase: 'conference', roomName: room, participants: students.length, isModerator: true });
  return { page, frame, tabId };
}

async function jitsiFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('iframe[name^="jitsiConferenceFrame"]');
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(`https://${SECOND_SIMULATOR_HOST}`));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
}

/**
 * The hosts of the frames where the companion's content script ran (DevTools: the extension's isolated
 * worlds, and in each whether our script installed itself there).
 */
async function framesWithContentScript(page: Page, extensionId: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const hosts: string[] = [];
  for (const context of contexts.filter((c) => c.origin === `chrome-extension://${extensionId}`)) {
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId: context.id,
      expression: "globalThis[Symbol.for('jitsi-moderator-companion.content')] === true ? location.host : ''",
    })) as { result: { value: string } };
    if (result.value) hosts.push(result.value);
  }
  await cdp.detach();
  return hosts;
}

test('an embedded lesson: badge, checklist, a one-click fix, the leave guard inside the frame and the end of the lesson', async () => {
  const browser = await launch();
  try {
    const { page, frame, tabId } = await embeddedLesson(browser, 'Mathe7b', ['Anna', 'Ben', 'Clara']);
    await expect.poll(() => badgeOf(browser.worker, tabId)).toBe('3');

    // The school's page is untouched: our scripts run in the Jitsi frame only.
    expect(await framesWithContentScript(page, browser.extensionId)).toEqual([jitsiHost]);
    expect(await page.evaluate(() => Object.getOwnPropertySymbols(window).map(String))).not.toContain('Symbol(jitsi-moderator-companion.page)');
    expect(await frame.evaluate(() => Object.getOwnPropertySymbols(window).map(String))).toContain('Symbol(jitsi-moderator-companion.page)');

    // The popup's checklist follows the lesson in its frame, and a one-click fix (the popup's own
    // message to the background) reaches it there.
    const popup = await openPopup(browser.context, browser.extensionId, tabId);
    await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'fail');
    const act = (action: object) => popup.evaluate(([id, what]) => chrome.runtime.sendMessage({ type: 'room-action', tabId: id, action: what }), [tabId, action] as const);
    expect(await act({ kind: 'enable-lobby' })).toMatchObject({ ok: true });
    await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'ok');
    expect(await frame.evaluate(() => (window as any).APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);

    // Jitsi's own hang-up button inside the frame: the leave guard, over the embedded lesson.
    await page.bringToFront();
    await frame.locator('#new-toolbox .toolbox-button:has(.hangup-menu-button)').first().click();
    await frame.getByRole('button', { name: 'Leave meeting' }).click();
    await expect(frame.locator('jmc-leave-guard')).toHaveCount(1);
    await expect(page.locator('jmc-leave-guard')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(frame.locator('jmc-leave-guard')).toHaveCount(0);
    expect(await frame.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(3);

    // The end of the lesson from the popup empties the room in the frame.
    const ended = await act({ kind: 'end-lesson', endForAll: false, leave: false, kickReason: 'The lesson is over.' });
    expect(ended).toMatchObject({ ok: true, report: { remaining: [], left: false } });
    expect(await frame.evaluate(() => (window as any).APP.store.getState()['features/base/participants'].remote.size)).toBe(0);
    await expect.poll(() => badgeOf(browser.worker, tabId)).not.toBe('3');
  } finally {
    await browser.close();
  }
});

test('the platform removes the frame with the class inside: the teacher is told, and the tab no longer shows a lesson', async () => {
  const browser = await launch();
  try {
    const { page, tabId } = await embeddedLesson(browser, 'Bio8', ['Anna', 'Ben']);
    const notices = await browser.worker.evaluate(() => {
      const scope = globalThis as any;
      const api = scope.browser?.runtime?.id ? scope.browser : scope.chrome;
      const seen: string[] = (scope.__notices = []);
      const create = api.notifications.create.bind(api.notifications);
      api.notifications.create = (id: string, options: { title: string }, ...rest: unknown[]) => {
        seen.push(`${id} ${options.title}`);
        return create(id, options, ...rest);
      };
      return seen.length;
    });
    expect(notices).toBe(0);
    await page.locator('#close-embed').click();
    await expect.poll(() => storedRoomOf(browser.worker, tabId)).toBeNull();
    await expect.poll(() => badgeOf(browser.worker, tabId)).toBe('');
    const seen = await browser.worker.evaluate(() => (globalThis as any).__notices as string[]);
    expect(seen.some((line) => line.startsWith('left-behind-') && line.includes('Bio8'))).toBe(true);
  } finally {
    await browser.close();
  }
});

test('leaving the school page with the class in the embedded lesson is questioned; "Stay" keeps the lesson', async () => {
  const browser = await launch();
  try {
    const { page, frame, tabId } = await embeddedLesson(browser, 'Chemie9', ['Anna', 'Ben']);
    // A frame may ask "Leave site?" only after the teacher has used it (sticky activation, §11).
    await frame.locator('#videospace, #largeVideoContainer, body').first().click({ position: { x: 20, y: 20 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.locator('#course-link').click();
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/kurs/Chemie9');
    expect(await storedRoomOf(browser.worker, tabId)).toMatchObject({ phase: 'conference', participants: 2 });
  } finally {
    await browser.close();
  }
});

test('"Remove everyone and leave" in the frame: the class is removed, Jitsi closes, the platform goes back to the course, and "lesson ended" lasts', async () => {
  const browser = await launch();
  try {
    const { page, frame, tabId } = await embeddedLesson(browser, 'Physik7', ['Anna', 'Ben']);
    await frame.locator('#new-toolbox .toolbox-button:has(.hangup-menu-button)').first().click();
    await frame.getByRole('button', { name: 'Leave meeting' }).click();
    await expect(frame.locator('jmc-leave-guard')).toHaveCount(1);
    // Focus starts on "Stay"; the next button is "Remove everyone and leave".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kurs\?ended=1$/, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).platformLog ?? null)).toBeNull(); // a new page: the course
    await expect
      .poll(() => browser.worker.evaluate(async (id) => (await chrome.storage.session.get(`ended:${id}`))[`ended:${id}`] ?? null, tabId))
      .toMatchObject({ room: 'Physik7' });
    expect(await storedRoomOf(browser.worker, tabId)).toBeNull();
  } finally {
    await browser.close();
  }
});

/** A login token as Moodle's Jitsi activity or a JaaS backend makes one (jitsi-meet reads it, the server checks it). */
function loginToken(name: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = { aud: 'jitsi', iss: 'moodle-school', sub: SECOND_SIMULATOR_HOST, room: '*', nbf: now - 60, exp: now + 3600, context: { user: { name, email: 'weber@school.test', moderator: true } } };
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${Buffer.from('signature-of-the-school').toString('base64url')}`;
}

test('a lesson joined with a login token (JWT), embedded and in a tab: it works, and the token is never stored or shown', async () => {
  const browser = await launch();
  try {
    const token = loginToken('Frau Weber');
    const { frame, tabId } = await embeddedLesson(browser, 'Englisch8', ['Anna', 'Ben'], { jwt: token });
    expect(await frame.evaluate(() => (window as any).APP.store.getState()['features/base/jwt'].jwt)).toBe(token);

    const tab = await browser.context.newPage();
    await tab.goto(`${jitsi.roomUrl('Englisch9', { students: 2, jwt: token }, '#config.prejoinConfig.enabled=false').replace('127.0.0.1', SECOND_SIMULATOR_HOST)}`);
    await tab.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
    const tabTab = await tabIdOf(browser.worker, tab);
    await expect.poll(() => storedRoomOf(browser.worker, tabTab)).toMatchObject({ phase: 'conference', roomName: 'Englisch9', participants: 2 });

    const popup = await openPopup(browser.context, browser.extensionId, tabId);
    await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '2');
    const shown = (await popup.locator('body').innerText()) + (await popup.content());
    const stored = await browser.worker.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
    for (const text of [shown, stored]) {
      for (const secret of [token, token.split('.')[1]!, 'weber@school.test', 'signature-of-the-school']) expect(text).not.toContain(secret);
    }
  } finally {
    await browser.close();
  }
});

test('a frame on the Jitsi host that is not a lesson stays as quiet as a page that is not Jitsi', async () => {
  const browser = await launch();
  try {
    const connections = async () => browser.worker.evaluate(() => (globalThis as any).__ports as number[]);
    await browser.worker.evaluate(() => {
      const scope = globalThis as any;
      scope.__ports = [];
      chrome.runtime.onConnect.addListener((port) => scope.__ports.push(port.sender?.frameId ?? -1));
    });
    const page = await browser.context.newPage();
    const material = `https://${jitsiHost}/__fixtures/lookalike`;
    await page.goto(`${platform.origin.replace('127.0.0.1', PLATFORM_HOST)}/material?frame=${encodeURIComponent(material)}`);
    const frame = await (async () => {
      for (;;) {
        const found = page.frames().find((f) => f.url().startsWith(material));
        if (found) return found;
        await page.waitForTimeout(50);
      }
    })();
    await frame.waitForLoadState('load');
    const tabId = await tabIdOf(browser.worker, page);
    await page.waitForTimeout(1_500);
    // Our content script is in that frame (a Jitsi host), and it said nothing: no port, no room, no badge.
    expect(await framesWithContentScript(page, browser.extensionId)).toEqual([jitsiHost]);
    expect(await connections()).toEqual([]);
    expect(await storedRoomOf(browser.worker, tabId)).toBeNull();
    expect(await badgeOf(browser.worker, tabId)).toBe('');
  } finally {
    await browser.close();
  }
});
