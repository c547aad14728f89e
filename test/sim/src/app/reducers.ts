// jitsi-meet's redux slices, reduced to what the extension reads, with the real feature keys, field
// names, types and update behaviours (facts §2, §8). Pure: no DOM, importable from vitest.
import { combineReducers, type Reducer, type UnknownAction } from 'redux';
import { CONFERENCE_ERRORS, LOCKED_LOCALLY, LOCKED_REMOTELY, type LockState, type ParticipantRole } from '../shared/constants.ts';
import type { AppVariant } from '../shared/sim-options.ts';
import * as A from './action-types.ts';

/** The bits of a JitsiConference the reducers compare or read. */
export interface ConferenceRef {
  lock?: unknown;
  join?: unknown;
  room?: { locked?: boolean } | null;
  isE2EESupported?: () => boolean;
}

// Redux actions are plain objects with arbitrary payloads.
type Action = UnknownAction & Record<string, unknown>;

// ---- 'features/base/conference' (facts §2.1; SDK base/conference/reducer.ts) --------------------

export interface ConferenceState {
  room?: string | undefined;
  conference?: ConferenceRef | undefined;
  joining?: ConferenceRef | undefined;
  leaving?: ConferenceRef | undefined;
  locked?: LockState;
  password?: string | undefined;
  passwordRequired?: ConferenceRef | undefined;
  membersOnly?: ConferenceRef | undefined;
  authRequired?: ConferenceRef | undefined;
  authEnabled?: boolean | undefined;
  authLogin?: string | undefined;
  error?: { name: string; params?: unknown[]; recoverable?: boolean } | undefined;
  e2eeSupported?: boolean | undefined;
  startAudioMutedPolicy?: boolean;
  startVideoMutedPolicy?: boolean;
  [key: string]: unknown;
}

const conferenceDefaults = (): ConferenceState => ({
  conference: undefined,
  e2eeSupported: undefined,
  joining: undefined,
  leaving: undefined,
  locked: undefined,
  membersOnly: undefined,
  password: undefined,
  passwordRequired: undefined,
  // Not set until SET_START_MUTED_POLICY: undefined, as in jitsi-meet's reducer (not false).
  startAudioMutedPolicy: undefined,
  startVideoMutedPolicy: undefined,
});

/** Every key that held this conference is cleared; WILL_LEAVE parks it in `leaving` (reducer `_conferenceLeftOrWillLeave`). */
function conferenceLeftOrWillLeave(state: ConferenceState, conference: ConferenceRef | undefined, type: string): ConferenceState {
  const next: ConferenceState = { ...state };
  for (const key of Object.keys(state)) {
    if (state[key] !== conference) continue;
    next[key] = undefined;
    if (key === 'conference' || key === 'passwordRequired') {
      // A locally locked conference forgets its password when left.
      delete next.locked;
      delete next.password;
    }
  }
  if (type === A.CONFERENCE_WILL_LEAVE) next.leaving = conference;
  return next;
}

export const conferenceReducer: Reducer<ConferenceState, Action> = (state = conferenceDefaults(), action) => {
  switch (action.type) {
    case A.CONFERENCE_WILL_JOIN:
      return { ...state, error: undefined, joining: action.conference as ConferenceRef };
    case A.CONFERENCE_JOINED: {
      const conference = action.conference as ConferenceRef;
      return {
        ...state,
        authRequired: undefined,
        conference,
        e2eeSupported: conference.isE2EESupported?.() ?? false,
        joining: undefined,
        membersOnly: undefined,
        leaving: undefined,
        // On join, `locked` comes from the lib's private room.locked (facts §2.1).
        locked: conference.room?.locked ? LOCKED_REMOTELY : undefined,
        passwordRequired: undefined,
      };
    }
    case A.CONFERENCE_WILL_LEAVE:
    case A.CONFERENCE_LEFT:
      return conferenceLeftOrWillLeave(state, action.conference as ConferenceRef | undefined, action.type);
    case A.CONFERENCE_FAILED: {
      const conference = action.conference as ConferenceRef;
      if (state.conference && state.conference !== conference) return state;
      const error = action.error as ConferenceState['error'];
      const name = error?.name;
      return {
        ...state,
        authRequired: name === CONFERENCE_ERRORS.AUTHENTICATION_REQUIRED ? conference : undefined,
        conference: undefined,
        error,
        joining: undefined,
        leaving: undefined,
        locked: name === CONFERENCE_ERRORS.PASSWORD_REQUIRED ? LOCKED_REMOTELY : undefined,
        membersOnly: name === CONFERENCE_ERRORS.MEMBERS_ONLY_ERROR ? conference : undefined,
        password: undefined,
        passwordRequired: name === CONFERENCE_ERRORS.PASSWORD_REQUIRED ? conference : undefined,
      };
    }
    case A.LOCK_STATE_CHANGED: {
      // Keeps LOCKED_LOCALLY, else LOCKED_REMOTELY; unlocking clears both (reducer `_lockStateChanged`).
      if (state.conference !== action.conference) return state;
      const locked = Boolean(action.locked);
      return { ...state, locked: locked ? state.locked || LOCKED_REMOTELY : undefined, password: locked ? state.password : undefined };
    }
    case A.SET_PASSWORD: {
      // `method` is compared by identity with the conference's own lock/join (reducer `_setPassword`).
      const conference = action.conference as ConferenceRef | undefined;
      const password = action.password as string | undefined;
      if (conference && action.method === conference.lock) {
        return { ...state, locked: password ? LOCKED_LOCALLY : undefined, password };
      }
      if (conference && action.method === conference.join && state.passwordRequired === conference) {
        return { ...state, locked: LOCKED_REMOTELY, password, passwordRequired: undefined };
      }
      return state;
    }
    case A.SET_ROOM:
      return { ...state, room: action.room as string | undefined };
    case A.SET_LOCATION_URL:
      return { ...state, room: undefined };
    case A.SET_START_MUTED_POLICY:
      return {
        ...state,
        startAudioMutedPolicy: Boolean(action.startAudioMutedPolicy),
        startVideoMutedPolicy: Boolean(action.startVideoMutedPolicy),
      };
    case A.AUTH_STATUS_CHANGED:
      return { ...state, authEnabled: action.authEnabled as boolean, authLogin: action.authLogin as string | undefined };
    default:
      return state;
  }
};

// ---- 'features/base/participants' (facts §2.2; SDK base/participants/reducer.ts) ----------------

export interface Participant {
  id: string;
  name?: string | undefined;
  role: ParticipantRole;
  local?: boolean;
  conference?: unknown;
  fakeParticipant?: string;
  isFakeParticipant?: boolean;
  isJigasi?: boolean;
  botType?: string;
  presence?: string;
  dominantSpeaker?: boolean;
  [key: string]: unknown;
}

export interface ParticipantsState {
  dominantSpeaker?: string | undefined;
  fakeParticipants: Map<string, Participant>;
  local?: Participant | undefined;
  localScreenShare?: Participant | undefined;
  numberOfNonModeratorParticipants: number;
  numberOfParticipantsDisabledE2EE: number;
  numberOfParticipantsNotSupportingE2EE: number;
  overwrittenNameList: Record<string, string>;
  pinnedParticipant?: string | undefined;
  raisedHandsQueue: Array<{ id: string; raisedHandTimestamp: number }>;
  remote: Map<string, Participant>;
  remoteVideoSources: Set<string>;
  sortedRemoteParticipants: Map<string, string>;
  sortedRemoteVirtualScreenshareParticipants: Map<string, string>;
  activeSpeakers: Set<string>;
}

/** Fresh Maps per store (the real module-level defaults would be shared between test stores). */
export const participantsDefaults = (): ParticipantsState => ({
  dominantSpeaker: undefined,
  fakeParticipants: new Map(),
  local: undefined,
  localScreenShare: undefined,
  numberOfNonModeratorParticipants: 0,
  numberOfParticipantsDisabledE2EE: 0,
  numberOfParticipantsNotSupportingE2EE: 0,
  overwrittenNameList: {},
  pinnedParticipant: undefined,
  raisedHandsQueue: [],
  remote: new Map(),
  remoteVideoSources: new Set(),
  sortedRemoteParticipants: new Map(),
  sortedRemoteVirtualScreenshareParticipants: new Map(),
  activeSpeakers: new Set(),
});

/** `_participantJoined`: defaults for missing fields. */
function normaliseJoined(participant: Participant): Participant {
  return {
    ...participant,
    id: participant.id ?? 'local',
    name: participant.name,
    role: participant.role || 'none',
    local: Boolean(participant.local),
  };
}

function countNonModerators(state: ParticipantsState): number {
  let count = state.local && state.local.role !== 'moderator' ? 1 : 0;
  for (const participant of state.remote.values()) {
    if (!participant.fakeParticipant && participant.role !== 'moderator') count++;
  }
  return count;
}

function isLocalUpdate(state: ParticipantsState, participant: Partial<Participant>): boolean {
  return Boolean(participant.local) || (participant.id !== undefined && participant.id === state.local?.id);
}

/**
 * The real reducer mutates `remote`/`fakeParticipants`/`sorted*` Maps **in place** and returns a new
 * slice object (facts §2.2 "Mutation caveat") — reproduced on purpose.
 */
export const participantsReducer: Reducer<ParticipantsState, Action> = (state = participantsDefaults(), action) => {
  switch (action.type) {
    case A.PARTICIPANT_ID_CHANGED: {
      if (!state.local || state.local.id !== action.oldValue) return state;
      return { ...state, local: { ...state.local, id: action.newValue as string } };
    }
    case A.PARTICIPANT_JOINED: {
      const participant = normaliseJoined(action.participant as Participant);
      if (participant.local) {
        const next = { ...state, local: participant };
        return { ...next, numberOfNonModeratorParticipants: countNonModerators(next) };
      }
      state.remote.set(participant.id, participant);
      if (participant.fakeParticipant === 'RemoteScreenShare') {
        state.sortedRemoteVirtualScreenshareParticipants.set(participant.id, participant.name ?? '');
      } else {
        const sorted = [...state.sortedRemoteParticipants, [participant.id, participant.name ?? ''] as [string, string]];
        sorted.sort((a, b) => a[1].localeCompare(b[1]));
        // Recreated on join (facts §2.2).
        state.sortedRemoteParticipants = new Map(sorted);
      }
      if (participant.fakeParticipant && participant.fakeParticipant !== 'RemoteScreenShare') {
        state.fakeParticipants.set(participant.id, participant);
      }
      return { ...state, numberOfNonModeratorParticipants: countNonModerators(state) };
    }
    case A.PARTICIPANT_LEFT: {
      const { id, conference } = action.participant as { id: string; conference?: unknown };
      const existing = state.remote.get(id);
      if (!existing || (conference !== undefined && existing.conference !== conference)) return state;
      state.remote.delete(id);
      state.fakeParticipants.delete(id);
      state.sortedRemoteParticipants.delete(id); // mutated on leave (facts §2.2)
      state.sortedRemoteVirtualScreenshareParticipants.delete(id);
      state.activeSpeakers.delete(id);
      const next = {
        ...state,
        dominantSpeaker: state.dominantSpeaker === id ? undefined : state.dominantSpeaker,
        pinnedParticipant: state.pinnedParticipant === id ? undefined : state.pinnedParticipant,
        raisedHandsQueue: state.raisedHandsQueue.filter((entry) => entry.id !== id),
      };
      return { ...next, numberOfNonModeratorParticipants: countNonModerators(next) };
    }
    case A.PARTICIPANT_UPDATED:
    case A.PARTICIPANT_ROLE_CHANGED: {
      const update = { ...(action.participant as Partial<Participant>) };
      if (action.type === A.PARTICIPANT_ROLE_CHANGED && action.role) update.role = action.role as ParticipantRole;
      if (isLocalUpdate(state, update)) {
        if (!state.local) return state;
        const next = { ...state, local: { ...state.local, ...update, id: state.local.id, local: true } };
        return { ...next, numberOfNonModeratorParticipants: countNonModerators(next) };
      }
      const existing = update.id === undefined ? undefined : state.remote.get(update.id);
      if (!existing) return state;
      const updated = { ...existing, ...update };
      state.remote.set(existing.id, updated);
      if (state.fakeParticipants.has(existing.id)) state.fakeParticipants.set(existing.id, updated);
      return { ...state, numberOfNonModeratorParticipants: countNonModerators(state) };
    }
    case A.DOMINANT_SPEAKER_CHANGED: {
      const { id } = action.participant as { id: string };
      return { ...state, dominantSpeaker: id };
    }
    default:
      return state;
  }
};

/**
 * The pre-stable/6173 shape (facts §7.1): the whole slice is an array, ours carries `local: true`,
 * fake tiles carry `isFakeParticipant: true`. Replaced immutably, as the old reducer did.
 */
export const legacyParticipantsReducer: Reducer<Participant[], Action> = (state = [], action) => {
  switch (action.type) {
    case A.PARTICIPANT_ID_CHANGED:
      return state.map((p) => (p.local && p.id === action.oldValue ? { ...p, id: action.newValue as string } : p));
    case A.PARTICIPANT_JOINED: {
      const participant = normaliseJoined(action.participant as Participant);
      const { fakeParticipant, ...rest } = participant;
      const legacy: Participant = fakeParticipant ? { ...rest, isFakeParticipant: true } : rest;
      return [...state.filter((p) => p.id !== legacy.id), legacy];
    }
    case A.PARTICIPANT_LEFT: {
      const { id, conference } = action.participant as { id: string; conference?: unknown };
      return state.filter((p) => p.local || p.id !== id || (conference !== undefined && p.conference !== conference));
    }
    case A.PARTICIPANT_UPDATED:
    case A.PARTICIPANT_ROLE_CHANGED: {
      const update = { ...(action.participant as Partial<Participant>) };
      if (action.type === A.PARTICIPANT_ROLE_CHANGED && action.role) update.role = action.role as ParticipantRole;
      return state.map((p) => {
        const matches = update.local ? p.local : p.id === update.id;
        return matches ? { ...p, ...update, id: p.id } : p;
      });
    }
    case A.DOMINANT_SPEAKER_CHANGED: {
      const { id } = action.participant as { id: string };
      return state.map((p) => ({ ...p, dominantSpeaker: p.id === id }));
    }
    default:
      return state;
  }
};

// ---- 'features/lobby' (facts §2.3; SDK lobby/reducer.ts) ----------------------------------------

export interface LobbyState {
  knocking: boolean;
  knockingParticipants: Array<{ id: string; name?: string; email?: string; chattingWithModerator?: string }>;
  lobbyEnabled: boolean;
  lobbyVisible: boolean;
  passwordJoinFailed: boolean;
  isDisplayNameRequiredError: boolean;
}

export const lobbyReducer: Reducer<LobbyState, Action> = (
  state = { knocking: false, knockingParticipants: [], lobbyEnabled: false, lobbyVisible: false, passwordJoinFailed: false, isDisplayNameRequiredError: false },
  action,
) => {
  switch (action.type) {
    case A.CONFERENCE_JOINED:
    case A.CONFERENCE_LEFT:
      return { ...state, isDisplayNameRequiredError: false, knocking: false, passwordJoinFailed: false };
    case A.KNOCKING_PARTICIPANT_ARRIVED_OR_UPDATED: {
      const participant = action.participant as LobbyState['knockingParticipants'][number];
      const exists = state.knockingParticipants.some((p) => p.id === participant.id);
      return {
        ...state,
        knockingParticipants: exists
          ? state.knockingParticipants.map((p) => (p.id === participant.id ? { ...p, ...participant } : p))
          : [...state.knockingParticipants, participant],
      };
    }
    case A.KNOCKING_PARTICIPANT_LEFT:
      return { ...state, knockingParticipants: state.knockingParticipants.filter((p) => p.id !== action.id) };
    case A.SET_LOBBY_MODE_ENABLED:
      return { ...state, lobbyEnabled: Boolean(action.enabled) };
    case A.SET_KNOCKING_STATE:
      return { ...state, knocking: Boolean(action.knocking) };
    case A.SET_LOBBY_VISIBILITY:
      return { ...state, lobbyVisible: Boolean(action.visible) };
    default:
      return state;
  }
};

// ---- 'features/recording' (facts §2.4) -----------------------------------------------------------

export interface SessionData {
  id: string;
  mode: string;
  status: string;
  initiator?: unknown;
  terminator?: unknown;
  liveStreamViewURL?: string;
  error?: string;
  timestamp?: number;
}

export interface RecordingState {
  sessionDatas: SessionData[];
  /** Browser-local recording (SDK 2026, facts §9.3); absent until it first runs. */
  localRecordingRunning?: boolean;
  pendingNotificationUids: Record<string, string | undefined>;
  selectedRecordingService: string;
}

export const recordingReducer: Reducer<RecordingState, Action> = (
  state = { sessionDatas: [], pendingNotificationUids: {}, selectedRecordingService: '' },
  action,
) => {
  if (action.type === A.SET_LOCAL_RECORDING_RUNNING) return { ...state, localRecordingRunning: Boolean(action.running) };
  if (action.type !== A.RECORDING_SESSION_UPDATED) return state;
  const data = action.sessionData as SessionData;
  const exists = state.sessionDatas.some((s) => s.id === data.id);
  return {
    ...state,
    sessionDatas: exists ? state.sessionDatas.map((s) => (s.id === data.id ? { ...s, ...data } : s)) : [...state.sessionDatas, data],
  };
};

// ---- 'features/av-moderation' (facts §2.5) -------------------------------------------------------

export interface AVModerationState {
  audioModerationEnabled: boolean;
  videoModerationEnabled: boolean;
  desktopModerationEnabled: boolean;
  audioWhitelist: Record<string, boolean>;
  videoWhitelist: Record<string, boolean>;
  desktopWhitelist: Record<string, boolean>;
  pendingAudio: Array<{ id: string }>;
  pendingVideo: Array<{ id: string }>;
  pendingDesktop: Array<{ id: string }>;
  audioUnmuteApproved?: boolean;
  videoUnmuteApproved?: boolean;
}

export const avModerationReducer: Reducer<AVModerationState, Action> = (
  state = {
    audioModerationEnabled: false,
    videoModerationEnabled: false,
    desktopModerationEnabled: false,
    audioWhitelist: {},
    videoWhitelist: {},
    desktopWhitelist: {},
    pendingAudio: [],
    pendingVideo: [],
    pendingDesktop: [],
  },
  action,
) => {
  if (action.type !== A.ENABLE_MODERATION && action.type !== A.DISABLE_MODERATION) return state;
  const key = `${String(action.mediaType)}ModerationEnabled`;
  if (!(key in state)) return state;
  return { ...state, [key]: action.type === A.ENABLE_MODERATION };
};

// ---- 'features/breakout-rooms' (facts §2.7) ------------------------------------------------------

export interface BreakoutRoomsState {
  rooms: Record<string, unknown>;
  roomCounter: number;
}

export const breakoutRoomsReducer: Reducer<BreakoutRoomsState, Action> = (state = { rooms: {}, roomCounter: 0 }, action) => {
  // moveToRoom dispatches _RESET_BREAKOUT_ROOMS before it leaves the room (facts §9.2).
  if (action.type === A._RESET_BREAKOUT_ROOMS) return { rooms: {}, roomCounter: 0 };
  if (action.type !== A.UPDATE_BREAKOUT_ROOMS) return state;
  return { ...state, rooms: action.rooms as Record<string, unknown>, roomCounter: action.roomCounter as number };
};

// ---- 'features/prejoin', 'features/base/config', 'features/toolbox', 'features/base/connection' ----

export interface PrejoinState {
  showPrejoin: boolean;
  name: string;
  rawError: string;
  showJoinByPhoneDialog: boolean;
}

export const prejoinReducer: Reducer<PrejoinState, Action> = (
  state = { showPrejoin: true, name: '', rawError: '', showJoinByPhoneDialog: false },
  action,
) => (action.type === A.SET_PREJOIN_PAGE_VISIBILITY ? { ...state, showPrejoin: Boolean(action.value) } : state);

export type ConfigState = Record<string, unknown>;

export const configReducer: Reducer<ConfigState, Action> = (state = {}, action) =>
  action.type === A.SET_CONFIG ? { ...(action.config as ConfigState) } : state;

export interface ToolboxState {
  enabled: boolean;
  visible: boolean;
  hovered: boolean;
  hangupMenuVisible: boolean;
  overflowMenuVisible: boolean;
}

export const toolboxReducer: Reducer<ToolboxState, Action> = (
  state = { enabled: true, visible: true, hovered: false, hangupMenuVisible: false, overflowMenuVisible: false },
  action,
) => (action.type === A.SET_HANGUP_MENU_VISIBLE ? { ...state, hangupMenuVisible: Boolean(action.visible) } : state);

export interface ConnectionState {
  connection?: unknown;
  connecting?: unknown;
  error?: unknown;
  locationURL?: URL | undefined;
  timeEstablished?: number | undefined;
}

export const connectionReducer: Reducer<ConnectionState, Action> = (state = {}, action) => {
  switch (action.type) {
    case A.CONNECTION_WILL_CONNECT:
      return { ...state, connecting: action.connection, error: undefined };
    case A.CONNECTION_ESTABLISHED:
      return { ...state, connection: action.connection, connecting: undefined, error: undefined, timeEstablished: action.timeEstablished as number };
    case A.CONNECTION_DISCONNECTED:
      return state.connection === action.connection ? { ...state, connection: undefined, connecting: undefined, timeEstablished: undefined } : state;
    case A.CONNECTION_FAILED:
      return { ...state, connection: undefined, connecting: undefined, error: action.error };
    case A.SET_LOCATION_URL:
      return { ...state, locationURL: action.locationURL as URL };
    default:
      return state;
  }
};

// ---- root -------------------------------------------------------------------------------------

/** Feature keys exactly as jitsi-meet registers them (facts §0.1, §2). 2021 lacks A/V moderation and breakout rooms. */
export function createRootReducer(variant: AppVariant) {
  const common = {
    'features/base/conference': conferenceReducer,
    'features/base/config': configReducer,
    'features/base/connection': connectionReducer,
    'features/lobby': lobbyReducer,
    'features/prejoin': prejoinReducer,
    'features/recording': recordingReducer,
    'features/toolbox': toolboxReducer,
  };
  if (variant === '2021') {
    return combineReducers({ ...common, 'features/base/participants': legacyParticipantsReducer });
  }
  return combineReducers({
    ...common,
    'features/base/participants': participantsReducer,
    'features/av-moderation': avModerationReducer,
    'features/breakout-rooms': breakoutRoomsReducer,
  });
}

export type RootState = {
  'features/base/conference': ConferenceState;
  'features/base/config': ConfigState;
  'features/base/connection': ConnectionState;
  'features/lobby': LobbyState;
  'features/prejoin': PrejoinState;
  'features/recording': RecordingState;
  'features/toolbox': ToolboxState;
  'features/base/participants': ParticipantsState | Participant[];
  'features/av-moderation'?: AVModerationState;
  'features/breakout-rooms'?: BreakoutRoomsState;
};

/** Jitsi's `getCurrentConference` (facts §2.1; SDK base/conference/functions.ts). */
export function getCurrentConference(state: RootState): ConferenceRef | undefined {
  const { conference, joining, leaving, membersOnly, passwordRequired } = state['features/base/conference'];
  if (conference) return conference === leaving ? undefined : conference;
  return joining || passwordRequired || membersOnly;
}

/** Remote participants in either shape. */
export function remoteParticipants(state: RootState): Participant[] {
  const slice = state['features/base/participants'];
  return Array.isArray(slice) ? slice.filter((p) => !p.local) : [...slice.remote.values()];
}

export function localParticipant(state: RootState): Participant | undefined {
  const slice = state['features/base/participants'];
  return Array.isArray(slice) ? slice.find((p) => p.local) : slice.local;
}
