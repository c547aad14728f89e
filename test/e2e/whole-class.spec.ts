// The companion follows the whole class as jitsi-meet behaves (issue 21; facts §9): a hang-up button that
// acts only once per instance, a class in breakout rooms, the teacher moving between rooms, the end of a
// lesson started inside a breakout room, "end meeting for all" on a server that ignores it, and local
// recording. Each test fails on the companion of 2026-11 (before issue 21).
import type { Page, Worker } from '@playwright/test';
import { badgeColourOf, badgeOf, expect, joinedLesson, leaveGuardShown, openPopup, recordOccupantsAtHangup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const HANGUP = '.toolbox-button:has(.hangup-button)';
const dialog = (page: Page) => page.locator('jmc-leave-guard');

/** Every phase the background stored for the tab, in order (watched from an extension page). */
async function watchStoredPhases(popup: Page, tabId: number): Promise<() => Promise<string[]>> {
  await popup.evaluate((id) => {
    const phases: string[] = [];
    (window as any).storedPhases = phases;
    chrome.storage.session.onChanged.addListener((changes) => {
      const room = changes[`room:${id}`]?.newValue as { phase?: string } | undefined;
      if (room?.phase) phases.push(room.phase);
    });
  }, tabId);
  return () => popup.evaluate(() => (window as any).storedPhases as string[]);
}

test('after "Stay" the once-only hang-up button is guarded again, and with the class gone it leaves at once', async ({ context, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Mathe5', { students: 2, endConference: 0 }, NO_PREJOIN));
  await lesson.locator(HANGUP).click();
  await expect(dialog(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Escape');
  await expect(dialog(lesson)).toHaveCount(0);
  // Keyboard, as a teacher without a mouse: the same button, Enter.
  await lesson.locator(HANGUP).focus();
  await lesson.keyboard.press('Enter');
  await expect(dialog(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Escape');
  // The class leaves; the button still works and now leaves at once.
  for (const id of await lesson.evaluate(() => window.__jitsiSim.remoteIds())) await lesson.evaluate((one) => window.__jitsiSim.leave(one), id);
  await lesson.locator(HANGUP).click();
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
});

test('the whole class in breakout rooms: badge and guard count them, and the dialog says where they are', async ({ context, serviceWorker, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Deutsch7', { students: 3, endConference: 0 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  const jid = await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe 1', window.__jitsiSim.remoteIds()));
  expect(jid).toMatch(/^deutsch7_[0-9a-f-]{36}@breakout\./); // as Prosody's mod_muc_breakout_rooms names them
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ participants: 0, breakoutParticipants: 3 });
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('3');
  await lesson.locator(HANGUP).click();
  await expect(dialog(lesson)).toHaveCount(1);
  const shown = await leaveGuardShown(lesson);
  expect(shown?.title).toBe('3 participants are still in the room');
  expect(shown?.html).toContain('3 of them are in breakout rooms.');
  await lesson.keyboard.press('Escape');
  expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
  // The tab closes anyway (a crash, a closed window): the notice counts the class in the breakout room.
  await lesson.close({ runBeforeUnload: false });
  await expect.poll(() => serviceWorker.evaluate(() => chrome.notifications.getAll())).not.toEqual({});
  const notices = await serviceWorker.evaluate(async () => {
    const ids = Object.keys(await chrome.notifications.getAll());
    return ids.length;
  });
  expect(notices).toBe(1);
  // The log entry comes after the notice, once the worker has read its settings (on a loaded machine the
  // browser's first managed-storage read alone was measured at 2.6–4.5 s).
  await expect.poll(() => lessonLog(serviceWorker), { timeout: 30_000 }).toMatchObject([{ room: 'Deutsch7', outcome: 'closed-with-people', remaining: 3, peak: 3 }]);
});

test('moving between rooms is not leaving: no notice, one lesson, and the checklist follows the teacher', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Bio8', { students: 4, endConference: 0 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  const phases = await watchStoredPhases(popup, tabId);
  await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe A', window.__jitsiSim.remoteIds().slice(0, 2)));
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ participants: 2, breakoutParticipants: 2, inBreakoutRoom: false });

  await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('Gruppe A'));
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', inBreakoutRoom: true, isModerator: true, participants: 2, breakoutParticipants: 2 });
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '2');
  expect(await badgeOf(serviceWorker, tabId)).toBe('4');
  await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('main'));
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', inBreakoutRoom: false, participants: 2, breakoutParticipants: 2 });

  expect(await phases()).not.toContain('left');
  expect(await phases()).not.toContain('leaving');
  expect(await serviceWorker.evaluate(() => chrome.notifications.getAll())).toEqual({});
  // One lesson: still running (nothing was logged as finished by the switches), the same record as before.
  expect(await lessonLog(serviceWorker)).toEqual([]);
  expect(await serviceWorker.evaluate((id) => chrome.storage.session.get(`lesson:${id}`), tabId)).toMatchObject({ [`lesson:${tabId}`]: { room: 'Bio8', end: null, peak: 4 } });
});

const lessonLog = (worker: Worker): Promise<Array<{ room: string; outcome: string; leaveReason?: string; remaining?: number; peak?: number }>> =>
  worker.evaluate(async () => ((await chrome.storage.local.get('lessonLog')) as any).lessonLog ?? []);

test('"Remove everyone and leave" from inside a breakout room empties every room, and the teacher leaves last', async ({ context, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Physik8', { students: 5, endConference: 0 }, NO_PREJOIN));
  await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe B', window.__jitsiSim.remoteIds().slice(0, 2)));
  await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('Gruppe B'));
  await lesson.waitForFunction(() => (window.APP.store.getState()['features/base/conference'].conference as any)?.getBreakoutRooms?.().isBreakoutRoom() === true);
  await lesson.waitForFunction(() => window.APP.store.getState()['features/base/participants'].local?.role === 'moderator');
  const seen = await recordOccupantsAtHangup(lesson);
  await lesson.locator(HANGUP).click();
  await expect(dialog(lesson)).toHaveCount(1);
  expect((await leaveGuardShown(lesson))?.html).toContain('3 of them are in the main room or other breakout rooms.');
  await lesson.keyboard.press('Tab'); // Stay → Remove everyone and leave
  await lesson.keyboard.press('Enter');
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
  expect(seen).toEqual([0]);
});

test('the popup\'s "End the lesson" from inside a breakout room: back to the main room, every room emptied, the teacher stays', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Physik10', { students: 4, endConference: 0 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe C', window.__jitsiSim.remoteIds().slice(0, 2)));
  await lesson.evaluate(() => window.__jitsiSim.moveMeToRoom('Gruppe C'));
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ inBreakoutRoom: true, isModerator: true });
  const popup = await openPopup(context, extensionId, tabId);
  await popup.getByTestId('end-lesson').click();
  await expect(popup.getByTestId('end-confirm-text')).toHaveText('Remove all 4 people still in the room, lock the room and leave last?');
  await popup.getByTestId('end-and-stay').click();
  await expect(popup.getByTestId('end-result')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  expect(await lesson.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(0);
  expect(await lesson.evaluate(() => (window.APP.store.getState()['features/base/conference'].conference as any)?.getBreakoutRooms?.().isBreakoutRoom())).toBe(false);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', inBreakoutRoom: false, participants: 0, breakoutParticipants: 0 });
});

async function endFromPopup(popup: Page): Promise<string[]> {
  // The result shows until the page has left, then the lasting "Lesson ended" card (whichever the popup
  // learns first: the reply or the room's end): note every text either showed.
  await popup.evaluate(() => {
    const texts: string[] = [];
    (window as any).endTexts = texts;
    new MutationObserver(() => {
      for (const shown of document.querySelectorAll('[data-testid="end-result"], [data-testid="lesson-ended"]')) {
        if (shown.textContent && !texts.includes(shown.textContent)) texts.push(shown.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await popup.getByTestId('end-lesson').click();
  await expect(popup.getByTestId('end-confirm')).toHaveAttribute('data-mechanism', 'end-for-all');
  await popup.getByTestId('end-and-leave').click();
  await expect(popup.getByTestId('no-room')).toBeVisible({ timeout: 30_000 });
  return popup.evaluate(() => (window as any).endTexts as string[]);
}

test('"end meeting for all" on a server that ignores it: everyone is removed instead, and the teacher is told', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Kunst9', { students: 3, endIgnored: 1 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  const seen = await recordOccupantsAtHangup(lesson);
  const texts = await endFromPopup(popup);
  expect(seen).toEqual([0]);
  expect(texts.join(' ')).toContain('The server did not close the room when asked, so everyone was removed one by one instead.');
  expect(texts.join(' ')).not.toContain('The meeting was ended for everyone');
  await expect.poll(() => lessonLog(serviceWorker)).toMatchObject([{ room: 'Kunst9', outcome: 'empty' }]);
});

test('"end meeting for all" that works is reported as such', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Kunst10', { students: 3 }, NO_PREJOIN));
  const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, lesson));
  await endFromPopup(popup);
  // Logged as ended for all only once the server destroyed the room (our page learns it as it leaves).
  await expect.poll(() => lessonLog(serviceWorker)).toMatchObject([{ room: 'Kunst10', outcome: 'ended-for-all' }]);
});

async function storedRecording(worker: Worker, tabId: number): Promise<boolean | null | undefined> {
  return (await storedRoomOf(worker, tabId))?.recording;
}

test('a local recording (to the teacher\'s disk) is shown and reminded like a server recording', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Musik5', { students: 2 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect.poll(() => storedRecording(serviceWorker, tabId)).toBe(false);
  await lesson.evaluate(() => window.__jitsiSim.setLocalRecording(true));
  await expect.poll(() => storedRecording(serviceWorker, tabId)).toBe(true);
  await expect(popup.getByTestId('check-recording').locator('.label')).toHaveText('Recording: running');
  await expect(popup.getByTestId('item-recording-announced')).toHaveCount(1);
  // Its own badge (REC on red) and, once, a notice with a sentence to read out (issue 25).
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('REC');
  expect(await badgeColourOf(serviceWorker, tabId)).toBe('#b0191f');
  const notices = () => serviceWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).filter((id) => id.startsWith('recording-')));
  await expect.poll(notices).toHaveLength(1);
  await lesson.evaluate(() => window.__jitsiSim.setLocalRecording(false));
  await expect.poll(() => storedRecording(serviceWorker, tabId)).toBe(false);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('2');
  expect(await notices()).toHaveLength(1);
});

test('a co-teacher who joined as moderator is named as staying; a student made moderator is named as such', async ({ context, simulator }) => {
  const lesson = await joinedLesson(context, simulator.roomUrl('Religion7', { students: 2, endConference: 0 }, NO_PREJOIN));
  await lesson.waitForTimeout(1_200); // she comes after the teacher, not with the class already there
  await lesson.evaluate(() => window.__jitsiSim.join('Frau Kaya', { moderator: true }));
  const jonas = await lesson.evaluate(() => window.__jitsiSim.join('Jonas'));
  await lesson.waitForTimeout(3_200); // past the moment a role is "given at joining" (Jicofo's grant)
  await lesson.evaluate((id) => window.__jitsiSim.grantModerator(id), jonas);
  await lesson.waitForFunction((id) => window.APP.store.getState()['features/base/participants'].remote.get(id)?.role === 'moderator', jonas);
  await lesson.locator(HANGUP).click();
  await expect(dialog(lesson)).toHaveCount(1);
  const html = (await leaveGuardShown(lesson))?.html ?? '';
  expect(html).toContain('Frau Kaya\u2069 is also moderator and stays with the class.');
  expect(html).toContain('Jonas\u2069 is a participant who was made moderator during the lesson.');
  expect(html).not.toContain('Jonas\u2069 is also moderator');
});

test('strong leave guard with the lesson log on: the typed reason is kept with the lesson, and the dialog says where', async ({ context, serviceWorker, simulator }) => {
  // The teacher's own choice (no school policy): "strongly warn".
  await serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { leaveGuard: 'strong' } }));
  await expect
    .poll(() => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('leaveGuardPrefs')) as any).leaveGuardPrefs?.strong))
    .toBe(true);
  const lesson = await joinedLesson(context, simulator.roomUrl('Sachkunde3', { students: 2, endConference: 0 }, NO_PREJOIN));
  await lesson.locator(HANGUP).click();
  await expect(dialog(lesson)).toHaveCount(1);
  await lesson.keyboard.press('Tab');
  await lesson.keyboard.press('Tab');
  await lesson.keyboard.press('Enter'); // Leave anyway → the reason
  await expect.poll(async () => (await leaveGuardShown(lesson))?.html ?? '').toContain('Your reason is kept with this lesson in the lesson log on this computer');
  await lesson.keyboard.type('Feueralarm, Frau Kaya übernimmt');
  await lesson.keyboard.press('Enter');
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
  await expect.poll(() => lessonLog(serviceWorker)).toMatchObject([{ room: 'Sachkunde3', outcome: 'left-with-people', leaveReason: 'Feueralarm, Frau Kaya übernimmt' }]);
});
