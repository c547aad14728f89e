// `APP.conference`: jitsi-meet's legacy controller (facts §1.1, §3.4; JM@U conference.js). Only the
// members the fact sheet lists, with their semantics: hangup → CONFERENCE_WILL_LEAVE → room.leave()
// → CONFERENCE_LEFT (from the lib event) → disconnect → redirect to `/` after ~500 ms.
import { backendSafeRoomName } from '../shared/room-name.ts';
import * as A from './action-types.ts';
import { setupConferenceListeners } from './conference-listeners.ts';
import { moveToRoom } from './move-to-room.ts';
import { changed, type FakeJitsiConference, type Runtime } from './runtime.ts';

const REDIRECT_DELAY_MS = 500;

export interface LegacyConference {
  roomName: string | undefined;
  _room: FakeJitsiConference | undefined;
  readonly membersCount: number;
  isJoined(): boolean;
  listMembers(): ReturnType<FakeJitsiConference['getParticipants']>;
  listMembersIds(): string[];
  getMyUserId(): string | undefined;
  isLocalId(id: string): boolean;
  isParticipantModerator(id: string): boolean;
  joinRoom(roomJid?: string, options?: { displayName?: string }): void;
  prejoinStart(displayName?: string): void;
  hangup(requestFeedback?: boolean, hangupReason?: string, notifyOnConferenceTermination?: boolean): void;
  leaveRoom(doDisconnect?: boolean, reason?: string): Promise<void>;
}

export function createLegacyConference(runtime: Runtime, navigate: (path: string) => void): LegacyConference {
  const dispatch = (action: { type: string; [key: string]: unknown }) => runtime.store?.dispatch(action);

  const disconnect = () => runtime.connection?.disconnect() ?? Promise.resolve();

  /** `maybeRedirectToWelcomePage` (SDK app/actions.web.ts): close page, welcome page, or stay. */
  const maybeRedirectToWelcomePage = () => {
    const { enableClosePage, enableWelcomePage } = runtime.config;
    if (enableClosePage) {
      setTimeout(() => navigate('/static/close2.html'), REDIRECT_DELAY_MS);
    } else if (enableWelcomePage !== false) {
      setTimeout(() => navigate('/'), REDIRECT_DELAY_MS);
    }
  };

  const controller: LegacyConference = {
    roomName: undefined,
    _room: undefined,

    isJoined() {
      return Boolean(this._room?.isJoined());
    },

    listMembers() {
      return this._room?.getParticipants() ?? [];
    },

    listMembersIds() {
      return this.listMembers().map((p) => p.getId());
    },

    /** Non-hidden remote + 1 ("used by Jibri to detect when it's alone"). */
    get membersCount() {
      return (this._room?.getParticipants().filter((p) => !p.isHidden()).length ?? 0) + 1;
    },

    getMyUserId() {
      return this._room?.myUserId();
    },

    isLocalId(id: string) {
      return this.getMyUserId() === id;
    },

    isParticipantModerator(id: string) {
      return Boolean(this._room?.getParticipantById(id)?.isModerator());
    },

    /** `_createRoom` + join: CONFERENCE_WILL_JOIN, listeners, MUC join. `roomJid` targets a breakout room. */
    joinRoom(roomJid?: string, options: { displayName?: string } = {}) {
      const { connection, store } = runtime;
      if (!connection || !store || !runtime.room) return;
      this.roomName = backendSafeRoomName(runtime.room);
      const room = connection.initJitsiConference(this.roomName, {}, roomJid);
      this._room = room;
      setupConferenceListeners(room, dispatch, () => store.getState(), runtime.sim.app, (target) => moveToRoom(runtime, this, target));
      const displayName = options.displayName ?? '';
      room.setDisplayName(displayName);
      if (displayName) dispatch({ type: A.PARTICIPANT_UPDATED, participant: { local: true, name: displayName } });
      dispatch({ type: A.CONFERENCE_WILL_JOIN, conference: room });
      room.join();
    },

    /** What the prejoin "Join meeting" button ends up calling. */
    prejoinStart(displayName?: string) {
      if (this._room) return;
      this.joinRoom(undefined, displayName === undefined ? {} : { displayName });
    },

    hangup(_requestFeedback = false, hangupReason?: string, _notify?: boolean) {
      const leavePromise = this.leaveRoom().catch(() => undefined);
      void leavePromise.then(() => {
        this._room = undefined;
        if (hangupReason) {
          runtime.notice = hangupReason;
          changed(runtime);
        }
        maybeRedirectToWelcomePage();
      });
    },

    leaveRoom(doDisconnect = true, reason = '') {
      const room = this._room;
      dispatch({ type: A.CONFERENCE_WILL_LEAVE, conference: room, isRedirect: false });
      const maybeDisconnect = () => (doDisconnect ? disconnect() : undefined);
      if (room && room.isJoined()) {
        return room.leave(reason).then(maybeDisconnect, maybeDisconnect);
      }
      return Promise.resolve(maybeDisconnect());
    },
  };
  return controller;
}
