// Firefox ESR: the whole class as jitsi-meet behaves (issue 21): Jitsi's once-only hang-up button after
// "Stay", a class working in breakout rooms, and the end of the lesson started inside a breakout room.
import { launchFirefox, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

test('Firefox ESR: once-only hang-up button after Stay, a class in breakout rooms guarded, ending from a breakout room empties every room', async ({ simulator }) => {
  test.setTimeout(90_000);
  const { browser, close } = await launchFirefox('dist/firefox-dev');
  try {
    const lesson = await browser.newPage();
    await lesson.goto(simulator.roomUrl('Werken8', { students: 4, endConference: 0 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
    const hangup = '.toolbox-button:has(> .hangup-button)';
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
    const occupantsAtHangup = lesson.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const legacy = window.APP.conference as any;
          const inner = legacy.hangup;
          legacy.hangup = (...args: unknown[]) => {
            resolve(window.__jitsiSim.remoteIds().length);
            return inner.apply(legacy, args);
          };
        }),
    );
    await lesson.click(hangup);
    await dialogShown(true);
    await lesson.keyboard.press('Enter'); // Remove everyone and leave
    expect(await occupantsAtHangup).toBe(0);
    await lesson.waitForFunction(() => location.pathname === '/', { timeout: 20_000 });
  } finally {
    await close();
  }
});
