// The room snapshot: the one small, versioned fact sheet about a Jitsi tab that crosses contexts.
// Pure: no browser APIs. A fact the page does not expose is null ("unknown"), never a guess.

export const SNAPSHOT_VERSION = 2;

/** Where the teacher's tab stands in the life of a conference. */
export type RoomPhase =
  | 'welcome' // a Jitsi page without a room (welcome page, after hang-up)
  | 'prejoin' // device check / name entry before joining
  | 'joining' // joining, or waiting (password, lobby, authentication)
  | 'conference'
  | 'leaving' // we are leaving: Jitsi empties its participant list itself, so counts mean nothing
  | 'left';

export const ROOM_PHASES: readonly RoomPhase[] = ['welcome', 'prejoin', 'joining', 'conference', 'leaving', 'left'];

/**
 * Why Jitsi keeps us out while joining: a secure domain waits for a logged-in host ("Waiting for a
 * moderator…", log in), the room has a password, or we knock in the lobby.
 */
export type WaitingFor = 'host' | 'password' | 'lobby';
export const WAITING_REASONS: readonly WaitingFor[] = ['host', 'password', 'lobby'];

export interface RoomSnapshot {
  v: typeof SNAPSHOT_VERSION;
  /** The page's host (the site the lesson runs on). */
  host: string;
  phase: RoomPhase;
  /** Room name as in the URL's last path segment; null on the welcome page. */
  roomName: string | null;
  /** lib-jitsi-meet's build hash (JitsiMeetJS.version). */
  jitsiVersion: string | null;
  isModerator: boolean | null;
  /** Every other person in the room is moderator too (e.g. meet.jit.si); null with nobody else present. */
  everyoneModerator: boolean | null;
  /** Real remote people in the teacher's current room (no shared-video/whiteboard tiles, no bots). */
  participants: number | null;
  /** People in the other rooms (breakout rooms; or, from inside one, all the others), as Jitsi lists them to moderators. */
  breakoutParticipants: number | null;
  inBreakoutRoom: boolean | null;
  /** People waiting in the lobby. */
  knocking: number | null;
  lobbySupported: boolean | null;
  lobbyEnabled: boolean | null;
  passwordSet: boolean | null;
  /**
   * The room password is below the school's minimum (password.ts isShortPassword). Known only for a password
   * this browser set (Jitsi keeps it in its state: the companion's, or one the teacher typed into Jitsi);
   * null for one another moderator set, or none.
   */
  passwordShort: boolean | null;
  /** The server allows digits-only room passwords of at most this many digits; 0 = no such rule. */
  passwordDigits: number | null;
  recording: boolean | null;
  livestream: boolean | null;
  endForAllSupported: boolean | null;
  startAudioMuted: boolean | null;
  startVideoMuted: boolean | null;
  audioModeration: boolean | null;
  videoModeration: boolean | null;
  /** While joining: what Jitsi waits for (null: nothing, or not joining). */
  waitingFor: WaitingFor | null;
}

/** Every key of the snapshot, in one place: validation and comparison walk this list. */
export const SNAPSHOT_KEYS = [
  'v', 'host', 'phase', 'roomName', 'jitsiVersion', 'isModerator', 'everyoneModerator', 'participants',
  'breakoutParticipants', 'inBreakoutRoom', 'knocking', 'lobbySupported', 'lobbyEnabled', 'passwordSet',
  'passwordShort', 'passwordDigits', 'recording', 'livestream', 'endForAllSupported', 'startAudioMuted', 'startVideoMuted',
  'audioModeration', 'videoModeration', 'waitingFor',
] as const satisfies readonly (keyof RoomSnapshot)[];

export function sameSnapshot(a: RoomSnapshot | null, b: RoomSnapshot | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return SNAPSHOT_KEYS.every((key) => a[key] === b[key]);
}

/**
 * The students in the lesson: every person in the teacher's room and in every other room of the lesson
 * (breakout rooms, or from inside one the main room and the others), never the teacher. Null: unknown.
 */
export function peopleInLesson(snapshot: RoomSnapshot | null): number | null {
  if (!snapshot || snapshot.phase !== 'conference' || snapshot.participants === null) return null;
  return snapshot.participants + (snapshot.breakoutParticipants ?? 0);
}

/** A recording or livestream of the lesson is running (the server's, or local to the teacher's computer). */
export function isRecording(snapshot: RoomSnapshot | null): boolean {
  return Boolean(snapshot && snapshot.phase === 'conference' && (snapshot.recording === true || snapshot.livestream === true));
}

/**
 * Toolbar badge: the number of people in the lesson, only while the teacher is in it; while a recording
 * runs, REC instead (its own sign, not the amber of a knocking student). The teacher alone gets no "0"
 * (on red it reads as an error): nothing, or "!" while a safety rule is not met (`attention`).
 */
export function badgeText(snapshot: RoomSnapshot | null, recordingSign = 'REC', attention = false): string {
  const people = peopleInLesson(snapshot);
  if (people === null) return '';
  if (isRecording(snapshot)) return recordingSign;
  if (people === 0) return attention ? '!' : '';
  return people > 999 ? '999+' : String(people);
}

// Compile-time proof that SNAPSHOT_KEYS lists every field.
type UnlistedKeys = Exclude<keyof RoomSnapshot, (typeof SNAPSHOT_KEYS)[number]>;
export const SNAPSHOT_KEYS_COMPLETE: [UnlistedKeys] extends [never] ? true : never = true;

/**
 * A lesson whose people the companion cannot read: Jitsi, but a version (or fork) whose state has none of
 * the shapes the adapter knows (docs/jitsi.md §7). It gets "not supported", never advice from guesses.
 */
export function isUnreadable(room: RoomSnapshot): boolean {
  return room.phase === 'conference' && room.participants === null;
}

/** Longest room name shown in the browser's own UI (notifications, the toolbar button's tooltip). */
export const SHOWN_ROOM_NAME_MAX = 60;

/**
 * A room name as the browser's own UI may show it: the page chose it, so it is plain text only (no
 * control, bidirectional-override or zero-width characters that could disguise it) and short.
 */
export function shownRoomName(name: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  const plain = (name ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '').trim();
  return plain.length > SHOWN_ROOM_NAME_MAX ? `${plain.slice(0, SHOWN_ROOM_NAME_MAX - 1)}…` : plain;
}
