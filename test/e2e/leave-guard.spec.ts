// The leave guard on the simulated lesson, whose Jitsi handlers leave at once on beforeunload unless
// disableBeforeUnloadHandlers is set (docs/jitsi.md §4.3): "Stay" must really keep the teacher in.
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from './browsers.ts';
import { expect, openPopup, recordOccupantsAtHangup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

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

test('navigating away with students present: the browser asks, and "Stay" keeps the lesson', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 2 }, NO_PREJOIN));
  const prompts: string[] = [];
  lesson.once('dialog', async (dialog) => {
    prompts.push(dialog.type());
    await dialog.dismiss();
  });
  await lesson.goto(`${simulator.origin}/__fixtures/lookalike`, { timeout: 3_000 }).catch(() => undefined);
  expect(prompts).toEqual(['beforeunload']);
  expect(new URL(lesson.url()).pathname).toBe('/Mathe7b');
  expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
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

// The dialog lives in a closed shadow root: tests see its host element and drive it by keyboard, as a
// teacher can (initial focus on "Remove everyone and leave"; Tab → Stay → Leave anyway; Escape = Stay).
const dialogHost = (page: Page) => page.locator('jmc-leave-guard');

test('hang-up button with students present: the dialog asks, Escape keeps the teacher in', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 3, endConference: 0 }, NO_PREJOIN));
  await lesson.locator('.toolbox-button:has(.hangup-button)').click();
  await expect(dialogHost(lesson)).toHaveCount(1);
  await lesson.screenshot({ path: 'test-results/leave-guard-lesson.png' });
  await lesson.keyboard.press('Escape');
  await expect.poll(() => dialogHost(lesson).count()).toBe(0);
  await lesson.waitForTimeout(700); // a leave would navigate away after ~500 ms
  expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
  expect(await lesson.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(3);
});

test('"Remove everyone and leave" (Tab, Enter: Stay has the focus) empties the room, the teacher leaves last and is told what happened', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 4, endConference: 0 }, NO_PREJOIN));
  const occupantsSeen = await recordOccupantsAtHangup(lesson);
  await lesson.locator('.toolbox-button:has(.hangup-button)').click();
  await expect(dialogHost(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Tab'); // Stay (the initial focus) → Remove everyone and leave
  await lesson.keyboard.press('Enter');
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
  // The button's click never reached Jitsi (held before React saw it): the one real hang-up is the
  // sequence's own, in an empty room.
  expect(occupantsSeen).toEqual([0]);
  // What happened is told, and lasts: a notification, and this tab's popup on Jitsi's welcome page.
  const notices = () => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).filter((id) => id.startsWith('ended-')));
  await expect.poll(notices).toHaveLength(1);
  const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, lesson));
  await expect(popup.getByTestId('no-room')).toBeVisible();
  await expect(popup.getByTestId('lesson-ended')).toContainText('Lesson ended · Mathe7b');
  await expect(popup.getByTestId('lesson-ended')).toContainText('4 removed, the room locked with lobby and password.');
});

test('"Leave anyway" leaves the class in the room; the menu\'s "Leave meeting" and the in-app hangup are guarded too', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 2 }, NO_PREJOIN));
  // In-app route (keyboard, other UI): APP.conference.hangup.
  await lesson.evaluate(() => void window.APP.conference.hangup(true));
  await expect(dialogHost(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Escape');
  await expect.poll(() => dialogHost(lesson).count()).toBe(0);
  // The moderator's hang-up menu → "Leave meeting".
  await lesson.locator('.toolbox-button:has(.hangup-menu-button)').click();
  await lesson.locator('button[aria-label="Leave meeting"]').click();
  await expect(dialogHost(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Tab');
  await lesson.keyboard.press('Tab');
  await lesson.keyboard.press('Enter'); // Leave anyway
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
});

test('with nobody else in the room, hanging up is not questioned', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 0, endConference: 0 }, NO_PREJOIN));
  await lesson.locator('.toolbox-button:has(.hangup-button)').click();
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
  await expect(dialogHost(lesson)).toHaveCount(0);
});

test('a student (not moderator) is never held back', async ({ context, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Mathe7b', { students: 3, role: 'participant' }, NO_PREJOIN));
  await lesson.locator('.toolbox-button:has(.hangup-button)').click();
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
});

test('closing the lesson tab with students inside: a notification says so and keeps the way back', async ({ context, serviceWorker, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Bio9c', { students: 3 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  // The moderator role arrives just after joining (facts §2.2); wait until the extension knows it.
  await expect.poll(async () => (await storedRoomOf(serviceWorker, tabId))?.isModerator).toBe(true);
  await lesson.close({ runBeforeUnload: false }); // like a crash or a closed window: no prompt
  await expect.poll(() => serviceWorker.evaluate(() => chrome.notifications.getAll())).not.toEqual({});
  // The tab's room and address are forgotten; only the notice's way back stays.
  const session = () => serviceWorker.evaluate(() => chrome.storage.session.get(null));
  await expect.poll(async () => Object.keys(await session()).filter((key) => key.startsWith('room:') || key.startsWith('url:'))).toEqual([]);
  const notices = Object.entries(await session()).filter(([key]) => key.startsWith('notice:left-behind-'));
  expect(notices).toHaveLength(1);
  expect(notices[0]![1]).toBe(simulator.roomUrl('Bio9c', { students: 3 })); // no #config hash
});

test('closing a tab after an empty-room ending shows nothing', async ({ context, serviceWorker, simulator }) => {
  const lesson = await context.newPage();
  await joinedLesson(lesson, simulator.roomUrl('Bio9c', { students: 0 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.storage.session.get(`room:${id}`), tabId)).not.toEqual({});
  await lesson.close({ runBeforeUnload: false });
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.storage.session.get(`room:${id}`), tabId)).toEqual({});
  expect(await serviceWorker.evaluate(() => chrome.notifications.getAll())).toEqual({});
});
