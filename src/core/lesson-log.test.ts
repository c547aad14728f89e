import { describe, expect, it } from 'vitest';
import { finishLesson, pruneLog, toCsv, trackLesson, type LessonRecord } from './lesson-log.ts';
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
      ['end', 'host', 'id', 'lastCount', 'lobbyOn', 'outcome', 'passwordOn', 'peak', 'recorded', 'remaining', 'room', 'start'].sort(),
    );
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

  it('exports CSV that a spreadsheet cannot run', () => {
    const record: LessonRecord = {
      ...finishLesson(trackLesson(null, inLesson({ participants: 2, roomName: '=HYPERLINK("x")' }), Date.UTC(2026, 10, 25, 8), newId)!, Date.UTC(2026, 10, 25, 9), { closed: false }),
      leaveReason: '@fire drill, back at 10',
    };
    const csv = toCsv([record]);
    expect(csv.split('\r\n')[0]).toBe('start,end,host,room,outcome,remaining,peak,lobbyOn,passwordOn,recorded,leaveReason');
    expect(csv).toContain('2026-11-25T08:00:00.000Z,2026-11-25T09:00:00.000Z,meet.example.org,"\'=HYPERLINK(""x"")",left-with-people,2,2,false,false,false,"\'@fire drill, back at 10"');
  });
});
