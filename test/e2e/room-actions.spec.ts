// One-click fixes travel popup → background → content → page and change the simulated conference
// through its real methods; failures come back with their reason.
import { expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

async function act(popup: import('@playwright/test').Page, tabId: number, action: unknown) {
  return popup.evaluate(([id, a]) => chrome.runtime.sendMessage({ type: 'room-action', tabId: id, action: a }), [tabId, action] as const);
}

test('enable lobby, set password and start muted reach Jitsi and show in its own state', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Mathe7b', { students: 3 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  // jitsi-meet's page takes a moment to join on a busy machine: the lesson first, then its popup.
  await expect.poll(() => storedRoomOf(serviceWorker, tabId), { timeout: 20_000 }).toMatchObject({ phase: 'conference', isModerator: true });
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'fail');

  expect(await act(popup, tabId, { kind: 'enable-lobby' })).toEqual({ ok: true });
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'ok');
  expect(await lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);

  expect(await act(popup, tabId, { kind: 'set-password', password: 'Kq7-mPx4rTz' })).toEqual({ ok: true });
  await expect(popup.getByTestId('check-password')).toHaveAttribute('data-status', 'ok');
  // Jitsi's own state says "set locally" with the password, as after its Security dialog.
  expect(await lesson.evaluate(() => {
    const { locked, password } = window.APP.store.getState()['features/base/conference'];
    return { locked, password };
  })).toEqual({ locked: 'LOCKED_LOCALLY', password: 'Kq7-mPx4rTz' });

  expect(await act(popup, tabId, { kind: 'set-start-muted', audio: true, video: true })).toEqual({ ok: true });
  expect(await lesson.evaluate(() => {
    const { startAudioMutedPolicy, startVideoMutedPolicy } = window.APP.store.getState()['features/base/conference'];
    return [startAudioMutedPolicy, startVideoMutedPolicy];
  })).toEqual([true, true]);
});

test('actions fail with a reason: not moderator, no lobby on this server, digits-only rule, no page', async ({ context, serviceWorker, extensionId, simulator }) => {
  const student = await context.newPage();
  await student.goto(simulator.roomUrl('Mathe7b', { students: 2, role: 'participant' }, NO_PREJOIN));
  const studentTab = await tabIdOf(serviceWorker, student);
  const popup = await openPopup(context, extensionId, studentTab);
  await expect(popup.getByTestId('check-moderator')).toHaveAttribute('data-status', 'fail');
  expect(await act(popup, studentTab, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'not-moderator' });

  const oldServer = await context.newPage();
  await oldServer.goto(simulator.roomUrl('Bio9c', { students: 2, lobby: 0, passwordDigits: 8 }, NO_PREJOIN));
  const oldTab = await tabIdOf(serviceWorker, oldServer);
  // Wait for the teacher's role (it arrives after the join), not only for a first record of the tab.
  await expect.poll(() => storedRoomOf(serviceWorker, oldTab)).toMatchObject({ phase: 'conference', isModerator: true });
  expect(await act(popup, oldTab, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'unsupported' });
  expect(await act(popup, oldTab, { kind: 'set-password', password: 'Kq7-mPx4rTz' })).toEqual({ ok: false, failure: 'invalid-password' });
  expect(await act(popup, oldTab, { kind: 'set-password', password: '49381726' })).toEqual({ ok: true });

  // A tab without our scripts answers nothing.
  const blank = await context.newPage();
  await blank.goto('data:text/html,<title>blank</title>');
  const blankTab = await tabIdOf(serviceWorker, blank);
  expect(await act(popup, blankTab, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'no-page' });
  // Malformed requests are not even answered.
  expect(await act(popup, oldTab, { kind: 'kick-everyone' })).toBeUndefined();
});
