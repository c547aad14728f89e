// The local lesson log (issue 5): per lesson, where, when, how it ended and whether lobby, password and a
// recording were on. Counts and times only: no participant names or ids. Pure.
import { peopleInLesson, type RoomSnapshot } from './room.ts';

export type LessonOutcome =
  | 'empty' // the teacher left an empty room, last
  | 'ended-for-all' // "end meeting for all" through the companion
  | 'left-with-people' // the teacher left while people remained
  | 'closed-with-people'; // the tab or window closed (or crashed) while people remained

export const LESSON_OUTCOMES: readonly LessonOutcome[] = ['empty', 'ended-for-all', 'left-with-people', 'closed-with-people'];

export interface LessonRecord {
  id: string;
  host: string;
  room: string;
  start: number;
  end: number | null;
  outcome: LessonOutcome | null;
  /** People still in the room when the teacher left (null while running). */
  remaining: number | null;
  /** Most people present at once. */
  peak: number;
  lobbyOn: boolean;
  passwordOn: boolean;
  recorded: boolean;
  /** People present at the last update while the teacher was in (0 = empty). */
  lastCount: number;
  /** Why the teacher left the class alone, typed in the leave dialog when the school asks for it. */
  leaveReason?: string;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_RECORDS = 1_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Starts or updates the running record from a snapshot taken in the conference. */
export function trackLesson(record: LessonRecord | null, room: RoomSnapshot, now: number, newId: () => string): LessonRecord | null {
  if (room.phase !== 'conference' || room.roomName === null) return record;
  const people = peopleInLesson(room) ?? record?.lastCount ?? 0;
  const current: LessonRecord =
    record && record.end === null && record.host === room.host && record.room === room.roomName
      ? record
      : {
          id: newId(),
          host: room.host,
          room: room.roomName,
          start: now,
          end: null,
          outcome: null,
          remaining: null,
          peak: 0,
          lobbyOn: false,
          passwordOn: false,
          recorded: false,
          lastCount: 0,
        };
  return {
    ...current,
    peak: Math.max(current.peak, people),
    // "was it on" means: on at the end, or at any time? At the end matters for who could walk back in;
    // we record "ever on" for the lesson, which is what a teacher's report asks.
    lobbyOn: current.lobbyOn || room.lobbyEnabled === true,
    passwordOn: current.passwordOn || room.passwordSet === true,
    recorded: current.recorded || room.recording === true || room.livestream === true,
    lastCount: people,
  };
}

/** Closes the running record: how did it end? `closed` is true when the tab itself went away. */
export function finishLesson(record: LessonRecord, now: number, how: { closed: boolean; endedForAll?: boolean }): LessonRecord {
  const outcome: LessonOutcome = how.endedForAll
    ? 'ended-for-all'
    : record.lastCount === 0
      ? 'empty'
      : how.closed
        ? 'closed-with-people'
        : 'left-with-people';
  return { ...record, end: now, outcome, remaining: outcome === 'left-with-people' || outcome === 'closed-with-people' ? record.lastCount : 0 };
}

/** Keeps finished records younger than the retention period, newest first, at most MAX_RECORDS. */
export function pruneLog(records: LessonRecord[], now: number, retentionDays = DEFAULT_RETENTION_DAYS): LessonRecord[] {
  const oldest = now - retentionDays * DAY_MS;
  return records
    .filter((record) => (record.end ?? record.start) >= oldest)
    .sort((a, b) => b.start - a.start)
    .slice(0, MAX_RECORDS);
}

const CSV_COLUMNS = ['start', 'end', 'host', 'room', 'outcome', 'remaining', 'peak', 'lobbyOn', 'passwordOn', 'recorded', 'leaveReason'] as const;

/** RFC 4180 CSV; times as ISO 8601; cells that a spreadsheet would run as formulas are neutralised. */
export function toCsv(records: LessonRecord[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = records.map((record) =>
    CSV_COLUMNS.map((column) => {
      const value = record[column];
      return cell((column === 'start' || column === 'end') && typeof value === 'number' ? new Date(value).toISOString() : value);
    }).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
