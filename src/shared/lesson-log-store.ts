// Where the lesson log lives: finished lessons in storage.local (30 days unless the settings say otherwise), the running one per
// tab in storage.session. Shared by the background (writes) and the options page (reads, exports, deletes).
import browser from 'webextension-polyfill';
import { LESSON_OUTCOMES, pruneLog, type LessonRecord } from '../core/lesson-log.ts';
import { boundedString, count, isBoolean, nullOr, object, oneOf, type Guard } from './validate.ts';

export const LOG_KEY = 'lessonLog';
const timestamp = count(Number.MAX_SAFE_INTEGER);

export const MAX_LEAVE_REASON_LENGTH = 500;

export const isLessonRecord: Guard<LessonRecord> = object<LessonRecord>({
  id: boundedString(64),
  host: boundedString(253),
  room: boundedString(256),
  start: timestamp,
  end: nullOr(timestamp),
  outcome: nullOr(oneOf(LESSON_OUTCOMES)),
  remaining: nullOr(count(10_000)),
  peak: count(10_000),
  lobbyOn: isBoolean,
  passwordOn: isBoolean,
  recorded: isBoolean,
  lastCount: count(10_000),
}, {
  leaveReason: boundedString(MAX_LEAVE_REASON_LENGTH),
  lobbyBeforeEnd: isBoolean,
  passwordBeforeEnd: isBoolean,
  recordedBeforeEnd: isBoolean,
  endingAt: timestamp,
});

export async function readLessonLog(): Promise<LessonRecord[]> {
  const stored: unknown = (await browser.storage.local.get(LOG_KEY))[LOG_KEY];
  return Array.isArray(stored) ? stored.filter(isLessonRecord) : [];
}

let writing: Promise<unknown> = Promise.resolve();

/** Appends a finished lesson and drops what is past retention; writes are serialised. */
export function appendLesson(record: LessonRecord, retentionDays: number, now = Date.now()): Promise<void> {
  const next = writing.then(async () => {
    const log = pruneLog([record, ...(await readLessonLog()).filter((r) => r.id !== record.id)], now, retentionDays);
    await browser.storage.local.set({ [LOG_KEY]: log });
  });
  writing = next.catch(() => undefined);
  return next;
}

export async function pruneLessonLog(retentionDays: number, now = Date.now()): Promise<void> {
  await browser.storage.local.set({ [LOG_KEY]: pruneLog(await readLessonLog(), now, retentionDays) });
}

export async function clearLessonLog(): Promise<void> {
  await browser.storage.local.remove(LOG_KEY);
}

