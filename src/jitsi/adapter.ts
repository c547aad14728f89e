// The one module that knows Jitsi Meet's globals, redux state keys and shapes.
// Facts: docs/jitsi.md (the § numbers in comments). Pure reads; never throws on odd pages.
import type { RoomPhase, RoomSnapshot } from '../core/room.ts';
import { SNAPSHOT_VERSION } from '../core/room.ts';
import { isShortPassword } from '../core/password.ts';

/** Redux feature keys (§0.1, §2). Stable since 2017; lobby since 2020-07, A/V moderation and breakout rooms since 2021. */
export const STATE_KEYS = {
  conference: 'features/base/conference',
  participants: 'features/base/participants',
  prejoin: 'features/prejoin',
  lobby: 'features/lobby',
  recording: 'features/recording',
  avModeration: 'features/av-moderation',
  breakoutRooms: 'features/breakout-rooms',
  config: 'features/base/config',
} as const;

export interface JitsiStore {
  getState(): unknown;
  subscribe(listener: () => void): () => void;
  /** Plain-object actions only: jitsi-meet's thunks are not reachable from the page (§0.3). */
  dispatch(action: Record<string, unknown>): unknown;
}

export type Loose = Record<string, unknown>;

export function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

/**
 * First half of the signature, checkable at DOMContentLoaded: lib-jitsi-meet's UMD global with its
 * version hash and event enums (§1.1), and jitsi-meet's `APP` with its legacy `conference` controller.
 * Both come from classic scripts in <head>, so they exist before DOMContentLoaded.
 */
export function hasJitsiGlobals(win: Loose): boolean {
  try {
    const lib = win.JitsiMeetJS;
    const app = win.APP;
    return (
      isObject(lib) &&
      typeof lib.version === 'string' &&
      isObject(lib.events) &&
      isObject(app) &&
      isObject(app.conference)
    );
  } catch {
    return false; // hostile getters
  }
}

/**
 * Second half: `APP.store` (assigned after DOMContentLoaded, §1.1) is a redux store whose state has
 * Jitsi's feature keys. A lookalike `window.APP` without them is not a room.
 */
export function findJitsiStore(win: Loose): JitsiStore | null {
  try {
    if (!hasJitsiGlobals(win)) return null;
    const store = (win.APP as Loose).store;
    if (!isObject(store) || typeof store.getState !== 'function' || typeof store.subscribe !== 'function' || typeof store.dispatch !== 'function') return null;
    const state: unknown = store.getState();
    if (!isObject(state) || !isObject(state[STATE_KEYS.conference]) || !(STATE_KEYS.participants in state)) return null;
    return store as unknown as JitsiStore;
  } catch {
    return null;
  }
}

/** jitsi-meet's legacy controller `APP.conference` (§1.1): its `hangup` is the app's own way out (§3.4). */
export function readLegacyConference(win: Loose): unknown {
  try {
    return (win.APP as Loose).conference;
  } catch {
    return null;
  }
}

export function readJitsiVersion(win: Loose): string | null {
  try {
    const version = (win.JitsiMeetJS as Loose).version;
    return typeof version === 'string' ? version.slice(0, 64) : null;
  } catch {
    return null;
  }
}

/** The slices the snapshot is derived from; compared by reference to skip unchanged updates (§0.4). */
export type RoomSlices = { -readonly [K in keyof typeof STATE_KEYS]: unknown };
const SLICE_NAMES = Object.keys(STATE_KEYS) as (keyof typeof STATE_KEYS)[];

export function readSlices(state: unknown): RoomSlices {
  const root = isObject(state) ? state : {};
  const slices = {} as RoomSlices;
  for (const name of SLICE_NAMES) slices[name] = root[STATE_KEYS[name]];
  return slices;
}

/** Whether one of our slices was replaced since `previous` (by reference; nothing is built for it). */
export function slicesChanged(state: unknown, previous: RoomSlices): boolean {
  if (!isObject(state)) return true;
  for (const name of SLICE_NAMES) if (state[STATE_KEYS[name]] !== previous[name]) return true;
  return false;
}

/** Same slice references (all, or all but `except`). */
export function sameSlices(a: RoomSlices, b: RoomSlices, except?: keyof RoomSlices): boolean {
  return SLICE_NAMES.every((name) => name === except || a[name] === b[name]);
}

/**
 * Phase from the conference slice (§1.4, §2.1): `conference` set ⇒ joined; on CONFERENCE_WILL_LEAVE it
 * moves to `leaving`. `previous` tells "left" (we were in) from "joining" (not yet in).
 */
export function derivePhase(slices: RoomSlices, previous: RoomPhase | null): RoomPhase {
  const conference = isObject(slices.conference) ? slices.conference : {};
  if (conference.leaving) return 'leaving';
  if (conference.conference) return 'conference';
  if (typeof conference.room !== 'string' || conference.room === '') return previous === 'conference' || previous === 'leaving' || previous === 'left' ? 'left' : 'welcome';
  if (previous === 'conference' || previous === 'leaving' || previous === 'left') return 'left';
  if (conference.joining || conference.passwordRequired || conference.membersOnly || conference.authRequired) return 'joining';
  if (isObject(slices.prejoin) && slices.prejoin.showPrejoin === true) return 'prejoin';
  return 'joining';
}

/** A participant entry that is a person, not a shared-video/whiteboard/screen-share tile or a bot (§2.2, §7.1). */
export function isRealPerson(participant: unknown): participant is Loose {
  if (!isObject(participant)) return false;
  return !participant.fakeParticipant && !participant.isFakeParticipant && !participant.botType && !participant.local;
}

/** The remote people's entries in either app generation (Map since stable/6173, array before, §7.1). */
export function remotePeople(participantsSlice: unknown): Loose[] {
  const entries = Array.isArray(participantsSlice)
    ? participantsSlice
    : isObject(participantsSlice) && participantsSlice.remote instanceof Map
      ? [...participantsSlice.remote.values()]
      : [];
  return entries.filter(isRealPerson);
}

/**
 * Remote people in the main room. Current shape: `remote` is a Map mutated in place (§2.2);
 * before stable/6173 the whole slice was an array with `local: true` on ours (§7.1).
 */
export function countRemotePeople(participantsSlice: unknown): number | null {
  try {
    if (Array.isArray(participantsSlice)) return participantsSlice.filter(isRealPerson).length;
    if (!isObject(participantsSlice) || !(participantsSlice.remote instanceof Map)) return null;
    let count = 0;
    for (const participant of participantsSlice.remote.values()) if (isRealPerson(participant)) count += 1;
    return count;
  } catch {
    return null;
  }
}

/** Room name from the URL segment Jitsi keeps in redux (§1.3): case kept, possibly %-encoded. */
export function readRoomName(conferenceSlice: unknown): string | null {
  if (!isObject(conferenceSlice) || typeof conferenceSlice.room !== 'string' || conferenceSlice.room === '') return null;
  let name = conferenceSlice.room;
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw segment
  }
  return name.slice(0, 256);
}

/** Calls a zero-argument method of a page object; any failure or non-boolean is "unknown". */
function askBoolean(target: unknown, method: string): boolean | null {
  try {
    if (!isObject(target) || typeof target[method] !== 'function') return null;
    const answer: unknown = (target[method] as () => unknown)();
    return typeof answer === 'boolean' ? answer : null;
  } catch {
    return null;
  }
}

/** A start-muted policy (§2.6): undefined until a moderator sets one, which means off. */
function policyField(slice: unknown, key: string): boolean | null {
  if (!isObject(slice)) return null;
  const value = slice[key];
  return value === undefined ? false : typeof value === 'boolean' ? value : null;
}

function booleanField(slice: unknown, key: string): boolean | null {
  return isObject(slice) && typeof slice[key] === 'boolean' ? (slice[key] as boolean) : null;
}

/** Our own participant entry: `local` in the current shape, the `local: true` array entry before 6173. */
function localParticipant(participantsSlice: unknown): Loose | null {
  if (Array.isArray(participantsSlice)) return (participantsSlice.find((p) => isObject(p) && p.local === true) as Loose) ?? null;
  return isObject(participantsSlice) && isObject(participantsSlice.local) ? participantsSlice.local : null;
}

export function readIsModerator(participantsSlice: unknown): boolean | null {
  const role = localParticipant(participantsSlice)?.role;
  return typeof role === 'string' && role !== 'none' ? role === 'moderator' : null;
}

/**
 * Every other person is moderator (§2.2): `numberOfNonModeratorParticipants === 0` since stable/8615, the boolean
 * `everyoneIsModerator` before; with the 2021 array we look at the roles. Unknown with nobody else present.
 */
export function readEveryoneModerator(participantsSlice: unknown, remotePeople: number | null): boolean | null {
  if (!remotePeople) return null;
  try {
    if (Array.isArray(participantsSlice)) {
      return participantsSlice.filter(isRealPerson).every((p) => (p as Loose).role === 'moderator');
    }
    if (!isObject(participantsSlice)) return null;
    if (typeof participantsSlice.numberOfNonModeratorParticipants === 'number') return participantsSlice.numberOfNonModeratorParticipants === 0;
    if (typeof participantsSlice.everyoneIsModerator === 'boolean') return participantsSlice.everyoneIsModerator;
  } catch {
    // fall through to unknown
  }
  return null;
}

/**
 * People in the other rooms (§2.7): from the main room, everyone in breakout rooms; from inside a breakout
 * room, everyone in all rooms but this one (whose people are `participants`, plus the teacher).
 * Unknown where the feature does not exist.
 */
export function countPeopleElsewhere(breakoutSlice: unknown, inBreakoutRoom: boolean | null, hereWithMe: number | null): number | null {
  if (!isObject(breakoutSlice) || !isObject(breakoutSlice.rooms)) return null;
  let inBreakouts = 0;
  let everywhere = 0;
  for (const room of Object.values(breakoutSlice.rooms)) {
    if (!isObject(room) || !isObject(room.participants)) continue;
    const people = Object.keys(room.participants).length;
    everywhere += people;
    if (!room.isMainRoom) inBreakouts += people;
  }
  if (inBreakoutRoom !== true) return inBreakouts;
  return hereWithMe === null ? null : Math.max(0, everywhere - hereWithMe);
}

/** Running sessions by mode (§2.4): status 'on' or 'pending' counts as running. */
export function readRecording(recordingSlice: unknown, mode: 'file' | 'stream'): boolean | null {
  if (!isObject(recordingSlice) || !Array.isArray(recordingSlice.sessionDatas)) return null;
  return recordingSlice.sessionDatas.some(
    (session) => isObject(session) && session.mode === mode && (session.status === 'on' || session.status === 'pending'),
  );
}

/**
 * Browser-local recording (§9.3): a file on the teacher's computer; for a school the same announce-and-
 * consent rule applies as for the server's. Null where the app has no local recording (or it never ran).
 */
export function readLocalRecording(recordingSlice: unknown): boolean | null {
  return isObject(recordingSlice) && typeof recordingSlice.localRecordingRunning === 'boolean' ? recordingSlice.localRecordingRunning : null;
}

/** Running if either runs; not running if one is known not to and the other is not known to run. */
function eitherRunning(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === false || b === false ? false : null;
}

/** `roomPasswordNumberOfDigits: false | number` in the effective config: digits-only passwords of up to N digits. */
export function readPasswordDigits(configSlice: unknown): number | null {
  if (!isObject(configSlice)) return null;
  const digits = configSlice.roomPasswordNumberOfDigits;
  if (digits === undefined || digits === false) return 0;
  return typeof digits === 'number' && Number.isInteger(digits) && digits > 0 && digits <= 64 ? digits : null;
}

/**
 * What the participants slice tells the snapshot is still as `snapshot` says: the head count and the
 * roles. Mute and speaker changes replace that slice many times a second and change none of them.
 */
export function sameParticipantFacts(participantsSlice: unknown, snapshot: RoomSnapshot): boolean {
  const people = countRemotePeople(participantsSlice);
  return (
    people === snapshot.participants &&
    readIsModerator(participantsSlice) === snapshot.isModerator &&
    readEveryoneModerator(participantsSlice, people) === snapshot.everyoneModerator
  );
}

/** What the participant facts of a snapshot hang on, short of counting every participant. */
export interface ParticipantShape {
  size: number;
  local: unknown;
  nonModerators: unknown;
  everyoneModerator: unknown;
}

export const unknownParticipantShape = (): ParticipantShape => ({ size: -1, local: null, nonModerators: null, everyoneModerator: null });

/**
 * Whether the participants slice kept its shape since the last call (which `seen` then records): jitsi-meet
 * updates a participant in place in the `remote` Map (§2.2), so while its size, the local entry and
 * jitsi-meet's own moderator count stay the same, no one came or went and no role moved — a mute or a new
 * dominant speaker — and the people need not be counted again. The 2021 array shape is always counted.
 */
export function sameParticipantShape(participantsSlice: unknown, seen: ParticipantShape): boolean {
  if (!isObject(participantsSlice) || !(participantsSlice.remote instanceof Map)) return false;
  const { remote, local, numberOfNonModeratorParticipants: nonModerators, everyoneIsModerator: everyoneModerator } = participantsSlice;
  const same = remote.size === seen.size && local === seen.local && nonModerators === seen.nonModerators && everyoneModerator === seen.everyoneModerator;
  // Recorded in place: this runs on every store change that replaces one of our slices.
  seen.size = remote.size;
  seen.local = local;
  seen.nonModerators = nonModerators;
  seen.everyoneModerator = everyoneModerator;
  return same;
}

export interface PageFacts {
  host: string;
  jitsiVersion: string | null;
}

export function deriveSnapshot(slices: RoomSlices, previous: RoomPhase | null, page: PageFacts): RoomSnapshot {
  const phase = derivePhase(slices, previous);
  const inConference = phase === 'conference';
  const conferenceSlice = isObject(slices.conference) ? slices.conference : {};
  // The live JitsiConference (§0.2); its support checks are not in redux (§2.8).
  const conference = inConference ? conferenceSlice.conference : undefined;
  // Jitsi drops every remote participant from its list when we leave (§0.5): only count while in.
  const participants = inConference ? countRemotePeople(slices.participants) : null;
  const avModeration = slices.avModeration;
  const inBreakoutRoom = inConference ? askBoolean(askObject(conference, 'getBreakoutRooms'), 'isBreakoutRoom') : null;
  const locked = conferenceSlice.locked;
  return {
    v: SNAPSHOT_VERSION,
    host: page.host.slice(0, 253),
    phase,
    roomName: readRoomName(slices.conference),
    jitsiVersion: page.jitsiVersion,
    isModerator: inConference ? readIsModerator(slices.participants) : null,
    everyoneModerator: inConference ? readEveryoneModerator(slices.participants, participants) : null,
    participants,
    breakoutParticipants: inConference ? countPeopleElsewhere(slices.breakoutRooms, inBreakoutRoom, participants === null ? null : participants + 1) : null,
    inBreakoutRoom,
    knocking: inConference && isObject(slices.lobby) && Array.isArray(slices.lobby.knockingParticipants) ? slices.lobby.knockingParticipants.length : null,
    lobbySupported: inConference ? askBoolean(conference, 'isLobbySupported') : null,
    lobbyEnabled: inConference ? booleanField(slices.lobby, 'lobbyEnabled') : null,
    passwordSet: inConference ? locked === 'LOCKED_LOCALLY' || locked === 'LOCKED_REMOTELY' : null,
    // Jitsi keeps the password only where this browser set it (§3.3): else its length is not known.
    passwordShort: inConference && locked === 'LOCKED_LOCALLY' && typeof conferenceSlice.password === 'string' ? isShortPassword(conferenceSlice.password, readPasswordDigits(slices.config)) : null,
    passwordDigits: readPasswordDigits(slices.config),
    recording: inConference ? eitherRunning(readRecording(slices.recording, 'file'), readLocalRecording(slices.recording)) : null,
    livestream: inConference ? readRecording(slices.recording, 'stream') : null,
    endForAllSupported: inConference ? askBoolean(conference, 'isEndConferenceSupported') : null,
    startAudioMuted: inConference ? policyField(conferenceSlice, 'startAudioMutedPolicy') : null,
    startVideoMuted: inConference ? policyField(conferenceSlice, 'startVideoMutedPolicy') : null,
    audioModeration: inConference ? booleanField(avModeration, 'audioModerationEnabled') : null,
    videoModeration: inConference ? booleanField(avModeration, 'videoModerationEnabled') : null,
    waitingFor: phase === 'joining' ? readWaitingFor(conferenceSlice, slices.lobby) : null,
  };
}

/**
 * What keeps us out while joining (§2.1, §7.2): `authRequired` is set when Jicofo refuses a guest on a
 * secure domain (jitsi-meet then shows "Waiting for a moderator…" with a log-in), `passwordRequired`
 * for a locked room, the lobby slice's `knocking` while we ask to be let in.
 */
function readWaitingFor(conferenceSlice: Loose, lobby: unknown): RoomSnapshot['waitingFor'] {
  if (conferenceSlice.authRequired) return 'host';
  if (conferenceSlice.passwordRequired) return 'password';
  if (isObject(lobby) && lobby.knocking === true) return 'lobby';
  return null;
}

/** Calls a zero-argument method that returns an object (e.g. `getBreakoutRooms()`); null on failure. */
function askObject(target: unknown, method: string): unknown {
  try {
    return isObject(target) && typeof target[method] === 'function' ? (target[method] as () => unknown)() : null;
  } catch {
    return null;
  }
}
