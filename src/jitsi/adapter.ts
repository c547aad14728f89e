// The one module that knows Jitsi Meet's globals, redux state keys and shapes.
// Facts: ../shared/jitsi-facts.md (section numbers in comments). Pure reads; never throws on odd pages.
import type { RoomPhase, RoomSnapshot } from '../core/room.ts';
import { SNAPSHOT_VERSION } from '../core/room.ts';

/** Redux feature keys (§0.1, §2). Stable since 2017. */
export const STATE_KEYS = {
  conference: 'features/base/conference',
  participants: 'features/base/participants',
  prejoin: 'features/prejoin',
  config: 'features/base/config',
} as const;

export interface JitsiStore {
  getState(): unknown;
  subscribe(listener: () => void): () => void;
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
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
    if (!isObject(store) || typeof store.getState !== 'function' || typeof store.subscribe !== 'function') return null;
    const state: unknown = store.getState();
    if (!isObject(state) || !isObject(state[STATE_KEYS.conference]) || !(STATE_KEYS.participants in state)) return null;
    return store as unknown as JitsiStore;
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
export interface RoomSlices {
  conference: unknown;
  participants: unknown;
  prejoin: unknown;
}

export function readSlices(state: unknown): RoomSlices {
  const root = isObject(state) ? state : {};
  return {
    conference: root[STATE_KEYS.conference],
    participants: root[STATE_KEYS.participants],
    prejoin: root[STATE_KEYS.prejoin],
  };
}

export function sameSlices(a: RoomSlices, b: RoomSlices): boolean {
  return a.conference === b.conference && a.participants === b.participants && a.prejoin === b.prejoin;
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
function isRealPerson(participant: unknown): boolean {
  if (!isObject(participant)) return false;
  return !participant.fakeParticipant && !participant.isFakeParticipant && !participant.botType && !participant.local;
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

export function deriveSnapshot(slices: RoomSlices, previous: RoomPhase | null, jitsiVersion: string | null): RoomSnapshot {
  const phase = derivePhase(slices, previous);
  return {
    v: SNAPSHOT_VERSION,
    phase,
    roomName: readRoomName(slices.conference),
    // Jitsi drops every remote participant from its list when we leave (§0.5): only count while in.
    participants: phase === 'conference' ? countRemotePeople(slices.participants) : null,
    jitsiVersion,
  };
}
