// Lib events → plain redux actions, as jitsi-meet's conference.js `_setupListeners` and the lobby,
// recording, av-moderation and breakout-rooms middlewares do (facts §5.1 "Mapping").
import { CONFERENCE_EVENTS as EVENTS, type ParticipantRole } from '../shared/constants.ts';
import type { AppVariant } from '../shared/sim-options.ts';
import * as A from './action-types.ts';
import type { RootState } from './reducers.ts';
import { localParticipant } from './reducers.ts';

type Dispatch = (action: { type: string; [key: string]: unknown }) => unknown;

/** The parts of the (fake) lib objects used here. */
export interface ListenedConference {
  on(event: string, listener: (...args: never[]) => void): void;
  myUserId(): string;
}
interface LibParticipant {
  getId(): string;
  getDisplayName(): string;
  getRole(): ParticipantRole;
  isHidden(): boolean;
  getBotType(): string | undefined;
  getStatus(): string | undefined;
  getProperty(name: string): unknown;
}
interface LibTrack {
  getParticipantId(): string;
  getType(): string;
  isMuted(): boolean;
  isLocal(): boolean;
}
interface LibJibriSession {
  getID(): string;
  getStatus(): string;
  getMode(): string;
  getError(): string | undefined;
  getInitiator(): unknown;
  getTerminator(): unknown;
  getLiveStreamViewURL(): string | undefined;
  getTimestamp?(): number;
}

export function setupConferenceListeners(
  room: ListenedConference,
  dispatch: Dispatch,
  getState: () => RootState,
  variant: AppVariant,
  moveToRoom: (roomJid: string) => void = () => undefined,
): void {
  const on = <T extends unknown[]>(event: string, handler: (...args: T) => void) =>
    room.on(event, handler as unknown as (...args: never[]) => void);

  on(EVENTS.CONFERENCE_JOIN_IN_PROGRESS, () => dispatch({ type: A.CONFERENCE_JOIN_IN_PROGRESS, conference: room }));

  on(EVENTS.CONFERENCE_JOINED, () => {
    // Our endpoint id replaces the placeholder 'local' (PARTICIPANT_ID_CHANGED; facts §2.2).
    const local = localParticipant(getState());
    if (local && local.id !== room.myUserId()) {
      dispatch({ type: A.PARTICIPANT_ID_CHANGED, conference: room, oldValue: local.id, newValue: room.myUserId() });
    }
    dispatch({ type: A.CONFERENCE_JOINED, conference: room });
  });

  on(EVENTS.CONFERENCE_LEFT, () => dispatch({ type: A.CONFERENCE_LEFT, conference: room }));

  on(EVENTS.CONFERENCE_FAILED, (name: string, ...params: unknown[]) =>
    dispatch({ type: A.CONFERENCE_FAILED, conference: room, error: { name, params, recoverable: undefined } }),
  );

  // Hidden participants (Jibri on hiddenDomain) never reach redux (facts §2.2 commonUserJoinedHandling).
  on(EVENTS.USER_JOINED, (id: string, user: LibParticipant) => {
    if (user.isHidden()) return;
    dispatch({
      type: A.PARTICIPANT_JOINED,
      participant: {
        botType: user.getBotType(),
        conference: room,
        id,
        name: user.getDisplayName(),
        presence: user.getStatus(),
        role: user.getRole(),
        ...(user.getProperty('features_jigasi') ? { isJigasi: true } : {}),
      },
    });
  });

  on(EVENTS.USER_LEFT, (id: string, user: LibParticipant) => {
    if (user.isHidden()) return;
    dispatch({ type: A.PARTICIPANT_LEFT, participant: { conference: room, id, isReplaced: false } });
  });

  // participantRoleChanged(id, role) returns participantUpdated({id, role}) in jitsi-meet since 2017;
  // ours goes through localParticipantRoleChanged → the same action with `local: true`.
  on(EVENTS.USER_ROLE_CHANGED, (id: string, role: ParticipantRole) => {
    if (id === room.myUserId()) {
      const local = localParticipant(getState());
      dispatch({ type: A.PARTICIPANT_UPDATED, participant: { id: local?.id ?? id, local: true, role } });
    } else {
      dispatch({ type: A.PARTICIPANT_UPDATED, participant: { id, role } });
    }
  });

  // dominantSpeakerChanged(id, previousSpeakers, silence, conference) (facts §5.3: each speaker change).
  on(EVENTS.DOMINANT_SPEAKER_CHANGED, (id: string, previousSpeakers: string[], silence: boolean) =>
    dispatch({ type: A.DOMINANT_SPEAKER_CHANGED, participant: { conference: room, id, previousSpeakers, silence: Boolean(silence) } }),
  );

  // Simplification: the real app keeps remote mute in 'features/base/tracks' (TRACK_UPDATED), which the
  // simulator does not have; it surfaces as PARTICIPANT_UPDATED, the participant update facts §5.3 lists
  // for presence/mute/raise hand — the costlier path for anyone watching the participants slice.
  on(EVENTS.TRACK_MUTE_CHANGED, (track: LibTrack) => {
    if (track.isLocal()) return;
    const key = track.getType() === 'video' ? 'videoMuted' : 'audioMuted';
    dispatch({ type: A.PARTICIPANT_UPDATED, participant: { conference: room, id: track.getParticipantId(), [key]: track.isMuted() } });
  });

  on(EVENTS.KICKED, (kicker: LibParticipant | undefined) => dispatch({ type: A.KICKED_OUT, conference: room, participant: kicker }));

  on(EVENTS.PARTICIPANT_KICKED, (kicker: LibParticipant | undefined, kicked: LibParticipant) =>
    dispatch({ type: A.PARTICIPANT_KICKED, kicked: kicked.getId(), kicker: kicker?.getId() }),
  );

  on(EVENTS.LOCK_STATE_CHANGED, (locked: boolean) => dispatch({ type: A.LOCK_STATE_CHANGED, conference: room, locked }));

  on(EVENTS.START_MUTED_POLICY_CHANGED, (policy: { audio: boolean; video: boolean }) =>
    dispatch({ type: A.SET_START_MUTED_POLICY, startAudioMutedPolicy: policy.audio, startVideoMutedPolicy: policy.video }),
  );

  // lobby/middleware.ts (~l.130–190)
  on(EVENTS.MEMBERS_ONLY_CHANGED, (enabled: boolean) => dispatch({ type: A.SET_LOBBY_MODE_ENABLED, enabled }));
  on(EVENTS.LOBBY_USER_JOINED, (id: string, name: string) =>
    dispatch({ type: A.KNOCKING_PARTICIPANT_ARRIVED_OR_UPDATED, participant: { id, name } }),
  );
  on(EVENTS.LOBBY_USER_LEFT, (id: string) => dispatch({ type: A.KNOCKING_PARTICIPANT_LEFT, id }));

  // recording/middleware: updateRecordingSessionData(session)
  on(EVENTS.RECORDER_STATE_CHANGED, (session: LibJibriSession) =>
    dispatch({
      type: A.RECORDING_SESSION_UPDATED,
      sessionData: {
        error: session.getError(),
        id: session.getID(),
        initiator: session.getInitiator(),
        liveStreamViewURL: session.getLiveStreamViewURL(),
        mode: session.getMode(),
        status: session.getStatus(),
        terminator: session.getTerminator(),
        timestamp: session.getTimestamp?.() ?? Date.now(),
      },
    }),
  );

  if (variant === 'current') {
    on(EVENTS.AV_MODERATION_CHANGED, ({ enabled, mediaType, actor }: { enabled: boolean; mediaType: string; actor?: unknown }) =>
      dispatch({ type: enabled ? A.ENABLE_MODERATION : A.DISABLE_MODERATION, mediaType, actor }),
    );
    // The server asks us to switch rooms (our room was closed, or a moderator sent us): moveToRoom.
    on(EVENTS.BREAKOUT_ROOMS_MOVE_TO_ROOM, (roomJid: string) => moveToRoom(roomJid));
    on(EVENTS.BREAKOUT_ROOMS_UPDATED, ({ rooms, roomCounter }: { rooms: Record<string, unknown>; roomCounter: number }) =>
      dispatch({ type: A.UPDATE_BREAKOUT_ROOMS, rooms, roomCounter }),
    );
  }
}
