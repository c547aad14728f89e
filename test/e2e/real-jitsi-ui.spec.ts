// The companion on jitsi-meet's real web UI and redux store (test/jitsi-sdk: the web app from
// @jitsi/react-native-sdk, only the network side stood in for). Real prejoin, the real hang-up menu, the
// real Security options dialog; what the extension reads is what jitsi-meet itself wrote (issue 15).
import type { BrowserContext, Page } from '@playwright/test';
import { badgeOf, expect, leaveGuardShown, openPopup, openSecurityOptions, recordOccupantsAtHangup, storedRoomOf, tabIdOf, test, type Simulator } from './fixtures.ts';

/** The real prejoin screen, its real "Join meeting" button, then the moderator role (after the join). */
async function joinRealLesson(
  context: BrowserContext, simulator: Simulator, room: string, students: string[], params: Record<string, number> = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(simulator.roomUrl(room, params));
  await page.locator('[data-testid="prejoin.joinMeeting"]').click();
  await page.waitForFunction(() => (window as any).APP?.store?.getState()['features/base/participants'].local?.role === 'moderator');
  for (const name of students) await page.evaluate((n) => window.__jitsiSim.join(n), name);
  return page;
}

const remotes = (page: Page) => page.evaluate(() => (window as any).APP.store.getState()['features/base/participants'].remote.size as number);

test('real hang-up menu: "Leave meeting" with students inside brings the leave guard; Stay keeps the lesson', async ({ context, serviceWorker, simulator }) => {
  const lesson = await joinRealLesson(context, simulator, 'RealMathe', ['Anna', 'Ben', 'Clara']);
  const tabId = await tabIdOf(serviceWorker, lesson);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', roomName: 'RealMathe', participants: 3, isModerator: true });
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('3');

  await lesson.locator('.toolbox-button:has(.hangup-menu-button)').first().click();
  await lesson.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(lesson.locator('jmc-leave-guard')).toHaveCount(1);
  expect((await leaveGuardShown(lesson))?.title).toBe('3 participants are still in the room');
  await lesson.keyboard.press('Escape');
  await expect(lesson.locator('jmc-leave-guard')).toHaveCount(0);
  await lesson.waitForTimeout(700); // a leave would go to the welcome page after ~500 ms
  expect(await lesson.evaluate(() => (window as any).APP.store.getState()['features/base/conference'].conference !== undefined)).toBe(true);
  expect(await remotes(lesson)).toBe(3);
});

test('real plain hang-up button (once per instance in jitsi-meet): guarded after Stay too, and leaves at once when the class is gone', async ({ context, simulator }) => {
  const lesson = await joinRealLesson(context, simulator, 'RealPlain', ['Anna', 'Ben'], { endConference: 0 });
  const hangup = lesson.locator('#new-toolbox .toolbox-button:has(.hangup-button)').first();
  await hangup.click();
  await expect(lesson.locator('jmc-leave-guard')).toHaveCount(1);
  await lesson.keyboard.press('Escape');
  await hangup.click();
  await expect(lesson.locator('jmc-leave-guard')).toHaveCount(1);
  await lesson.keyboard.press('Escape');
  const ids: string[] = await lesson.evaluate(() => [...(window as any).APP.store.getState()['features/base/participants'].remote.keys()]);
  for (const id of ids) await lesson.evaluate((one) => window.__jitsiSim.leave(one), id);
  const hungUp = await recordOccupantsAtHangup(lesson);
  await hangup.click();
  await expect.poll(() => hungUp).toEqual([0]);
  await expect(lesson.locator('jmc-leave-guard')).toHaveCount(0);
});

test('the lobby switched on in the real Security options dialog ticks the popup checklist', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinRealLesson(context, simulator, 'RealBio', ['Anna']);
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'fail');

  await openSecurityOptions(lesson);
  await lesson.locator('#lobby-section .toggle-container').click();
  await lesson.waitForFunction(() => (window as any).APP.store.getState()['features/lobby'].lobbyEnabled === true);
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'ok');
});

test('end of lesson from the popup empties the room as jitsi-meet\'s own reducers see it', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinRealLesson(context, simulator, 'RealChemie', ['Anna', 'Ben', 'Clara', 'David'], { endConference: 0 });
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '4');
  await popup.getByTestId('end-lesson').click();
  await popup.getByTestId('end-and-stay').click();
  await expect(popup.getByTestId('end-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  expect(await remotes(lesson)).toBe(0);
  expect(await lesson.evaluate(() => (window as any).APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
  expect(await lesson.evaluate(() => (window as any).APP.store.getState()['features/base/conference'].locked)).toBe('LOCKED_LOCALLY');
});
