// Feeds the lesson log from the room snapshots of each tab (see src/core/lesson-log.ts).
import browser from 'webextension-polyfill';
import { finishLesson, trackLesson, type LessonRecord } from '../core/lesson-log.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { appendLesson, clearLessonLog, isLessonRecord, pruneLessonLog } from '../shared/lesson-log-store.ts';
import { readSettings } from '../shared/settings-store.ts';

const RUNNING = 'lesson:';
const ENDED_FOR_ALL = 'endedForAll:';

async function running(tabId: number): Promise<LessonRecord | null> {
  const key = `${RUNNING}${tabId}`;
  const stored: unknown = (await browser.storage.session.get(key))[key];
  return isLessonRecord(stored) ? stored : null;
}

async function finish(tabId: number, closed: boolean): Promise<void> {
  const record = await running(tabId);
  const flagKey = `${ENDED_FOR_ALL}${tabId}`;
  if (!record) return browser.storage.session.remove(flagKey);
  const endedForAll = (await browser.storage.session.get(flagKey))[flagKey] === true;
  // The teacher (or the school) may switch the log off; then nothing is kept.
  const { values } = await readSettings();
  if (values.lessonLog) await appendLesson(finishLesson(record, Date.now(), { closed, endedForAll }), values.lessonLogDays);
  await browser.storage.session.remove([`${RUNNING}${tabId}`, flagKey]);
}

/** Every snapshot of a tab: in the conference it updates the running lesson; once out, it closes it. */
export async function trackRoom(tabId: number, room: RoomSnapshot): Promise<void> {
  if (room.phase === 'conference') {
    const before = await running(tabId);
    const after = trackLesson(before, room, Date.now(), () => crypto.randomUUID());
    if (after && after !== before) await browser.storage.session.set({ [`${RUNNING}${tabId}`]: after });
  } else if (room.phase === 'leaving' || room.phase === 'left' || room.phase === 'welcome') {
    await finish(tabId, false);
  }
}

/** The tab navigated away (closed: false) or closed (closed: true). */
export function endTrackedLesson(tabId: number, closed: boolean): Promise<void> {
  return finish(tabId, closed);
}

/** The companion's end-of-lesson sequence ended the meeting for everyone in this tab. */
export async function markEndedForAll(tabId: number): Promise<void> {
  await browser.storage.session.set({ [`${ENDED_FOR_ALL}${tabId}`]: true });
}

async function pruneOrClear(): Promise<void> {
  const { values } = await readSettings();
  if (values.lessonLog) await pruneLessonLog(values.lessonLogDays);
  else await clearLessonLog();
}

export function pruneOnStartup(): void {
  browser.runtime.onStartup.addListener(() => void pruneOrClear());
  browser.runtime.onInstalled.addListener(() => void pruneOrClear());
}
