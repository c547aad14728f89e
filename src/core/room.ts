// The room snapshot: the one small, versioned fact sheet about a Jitsi tab that crosses contexts.
// Pure: no browser APIs. "Unknown" is null, never a guess.

export const SNAPSHOT_VERSION = 1;

/** Where the teacher's tab stands in the life of a conference. */
export type RoomPhase =
  | 'welcome' // a Jitsi page without a room (welcome page, after hang-up)
  | 'prejoin' // device check / name entry before joining
  | 'joining'
  | 'conference'
  | 'leaving' // we are leaving: Jitsi empties its participant list itself, so counts mean nothing
  | 'left';

export const ROOM_PHASES: readonly RoomPhase[] = ['welcome', 'prejoin', 'joining', 'conference', 'leaving', 'left'];

export interface RoomSnapshot {
  v: typeof SNAPSHOT_VERSION;
  phase: RoomPhase;
  /** Room name as in the URL's last path segment; null on the welcome page. */
  roomName: string | null;
  /** Real remote people (no shared-video/whiteboard tiles, no bots); null when it cannot be known. */
  participants: number | null;
  /** lib-jitsi-meet's build hash (JitsiMeetJS.version); null when absent. */
  jitsiVersion: string | null;
}

export function sameSnapshot(a: RoomSnapshot | null, b: RoomSnapshot | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.phase === b.phase &&
    a.roomName === b.roomName &&
    a.participants === b.participants &&
    a.jitsiVersion === b.jitsiVersion
  );
}

/** Toolbar badge: the number of people in the lesson, only while the teacher is in it. */
export function badgeText(snapshot: RoomSnapshot | null): string {
  if (!snapshot || snapshot.phase !== 'conference' || snapshot.participants === null) return '';
  return snapshot.participants > 999 ? '999+' : String(snapshot.participants);
}
