// Feeds the lesson log from the room snapshots of each tab (see src/core/lesson-log.ts).
import browser from 'webextension-polyfill';
import { endingStarted, finishLesson, trackLesson, withDetail, type LessonRecord } from '../core/lesson-log.ts';
import type { RoomSnapshot } from '../core/room.ts';
import type { ParsedPolicy } from '../core/settings.ts';
import { appendLesson, clearLessonLog, isLessonRecord, pruneLessonLog, readLessonLog } from '../shared/lesson-log-store.ts';
import { readSettings } from '../shared/settings-store.ts';
import { tabKey } from '../shared/storage-keys.ts';

// The one log record of the tab's current document (issue 16, documentLessonKey): a page can stage
// "conference" and "left" as often as it likes, but a document makes at most one record, so forged traffic
// cannot push real lessons out of the log (it keeps MAX_RECORDS). A document ends with the tab's reset (a
// new document of ours, a navigation away, the lesson's frame gone, the tab closed), never by anything the
// page reports.
/**
 * Each tab's lesson that has just been logged, in the worker's memory only: "end meeting for all" is
 * confirmed after the room is gone, which our own page learns as it leaves, moments after the log entry.
 */
const justFinished = new Map<number, { id: string; at: number }>();
const AMEND_WITHIN_MS = 60_000;

async function running(tabId: number): Promise<LessonRecord | null> {
  const key = tabKey('lesson', tabId);
  const stored: unknown = (await browser.storage.session.get(key))[key];
  return isLessonRecord(stored) ? stored : null;
}

async function finish(tabId: number, closed: boolean): Promise<void> {
  // The lesson ended now, not once the settings are read (a browser's first managed-storage read can take
  // seconds).
  const endedAt = Date.now();
  const record = await running(tabId);
  const flagKey = tabKey('endedForAll', tabId);
  // A closed tab takes everything of its own with it; nothing can confirm an ending for it any more.
  if (closed) justFinished.delete(tabId);
  if (!record) return browser.storage.session.remove(flagKey);
  const endedForAll = (await browser.storage.session.get(flagKey))[flagKey] === true;
  // The teacher (or the school) may switch the log off; then nothing is kept.
  const { values } = await readSettings();
  if (values.lessonLog) await appendLesson(withDetail(finishLesson(record, endedAt, { closed, endedForAll }), values.lessonLogDetail), values.lessonLogDays);
  await browser.storage.session.remove([tabKey('lesson', tabId), flagKey]);
  if (!closed) justFinished.set(tabId, { id: record.id, at: Date.now() });
}

/**
 * The record this document already made, to go on with: the running one, else the one it logged when its
 * lesson seemed to end (reopened: the same lesson resumed). Another room in the same document continues it
 * too, under the room's new name.
 */
async function documentLesson(tabId: number, room: RoomSnapshot): Promise<LessonRecord | null> {
  const continued = (record: LessonRecord): LessonRecord =>
    record.host === room.host && record.room === room.roomName && record.end === null ? record : { ...record, host: room.host, room: room.roomName ?? record.room, end: null, outcome: null, remaining: null };
  const current = await running(tabId);
  if (current) return continued(current);
  const key = tabKey('documentLesson', tabId);
  const id: unknown = (await browser.storage.session.get(key))[key];
  if (typeof id !== 'string') return null;
  const logged = (await readLessonLog()).find((record) => record.id === id);
  return logged ? continued(logged) : null;
}

/** Every snapshot of a tab: in the conference it updates the running lesson; once out, it closes it. */
export async function trackRoom(tabId: number, room: RoomSnapshot): Promise<void> {
  if (room.phase === 'conference') {
    if (room.roomName === null) return;
    const before = await documentLesson(tabId, room);
    const after = trackLesson(before, room, Date.now(), () => crypto.randomUUID());
    if (after && after !== before) await browser.storage.session.set({ [tabKey('lesson', tabId)]: after, [tabKey('documentLesson', tabId)]: after.id });
  } else if (room.phase === 'leaving' || room.phase === 'left' || room.phase === 'welcome') {
    await finish(tabId, false);
  }
}

/**
 * The companion's end-of-lesson sequence begins in this tab (popup or leave dialog): it turns lobby and
 * password on, which the log then shows as "only at the end", not as on during the lesson. Run in the
 * tab's queue, before the sequence's own room updates.
 */
export async function noteEndingStarted(tabId: number): Promise<void> {
  const record = await running(tabId);
  if (record && record.endingAt === undefined) await browser.storage.session.set({ [tabKey('lesson', tabId)]: endingStarted(record, Date.now()) });
}

/** The teacher's reason for leaving the class alone goes with the running lesson into the log. */
export async function noteLeaveReason(tabId: number, reason: string): Promise<void> {
  const record = await running(tabId);
  if (record) await browser.storage.session.set({ [tabKey('lesson', tabId)]: { ...record, leaveReason: reason.trim() } });
}

/** The tab's document is gone: it navigated away (closed: false) or closed (closed: true). */
export async function endTrackedLesson(tabId: number, closed: boolean): Promise<void> {
  await finish(tabId, closed);
  await browser.storage.session.remove(tabKey('documentLesson', tabId));
}

/**
 * The companion's end-of-lesson sequence ended the meeting for everyone in this tab. It says so only once
 * the server has destroyed the room, which our own page learns at the same moment as it leaves: the lesson
 * may already be in the log then, and is corrected there.
 */
export async function markEndedForAll(tabId: number): Promise<void> {
  if (await running(tabId)) {
    await browser.storage.session.set({ [tabKey('endedForAll', tabId)]: true });
    return;
  }
  const finished = justFinished.get(tabId);
  justFinished.delete(tabId);
  if (!finished || Date.now() - finished.at > AMEND_WITHIN_MS) return;
  const record = (await readLessonLog()).find((r) => r.id === finished.id);
  const { values } = await readSettings();
  if (record && values.lessonLog) await appendLesson({ ...record, outcome: 'ended-for-all', remaining: 0 }, values.lessonLogDays);
}

async function pruneOrClear(): Promise<void> {
  const { values } = await readSettings();
  if (values.lessonLog) await pruneLessonLog(values.lessonLogDays);
  else await clearLessonLog();
}

/**
 * The school switched the log off: nothing may stay, also not what was logged while its policy had not
 * arrived yet (a settings read stops waiting for it after POLICY_WAIT_MS, settings-store.ts).
 */
export async function followSchoolLogPolicy(policy: ParsedPolicy): Promise<void> {
  if (policy.enforced.lessonLog === false) await clearLessonLog();
}

export function pruneOnStartup(): void {
  browser.runtime.onStartup.addListener(() => void pruneOrClear());
  browser.runtime.onInstalled.addListener(() => void pruneOrClear());
}
