// The strings Jitsi uses on the wire and in redux, copied as facts (not code) from
// docs/jitsi.md §2, §5.1 and lib-jitsi-meet's JitsiConferenceEvents/Errors.
// Shared by both bundles; each bundle gets its own copy, which is fine because they are plain strings.

/** lib-jitsi-meet `JitsiConferenceEvents` (facts §5.1; LJM JitsiConferenceEvents.ts). */
export const CONFERENCE_EVENTS = {
  AUTH_STATUS_CHANGED: 'conference.auth_status_changed',
  AV_MODERATION_APPROVED: 'conference.av_moderation.approved',
  AV_MODERATION_CHANGED: 'conference.av_moderation.changed',
  AV_MODERATION_PARTICIPANT_APPROVED: 'conference.av_moderation.participant.approved',
  AV_MODERATION_PARTICIPANT_REJECTED: 'conference.av_moderation.participant.rejected',
  AV_MODERATION_REJECTED: 'conference.av_moderation.rejected',
  BREAKOUT_ROOMS_MOVE_TO_ROOM: 'conference.breakout-rooms.move-to-room',
  BREAKOUT_ROOMS_UPDATED: 'conference.breakout-rooms.updated',
  CONFERENCE_ERROR: 'conference.error',
  CONFERENCE_FAILED: 'conference.failed',
  CONFERENCE_JOIN_IN_PROGRESS: 'conference.join_in_progress',
  CONFERENCE_JOINED: 'conference.joined',
  CONFERENCE_LEFT: 'conference.left',
  CONNECTION_INTERRUPTED: 'conference.connectionInterrupted',
  CONNECTION_RESTORED: 'conference.connectionRestored',
  DISPLAY_NAME_CHANGED: 'conference.displayNameChanged',
  DOMINANT_SPEAKER_CHANGED: 'conference.dominantSpeaker',
  KICKED: 'conference.kicked',
  LOBBY_USER_JOINED: 'conference.lobby.userJoined',
  LOBBY_USER_LEFT: 'conference.lobby.userLeft',
  LOBBY_USER_UPDATED: 'conference.lobby.userUpdated',
  LOCK_STATE_CHANGED: 'conference.lock_state_changed',
  MEMBERS_ONLY_CHANGED: 'conference.membersOnlyChanged',
  PARTICIPANT_KICKED: 'conference.participant_kicked',
  PARTICIPANT_PROPERTY_CHANGED: 'conference.participant_property_changed',
  RECORDER_STATE_CHANGED: 'conference.recorderStateChanged',
  START_MUTED_POLICY_CHANGED: 'conference.start_muted_policy_changed',
  SUBJECT_CHANGED: 'conference.subjectChanged',
  TRACK_AUDIO_LEVEL_CHANGED: 'conference.audioLevelsChanged',
  TRACK_MUTE_CHANGED: 'conference.trackMuteChanged',
  USER_JOINED: 'conference.userJoined',
  USER_LEFT: 'conference.userLeft',
  USER_ROLE_CHANGED: 'conference.roleChanged',
  USER_STATUS_CHANGED: 'conference.statusChanged',
} as const;

/** lib-jitsi-meet `JitsiConferenceErrors` (facts §5.1; LJM JitsiConferenceErrors.ts). */
export const CONFERENCE_ERRORS = {
  AUTHENTICATION_REQUIRED: 'conference.authenticationRequired',
  CONFERENCE_ACCESS_DENIED: 'conference.connectionError.accessDenied',
  CONFERENCE_DESTROYED: 'conference.destroyed',
  CONFERENCE_MAX_USERS: 'conference.max_users',
  CONNECTION_ERROR: 'conference.connectionError',
  DISPLAY_NAME_REQUIRED: 'conference.display_name_required',
  FOCUS_LEFT: 'conference.focusLeft',
  ICE_FAILED: 'conference.iceFailed',
  MEMBERS_ONLY_ERROR: 'conference.connectionError.membersOnly',
  NOT_ALLOWED_ERROR: 'conference.connectionError.notAllowed',
  PASSWORD_NOT_SUPPORTED: 'conference.passwordNotSupported',
  PASSWORD_REQUIRED: 'conference.passwordRequired',
} as const;

/** lib-jitsi-meet `JitsiConnectionEvents` / `JitsiConnectionErrors`. */
export const CONNECTION_EVENTS = {
  CONNECTION_DISCONNECTED: 'connection.connectionDisconnected',
  CONNECTION_ESTABLISHED: 'connection.connectionEstablished',
  CONNECTION_FAILED: 'connection.connectionFailed',
} as const;
export const CONNECTION_ERRORS = {
  CONNECTION_DROPPED_ERROR: 'connection.droppedError',
  OTHER_ERROR: 'connection.otherError',
} as const;

/** `JitsiMeetJS.constants.recording` (facts §2.4; LJM modules/recording/recordingConstants.ts). */
export const RECORDING_CONSTANTS = {
  error: {
    BUSY: 'busy',
    ERROR: 'error',
    RESOURCE_CONSTRAINT: 'resource-constraint',
    SERVICE_UNAVAILABLE: 'service-unavailable',
    UNEXPECTED_REQUEST: 'unexpected-request',
  },
  mode: { FILE: 'file', STREAM: 'stream' },
  status: { OFF: 'off', ON: 'on', PENDING: 'pending' },
} as const;

export type RecordingMode = 'file' | 'stream';
export type RecordingStatus = 'on' | 'off' | 'pending';

/** `PARTICIPANT_ROLE` (facts §2.2; SDK base/participants/constants.ts). */
export type ParticipantRole = 'moderator' | 'participant' | 'none';
export type MediaType = 'audio' | 'video' | 'desktop';
export type FakeParticipantKind = 'SharedVideo' | 'Whiteboard' | 'RemoteScreenShare' | 'LocalScreenShare';

/** `'features/base/conference'.locked` values (facts §2.1; SDK room-lock/constants.ts). */
export const LOCKED_LOCALLY = 'LOCKED_LOCALLY';
export const LOCKED_REMOTELY = 'LOCKED_REMOTELY';
export type LockState = typeof LOCKED_LOCALLY | typeof LOCKED_REMOTELY | undefined;

/**
 * Name of a page-global slot (a Symbol, so it is invisible to `Object.keys(window)` and to
 * enumeration) through which the app bundle and the test controller reach the fake server that
 * lives inside the lib bundle. The real lib has no such thing; nothing here is a Jitsi marker.
 */
export const FAKE_SERVER_SLOT = Symbol.for('jitsi-sim/fake-server');
