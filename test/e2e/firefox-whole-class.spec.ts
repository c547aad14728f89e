// Firefox ESR: the whole class as jitsi-meet behaves (issue 21): Jitsi's once-only hang-up button after
// "Stay", a class working in breakout rooms, and the end of the lesson started inside a breakout room.
import type { Page } from 'puppeteer-core';
import { firefoxLessonTabId, launchFirefox, occupantsAtHangup, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

test('Firefox ESR: once-only hang-up button after Stay, a class in breakout rooms guarded, ending from a breakout room empties every room', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const lesson = await browser.newPage();
    await lesson.goto(simulator.roomUrl('Werken8', { students: 4, endConference: 0 }, NO_PREJOIN));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
    const hangup = '.toolbox-button:has(.hangup-button)';
    const dialogShown = (shown: boolean) => pollFor(async () => (Boolean(await lesson.$('jmc-leave-guard')) === shown ? true : null), `the dialog ${shown ? 'open' : 'closed'}`);

    // The class goes into a breakout room: the main room is empty, the guard still asks.
    await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe 1', window.__jitsiSim.remoteIds()));
    await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].remote.size === 0);
    await lesson.click(hangup);
    await dialogShown(true);
    await lesson.keyboard.press('Escape');
    await dialogShown(false);
    // Jitsi's hang-up button acts once per instance: after Stay it must still be guarded.
    await lesson.click(hangup);
    await dialogShown(true);
    await lesson.keyboard.press('Escape');
    await dialogShown(false);
    expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);

    // The teacher joins the group and ends the lesson from there: everyone removed, the teacher last.
    await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('Gruppe 1'));
    await lesson.waitForFunction(() => (window.APP.store.getState()['features/base/conference'].conference as any)?.getBreakoutRooms?.().isBreakoutRoom() === true);
    await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
    const occupantsLeft = occupantsAtHangup(lesson);
    await lesson.click(hangup);
    await dialogShown(true);
    await lesson.keyboard.press('Tab'); // Stay → Remove everyone and leave
    await lesson.keyboard.press('Enter');
    expect(await occupantsLeft).toBe(0);
    await lesson.waitForFunction(() => location.pathname === '/', { timeout: 20_000 });
  } finally {
    await close();
  }
});

/** storage.session / storage.local of the extension, read from one of its pages (Firefox has no worker handle here). */
const sessionOf = (page: Page): Promise<Record<string, any>> => page.evaluate(() => (globalThis as any).browser.storage.session.get(null));
const logOf = (page: Page): Promise<Array<Record<string, unknown>>> =>
  page.evaluate(async () => ((await (globalThis as any).browser.storage.local.get('lessonLog')).lessonLog ?? []) as Array<Record<string, unknown>>);

async function joined(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => window.__jitsiSim.whenJoined());
  await page.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
}

test('Firefox ESR: room switches are not leaving, local recording counts, end for all is verified, co-teachers and the kept reason', async ({ simulator }) => {
  test.setTimeout(120_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const extension = await browser.newPage();
    await openFirefoxExtensionPage(extension, 'src/options/index.html', '[data-testid="settings"]');

    // 1. Into a breakout room and back: never "leaving" or "left" in storage, one running lesson.
    const lesson = await browser.newPage();
    await joined(lesson, simulator.roomUrl('Technik9', { students: 4, endConference: 0 }, NO_PREJOIN));
    const tabId = await firefoxLessonTabId(extension, 'Technik9', true);
    await extension.evaluate((id) => {
      const phases: string[] = [];
      (window as any).phases = phases;
      (globalThis as any).browser.storage.session.onChanged.addListener((changes: Record<string, { newValue?: { phase?: string } }>) => {
        const phase = changes[`room:${id}`]?.newValue?.phase;
        if (phase) phases.push(phase);
      });
    }, tabId);
    await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe A', window.__jitsiSim.remoteIds().slice(0, 2)));
    await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('Gruppe A'));
    await pollFor(async () => ((await sessionOf(extension))[`room:${tabId}`]?.inBreakoutRoom === true ? true : null), 'the teacher in the breakout room');
    await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('main'));
    await pollFor(async () => ((await sessionOf(extension))[`room:${tabId}`]?.inBreakoutRoom === false ? true : null), 'the teacher back in the main room');
    const phases: string[] = await extension.evaluate(() => (window as any).phases);
    expect(phases.filter((phase) => phase === 'leaving' || phase === 'left')).toEqual([]);
    expect((await sessionOf(extension))[`lesson:${tabId}`]).toMatchObject({ room: 'Technik9', end: null });

    // 2. A local recording is a recording.
    await lesson.evaluate(() => window.__jitsiSim.setLocalRecording(true));
    await pollFor(async () => ((await sessionOf(extension))[`room:${tabId}`]?.recording === true ? true : null), 'the local recording in storage');
    await lesson.evaluate(() => window.__jitsiSim.setLocalRecording(false));

    // 3. A student made moderator is no co-teacher: the recommended choice stays "Remove everyone and leave".
    await new Promise((done) => setTimeout(done, 3_200)); // past the moment a role counts as given at joining
    await lesson.evaluate(() => window.__jitsiSim.grantModerator(window.__jitsiSim.remoteIds()[0]!));
    const emptied = occupantsAtHangup(lesson);
    await lesson.click('.toolbox-button:has(.hangup-button)');
    await pollFor(async () => ((await lesson.$('jmc-leave-guard')) ? true : null), 'the leave dialog');
    await lesson.keyboard.press('Tab'); // Stay → Remove everyone and leave
    await lesson.keyboard.press('Enter');
    expect(await emptied).toBe(0);
    await lesson.waitForFunction(() => location.pathname === '/', { timeout: 20_000 });

    // 4. A co-teacher who joins as moderator: the primary choice is to leave the class with her.
    const second = await browser.newPage();
    await joined(second, simulator.roomUrl('Technik10', { students: 2, endConference: 0 }, NO_PREJOIN));
    await new Promise((done) => setTimeout(done, 1_200)); // she comes after the teacher
    await second.evaluate(() => window.__jitsiSim.join('Frau Kaya', { moderator: true }));
    const leftWith = occupantsAtHangup(second);
    await second.click('.toolbox-button:has(.hangup-button)');
    await pollFor(async () => ((await second.$('jmc-leave-guard')) ? true : null), 'the leave dialog');
    await second.keyboard.press('Tab'); // Stay → Leave (with a co-teacher, the second button)
    await second.keyboard.press('Enter');
    expect(await leftWith).toBe(3);
    await second.close();

    // 5. "End meeting for all" on a server that ignores it: everyone removed instead; logged as empty.
    const third = await browser.newPage();
    await joined(third, simulator.roomUrl('Technik11', { students: 3, endIgnored: 1 }, NO_PREJOIN));
    const thirdTab = await firefoxLessonTabId(extension, 'Technik11', true);
    const removed = occupantsAtHangup(third);
    await openFirefoxExtensionPage(extension, `src/popup/index.html?tab=${thirdTab}`, '[data-testid="end-lesson"]');
    await extension.click('[data-testid="end-lesson"]');
    await extension.waitForSelector('[data-testid="end-confirm"][data-mechanism="end-for-all"]');
    await extension.click('[data-testid="end-and-leave"]');
    expect(await removed).toBe(0);
    await pollFor(async () => {
      const record = (await logOf(extension)).find((r) => r.room === 'Technik11');
      return record ? record : null;
    }, 'the lesson in the log').then((record) => expect(record).toMatchObject({ outcome: 'empty' }));

    // 6. Strong warning with the lesson log on: the typed reason goes with the lesson into the log.
    await extension.evaluate(() => (globalThis as any).browser.storage.local.set({ settings: { leaveGuard: 'strong' } }));
    await pollFor(
      async () => ((await extension.evaluate(async () => (await (globalThis as any).browser.storage.local.get('leaveGuardPrefs')).leaveGuardPrefs?.strong)) ? true : null),
      'the strong mode kept ready',
    );
    const fourth = await browser.newPage();
    await joined(fourth, simulator.roomUrl('Technik12', { students: 2, endConference: 0 }, NO_PREJOIN));
    await fourth.click('.toolbox-button:has(.hangup-button)');
    await pollFor(async () => ((await fourth.$('jmc-leave-guard')) ? true : null), 'the leave dialog');
    await fourth.keyboard.press('Tab');
    await fourth.keyboard.press('Tab');
    await fourth.keyboard.press('Enter'); // Leave anyway → why?
    await new Promise((done) => setTimeout(done, 200));
    await fourth.keyboard.type('Elternabend');
    await fourth.keyboard.press('Enter');
    await pollFor(async () => {
      const record = (await logOf(extension)).find((r) => r.room === 'Technik12');
      return record ? record : null;
    }, 'the lesson in the log').then((record) => expect(record).toMatchObject({ outcome: 'left-with-people', leaveReason: 'Elternabend' }));
  } finally {
    await close();
  }
});
