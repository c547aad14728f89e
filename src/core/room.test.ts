import { describe, expect, it } from 'vitest';
import { badgeText, isRecording, peopleInLesson, sameSnapshot, shownRoomName, SHOWN_ROOM_NAME_MAX, SNAPSHOT_KEYS, type RoomSnapshot } from './room.ts';
import { emptySnapshot } from './test-snapshots.ts';

const inLesson = (participants: number | null): RoomSnapshot => ({ ...emptySnapshot('conference'), participants });

describe('badge', () => {
  it('shows the count only in a lesson with a known count', () => {
    expect(badgeText(inLesson(12))).toBe('12');
    expect(badgeText(inLesson(1))).toBe('1');
    expect(badgeText(inLesson(null))).toBe('');
    expect(badgeText({ ...inLesson(3), phase: 'prejoin' })).toBe('');
    expect(badgeText(null)).toBe('');
    expect(badgeText(inLesson(4321))).toBe('999+');
  });

  it('the teacher alone: no red "0"; "!" while a safety rule is not met', () => {
    expect(badgeText(inLesson(0))).toBe('');
    expect(badgeText(inLesson(0), 'REC', true)).toBe('!');
    expect(badgeText({ ...inLesson(0), recording: true }, 'REC', true)).toBe('REC');
    expect(badgeText({ ...inLesson(0), breakoutParticipants: 2 }, 'REC', true)).toBe('2');
  });

  it('counts the whole class, breakout rooms included', () => {
    expect(badgeText({ ...inLesson(2), breakoutParticipants: 9 })).toBe('11');
    expect(peopleInLesson({ ...inLesson(0), breakoutParticipants: 3 })).toBe(3);
    expect(peopleInLesson({ ...inLesson(3), phase: 'left' })).toBeNull();
  });

  it('says REC while a recording or livestream runs (its own sign, not a count)', () => {
    expect(badgeText({ ...inLesson(12), recording: true })).toBe('REC');
    expect(badgeText({ ...inLesson(12), livestream: true }, 'AUF')).toBe('AUF');
    expect(badgeText({ ...inLesson(12), recording: false, livestream: false })).toBe('12');
    expect(isRecording({ ...inLesson(1), recording: true, phase: 'left' })).toBe(false);
  });
});

describe('snapshot equality', () => {
  it('compares every field', () => {
    expect(sameSnapshot(inLesson(1), inLesson(1))).toBe(true);
    expect(sameSnapshot(inLesson(1), inLesson(2))).toBe(false);
    expect(sameSnapshot(inLesson(1), { ...inLesson(1), roomName: 'x' })).toBe(false);
    expect(sameSnapshot(null, inLesson(1))).toBe(false);
    expect(sameSnapshot(null, null)).toBe(true);
    for (const key of SNAPSHOT_KEYS) {
      if (key === 'v') continue;
      const changed = { ...inLesson(1), [key]: key === 'phase' ? 'left' : 'changed' } as RoomSnapshot;
      expect(sameSnapshot(inLesson(1), changed), key).toBe(false);
    }
  });
});

describe('shownRoomName (page text in the browser UI)', () => {
  it('keeps a normal name', () => {
    expect(shownRoomName('Klasse7b-Mathe')).toBe('Klasse7b-Mathe');
    expect(shownRoomName(null)).toBe('');
  });
  it('drops control, bidi-override and zero-width characters', () => {
    expect(shownRoomName('Mathe\u202egnp.exe\u200b\u0007\n')).toBe('Mathegnp.exe');
  });
  it('bounds the length', () => {
    const shown = shownRoomName('x'.repeat(256));
    expect(shown).toHaveLength(SHOWN_ROOM_NAME_MAX);
    expect(shown.endsWith('…')).toBe(true);
  });
});
