// The local lesson log (issue 5): per lesson, where, when, how it ended and whether lobby, password and a
// recording were on during the lesson or only at its end (the companion's end-of-lesson sequence locks
// the room: that is not "on during the lesson"). Counts and times only: no participant names or ids. Pure.
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
  /** On at any time of the lesson, its end included. */
  lobbyOn: boolean;
  passwordOn: boolean;
  recorded: boolean;
  /**
   * On before the companion's end-of-lesson sequence began (which turns lobby and password on). Absent in
   * records kept before these existed: then the *On fields say it.
   */
  lobbyBeforeEnd?: boolean;
  passwordBeforeEnd?: boolean;
  recordedBeforeEnd?: boolean;
  /** While the lesson runs: when the end-of-lesson sequence began (what turns on after it is "only at the end"). */
  endingAt?: number;
  /** People present at the last update while the teacher was in (0 = empty). */
  lastCount: number;
  /** Why the teacher left the class alone, typed in the leave dialog when the school asks for it. */
  leaveReason?: string;
}

/**
 * What the school lets the log keep (setting lessonLogDetail): "counts" keeps times, counts and yes/no, but
 * not where the lesson was (server, room name) nor a reason the teacher typed.
 */
export function withDetail(record: LessonRecord, detail: 'full' | 'counts'): LessonRecord {
  if (detail === 'full') return record;
  const counts: LessonRecord = { ...record, host: '', room: '' };
  delete counts.leaveReason;
  return counts;
}

export const DEFAULT_RETENTION_DAYS = 30;
/**
 * The end-of-lesson sequence takes seconds (at most about 40: breakout rooms, end for all, removing and
 * verifying). A teacher who stays in the room after it ("end without leaving") and goes on teaching turns
 * things on during a lesson again: after this long the ending is over.
 */
export const ENDING_MS = 2 * 60_000;
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
          lobbyBeforeEnd: false,
          passwordBeforeEnd: false,
          recordedBeforeEnd: false,
          lastCount: 0,
        };
  const lobby = room.lobbyEnabled === true;
  const password = room.passwordSet === true;
  const recording = room.recording === true || room.livestream === true;
  const ending = current.endingAt !== undefined && now - current.endingAt < ENDING_MS;
  const beforeEnd = !ending;
  const base = { ...current };
  if (!ending) delete base.endingAt;
  return {
    ...base,
    peak: Math.max(current.peak, people),
    lobbyOn: current.lobbyOn || lobby,
    passwordOn: current.passwordOn || password,
    recorded: current.recorded || recording,
    lobbyBeforeEnd: Boolean(current.lobbyBeforeEnd) || (beforeEnd && lobby),
    passwordBeforeEnd: Boolean(current.passwordBeforeEnd) || (beforeEnd && password),
    recordedBeforeEnd: Boolean(current.recordedBeforeEnd) || (beforeEnd && recording),
    lastCount: people,
  };
}

/** The companion's end-of-lesson sequence begins (popup or leave dialog): what turns on from now is "at the end". */
export function endingStarted(record: LessonRecord, now: number): LessonRecord {
  return record.endingAt === undefined ? { ...record, endingAt: now } : record;
}

export type FlagUse = 'lesson' | 'end-only' | 'no';
export type LessonFlag = 'lobby' | 'password' | 'recording';
export const LESSON_FLAGS: readonly LessonFlag[] = ['lobby', 'password', 'recording'];

/** Was the lobby (password, recording) on during the lesson, only at its end, or not at all? */
export function flagUse(record: LessonRecord, flag: LessonFlag): FlagUse {
  const [ever, beforeEnd] =
    flag === 'lobby' ? [record.lobbyOn, record.lobbyBeforeEnd]
    : flag === 'password' ? [record.passwordOn, record.passwordBeforeEnd]
    : [record.recorded, record.recordedBeforeEnd];
  if (!ever) return 'no';
  return (beforeEnd ?? ever) ? 'lesson' : 'end-only';
}

/** Whole minutes from start to end (null while running). */
export function durationMinutes(record: LessonRecord): number | null {
  return record.end === null ? null : Math.max(0, Math.round((record.end - record.start) / 60_000));
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
  const kept = { ...record };
  delete kept.endingAt; // only the running lesson needs it
  return { ...kept, end: now, outcome, remaining: outcome === 'left-with-people' || outcome === 'closed-with-people' ? record.lastCount : 0 };
}

/** Keeps finished records younger than the retention period, newest first, at most MAX_RECORDS. */
export function pruneLog(records: LessonRecord[], now: number, retentionDays = DEFAULT_RETENTION_DAYS): LessonRecord[] {
  const oldest = now - retentionDays * DAY_MS;
  return records
    .filter((record) => (record.end ?? record.start) >= oldest)
    .sort((a, b) => b.start - a.start)
    .slice(0, MAX_RECORDS);
}

export const CSV_COLUMNS = ['start', 'end', 'minutes', 'host', 'room', 'outcome', 'remaining', 'peak', 'lobby', 'password', 'recording', 'leaveReason'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The words of the teacher's language for a spreadsheet (the options page passes them from _locales). */
export interface CsvWords {
  header: Record<CsvColumn, string>;
  outcome: (record: LessonRecord) => string;
  use: Record<FlagUse, string>;
}

/** Spreadsheets of languages that write 1,5 (de, nl) split CSV at ";", the others at ",". */
export function csvSeparator(language: string): ';' | ',' {
  try {
    return new Intl.NumberFormat(language).format(1.5).includes(',') ? ';' : ',';
  } catch {
    return ',';
  }
}

/** "2026-11-25 09:00" in the given (else the computer's) time zone: every spreadsheet reads it as a date and time. */
export function localTime(time: number, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(time))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * CSV for a spreadsheet in the teacher's language: a byte-order mark (Excel then reads UTF-8), translated
 * headers and values, local time, ";" where the language writes decimal commas, CRLF lines (RFC 4180).
 * Cells a spreadsheet would run as formulas are neutralised. Counts and times only, as stored.
 */
export function toCsv(records: LessonRecord[], words: CsvWords, options: { language: string; timeZone?: string }): string {
  const separator = csvSeparator(options.language);
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const value = (record: LessonRecord, column: CsvColumn): unknown => {
    switch (column) {
      case 'start':
        return localTime(record.start, options.timeZone);
      case 'end':
        return record.end === null ? '' : localTime(record.end, options.timeZone);
      case 'minutes':
        return durationMinutes(record);
      case 'outcome':
        return record.outcome ? words.outcome(record) : '';
      case 'lobby':
      case 'password':
      case 'recording':
        return words.use[flagUse(record, column)];
      default:
        return record[column];
    }
  };
  const rows = records.map((record) => CSV_COLUMNS.map((column) => cell(value(record, column))).join(separator));
  return `\uFEFF${[CSV_COLUMNS.map((column) => cell(words.header[column])).join(separator), ...rows].join('\r\n')}\r\n`;
}
