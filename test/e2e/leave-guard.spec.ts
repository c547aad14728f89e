// The leave guard on the simulated lesson, whose Jitsi handlers leave at once on beforeunload unless
// disableBeforeUnloadHandlers is set (jitsi-facts.md §4.3): "Stay" must really keep the teacher in.
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from './browsers.ts';
import { expect, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

async function joinedLesson(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => window.__jitsiSim.whenJoined());
  // Browsers show a leave prompt only on pages the user has interacted with.
  await page.locator('#videospace').click();
}

test('reload with students present: the browser asks, and "Stay" keeps the teacher in the lesson', async ({ context, serviceWorker, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 3 }, NO_PREJOIN));
  expect(await lesson.evaluate(() => (window as any).config.disableBeforeUnloadHandlers)).toBe(true);

  const prompts: string[] = [];
  lesson.once('dialog', async (dialog) => {
    prompts.push(dialog.type());
    await dialog.dismiss(); // "Stay"
  });
  await lesson.reload({ timeout: 3_000 }).catch(() => undefined);
  expect(prompts).toEqual(['beforeunload']);
  // Still in the lesson: Jitsi did not leave or disconnect behind the prompt.
  expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
  expect(await lesson.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(3);
  const tabId = await tabIdOf(serviceWorker, lesson);
  const stored = await serviceWorker.evaluate((id) => chrome.storage.session.get(`room:${id}`), tabId);
  expect(Object.values(stored)[0]).toMatchObject({ phase: 'conference', participants: 3 });
});

test('reload with an empty room: no prompt', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 0 }, NO_PREJOIN));
  const prompts: string[] = [];
  lesson.on('dialog', async (dialog) => {
    prompts.push(dialog.type());
    await dialog.accept();
  });
  await lesson.reload();
  expect(prompts).toEqual([]);
});

test('without the extension the simulator leaves at once on beforeunload, as Jitsi does', async ({ simulator }) => {
  // Plain Chromium, no extension: proves the simulator reproduces the failure mode the guard fixes.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await joinedLesson(page, simulator.roomUrl('Mathe7b', { students: 2 }, NO_PREJOIN));
  expect(await page.evaluate(() => (window as any).config.disableBeforeUnloadHandlers)).toBeUndefined();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeunload')));
  expect(await page.evaluate(() => window.APP.conference.isJoined())).toBe(false);
  await browser.close();
});
