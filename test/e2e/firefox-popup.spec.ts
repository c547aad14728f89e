// Firefox ESR: the popup on a simulated lesson, and its one-click lobby fix.
import { launchFirefox, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

test('Firefox ESR: the popup shows the checklist and turns the lobby on', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const lesson = await browser.newPage();
    await lesson.goto(simulator.roomUrl('Deutsch8a', { students: 4 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());

    const popup = await browser.newPage();
    await openFirefoxExtensionPage(popup, 'src/popup/index.html');
    const tabId = await pollFor(
      () =>
        popup.evaluate(async () => {
          const all: Record<string, any> = await (globalThis as any).browser.storage.session.get(null);
          const entry = Object.entries(all).find(([key, room]) => key.startsWith('room:') && room?.roomName === 'Deutsch8a' && room.isModerator === true);
          return entry ? Number(entry[0].slice('room:'.length)) : null;
        }),
      'the lesson in session storage',
    );
    await openFirefoxExtensionPage(popup, `src/popup/index.html?tab=${tabId}`, '[data-testid="checks"]');
    const lobbyStatus = () => popup.$eval('[data-testid="check-lobby"]', (el) => el.getAttribute('data-status'));
    expect(await lobbyStatus()).toBe('fail');
    await (await popup.waitForSelector('[data-testid="fix-enable-lobby"]'))!.click();
    await pollFor(async () => ((await lobbyStatus()) === 'ok' ? true : null), 'the lobby check to turn green');
    expect(await lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
  } finally {
    await close();
  }
});
