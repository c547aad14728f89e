// The companion on jitsi-meet's real web UI and redux store (test/jitsi-sdk: the web app from
// @jitsi/react-native-sdk, only the network side stood in for). Real prejoin, the real hang-up menu, the
// real Security options dialog; what the extension reads is what jitsi-meet itself wrote (issue 15).
import type { BrowserContext, Page } from '@playwright/test';
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { badgeOf, expect, leaveGuardShown, openPopup, recordOccupantsAtHangup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

let server: Awaited<ReturnType<typeof startSimulator>>;
test.beforeAll(async () => {
  server = await startSimulator();
});
test.afterAll(async () => {
  await server.close();
});

/** The real prejoin screen, its real "Join meeting" button, then the moderator role (after the join). */
async function joinRealLesson(context: BrowserContext, room: string, students: string[], query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.origin}/${room}${query}`);
  await page.locator('[data-testid="prejoin.joinMeeting"]').click();
  await page.waitForFunction(() => (window as any).APP?.store?.getState()['features/base/participants'].local?.role === 'moderator');
  for (const name of students) await page.evaluate((n) => window.__jitsiSim.join(n), name);
  return page;
}

const remotes = (page: Page) => page.evaluate(() => (window as any).APP.store.getState()['features/base/participants'].remote.size as number);

test('real hang-up menu: "Leave meeting" with students inside brings the leave guard; Stay keeps the lesson', async ({ context, serviceWorker }) => {
  const lesson = await joinRealLesson(context, 'RealMathe', ['Anna', 'Ben', 'Clara']);
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

test('real plain hang-up button (once per instance in jitsi-meet): guarded after Stay too, and leaves at once when the class is gone', async ({ context }) => {
  const lesson = await joinRealLesson(context, 'RealPlain', ['Anna', 'Ben'], '?endConference=0');
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

test('the lobby switched on in the real Security options dialog ticks the popup checklist', async ({ context, serviceWorker, extensionId }) => {
  const lesson = await joinRealLesson(context, 'RealBio', ['Anna']);
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'fail');

  await lesson.bringToFront();
  let security = lesson.locator('#new-toolbox [aria-label="Security options"]');
  if (!(await security.count())) {
    await lesson.locator('#new-toolbox [aria-label="More actions"]').first().click();
    security = lesson.locator('[aria-label="Security options"]');
  }
  await security.first().click();
  await lesson.locator('#lobby-section .toggle-container, #lobby-section-switch').first().click();
  await lesson.waitForFunction(() => (window as any).APP.store.getState()['features/lobby'].lobbyEnabled === true);
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'ok');
});

test('end of lesson from the popup empties the room as jitsi-meet\'s own reducers see it', async ({ context, serviceWorker, extensionId }) => {
  const lesson = await joinRealLesson(context, 'RealChemie', ['Anna', 'Ben', 'Clara', 'David'], '?endConference=0');
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
