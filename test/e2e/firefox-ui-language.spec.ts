// Firefox ESR: a teacher's chosen language (uiLanguage) reaches the extension pages and the content
// script there too (the background fetches its own _locales file; Firefox resolves it like Chromium).
import { readFileSync } from 'node:fs';
import { flattenCatalogue } from '../../src/core/catalogue.ts';
import { firefoxLessonTabId, launchFirefox, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

const german = flattenCatalogue(JSON.parse(readFileSync('assets/_locales/de/messages.json', 'utf8')));

test('Firefox ESR: choosing German in the options page turns the options page and the popup German', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const options = await browser.newPage();
    await openFirefoxExtensionPage(options, 'src/options/index.html', '[data-testid="settings"]');
    expect(await options.$eval('html', (html) => html.lang)).toBe('en');
    await options.select('#setting-uiLanguage', 'de');
    // The page reloads itself in the chosen language. One evaluate per probe: an element handle taken
    // from the old document and used in the new one fails under BiDi ("cross-origin object").
    await pollFor(async () => ((await options.evaluate(() => document.documentElement.lang).catch(() => null)) === 'de' ? true : null), 'the options page in German');
    await options.waitForSelector('#lesson-heading');
    expect(await options.$eval('#lesson-heading', (heading) => heading.textContent)).toBe(german.optionsSectionLesson);

    const lesson = await browser.newPage();
    await lesson.goto(simulator.roomUrl('Deutsch8a', { students: 2 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    const popup = await browser.newPage();
    await openFirefoxExtensionPage(popup, 'src/popup/index.html', 'main#app');
    const tabId = await firefoxLessonTabId(popup, 'Deutsch8a');
    await openFirefoxExtensionPage(popup, `src/popup/index.html?tab=${tabId}`, '[data-testid="phase"]');
    expect(await popup.$eval('html', (html) => html.lang)).toBe('de');
    expect(await popup.$eval('[data-testid="phase"]', (phase) => phase.textContent)).toBe(german.phaseConference);
  } finally {
    await close();
  }
});
