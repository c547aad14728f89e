// What the live room state says about the school's rules. Pure: the popup lists these results and the
// background colours the badge from them. Manual ticks (things only a person can confirm) come on top.
import type { RoomSnapshot } from './room.ts';

/** ok: rule holds · warn: needs a look · fail: breaks a rule · unknown: the page does not say · na: does not apply */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown' | 'na';

export type CheckId =
  | 'moderator' // I am the moderator
  | 'everyone-moderator' // every participant is moderator (e.g. meet.jit.si): anyone can kick or end
  | 'lobby' // lobby on
  | 'password' // room password set
  | 'lockout' // lobby on without password: a teacher who drops out cannot get back in
  | 'recording' // recording or livestream running
  | 'knocking'; // people waiting in the lobby

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
}

const fromBoolean = (value: boolean | null, whenTrue: CheckStatus, whenFalse: CheckStatus): CheckStatus =>
  value === null ? 'unknown' : value ? whenTrue : whenFalse;

export function assessRoom(room: RoomSnapshot): CheckResult[] {
  const lobbyApplies = room.lobbySupported !== false;
  const recordingOn = room.recording === true || room.livestream === true;
  const recordingKnown = room.recording !== null || room.livestream !== null;
  return [
    { id: 'moderator', status: fromBoolean(room.isModerator, 'ok', 'fail') },
    { id: 'everyone-moderator', status: room.everyoneModerator === null ? 'na' : room.everyoneModerator ? 'warn' : 'ok' },
    { id: 'lobby', status: lobbyApplies ? fromBoolean(room.lobbyEnabled, 'ok', 'fail') : 'na' },
    { id: 'password', status: fromBoolean(room.passwordSet, 'ok', 'warn') },
    {
      id: 'lockout',
      status: room.lobbyEnabled === true && room.passwordSet === false ? 'warn' : room.lobbyEnabled === null || room.passwordSet === null ? 'unknown' : 'ok',
    },
    { id: 'recording', status: recordingOn ? 'warn' : recordingKnown ? 'ok' : 'unknown' },
    { id: 'knocking', status: room.knocking === null ? 'unknown' : room.knocking > 0 ? 'warn' : 'ok' },
  ];
}

/** The badge's colour class: only a lesson in progress has one. */
export type RoomStatus = 'none' | 'ok' | 'attention' | 'danger';

export function roomStatus(room: RoomSnapshot | null): RoomStatus {
  if (!room || room.phase !== 'conference') return 'none';
  const results = assessRoom(room);
  if (results.some((result) => result.status === 'fail')) return 'danger';
  if (results.some((result) => result.status === 'warn')) return 'attention';
  return 'ok';
}
