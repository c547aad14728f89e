// Snapshot builders for tests of code that consumes snapshots.
import { SNAPSHOT_VERSION, type RoomPhase, type RoomSnapshot } from './room.ts';

/** A snapshot where every optional fact is unknown. */
export function emptySnapshot(phase: RoomPhase = 'conference', roomName: string | null = 'Math7b'): RoomSnapshot {
  return {
    v: SNAPSHOT_VERSION,
    host: 'meet.example.org',
    phase,
    roomName,
    jitsiVersion: null,
    isModerator: null,
    everyoneModerator: null,
    participants: null,
    breakoutParticipants: null,
    inBreakoutRoom: null,
    knocking: null,
    lobbySupported: null,
    lobbyEnabled: null,
    passwordSet: null,
    passwordShort: null,
    passwordDigits: null,
    recording: null,
    livestream: null,
    endForAllSupported: null,
    startAudioMuted: null,
    startVideoMuted: null,
    audioModeration: null,
    videoModeration: null,
    waitingFor: null,
  };
}
