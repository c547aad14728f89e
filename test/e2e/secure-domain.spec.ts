// A secure domain (issue 17; the German seed's state service): only a logged-in teacher opens the room,
// students wait for the host. jitsi-meet's real web UI shows "Waiting for a moderator…" with its
// "Log-in" button and login dialog; the companion says what Jitsi waits for, then the lesson's checklist.
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { badgeOf, expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
let jitsi: Awaited<ReturnType<typeof startSimulator>>;
test.beforeAll(async () => {
  jitsi = await startSimulator();
});
test.afterAll(async () => {
  await jitsi?.close();
});

const serverState = (page: import('@playwright/test').Page) =>
  page.evaluate(() => window.__jitsiSim.state() as { secureDomain: { loggedIn: boolean; waitingForHost: number }; occupants: unknown[] });

test('secure domain: waiting for the host, the teacher logs in in Jitsi\'s own dialog, becomes moderator, the class comes in', async ({ context, serviceWorker, extensionId }) => {
  const lesson = await context.newPage();
  await lesson.goto(jitsi.roomUrl('Mathe10', { students: 3, secure: 1 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);

  // Step 1: Jitsi waits for a moderator; the students' clients wait too.
  await expect(lesson.getByText('Waiting for a moderator…')).toBeVisible();
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'joining', waitingFor: 'host', isModerator: null, participants: null });
  expect((await serverState(lesson)).secureDomain).toEqual({ loggedIn: false, waitingForHost: 3 });
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('phase')).toHaveAttribute('data-waiting-for', 'host');
  await expect(popup.getByTestId('waiting-hint')).toContainText('"Log-in"');
  expect(await badgeOf(serviceWorker, tabId)).toBe('');

  // Step 2: the teacher logs in with the real dialog (jitsi-meet retries the join every 5 s).
  await lesson.bringToFront();
  await lesson.getByRole('button', { name: 'Log-in' }).click();
  await lesson.locator('#login-dialog-username').fill('weber@schule.example');
  await lesson.locator('#login-dialog-password').fill('ein-gutes-passwort');
  await lesson.getByRole('button', { name: 'Login' }).click();
  await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator', null, { timeout: 15_000 });

  // Step 3: moderator in an open room; the class comes in; the checklist is the lesson's.
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', waitingFor: null, isModerator: true, participants: 3 });
  expect((await serverState(lesson)).secureDomain).toEqual({ loggedIn: true, waitingForHost: 0 });
  await expect(popup.getByTestId('waiting-hint')).toHaveCount(0);
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '3');
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'fail');
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('3');
  // Nothing of the login is kept: not the account, not the password.
  const stored = await serviceWorker.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
  expect(stored).not.toContain('weber@schule.example');
  expect(stored).not.toContain('ein-gutes-passwort');
});
