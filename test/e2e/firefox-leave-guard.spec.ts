// Firefox ESR: the hang-up guard and the end-of-lesson sequence on a class of 5.
import { launchFirefox, occupantsAtHangup, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';

test('Firefox ESR: hang-up with 5 students asks first; Stay keeps the lesson, the default empties the room and leaves last', async ({ simulator }) => {
  test.setTimeout(90_000);
  // The event page is suspended after 1 s idle: the first hang-up finds it asleep.
  const { browser, close } = await launchFirefox('dist/firefox-dev', { 'extensions.background.idle.timeout': 1000 });
  try {
    const lesson = await browser.newPage();
    await lesson.goto(simulator.roomUrl('Englisch6', { students: 5, endConference: 0 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    // Our page script made Jitsi keep its clean-up for `unload` (§4.3).
    expect(await lesson.evaluate(() => (window as any).config.disableBeforeUnloadHandlers)).toBe(true);
    const hangup = '.toolbox-button:has(.hangup-button)';

    await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
    await new Promise((done) => setTimeout(done, 2_000)); // the background goes to sleep

    // The first hang-up: the dialog is drawn within the click itself, the next frame within 150 ms.
    const timing = await lesson.evaluate(
      (selector) =>
        new Promise<{ drawnInClick: boolean; msToFrame: number }>((resolve) => {
          const started = performance.now();
          document.querySelector<HTMLElement>(selector)!.click();
          const drawnInClick = document.querySelector('jmc-leave-guard') !== null;
          requestAnimationFrame(() => requestAnimationFrame(() => resolve({ drawnInClick, msToFrame: performance.now() - started })));
        }),
      hangup,
    );
    expect(timing.drawnInClick).toBe(true);
    expect(timing.msToFrame).toBeLessThanOrEqual(150);
    await lesson.keyboard.press('Escape');
    await pollFor(async () => ((await lesson.$('jmc-leave-guard')) ? null : true), 'the dialog to close');
    expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
    expect(await lesson.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(5);

    // Again (Jitsi's once-only hang-up button still works after "Stay"), and Enter: "Remove everyone and leave".
    await lesson.click(hangup);
    await pollFor(async () => ((await lesson.$('jmc-leave-guard')) ? true : null), 'the leave dialog');
    // The teacher's real hang-up happens only when nobody else is left: record the count then.
    const removedAll = occupantsAtHangup(lesson);
    await lesson.keyboard.press('Tab'); // Stay → Remove everyone and leave
    await lesson.keyboard.press('Enter');
    expect(await removedAll).toBe(0);
    await lesson.waitForFunction(() => location.pathname === '/', { timeout: 15_000 });
  } finally {
    await close();
  }
});
