import { describe, expect, it } from 'vitest';
import { csvSeparator, durationMinutes, ENDING_MS, endingStarted, finishLesson, flagUse, localTime, pruneLog, toCsv, trackLesson, type CsvWords, type LessonRecord } from './lesson-log.ts';
import type { RoomSnapshot } from './room.ts';
import { emptySnapshot } from './test-snapshots.ts';

let ids = 0;
const newId = () => `l${++ids}`;
const inLesson = (extra: Partial<RoomSnapshot>): RoomSnapshot => ({ ...emptySnapshot('conference'), participants: 0, ...extra });

describe('lesson log', () => {
  it('starts a record in the conference, tracks peak and what was ever on, and keeps names out', () => {
    let record = trackLesson(null, emptySnapshot('prejoin'), 1, newId);
    expect(record).toBeNull();
    record = trackLesson(null, inLesson({ participants: 3 }), 1000, newId)!;
    record = trackLesson(record, inLesson({ participants: 12, lobbyEnabled: true }), 2000, newId)!;
    record = trackLesson(record, inLesson({ participants: 5, passwordSet: true, recording: true }), 3000, newId)!;
    expect(record).toMatchObject({ start: 1000, peak: 12, lobbyOn: true, passwordOn: true, recorded: true, lastCount: 5, end: null });
    expect(Object.keys(record).sort()).toEqual(
      [
        'end', 'host', 'id', 'lastCount', 'lobbyOn', 'outcome', 'passwordOn', 'peak', 'recorded', 'remaining', 'room', 'start',
        'lobbyBeforeEnd', 'passwordBeforeEnd', 'recordedBeforeEnd',
      ].sort(),
    );
    expect(['lobby', 'password', 'recording'].map((flag) => flagUse(record!, flag as 'lobby'))).toEqual(['lesson', 'lesson', 'lesson']);
  });

  it('what the end-of-lesson sequence turns on counts as "only at the end", not as on during the lesson', () => {
    let record = trackLesson(null, inLesson({ participants: 4, lobbyEnabled: true }), 1000, newId)!;
    record = trackLesson(record, inLesson({ participants: 4, lobbyEnabled: false }), 2000, newId)!; // the teacher turned it off
    record = endingStarted(record, 3000);
    expect(endingStarted(record, 4000).endingAt).toBe(3000);
    record = trackLesson(record, inLesson({ participants: 4, lobbyEnabled: true, passwordSet: true }), 3100, newId)!;
    record = trackLesson(record, inLesson({ participants: 0, lobbyEnabled: true, passwordSet: true, recording: false }), 3500, newId)!;
    const finished = finishLesson(record, 4000, { closed: false });
    expect(finished.endingAt).toBeUndefined();
    expect(flagUse(finished, 'lobby')).toBe('lesson'); // on earlier in the lesson
    expect(flagUse(finished, 'password')).toBe('end-only');
    expect(flagUse(finished, 'recording')).toBe('no');
    expect(finished).toMatchObject({ passwordOn: true, passwordBeforeEnd: false });
    // A record kept before these fields existed: "on" as it said then.
    const old: LessonRecord = { ...finished, lobbyBeforeEnd: undefined, passwordBeforeEnd: undefined };
    delete old.lobbyBeforeEnd;
    delete old.passwordBeforeEnd;
    expect(flagUse(old, 'password')).toBe('lesson');
    expect(durationMinutes(finished)).toBe(0);
    expect(durationMinutes({ ...finished, start: 0, end: 45 * 60_000 + 20_000 })).toBe(45);
    expect(durationMinutes({ ...finished, end: null })).toBeNull();
  });

  it('an ending that left the teacher in the room is over after a while: what comes on later counts for the lesson', () => {
    let record = trackLesson(null, inLesson({ participants: 3 }), 0, newId)!;
    record = endingStarted(record, 1_000);
    record = trackLesson(record, inLesson({ participants: 0, lobbyEnabled: true }), 2_000, newId)!;
    expect(record.endingAt).toBe(1_000);
    record = trackLesson(record, inLesson({ participants: 2, lobbyEnabled: false }), 1_000 + ENDING_MS, newId)!;
    expect(record.endingAt).toBeUndefined();
    record = trackLesson(record, inLesson({ participants: 2, passwordSet: true }), 2_000 + ENDING_MS, newId)!;
    expect(flagUse(record, 'lobby')).toBe('end-only');
    expect(flagUse(record, 'password')).toBe('lesson');
  });

  it('a different room in the same tab is a new lesson', () => {
    const first = trackLesson(null, inLesson({ participants: 1 }), 1, newId)!;
    const second = trackLesson(first, inLesson({ roomName: 'Bio9c' }), 2, newId)!;
    expect(second.id).not.toBe(first.id);
    expect(second.room).toBe('Bio9c');
  });

  it('tells how the lesson ended', () => {
    const running = trackLesson(null, inLesson({ participants: 4 }), 1, newId)!;
    expect(finishLesson(running, 9, { closed: false })).toMatchObject({ outcome: 'left-with-people', remaining: 4, end: 9 });
    expect(finishLesson(running, 9, { closed: true })).toMatchObject({ outcome: 'closed-with-people', remaining: 4 });
    expect(finishLesson(running, 9, { closed: false, endedForAll: true })).toMatchObject({ outcome: 'ended-for-all', remaining: 0 });
    const emptied = trackLesson(running, inLesson({ participants: 0 }), 5, newId)!;
    expect(finishLesson(emptied, 9, { closed: true })).toMatchObject({ outcome: 'empty', remaining: 0 });
  });

  it('keeps 30 days by default, newest first', () => {
    const day = 24 * 60 * 60 * 1000;
    const now = 100 * day;
    const at = (days: number) => ({ ...trackLesson(null, inLesson({}), now - days * day, newId)!, end: now - days * day });
    const kept = pruneLog([at(31), at(1), at(29)], now);
    expect(kept.map((r) => Math.round((now - r.start) / day))).toEqual([1, 29]);
    expect(pruneLog([at(5)], now, 3)).toEqual([]);
  });

  const WORDS_DE: CsvWords = {
    header: {
      start: 'Beginn', end: 'Ende', minutes: 'Dauer (Min.)', host: 'Server', room: 'Raum', outcome: 'Wie endete er', remaining: 'Noch im Raum',
      peak: 'Teilnehmende (max.)', lobby: 'Lobby', password: 'Passwort', recording: 'Aufnahme', leaveReason: 'Grund fürs Verlassen',
    },
    outcome: (record) => (record.outcome === 'left-with-people' ? `Sie gingen, ${record.remaining} noch im Raum` : 'Raum leer'),
    use: { lesson: 'ja', 'end-only': 'nur zum Schluss', no: 'nein' },
  };

  it('exports CSV for a German spreadsheet: BOM, ";", local time, translated headers and values, no formulas', () => {
    const start = Date.UTC(2026, 10, 25, 8);
    let running = trackLesson(null, inLesson({ participants: 2, roomName: '=HYPERLINK("x")' }), start, newId)!;
    running = endingStarted(running, start + 44 * 60_000);
    running = trackLesson(running, inLesson({ participants: 2, roomName: '=HYPERLINK("x")', lobbyEnabled: true }), start + 44 * 60_000, newId)!;
    const record: LessonRecord = { ...finishLesson(running, start + 45 * 60_000, { closed: false }), leaveReason: '@fire drill; back at 10' };
    const csv = toCsv([record], WORDS_DE, { language: 'de', timeZone: 'Europe/Berlin' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Beginn;Ende;Dauer (Min.);Server;Raum;Wie endete er;Noch im Raum;Teilnehmende (max.);Lobby;Passwort;Aufnahme;Grund fürs Verlassen');
    expect(lines[1]).toBe(
      '2026-11-25 09:00;2026-11-25 09:45;45;meet.example.org;"\'=HYPERLINK(""x"")";Sie gingen, 2 noch im Raum;2;2;nur zum Schluss;nein;nein;"\'@fire drill; back at 10"',
    );
    expect(lines[2]).toBe('');
    expect(csv).not.toContain('T08:00');
  });

  it('uses "," where the language writes decimal points, ";" where it writes decimal commas', () => {
    expect(csvSeparator('en')).toBe(',');
    expect(csvSeparator('de')).toBe(';');
    expect(csvSeparator('nl')).toBe(';');
    expect(localTime(Date.UTC(2026, 6, 1, 22, 5), 'Europe/Amsterdam')).toBe('2026-07-02 00:05');
    const record = finishLesson(trackLesson(null, inLesson({ participants: 1, roomName: 'Bio, 9c' }), 0, newId)!, 60_000, { closed: true });
    const csv = toCsv([record], { ...WORDS_DE, header: { ...WORDS_DE.header, start: 'Start' } }, { language: 'en', timeZone: 'UTC' });
    expect(csv.split('\r\n')[1]).toContain(',"Bio, 9c",');
  });
});
