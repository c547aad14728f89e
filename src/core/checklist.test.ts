import { describe, expect, it } from 'vitest';
import { assessRoom, roomStatus, type CheckId, type CheckStatus } from './checklist.ts';
import type { RoomSnapshot } from './room.ts';
import { emptySnapshot } from './test-snapshots.ts';

const safeLesson: RoomSnapshot = {
  ...emptySnapshot('conference'),
  isModerator: true,
  everyoneModerator: false,
  participants: 20,
  knocking: 0,
  lobbySupported: true,
  lobbyEnabled: true,
  passwordSet: true,
  recording: false,
  livestream: false,
};

const statusOf = (room: RoomSnapshot, id: CheckId): CheckStatus => assessRoom(room).find((r) => r.id === id)!.status;

describe('checklist from the room state', () => {
  it('a locked-down lesson passes every check and is green', () => {
    expect(assessRoom(safeLesson).every((r) => r.status === 'ok')).toBe(true);
    expect(roomStatus(safeLesson)).toBe('ok');
  });

  it('lobby off in a lesson is red; a server without lobby is not blamed', () => {
    expect(statusOf({ ...safeLesson, lobbyEnabled: false }, 'lobby')).toBe('fail');
    expect(roomStatus({ ...safeLesson, lobbyEnabled: false })).toBe('danger');
    expect(statusOf({ ...safeLesson, lobbySupported: false, lobbyEnabled: false }, 'lobby')).toBe('na');
  });

  it('not being moderator is red', () => {
    expect(roomStatus({ ...safeLesson, isModerator: false })).toBe('danger');
  });

  it('lobby without password warns of the lock-out', () => {
    const room = { ...safeLesson, passwordSet: false };
    expect(statusOf(room, 'lockout')).toBe('warn');
    expect(statusOf(room, 'password')).toBe('warn');
    expect(roomStatus(room)).toBe('attention');
  });

  it('recording, livestream, knockers and everyone-moderator need attention', () => {
    expect(statusOf({ ...safeLesson, livestream: true }, 'recording')).toBe('warn');
    expect(statusOf({ ...safeLesson, knocking: 2 }, 'knocking')).toBe('warn');
    expect(statusOf({ ...safeLesson, everyoneModerator: true }, 'everyone-moderator')).toBe('warn');
  });

  it('unknown facts stay unknown and outside a lesson there is no status', () => {
    expect(assessRoom(emptySnapshot('conference')).filter((r) => r.status !== 'unknown').map((r) => r.id)).toEqual(['everyone-moderator']);
    expect(roomStatus({ ...safeLesson, phase: 'prejoin' })).toBe('none');
    expect(roomStatus(null)).toBe('none');
  });
});
