// Fake lib-jitsi-meet `JitsiConference`: public method names and semantics from facts §3.1
// (LJM JitsiConference.ts), events from §5.1. It talks to the in-page FakeServer instead of XMPP.
// Timings are small but real (setTimeout), so callers see the same async ordering as with a server:
// join → USER_JOINED… → CONFERENCE_JOINED → (later) our role → (later) members-only from disco.
import {
  CONFERENCE_ERRORS as ERRORS,
  CONFERENCE_EVENTS as EVENTS,
  type MediaType,
  type ParticipantRole,
} from '../shared/constants.ts';
import { Emitter } from '../shared/emitter.ts';
import { FakeBreakoutRooms } from './breakout-rooms.ts';
import { FakeServer, SERVER_EVENTS, type Knocker, type Occupant, type RecordingSession } from './fake-server.ts';
import { FakeJitsiParticipant } from './jitsi-participant.ts';
import { tolerant } from './tolerant.ts';

const noop = () => undefined;

/** Round trips of the simulated server. */
const IQ_DELAY_MS = 30;
const PRESENCE_DELAY_MS = 20;

/** The private `conference.room` (lib ChatRoom) fields that jitsi-meet and extensions peek at (facts §2.1, §3.1). */
export interface FakeChatRoom {
  roomjid: string;
  myroomjid: string;
  joined: boolean;
  /** Password protected, as last read from room disco#info. */
  locked: boolean;
  membersOnlyEnabled: boolean;
  role: ParticipantRole | null;
  password: string | undefined;
  xmpp: {
    endConferenceComponentAddress: string | undefined;
    avModerationComponentAddress: string | undefined;
    breakoutRoomsComponentAddress: string | undefined;
  };
  isModerator(): boolean;
}

/** What `RECORDER_STATE_CHANGED` hands out: a JibriSession-like object with getters. */
function jibriSession(session: RecordingSession) {
  return {
    getID: () => session.id,
    getStatus: () => session.status,
    getMode: () => session.mode,
    getError: () => session.error,
    getInitiator: () => session.initiator,
    getTerminator: () => session.terminator,
    getLiveStreamViewURL: () => session.liveStreamViewURL,
    getTimestamp: () => session.timestamp,
  };
}

/** What `TRACK_MUTE_CHANGED` hands out for a remote track: a JitsiRemoteTrack-like object with getters. */
function remoteTrack(participantId: string, mediaType: 'audio' | 'video', muted: boolean) {
  return {
    getParticipantId: () => participantId,
    getType: () => mediaType,
    isMuted: () => muted,
    isLocal: () => false,
  };
}

export interface ConferenceInit {
  server: FakeServer;
  /** `JitsiConnection.options` (jitsi-meet passes its config): we need `hiddenDomain`. */
  connectionOptions: { hiddenDomain?: string | undefined };
  name: string;
  roomJid?: string;
}

export class FakeJitsiConference extends Emitter {
  /** Private in the real lib; `null` once left (jitsi-meet and extensions read `room.locked`). */
  room: FakeChatRoom | null;
  private readonly server: FakeServer;
  private readonly name: string;
  private readonly ownId: string;
  private displayName = '';
  private readonly participants = new Map<string, FakeJitsiParticipant>();
  private readonly hiddenDomain: string | undefined;
  private readonly detachFromServer: Array<() => void> = [];
  /** The lib hands the previous dominant speakers along with the new one (newest first). */
  private previousSpeakers: string[] = [];

  constructor(init: ConferenceInit) {
    super();
    this.server = init.server;
    this.name = init.name;
    this.hiddenDomain = init.connectionOptions.hiddenDomain;
    this.ownId = init.server.nextId();
    const roomjid = init.roomJid ?? init.server.mainRoomJid;
    const { options } = init.server;
    const domain = options.domain;
    this.room = {
      roomjid,
      myroomjid: `${roomjid}/${this.ownId}`,
      joined: false,
      locked: false,
      membersOnlyEnabled: false,
      role: null,
      password: undefined,
      xmpp: {
        endConferenceComponentAddress: options.endConferenceSupported ? `endconference.${domain}` : undefined,
        avModerationComponentAddress: options.avModerationSupported ? `avmoderation.${domain}` : undefined,
        breakoutRoomsComponentAddress: options.breakoutRoomsSupported ? `breakout.${domain}` : undefined,
      },
      isModerator() {
        return this.role === 'moderator';
      },
    };
  }

  // ---- identity and state -------------------------------------------------------------------

  myUserId(): string {
    return this.ownId;
  }

  /** Backend-safe room name (lower-cased; facts §1.3). */
  getName(): string {
    return this.name;
  }

  isJoined(): boolean {
    return Boolean(this.room?.joined);
  }

  isModerator(): boolean {
    return this.room ? this.room.isModerator() : false;
  }

  getRole(): ParticipantRole | null {
    return this.room?.role ?? null;
  }

  isHidden(): boolean {
    return false;
  }

  isAuthEnabled(): boolean {
    return false;
  }

  isE2EESupported(): boolean {
    return false;
  }

  isE2EEEnabled(): boolean {
    return false;
  }

  setDisplayName(name: string): void {
    this.displayName = name;
  }

  getParticipants(): FakeJitsiParticipant[] {
    return [...this.participants.values()];
  }

  getParticipantById(id: string): FakeJitsiParticipant | undefined {
    return this.participants.get(id);
  }

  /** Remote occupants (hidden ones only when asked) + 1 for us. */
  getParticipantCount(countHidden = false): number {
    const remotes = this.getParticipants().filter((p) => countHidden || !p.isHidden());
    return remotes.length + 1;
  }

  getLocalTracks(): unknown[] {
    return [];
  }

  // ---- what jitsi-meet's web app also calls: no media, no chat, no server features beyond the above --
  // Each is a no-op or the answer a server without that feature gives (jitsi-meet checks most of them
  // with `isSupported()`-style calls first). The app calls them; nothing in the simulation depends on them.

  getLocalAudioTrack(): null {
    return null;
  }

  getLocalVideoTrack(): null {
    return null;
  }

  getAuthLogin(): undefined {
    return undefined;
  }

  getMeetingUniqueId(): string {
    return `sim-${this.name}`;
  }

  getConnectionState(): string {
    return 'connected';
  }

  isP2PActive(): boolean {
    return false;
  }

  isSIPCallingSupported(): boolean {
    return false;
  }

  isVisitorsSupported(): boolean {
    return false;
  }

  isCallstatsEnabled(): boolean {
    return false;
  }

  isStartAudioMuted(): boolean {
    return false;
  }

  isStartVideoMuted(): boolean {
    return false;
  }

  getStartMutedPolicy(): { audio: boolean; video: boolean } {
    return { audio: false, video: false, ...this.server.startMutedPolicy };
  }

  getMetadataHandler() {
    return tolerant({ getMetadata: () => ({}), setMetadata: noop, isSupported: () => false }, 'MetadataHandler');
  }

  getPolls() {
    return tolerant({ isSupported: () => false }, 'Polls');
  }

  getSpeakerStats(): Record<string, unknown> {
    return {};
  }

  getTranscriptionStatus(): string {
    return 'off';
  }

  getFileSharing(): undefined {
    return undefined;
  }

  /** Our occupant id in the lobby room (a moderator joins it to see knockers); the fake has no lobby room jid. */
  myLobbyUserId(): string | undefined {
    return undefined;
  }

  isIceRestartSupported(): boolean {
    return false;
  }

  sendApplicationLog(): void {}
  sendLobbyMessage(): void {}
  addLobbyMessageListener(): void {}
  addLobbyMessageRetractionListener(): void {}
  addCommandListener(): void {}
  removeCommandListener(): void {}
  sendCommand(): void {}
  sendCommandOnce(): void {}
  removeCommand(): void {}
  setLocalParticipantProperty(): void {}
  removeLocalParticipantProperty(): void {}
  setSubject(): void {}
  setSenderVideoConstraint(): void {}
  setReceiverConstraints(): void {}
  setReceiverVideoConstraint(): void {}
  setAssumedBandwidthBps(): void {}
  setLastN(): void {}
  setTranscriptionLanguage(): void {}
  sendEndpointMessage(): void {}
  broadcastEndpointMessage(): void {}
  sendMessage(): void {}
  sendPrivateTextMessage(): void {}
  sendTextMessage(): void {}
  sendFaceLandmarks(): void {}
  muteParticipant(): void {}

  addTrack(): Promise<void> {
    return Promise.resolve();
  }

  replaceTrack(): Promise<void> {
    return Promise.resolve();
  }

  removeTrack(): Promise<void> {
    return Promise.resolve();
  }

  // ---- join / leave -------------------------------------------------------------------------

  join(password?: string, _replaceParticipant?: boolean): void {
    const room = this.room;
    if (!room) throw new Error('The conference has been left');
    setTimeout(() => {
      if (this.room !== room) return;
      this.emit(EVENTS.CONFERENCE_JOIN_IN_PROGRESS);
      const result = this.server.joinLocal(this.ownId, this.displayName, password, room.roomjid);
      if (result === 'password-required') {
        this.emit(EVENTS.CONFERENCE_FAILED, ERRORS.PASSWORD_REQUIRED);
        return;
      }
      if (result === 'authentication-required') {
        this.emit(EVENTS.CONFERENCE_FAILED, ERRORS.AUTHENTICATION_REQUIRED);
        return;
      }
      this.attachToServer();
      room.locked = room.roomjid === this.server.mainRoomJid && Boolean(this.server.password);
      room.membersOnlyEnabled = this.server.membersOnly;
      // The lib only reports the start-muted policy before join (LJM 2025-05; facts §2.6).
      const policy = this.server.startMutedPolicy;
      if (policy) this.emit(EVENTS.START_MUTED_POLICY_CHANGED, { ...policy });
      // MUC: presences of those already in the room arrive before our own self-presence.
      for (const occupant of this.server.occupants.values()) this.onOccupantJoined(occupant);
      room.joined = true;
      this.emit(EVENTS.CONFERENCE_JOINED);
      // Role and room features arrive a little later (self presence, disco#info; facts §2.2, §2.3).
      setTimeout(() => {
        if (this.room !== room || !room.joined) return;
        this.server.grantLocalRole();
        if (this.server.options.lobbySupported) this.emit(EVENTS.MEMBERS_ONLY_CHANGED, room.membersOnlyEnabled);
        if (this.server.breakoutRooms.size > 0 || this.server.options.breakoutRoomsSupported) this.emitBreakoutRooms();
      }, PRESENCE_DELAY_MS);
    }, IQ_DELAY_MS);
  }

  /**
   * Secure domain: log in with the teacher's account and get a session from Jicofo (LJM
   * authenticateAndUpgradeRole.ts): a thenable with `cancel`; `onLoginSuccessful` once the login went
   * through. jitsi-meet then joins again on its next wait-for-owner retry (checkIfCanJoin). An empty
   * password fails as a wrong one would (`not-authorized`).
   */
  authenticateAndUpgradeRole({ id, password, onLoginSuccessful }: { id: string; password: string; onLoginSuccessful?: () => void }) {
    let cancelled = false;
    let rejectProcess: (reason: unknown) => void = noop;
    const process = new Promise<void>((resolve, reject) => {
      rejectProcess = reject;
      setTimeout(() => {
        if (cancelled) return;
        if (!id || !password) {
          reject({ authenticationError: 'not-authorized', message: 'Invalid username or password', credentials: { jid: id } });
          return;
        }
        onLoginSuccessful?.();
        setTimeout(() => {
          if (cancelled) return;
          this.server.localAuthenticated = true;
          resolve();
        }, IQ_DELAY_MS);
      }, IQ_DELAY_MS);
    }) as Promise<void> & { cancel(): void };
    process.cancel = () => {
      cancelled = true;
      rejectProcess({});
    };
    return process;
  }

  /** Leaves the MUC. Rejects when already left (as the real lib does on a second call). */
  leave(_reason?: string): Promise<void> {
    const room = this.room;
    if (!room) return Promise.reject(new Error('The conference is has been already left'));
    this.room = null;
    this.detach();
    if (room.joined) this.server.leaveLocal();
    room.joined = false;
    return new Promise((resolve) => {
      setTimeout(() => {
        this.participants.clear();
        this.emit(EVENTS.CONFERENCE_LEFT);
        resolve();
      }, PRESENCE_DELAY_MS);
    });
  }

  /** The XMPP connection went away under us (disconnect/unload): no events, just no longer joined. */
  onConnectionClosed(): void {
    if (this.room) this.room.joined = false;
    this.detach();
  }

  private detach(): void {
    for (const undo of this.detachFromServer.splice(0)) undo();
  }

  private attachToServer(): void {
    const listen = (event: string, handler: (...args: never[]) => void) => {
      this.server.on(event, handler);
      this.detachFromServer.push(() => this.server.off(event, handler));
    };
    listen(SERVER_EVENTS.OCCUPANT_JOINED, (occupant: Occupant) => this.onOccupantJoined(occupant));
    listen(SERVER_EVENTS.OCCUPANT_LEFT, (occupant: Occupant, details: { kickedBy?: string; reason?: string }) =>
      this.onOccupantLeft(occupant, details),
    );
    listen(SERVER_EVENTS.ROLE_CHANGED, (roomJid: string, id: string, role: ParticipantRole) => this.onRoleChanged(roomJid, id, role));
    listen(SERVER_EVENTS.LOCK_CHANGED, (locked: boolean) => this.onLockChanged(locked));
    listen(SERVER_EVENTS.MEMBERS_ONLY_CHANGED, (enabled: boolean) => {
      if (!this.room || this.room.roomjid !== this.server.mainRoomJid) return;
      this.room.membersOnlyEnabled = enabled;
      this.emit(EVENTS.MEMBERS_ONLY_CHANGED, enabled);
    });
    // Only moderators sit in the lobby room and see knockers.
    listen(SERVER_EVENTS.LOBBY_JOINED, (knocker: Knocker) => {
      if (this.isModerator()) this.emit(EVENTS.LOBBY_USER_JOINED, knocker.id, knocker.name);
    });
    listen(SERVER_EVENTS.LOBBY_LEFT, (id: string) => {
      if (this.isModerator()) this.emit(EVENTS.LOBBY_USER_LEFT, id);
    });
    listen(SERVER_EVENTS.RECORDING_CHANGED, (session: RecordingSession) => this.emit(EVENTS.RECORDER_STATE_CHANGED, jibriSession(session)));
    listen(SERVER_EVENTS.BREAKOUT_UPDATED, () => this.emitBreakoutRooms());
    listen(SERVER_EVENTS.AV_MODERATION_CHANGED, (mediaType: MediaType, enabled: boolean, actorId: string | undefined) => {
      const actor = actorId ? this.participants.get(actorId) : undefined;
      this.emit(EVENTS.AV_MODERATION_CHANGED, { enabled, mediaType, actor });
    });
    listen(SERVER_EVENTS.DESTROYED, (reason: string) => {
      if (this.room) this.room.joined = false;
      this.detach();
      this.participants.clear();
      this.emit(EVENTS.CONFERENCE_FAILED, ERRORS.CONFERENCE_DESTROYED, reason);
    });
    listen(SERVER_EVENTS.LOCAL_KICKED, (actorId: string | undefined, reason: string) => {
      const actor = actorId ? this.participants.get(actorId) : undefined;
      if (this.room) this.room.joined = false;
      this.detach();
      this.emit(EVENTS.KICKED, actor, reason, false);
    });
    listen(SERVER_EVENTS.DOMINANT_SPEAKER, (roomJid: string, id: string) => this.onDominantSpeaker(roomJid, id));
    listen(SERVER_EVENTS.MUTE_CHANGED, (roomJid: string, id: string, mediaType: 'audio' | 'video', muted: boolean) => {
      if (!this.room || roomJid !== this.room.roomjid || !this.participants.has(id)) return;
      this.emit(EVENTS.TRACK_MUTE_CHANGED, remoteTrack(id, mediaType, muted));
    });
    // The breakout component asks us to switch rooms; jitsi-meet's middleware then runs moveToRoom.
    listen(SERVER_EVENTS.LOCAL_MOVE_REQUESTED, (roomJid: string) => this.emit(EVENTS.BREAKOUT_ROOMS_MOVE_TO_ROOM, roomJid));
    listen(SERVER_EVENTS.LOCAL_DROPPED, () => {
      if (this.room) this.room.joined = false;
      this.detach();
      this.emit(EVENTS.CONFERENCE_FAILED, ERRORS.CONNECTION_ERROR, 'connection dropped');
    });
  }

  private emitBreakoutRooms(): void {
    if (!this.server.options.breakoutRoomsSupported) return;
    this.emit(EVENTS.BREAKOUT_ROOMS_UPDATED, this.server.breakoutRoomsSnapshot());
  }

  private onOccupantJoined(occupant: Occupant): void {
    if (!this.room || occupant.roomJid !== this.room.roomjid || this.participants.has(occupant.id)) return;
    const domain = occupant.hidden && this.hiddenDomain ? this.hiddenDomain : this.server.options.domain;
    const participant = new FakeJitsiParticipant({
      id: occupant.id,
      name: occupant.name,
      role: occupant.role,
      jid: `${occupant.id}@${domain}/${occupant.id}`,
      // isHidden(): the real JID's domain is config.hiddenDomain (facts §2.2).
      hidden: Boolean(occupant.hidden && this.hiddenDomain),
      jigasi: Boolean(occupant.jigasi),
      conference: this,
    });
    this.participants.set(occupant.id, participant);
    this.emit(EVENTS.USER_JOINED, occupant.id, participant);
  }

  private onOccupantLeft(occupant: Occupant, details: { kickedBy?: string; reason?: string }): void {
    const participant = this.participants.get(occupant.id);
    if (!participant) return;
    if (details.kickedBy) {
      // The actor is looked up among remote participants: undefined when we kicked (lib onMemberKicked).
      const actor = this.participants.get(details.kickedBy);
      this.emit(EVENTS.PARTICIPANT_KICKED, actor, participant, details.reason);
    }
    this.participants.delete(occupant.id);
    this.emit(EVENTS.USER_LEFT, occupant.id, participant, details.reason);
  }

  private onRoleChanged(roomJid: string, id: string, role: ParticipantRole): void {
    if (!this.room || roomJid !== this.room.roomjid) return;
    if (id === this.ownId) {
      this.room.role = role;
    } else {
      const participant = this.participants.get(id);
      if (!participant) return;
      participant.setRole(role);
    }
    this.emit(EVENTS.USER_ROLE_CHANGED, id, role);
  }

  /** DOMINANT_SPEAKER_CHANGED (id, previousSpeakers, silence), as the lib relays JVB's notice. */
  private onDominantSpeaker(roomJid: string, id: string): void {
    if (!this.room || roomJid !== this.room.roomjid || !this.participants.has(id)) return;
    const previous = this.previousSpeakers.filter((speaker) => speaker !== id && this.participants.has(speaker)).slice(0, 4);
    this.emit(EVENTS.DOMINANT_SPEAKER_CHANGED, id, previous, false);
    this.previousSpeakers = [id, ...previous];
  }

  private onLockChanged(locked: boolean): void {
    // The lib learns this from a disco#info re-read after MUC status 104: a round trip later.
    setTimeout(() => {
      if (!this.room || this.room.roomjid !== this.server.mainRoomJid) return;
      this.room.locked = locked;
      this.emit(EVENTS.LOCK_STATE_CHANGED, locked);
    }, PRESENCE_DELAY_MS);
  }

  // ---- moderation ---------------------------------------------------------------------------

  /** No promise, no error; unknown ids are ignored; the server may refuse silently (facts §3.1, §3.3). */
  kickParticipant(id: string, reason = 'You have been kicked.'): void {
    if (!this.participants.has(id) || !this.room) return;
    this.server.kick(this.ownId, id, reason);
  }

  grantOwner(id: string): void {
    if (!this.isModerator() || !this.participants.has(id)) return;
    setTimeout(() => this.server.setRole(id, 'moderator'), IQ_DELAY_MS);
  }

  revokeOwner(id: string): void {
    if (!this.isModerator() || !this.participants.has(id)) return;
    setTimeout(() => this.server.setRole(id, 'participant'), IQ_DELAY_MS);
  }

  /** MUC owner form with `muc#roomconfig_roomsecret`; `unlock()` is `lock('')`. */
  lock(password: string): Promise<void> {
    if (!this.isModerator()) return Promise.reject(new Error('You are not moderator.'));
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (this.server.lock(this.ownId, password)) {
          if (this.room) this.room.password = password || undefined;
          resolve();
        } else {
          reject(new Error('You are not moderator.'));
        }
      }, IQ_DELAY_MS);
    });
  }

  unlock(): Promise<void> {
    return this.lock('');
  }

  isLobbySupported(): boolean {
    return this.server.options.lobbySupported;
  }

  isMembersOnly(): boolean {
    return Boolean(this.room?.membersOnlyEnabled);
  }

  enableLobby(): Promise<void> {
    if (this.room && this.isModerator()) {
      if (!this.isLobbySupported()) return Promise.reject(new Error('Lobby not supported!'));
      return new Promise((resolve) => setTimeout(() => {
        this.server.setMembersOnly(true);
        resolve();
      }, IQ_DELAY_MS));
    }
    return Promise.reject(new Error('The conference not started or user is not moderator'));
  }

  /** Silently does nothing unless moderator, supported and members-only (Lobby.disable). */
  disableLobby(): void {
    if (!this.room || !this.isModerator()) {
      console.warn('[lib-jitsi-meet] disableLobby: the conference not started or user is not moderator');
      return;
    }
    if (!this.isLobbySupported() || !this.room.membersOnlyEnabled) return;
    setTimeout(() => this.server.setMembersOnly(false), IQ_DELAY_MS);
  }

  lobbyApproveAccess(ids: string | string[]): void {
    if (!this.room || !this.isModerator()) return;
    for (const id of Array.isArray(ids) ? ids : [ids]) setTimeout(() => this.server.admitKnocker(id), IQ_DELAY_MS);
  }

  lobbyDenyAccess(id: string): void {
    if (!this.room || !this.isModerator()) return;
    setTimeout(() => this.server.denyKnocker(id), IQ_DELAY_MS);
  }

  isEndConferenceSupported(): boolean {
    return Boolean(this.room?.xmpp.endConferenceComponentAddress);
  }

  /** Warns and returns when unsupported; throws after leaving; the server checks our rights. */
  end(): void {
    if (!this.isEndConferenceSupported()) {
      console.warn('[lib-jitsi-meet] Cannot end conference: is not supported.');
      return;
    }
    if (!this.room) throw new Error('You have already left the conference');
    setTimeout(() => this.server.endConference(this.ownId), IQ_DELAY_MS);
  }

  /** Moderator only; since LJM 2025-05 no START_MUTED_POLICY_CHANGED after join (facts §2.6). */
  setStartMutedPolicy(policy: { audio?: boolean; video?: boolean }): void {
    if (!this.isModerator()) {
      console.warn('[lib-jitsi-meet] setStartMutedPolicy: not a moderator');
      return;
    }
    this.server.startMutedPolicy = { audio: Boolean(policy.audio), video: Boolean(policy.video) };
    if (!this.isJoined()) this.emit(EVENTS.START_MUTED_POLICY_CHANGED, { ...this.server.startMutedPolicy });
  }

  isAVModerationSupported(): boolean {
    return Boolean(this.room?.xmpp.avModerationComponentAddress);
  }

  enableAVModeration(mediaType: MediaType): void {
    this.setAVModeration(mediaType, true);
  }

  disableAVModeration(mediaType: MediaType): void {
    this.setAVModeration(mediaType, false);
  }

  private setAVModeration(mediaType: MediaType, enabled: boolean): void {
    if (!this.isModerator()) {
      console.warn('[lib-jitsi-meet] AV moderation: not a moderator');
      return;
    }
    if (!['audio', 'video', 'desktop'].includes(mediaType)) return;
    setTimeout(() => this.server.setAVModeration(mediaType, enabled, this.ownId), IQ_DELAY_MS);
  }

  avModerationApprove(_mediaType: MediaType, _id: string): void {
    /* approvals are not simulated */
  }

  avModerationReject(_mediaType: MediaType, _id: string): void {
    /* approvals are not simulated */
  }

  getBreakoutRooms(): FakeBreakoutRooms | undefined {
    if (!this.room) return undefined;
    const room = this.room;
    return new FakeBreakoutRooms(this.server, () => room.roomjid, () => this.isModerator());
  }
}
