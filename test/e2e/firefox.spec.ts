// Firefox ESR smoke run of the built dev extension (puppeteer-core over WebDriver BiDi): proves the
// content script, the MAIN-world page script, the background and the popup work there too.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { firefoxExtensionUrl, launchFirefox, pollFor } from './firefox-launch.ts';
import { expect, startSchoolServer, test } from './fixtures.ts';

const POPUP = firefoxExtensionUrl('src/popup/index.html');

/** moz-extension:// navigations never resolve under BiDi (docs/browsers.md §3.1): start them, then wait for content. */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 1500 }).catch(() => undefined);
}

test('Firefox ESR: the lesson reaches the background and the popup', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const lesson = await browser.newPage();
    const pageErrors: string[] = [];
    lesson.on('pageerror', (error) => pageErrors.push(String(error)));
    await lesson.goto(simulator.roomUrl('Englisch6', { students: 3 }, '#config.prejoinConfig.enabled=false'));

    const popup = await browser.newPage();
    await openExtensionPage(popup, POPUP);
    await popup.waitForSelector('main#app');
    // The page script's snapshot went page → content → background → storage.session.
    const stored = await pollFor(() =>
      popup.evaluate(async () => {
        const all: Record<string, any> = await (globalThis as any).browser.storage.session.get(null);
        const entry = Object.entries(all).find(([, room]) => room?.roomName === 'Englisch6' && room.phase === 'conference');
        return entry ? { tabId: Number(entry[0].split(':')[1]), participants: entry[1].participants } : null;
      }),
      'the lesson in session storage',
    );
    expect(stored.participants).toBe(3);

    await lesson.evaluate(() => window.__jitsiSim.join('Noah'));
    const badge = await pollFor(async () => {
      const text = await popup.evaluate((id) => (globalThis as any).browser.action.getBadgeText({ tabId: id }), stored.tabId);
      return text === '4' ? text : null;
    }, 'the badge to show 4');
    expect(badge).toBe('4');

    await openExtensionPage(popup, `${POPUP}?tab=${stored.tabId}`);
    const count = await popup.waitForSelector('[data-testid="participant-count"]');
    expect(await count!.evaluate((el) => el.getAttribute('data-count'))).toBe('4');
    expect(await popup.$eval('[data-testid="room-name"]', (el) => el.textContent)).toBe('Englisch6');
    expect(pageErrors).toEqual([]);
  } finally {
    await close();
  }
});


test('Firefox ESR: the release build installs, its pages run, and it stays off hosts it was not given', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox');
  try {
    const lesson = await browser.newPage();
    const pageErrors: string[] = [];
    lesson.on('pageerror', (error) => pageErrors.push(String(error)));
    await lesson.goto(simulator.roomUrl('Englisch6', { students: 2 }, '#config.prejoinConfig.enabled=false'));
    await lesson.waitForFunction(() => window.APP.store?.getState()['features/base/conference'].conference !== undefined);

    const options = await browser.newPage();
    await openExtensionPage(options, firefoxExtensionUrl('src/options/index.html'));
    const version = await options.waitForSelector('[data-testid="version"]');
    const { version: expected } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(await version!.evaluate((el) => el.textContent)).toContain(expected);
    // The background ran (it answers storage calls) and recorded nothing for localhost.
    const stored = await options.evaluate(() => (globalThis as any).browser.storage.session.get(null));
    expect(stored).toEqual({});
    expect(pageErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('Firefox ESR: check this page and enable a school server under another name', async () => {
  test.setTimeout(90_000);
  // Firefox resolves names listed here to this machine: the simulator under a second name, over https as a
  // school's server is (jitsi-meet needs a secure context).
  const school = await startSchoolServer();
  const { browser, close } = await launchFirefox('dist/firefox-dev', { 'network.dns.localDomains': SECOND_SIMULATOR_HOST });
  try {
    const lessonUrl = school.roomUrl('Physik9', { students: 3 }, '#config.prejoinConfig.enabled=false');
    const lesson = await browser.newPage();
    await lesson.goto(lessonUrl);
    await lesson.waitForFunction(() => Boolean(window.APP.store?.getState()['features/base/conference'].conference));

    const popup = await browser.newPage();
    await openExtensionPage(popup, POPUP);
    await popup.waitForSelector('main#app');
    const tabId = await popup.evaluate(async (host) => {
      const tabs: Array<{ id: number; url?: string }> = await (globalThis as any).browser.tabs.query({});
      return tabs.find((tab) => tab.url?.includes(host))?.id ?? null;
    }, SECOND_SIMULATOR_HOST);
    expect(tabId).not.toBeNull();
    await openExtensionPage(popup, `${POPUP}?tab=${tabId}`);
    await (await popup.waitForSelector('[data-testid="check-page"]'))!.click();
    const roomName = await popup.waitForSelector('[data-testid="room-name"]');
    expect(await roomName!.evaluate((el) => el.textContent)).toBe('Physik9');
    await (await popup.waitForSelector('[data-testid="enable-site"]'))!.click();
    await popup.waitForSelector('[data-testid="site-enable"][data-step="just-enabled"]');

    // A fresh load on the enabled site is followed by the registered scripts alone (a change after the
    // reload proves it is not a badge left over from the injected ones).
    // jitsi-meet has taken the #config hash (and the query) off the address bar: the reload shows its prejoin.
    await lesson.reload();
    await (await lesson.waitForSelector('[data-testid="prejoin.joinMeeting"]'))!.click();
    await lesson.waitForFunction(() => Boolean(window.APP.store?.getState()['features/base/conference'].conference));
    await lesson.evaluate(() => window.__jitsiSim.join('Ella'));
    const count = await pollFor(async () => {
      const text = await popup.evaluate((id) => (globalThis as any).browser.action.getBadgeText({ tabId: id }), tabId);
      return text === '4' ? text : null;
    }, 'the badge to show 4 after the reload');
    expect(count).toBe('4');
  } finally {
    await close();
    await school.close();
  }
});
