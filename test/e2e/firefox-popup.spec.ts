// Firefox ESR: the popup on a simulated lesson, and its one-click lobby fix.
import { firefoxLessonTabId, launchFirefox, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
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
    const tabId = await firefoxLessonTabId(popup, 'Deutsch8a', true);
    await openFirefoxExtensionPage(popup, `src/popup/index.html?tab=${tabId}`, '[data-testid="checks"]');
    const lobbyStatus = () => popup.$eval('[data-testid="check-lobby"]', (el) => el.getAttribute('data-status'));
    expect(await lobbyStatus()).toBe('fail');
    // Firefox's popup is at most 600 px high too: the lesson view fits, "End the lesson…" in sight.
    await popup.setViewport({ width: 380, height: 600 });
    const fit = await popup.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      end: document.querySelector('[data-testid="end-lesson"]')!.getBoundingClientRect().bottom,
      lobby: document.querySelector('[data-testid="check-lobby"] .label')!.textContent,
    }));
    expect(fit.height).toBeLessThanOrEqual(600);
    expect(fit.end).toBeLessThanOrEqual(600);
    expect(fit.lobby).toBe('Lobby: off');
    await (await popup.waitForSelector('[data-testid="fix-enable-lobby"]'))!.click();
    await pollFor(async () => ((await lobbyStatus()) === 'ok' ? true : null), 'the lobby check to turn green');
    expect(await lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
  } finally {
    await close();
  }
});
