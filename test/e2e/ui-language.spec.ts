// The companion's language chosen in the settings (uiLanguage) instead of the browser's: extension
// pages, the badge, and the content script's leave guard all speak it. The browser here is English.
import { readFileSync } from 'node:fs';
import { flattenCatalogue, substitute } from '../../src/core/catalogue.ts';
import { expect, openPopup, tabIdOf, test } from './fixtures.ts';

const catalogue = (language: string) => flattenCatalogue(JSON.parse(readFileSync(`assets/_locales/${language}/messages.json`, 'utf8')));

test('formatting our own catalogues gives exactly what the browser\'s i18n gives', async ({ context, extensionId }) => {
  const english = catalogue('en');
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const substitutions = ['A$1', 'B', 'C'];
  const fromBrowser = await page.evaluate(
    ({ keys, substitutions }) => Object.fromEntries(keys.map((key) => [key, chrome.i18n.getMessage(key, substitutions)])),
    { keys: Object.keys(english), substitutions },
  );
  const ours = Object.fromEntries(Object.entries(english).map(([key, text]) => [key, substitute(text, substitutions)]));
  expect(ours).toEqual(fromBrowser);
});

test('a teacher who chooses Dutch gets Dutch options, popup, badge and leave guard', async ({ context, extensionId, serviceWorker, simulator }) => {
  const dutch = catalogue('nl');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(options.locator('html')).toHaveAttribute('lang', 'en');
  await options.locator('#setting-uiLanguage').selectOption('nl');
  // The page reloads itself in the chosen language.
  await expect(options.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(options.locator('#lesson-heading')).toHaveText(dutch.optionsSectionLesson!);

  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Aardrijkskunde', { students: 2 }, '#config.prejoinConfig.enabled=false'));
  await lesson.evaluate(() => window.__jitsiSim.whenJoined());
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(popup.getByTestId('phase')).toHaveText(dutch.phaseConference!);
  await expect
    .poll(() => serviceWorker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId))
    .toContain(substitute(dutch.actionTitleInRoomOther!, ['Aardrijkskunde', '2']));

  // Hang up with the class inside; Tab, Enter takes "remove everyone and leave" (Stay has the focus).
  // The students are told why they were removed, in Dutch: the content script has the chosen language,
  // also when the hang-up has just woken a stopped worker.
  const cdp = await context.newCDPSession(lesson);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await lesson.bringToFront();
  await lesson.locator('#videospace').click();
  await lesson.locator('.toolbox-button:has(.hangup-menu-button)').click();
  await lesson.locator('button[aria-label="Leave meeting"]').click();
  await lesson.locator('jmc-leave-guard').waitFor({ state: 'attached' });
  // Note each kick's reason where it survives the page leaving (same origin, same tab).
  await lesson.evaluate(() => {
    const conference = window.APP.store.getState()['features/base/conference'].conference as any;
    const kick = conference.kickParticipant.bind(conference);
    conference.kickParticipant = (id: string, reason: string) => {
      sessionStorage.setItem('kick-reasons', JSON.stringify([...JSON.parse(sessionStorage.getItem('kick-reasons') ?? '[]'), reason]));
      return kick(id, reason);
    };
  });
  await lesson.keyboard.press('Tab'); // Stay → Remove everyone and leave
  await lesson.keyboard.press('Enter');
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
  // Each student at least once (the end-of-lesson check kicks again whoever is still shown).
  const reasons: string[] = await lesson.evaluate(() => JSON.parse(sessionStorage.getItem('kick-reasons') ?? '[]'));
  expect(reasons.length).toBeGreaterThanOrEqual(2);
  expect(new Set(reasons)).toEqual(new Set([dutch.kickReason]));
});
