// Firefox ESR: a lesson embedded in a school platform (issue 17; see embedded-lesson.spec.ts for the
// Chromium side). jitsi-meet's real web UI in a cross-origin frame created by jitsi-meet's real
// external_api.js; the companion runs in that frame only, shows the lesson and guards its hang-up button.
import type { Frame, Page } from 'puppeteer-core';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { startSchoolPlatform } from '../jitsi-sdk/school-platform.mjs';
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { selfSignedCertificate } from '../sim/server.mjs';
import { firefoxLessonTabId, launchFirefox, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

const PLATFORM_HOST = 'lernplattform.school.test';

test('Firefox ESR: an embedded lesson is seen, counted and guarded inside its frame; the platform page runs nothing of ours', async () => {
  test.setTimeout(120_000);
  const jitsi = await startSimulator({ tls: selfSignedCertificate(SECOND_SIMULATOR_HOST) });
  const platform = await startSchoolPlatform({ tls: selfSignedCertificate(PLATFORM_HOST) });
  const jitsiHost = `${SECOND_SIMULATOR_HOST}:${new URL(jitsi.origin).port}`;
  const { browser, close } = await launchFirefox(
    'dist/firefox-dev',
    { 'network.dns.localDomains': `${SECOND_SIMULATOR_HOST},${PLATFORM_HOST}` },
    { acceptInsecureCerts: true },
  );
  try {
    const popup = await browser.newPage();
    await openFirefoxExtensionPage(popup, 'src/popup/index.html');
    // "Enable on jitsi.school.test", as the teacher's click in the popup does (the dev build holds the permission).
    const enabled = await popup.evaluate(
      (pattern) => (globalThis as any).browser.runtime.sendMessage({ type: 'enable-site', pattern }),
      `https://${SECOND_SIMULATOR_HOST}/*`,
    );
    expect(enabled).toEqual({ ok: true });

    const page = await browser.newPage();
    await page.goto(platform.lessonUrl('Kunst6', jitsiHost).replace('127.0.0.1', PLATFORM_HOST));
    const frame = await pollFor(async () => page.frames().find((f) => f.url().startsWith(`https://${SECOND_SIMULATOR_HOST}`)) ?? null, 'the Jitsi frame');
    await frame.waitForFunction(() => (window as any).APP?.store?.getState()['features/base/participants'].local?.role === 'moderator', { timeout: 30_000 });
    for (const name of ['Anna', 'Ben', 'Clara']) await frame.evaluate((n) => (window as any).__jitsiSim.join(n), name);

    const tabId = await firefoxLessonTabId(popup, 'Kunst6', true);
    await pollFor(async () => ((await badge(popup, tabId)) === '3' ? true : null), 'the badge to show 3');

    // Nothing of ours on the platform's page; our page script in the Jitsi frame.
    const marker = (where: Page | Frame) => where.evaluate(() => Object.getOwnPropertySymbols(window).map(String).includes('Symbol(jitsi-moderator-companion.page)'));
    expect(await marker(page)).toBe(false);
    expect(await marker(frame)).toBe(true);

    // Jitsi's own hang-up menu inside the frame: the leave guard appears there; Escape stays.
    // Puppeteer's mouse over WebDriver BiDi misses inside a cross-origin frame: the keyboard, as a teacher may.
    await (await frame.waitForSelector('#new-toolbox .toolbox-button:has(.hangup-menu-button)'))!.focus();
    await page.keyboard.press('Enter');
    // The menu moves focus to its first item once it has opened: focus "Leave meeting" after that.
    const leave = (await frame.waitForSelector('button[aria-label="Leave meeting"]'))!;
    await pollFor(async () => {
      await leave.focus();
      await new Promise((settle) => setTimeout(settle, 100));
      return (await leave.evaluate((button) => document.activeElement === button)) ? true : null;
    }, '"Leave meeting" to keep the focus');
    await page.keyboard.press('Enter');
    await frame.waitForSelector('jmc-leave-guard');
    expect(await page.$('jmc-leave-guard')).toBeNull();
    await page.keyboard.press('Escape');
    await pollFor(async () => ((await frame.$('jmc-leave-guard')) === null ? true : null), 'the leave guard to close');
    expect(await frame.evaluate(() => (window as any).__jitsiSim.remoteIds().length)).toBe(3);

    // The platform removes the frame: the tab no longer shows a lesson.
    await page.click('#close-embed');
    await pollFor(async () => ((await badge(popup, tabId)) === '' ? true : null), 'the badge to clear');
  } finally {
    await close();
    await jitsi.close();
    await platform.close();
  }
});

test('Firefox ESR: a secure domain (log in through Jitsi\'s own dialog) and a lesson joined with a login token that is never kept', async () => {
  test.setTimeout(120_000);
  const jitsi = await startSimulator();
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const popup = await browser.newPage();
    await openFirefoxExtensionPage(popup, 'src/popup/index.html');
    const stored = (roomName: string) =>
      popup.evaluate(async (name) => {
        const all: Record<string, any> = await (globalThis as any).browser.storage.session.get(null);
        return Object.values(all).find((room) => room?.roomName === name) ?? null;
      }, roomName);

    // Secure domain: Jitsi waits for a moderator, the popup says so; the teacher logs in.
    const lesson = await browser.newPage();
    await lesson.goto(jitsi.roomUrl('Geschichte7', { students: 2, secure: 1 }, '#config.prejoinConfig.enabled=false'));
    await pollFor(async () => ((await stored('Geschichte7'))?.waitingFor === 'host' ? true : null), 'waiting for the host');
    const button = async (label: string) => {
      const handle = await pollFor(
        async () => (await lesson.evaluateHandle((text) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null, label)).asElement(),
        `the "${label}" button`,
      );
      return handle as import('puppeteer-core').ElementHandle<HTMLButtonElement>;
    };
    await (await button('Log-in')).click();
    await (await lesson.waitForSelector('#login-dialog-username'))!.type('weber@schule.example');
    await (await lesson.waitForSelector('#login-dialog-password'))!.type('ein-gutes-passwort');
    await (await button('Login')).click();
    await pollFor(async () => {
      const room = await stored('Geschichte7');
      return room?.phase === 'conference' && room.isModerator === true && room.participants === 2 && room.waitingFor === null ? true : null;
    }, 'the teacher as moderator with the class in');

    // A login token in the address: the lesson works; the token is nowhere in the extension's storage.
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ aud: 'jitsi', iss: 'school', sub: '127.0.0.1', room: '*', context: { user: { name: 'Frau Weber', email: 'weber@school.test' } } })}.c2lnbmF0dXJl`;
    const jwtLesson = await browser.newPage();
    await jwtLesson.goto(jitsi.roomUrl('Latein8', { students: 1, jwt: token }, '#config.prejoinConfig.enabled=false'));
    await pollFor(async () => ((await stored('Latein8'))?.phase === 'conference' ? true : null), 'the JWT lesson');
    const everything = await popup.evaluate(async () => JSON.stringify([await (globalThis as any).browser.storage.session.get(null), await (globalThis as any).browser.storage.local.get(null)]));
    for (const secret of [token, token.split('.')[1]!, 'weber@school.test', 'weber@schule.example', 'ein-gutes-passwort']) expect(everything).not.toContain(secret);
  } finally {
    await close();
    await jitsi.close();
  }
});

function badge(extensionPage: Page, tabId: number): Promise<string> {
  return extensionPage.evaluate((id) => (globalThis as any).browser.action.getBadgeText({ tabId: id }), tabId);
}
