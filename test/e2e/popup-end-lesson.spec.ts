// "End the lesson" in the popup: one sentence and two buttons naming the people and how the lesson ends
// (the school's setting decides), the focus moved into it and back, the sequence, and its report.
import type { Page } from '@playwright/test';
import { expect, openPopup, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

async function lessonWithPopup(context: import('@playwright/test').BrowserContext, serviceWorker: any, extensionId: string, url: string) {
  const lesson = await context.newPage();
  await lesson.goto(url);
  await lesson.evaluate(() => window.__jitsiSim.whenJoined());
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await popup.setViewportSize({ width: 380, height: 600 });
  return { lesson, popup };
}

/** Every element is on screen in the 600 px popup, without scrolling. */
async function inSight(popup: Page, testIds: string[]): Promise<void> {
  for (const testId of testIds) {
    const box = await popup.getByTestId(testId).boundingBox();
    expect(box, testId).not.toBeNull();
    expect(box!.y + box!.height, testId).toBeLessThanOrEqual(600);
  }
}

async function startEnding(popup: Page, people: number, sentence = `Remove all ${people} people still in the room, lock the room and leave last?`): Promise<void> {
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', String(people));
  await popup.getByTestId('end-lesson').click();
  await expect(popup.getByTestId('end-confirm')).toBeFocused();
  await expect(popup.getByTestId('end-confirm-text')).toHaveText(sentence);
}

test('end the lesson and stay: breakout rooms closed, everyone removed, the empty room confirmed', async ({ context, serviceWorker, extensionId, simulator }) => {
  const { lesson, popup } = await lessonWithPopup(context, serviceWorker, extensionId, simulator.roomUrl('Geo8', { students: 6, endConference: 0 }, NO_PREJOIN));
  await lesson.evaluate(() => window.__jitsiSim.openBreakoutRoom('Gruppe A', window.__jitsiSim.remoteIds().slice(0, 2)));
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '4');
  await popup.getByTestId('end-lesson').click();
  // The count includes the breakout rooms.
  await expect(popup.getByTestId('end-confirm')).toBeFocused();
  await expect(popup.getByTestId('end-confirm-text')).toHaveText('Remove all 6 people still in the room, lock the room and leave last?');
  // This server cannot end for all: everyone is removed one by one; no technical checkbox to tick.
  await expect(popup.getByTestId('end-confirm')).toHaveAttribute('data-mechanism', 'remove-everyone');
  await expect(popup.getByTestId('end-confirm').locator('input')).toHaveCount(0);
  await expect(popup.getByTestId('end-and-leave')).toHaveText('End the lesson and leave');
  await inSight(popup, ['end-confirm-text', 'end-and-leave', 'end-cancel', 'end-and-stay']);
  await popup.screenshot({ path: 'test-results/popup-end-confirm.png' });
  await popup.getByTestId('end-and-stay').click();
  await expect(popup.getByTestId('end-result')).toHaveAttribute('data-ok', 'true');
  await expect(popup.getByTestId('end-result')).toHaveText('The lesson has ended: the room is empty. Leave when you are ready.');
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '0');
  // Now the end steps apply: nobody is left, and the teacher leaves last. The focus is on the outcome.
  await expect(popup.getByTestId('item-remove-everyone')).toHaveAttribute('data-status', 'ok');
  await expect(popup.getByTestId('item-remove-everyone').locator('.label')).toHaveText('Still in the lesson: nobody');
  await expect(popup.getByTestId('item-leave-last')).toHaveAttribute('data-status', 'todo');
  expect(await popup.evaluate(() => document.activeElement?.contains(document.querySelector('[data-testid="end-result"]')))).toBe(true);
  expect(await lesson.evaluate(() => window.__jitsiSim.remoteIds().length)).toBe(0);
  expect(await lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
  // One kick per student: no second request while the server is still answering the first.
  const kicks = await lesson.evaluate(() => (window.__jitsiSim.state().kickLog as { result: string }[]).map((kick) => kick.result));
  expect(kicks).toEqual(Array(6).fill('kicked'));

  // "Lesson ended" lasts: on this tab's popup until the teacher dismisses it (issue 25).
  const ended = popup.getByTestId('lesson-ended');
  await expect(ended).toContainText('Lesson ended · Geo8');
  await expect(ended).toContainText(/Ended at \d{1,2}:\d{2}( [AP]M)?: 6 removed, the room locked with lobby and password\./);
  const tabId = Number(new URL(popup.url()).searchParams.get('tab'));
  await popup.close();
  const again = await openPopup(context, extensionId, tabId);
  await expect(again.getByTestId('lesson-ended')).toContainText('6 removed');
  await again.getByTestId('lesson-ended-dismiss').click();
  await expect(again.getByTestId('lesson-ended')).toHaveCount(0);
});

test('where the server can, the default ends the meeting for everyone', async ({ context, serviceWorker, extensionId, simulator }) => {
  const { lesson, popup } = await lessonWithPopup(context, serviceWorker, extensionId, simulator.roomUrl('Englisch6', { students: 3 }, NO_PREJOIN));
  await startEnding(popup, 3, 'End the meeting for all 3 people in the room and let Jitsi close it?');
  await expect(popup.getByTestId('end-confirm')).toHaveAttribute('data-mechanism', 'end-for-all');
  // One sentence, two buttons: the action, and Cancel.
  await expect(popup.getByTestId('end-confirm').getByRole('button')).toHaveText(['End for all', 'Cancel']);
  await inSight(popup, ['end-confirm-text', 'end-and-leave', 'end-cancel']);
  const closed = lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
  await popup.getByTestId('end-and-leave').click();
  await closed;
  await expect(popup.getByTestId('no-room')).toBeVisible();
  // The lasting "Lesson ended" card takes the focus (the view that had it is gone).
  await expect(popup.getByTestId('lesson-ended')).toBeFocused();
  await popup.getByTestId('lesson-ended-dismiss').click();
  await expect(popup.locator('main h1')).toBeFocused();
});

test('someone who cannot be removed is named, and the teacher can try again', async ({ context, serviceWorker, extensionId, simulator }) => {
  test.setTimeout(60_000);
  const { lesson, popup } = await lessonWithPopup(context, serviceWorker, extensionId, simulator.roomUrl('Sport9', { students: 1, endConference: 0, ownerKick: 0 }, NO_PREJOIN));
  const coTeacher = await lesson.evaluate(() => window.__jitsiSim.join('Frau Kaya', { moderator: true }));
  await startEnding(popup, 2);
  await popup.getByTestId('end-and-leave').click();
  await expect(popup.getByTestId('end-running')).toBeVisible();
  await expect(popup.getByTestId('end-result')).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  await expect(popup.getByTestId('end-remaining')).toHaveText('Still in the room: Frau Kaya');
  await popup.screenshot({ path: 'test-results/popup-end-failed.png' });
  // The co-teacher leaves by herself; trying again now finishes the job.
  await lesson.evaluate((id) => window.__jitsiSim.leave(id), coTeacher);
  const left = lesson.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
  await popup.getByTestId('end-retry').click();
  await left;
});
