// The fake backend: what Prosody (MUC, lobby, breakout, end_conference, av_moderation components),
// Jicofo (auto-owner) and Jibri would do, kept in the page because there is no real server.
// It knows nothing about redux or the DOM; our own fake JitsiConference listens to its events the
// way lib-jitsi-meet listens to XMPP stanzas. Semantics follow docs/jitsi.md §3, §7.2.
import type { MediaType, ParticipantRole, RecordingMode, RecordingStatus } from '../shared/constants.ts';
import { Emitter } from '../shared/emitter.ts';
import { endpointId, studentName } from '../shared/sim-options.ts';

export interface ServerOptions {
  /** Backend-safe room name (facts §1.3). */
  roomName: string;
  domain: string;
  lobbySupported: boolean;
  endConferenceSupported: boolean;
  /** Advertised, but the end message is lost (a misconfigured component): nothing happens. */
  endConferenceIgnored?: boolean;
  avModerationSupported: boolean;
  breakoutRoomsSupported: boolean;
  everyoneModerator: boolean;
  ownerKickAllowed: boolean;
  kickLatencyMs: number;
  /** The role Jicofo gives us when we join. */
  localRole: 'moderator' | 'participant';
  /**
   * A secure domain (Prosody authentication + guest domain, as the German seed's state service): only a
   * logged-in user may open the room; everyone else waits for the host (docs/jitsi.md §7.2).
   */
  secureDomain?: boolean;
}

export interface Occupant {
  id: string;
  name: string;
  role: ParticipantRole;
  /** Jibri recorder/transcriber on `config.hiddenDomain` (facts §2.2). */
  hidden?: 'recorder' | 'transcriber';
  jigasi?: boolean;
  /** MUC jid of the room this occupant is in (main room or a breakout room). */
  roomJid: string;
  /** Join order, for Jicofo's auto-owner choice. */
  joinOrder: number;
  /** Media muted as the occupant announces it (absent = unmuted). */
  muted?: Partial<Record<'audio' | 'video', boolean>>;
}

export interface Knocker {
  id: string;
  name: string;
}

export interface RecordingSession {
  id: string;
  mode: RecordingMode;
  status: RecordingStatus;
  initiator?: string;
  terminator?: string;
  error?: string;
  liveStreamViewURL?: string;
  timestamp: number;
}

export interface BreakoutRoom {
  id: string;
  jid: string;
  name: string;
}

/**
 * Events the server sends to our client (the simulated XMPP traffic). Room-scoped events carry the
 * room jid so a client in a breakout room ignores the main room and vice versa.
 */
export const SERVER_EVENTS = {
  OCCUPANT_JOINED: 'occupant-joined', // (occupant)
  OCCUPANT_LEFT: 'occupant-left', // (occupant, {kickedBy?, reason?})
  ROLE_CHANGED: 'role-changed', // (roomJid, id, role)
  LOCK_CHANGED: 'lock-changed', // (locked)
  MEMBERS_ONLY_CHANGED: 'members-only-changed', // (enabled)
  LOBBY_JOINED: 'lobby-joined', // (knocker)
  LOBBY_LEFT: 'lobby-left', // (id)
  RECORDING_CHANGED: 'recording-changed', // (session)
  BREAKOUT_UPDATED: 'breakout-updated', // ()
  AV_MODERATION_CHANGED: 'av-moderation-changed', // (mediaType, enabled, actorId)
  DESTROYED: 'destroyed', // (reason)
  LOCAL_KICKED: 'local-kicked', // (actorId, reason)
  LOCAL_DROPPED: 'local-dropped', // ()
  // The breakout component tells our client to switch rooms (closing its room, or a moderator sent it).
  LOCAL_MOVE_REQUESTED: 'local-move-requested', // (roomJid)
  // Media-side notices (the bridge / the occupant's own presence), used by the load generator.
  DOMINANT_SPEAKER: 'dominant-speaker', // (roomJid, id)
  MUTE_CHANGED: 'mute-changed', // (roomJid, id, mediaType, muted)
} as const;

export interface LocalOccupant {
  id: string;
  name: string;
  role: ParticipantRole;
  roomJid: string;
}

export interface KickOutcome {
  targetId: string;
  result: 'kicked' | 'not-found' | 'not-allowed' | 'owner-kick-refused';
  /** What the kicked person is told (the moderator's reason). */
  reason: string;
}

const MEETING_TERMINATED = 'The meeting has been terminated';
/** jitsi-meet's waiting clients retry every 5 s (WAIT_FOR_OWNER); shortened here. */
const WAITING_CLIENT_RETRY_MS = 300;

export class FakeServer extends Emitter {
  readonly options: ServerOptions;
  readonly mainRoomJid: string;
  readonly occupants = new Map<string, Occupant>();
  readonly lobby = new Map<string, Knocker>();
  readonly recordings = new Map<string, RecordingSession>();
  readonly breakoutRooms = new Map<string, BreakoutRoom>();
  readonly avModeration: Record<MediaType, boolean> = { audio: false, video: false, desktop: false };
  /** Kick results, newest last: lets tests see a silently failed kick. */
  readonly kickLog: KickOutcome[] = [];
  local: LocalOccupant | undefined;
  password = '';
  membersOnly = false;
  startMutedPolicy: { audio: boolean; video: boolean } | undefined;
  roomCounter = 0;
  rejoinAfterKick = false;
  destroyedCount = 0;
  /** Secure domain: we logged in (authenticateAndUpgradeRole). */
  localAuthenticated = false;
  /** Secure domain: students whose clients wait for the host (they retry every few seconds). */
  readonly waitingForHost = new Map<string, Occupant>();
  private counter = 0;
  private readonly alreadyRejoined = new Set<string>();
  private nameIndex = 0;

  constructor(options: ServerOptions) {
    super();
    this.options = options;
    this.mainRoomJid = `${options.roomName}@conference.${options.domain}`;
  }

  nextId(): string {
    return endpointId(this.counter++, 0x5eed);
  }

  nextStudentName(): string {
    return studentName(this.nameIndex++);
  }

  private roleForNewOccupant(wantsModerator: boolean): ParticipantRole {
    return wantsModerator || this.options.everyoneModerator ? 'moderator' : 'participant';
  }

  // ---- occupants -------------------------------------------------------------------------

  addOccupant(spec: { name?: string; moderator?: boolean; hidden?: 'recorder' | 'transcriber'; jigasi?: boolean }): Occupant {
    const occupant: Occupant = {
      id: this.nextId(),
      name: spec.name ?? this.nextStudentName(),
      role: this.roleForNewOccupant(spec.moderator === true),
      roomJid: this.mainRoomJid,
      joinOrder: this.counter,
      ...(spec.hidden ? { hidden: spec.hidden } : {}),
      ...(spec.jigasi ? { jigasi: true } : {}),
    };
    if (this.options.secureDomain && !this.hostPresent()) {
      this.waitingForHost.set(occupant.id, occupant);
      return occupant;
    }
    this.occupants.set(occupant.id, occupant);
    this.emit(SERVER_EVENTS.OCCUPANT_JOINED, occupant);
    return occupant;
  }

  /** Secure domain: a logged-in host is in the main room, so the room exists and others may join. */
  hostPresent(): boolean {
    return this.localAuthenticated && this.local?.roomJid === this.mainRoomJid;
  }

  /** Secure domain: once the host is in, the waiting clients' next retry gets them in. */
  private admitWaitingForHost(): void {
    setTimeout(() => {
      if (!this.hostPresent()) return;
      for (const occupant of this.waitingForHost.values()) {
        this.occupants.set(occupant.id, occupant);
        this.emit(SERVER_EVENTS.OCCUPANT_JOINED, occupant);
      }
      this.waitingForHost.clear();
    }, WAITING_CLIENT_RETRY_MS);
  }

  removeOccupant(id: string, details: { kickedBy?: string | undefined; reason?: string } = {}): boolean {
    const occupant = this.occupants.get(id);
    if (!occupant) return false;
    this.occupants.delete(id);
    this.emit(SERVER_EVENTS.OCCUPANT_LEFT, occupant, details);
    this.applyAutoOwner(occupant.roomJid);
    this.destroyIfEmpty();
    return true;
  }

  /** Every moderator-capable member of a room (us included), oldest first. */
  private membersOf(roomJid: string): Array<Occupant | LocalOccupant> {
    const members: Array<Occupant | LocalOccupant> = [...this.occupants.values()]
      .filter((o) => o.roomJid === roomJid && !o.hidden)
      .sort((a, b) => a.joinOrder - b.joinOrder);
    if (this.local?.roomJid === roomJid) members.unshift(this.local);
    return members;
  }

  /**
   * Jicofo's AutoOwnerRoleManager (facts §0.9): without authentication, when no moderator is left
   * the oldest remaining occupant is made moderator.
   */
  private applyAutoOwner(roomJid: string): void {
    const members = this.membersOf(roomJid);
    if (members.length === 0 || members.some((m) => m.role === 'moderator')) return;
    const heir = members[0];
    if (heir) this.setRole(heir.id, 'moderator');
  }

  setRole(id: string, role: ParticipantRole): boolean {
    const member = this.local?.id === id ? this.local : this.occupants.get(id);
    if (!member || member.role === role) return false;
    member.role = role;
    this.emit(SERVER_EVENTS.ROLE_CHANGED, member.roomJid, id, role);
    return true;
  }

  /** The MUC is destroyed when the last occupant leaves, unless breakout rooms keep it (facts §7.2). */
  private destroyIfEmpty(): void {
    if (this.local || this.occupants.size > 0) return;
    this.resetRoom();
  }

  private resetRoom(): void {
    this.password = '';
    this.membersOnly = false;
    this.lobby.clear();
    this.breakoutRooms.clear();
    this.startMutedPolicy = undefined;
    this.avModeration.audio = this.avModeration.video = this.avModeration.desktop = false;
    for (const session of this.recordings.values()) session.status = 'off';
  }

  // ---- our own client -----------------------------------------------------------------------

  /** Our MUC join. Returns the failure name when the room refuses us. */
  joinLocal(
    id: string,
    name: string,
    password: string | undefined,
    roomJid = this.mainRoomJid,
  ): 'ok' | 'password-required' | 'authentication-required' {
    // Jicofo refuses to create the room for a guest (CONFERENCE_FAILED authenticationRequired).
    if (this.options.secureDomain && !this.localAuthenticated && !this.hostPresent()) return 'authentication-required';
    if (roomJid === this.mainRoomJid && this.password && password !== this.password && this.occupants.size > 0) {
      return 'password-required';
    }
    // 'none' until Jicofo's grant arrives in a presence, so even 'participant' is a change (an event).
    this.local = { id, name, role: 'none', roomJid };
    if (this.hostPresent() && this.waitingForHost.size) this.admitWaitingForHost();
    return 'ok';
  }

  /** Jicofo's role grant, which reaches us in a presence after the join (facts §2.2). */
  grantLocalRole(): void {
    if (!this.local) return;
    // Secure domain: Jicofo makes the logged-in user owner, guests participants.
    const role = this.options.secureDomain
      ? this.localAuthenticated
        ? 'moderator'
        : 'participant'
      : this.options.everyoneModerator
        ? 'moderator'
        : this.options.localRole;
    if (role !== this.local.role) this.setRole(this.local.id, role);
  }

  leaveLocal(): void {
    const local = this.local;
    if (!local) return;
    this.local = undefined;
    this.applyAutoOwner(local.roomJid);
    this.destroyIfEmpty();
  }

  localIsModerator(): boolean {
    return this.local?.role === 'moderator';
  }

  /** The connection dies without a goodbye: the server drops us (ghost timeout compressed to 0). */
  dropLocal(): void {
    if (!this.local) return;
    this.emit(SERVER_EVENTS.LOCAL_DROPPED);
    this.leaveLocal();
  }

  /** Another moderator kicks us. */
  kickLocal(actorId: string | undefined, reason = 'You have been kicked.'): void {
    if (!this.local) return;
    this.emit(SERVER_EVENTS.LOCAL_KICKED, actorId, reason);
    this.leaveLocal();
  }

  // ---- media (bridge and presence notices) ----------------------------------------------------

  /** JVB names a new dominant speaker in that occupant's room. Unknown or hidden ids are ignored. */
  setDominantSpeaker(id: string): boolean {
    const occupant = this.occupants.get(id);
    if (!occupant || occupant.hidden) return false;
    this.emit(SERVER_EVENTS.DOMINANT_SPEAKER, occupant.roomJid, id);
    return true;
  }

  /** The occupant mutes or unmutes a track (their presence and source info change). */
  setMuted(id: string, mediaType: 'audio' | 'video', muted: boolean): boolean {
    const occupant = this.occupants.get(id);
    if (!occupant || occupant.hidden || Boolean(occupant.muted?.[mediaType]) === muted) return false;
    occupant.muted = { ...occupant.muted, [mediaType]: muted };
    this.emit(SERVER_EVENTS.MUTE_CHANGED, occupant.roomJid, id, mediaType, muted);
    return true;
  }

  // ---- moderation -------------------------------------------------------------------------

  /** MUC kick (ChatRoom.kick): answers later; refused without notice when not allowed (facts §3.3). */
  kick(actorId: string, targetId: string, reason: string): void {
    setTimeout(() => {
      const outcome = this.kickNow(actorId, targetId, reason);
      this.kickLog.push({ targetId, result: outcome, reason });
    }, this.options.kickLatencyMs);
  }

  private kickNow(actorId: string, targetId: string, reason: string): KickOutcome['result'] {
    const target = this.occupants.get(targetId);
    if (!target) return 'not-found';
    const actor = this.local?.id === actorId ? this.local : this.occupants.get(actorId);
    if (!actor || actor.role !== 'moderator') return 'not-allowed';
    if (target.role === 'moderator' && !this.options.ownerKickAllowed) return 'owner-kick-refused';
    this.removeOccupant(targetId, { kickedBy: actorId, reason });
    if (this.rejoinAfterKick && !this.alreadyRejoined.has(target.name)) {
      this.alreadyRejoined.add(target.name);
      setTimeout(() => this.tryToEnter(target.name), 300);
    }
    return 'kicked';
  }

  /** A student opening the link again: blocked by a password, queued by the lobby. */
  tryToEnter(name: string): Occupant | Knocker | undefined {
    if (this.password) return undefined;
    if (this.membersOnly) return this.addKnocker(name);
    return this.addOccupant({ name });
  }

  lock(actorId: string, password: string): boolean {
    if (this.local?.id !== actorId || !this.localIsModerator()) return false;
    const wasLocked = Boolean(this.password);
    this.password = password;
    if (wasLocked !== Boolean(password) || password) this.emit(SERVER_EVENTS.LOCK_CHANGED, Boolean(password));
    return true;
  }

  setMembersOnly(enabled: boolean): void {
    if (this.membersOnly === enabled) return;
    this.membersOnly = enabled;
    this.emit(SERVER_EVENTS.MEMBERS_ONLY_CHANGED, enabled);
    // Knockers whose lobby is switched off get in (their clients rejoin the main room).
    if (!enabled) for (const id of [...this.lobby.keys()]) this.admitKnocker(id);
  }

  addKnocker(name?: string): Knocker {
    const knocker = { id: this.nextId(), name: name ?? this.nextStudentName() };
    this.lobby.set(knocker.id, knocker);
    this.emit(SERVER_EVENTS.LOBBY_JOINED, knocker);
    return knocker;
  }

  admitKnocker(id: string): Occupant | undefined {
    const knocker = this.lobby.get(id);
    if (!knocker) return undefined;
    this.lobby.delete(id);
    this.emit(SERVER_EVENTS.LOBBY_LEFT, id);
    return this.addOccupant({ name: knocker.name });
  }

  denyKnocker(id: string): void {
    if (this.lobby.delete(id)) this.emit(SERVER_EVENTS.LOBBY_LEFT, id);
  }

  /** end_conference component: destroys the MUC with everyone in it, breakout and lobby rooms too. */
  endConference(actorId: string): void {
    if (!this.options.endConferenceSupported || this.options.endConferenceIgnored) return;
    if (this.local?.id !== actorId || !this.localIsModerator()) return;
    this.destroy(MEETING_TERMINATED);
  }

  destroy(reason = MEETING_TERMINATED): void {
    this.occupants.clear();
    this.destroyedCount++;
    this.resetRoom();
    const hadLocal = Boolean(this.local);
    this.local = undefined;
    if (hadLocal) this.emit(SERVER_EVENTS.DESTROYED, reason);
  }

  setAVModeration(mediaType: MediaType, enabled: boolean, actorId: string | undefined): void {
    if (!this.options.avModerationSupported || this.avModeration[mediaType] === enabled) return;
    this.avModeration[mediaType] = enabled;
    this.emit(SERVER_EVENTS.AV_MODERATION_CHANGED, mediaType, enabled, actorId);
  }

  // ---- recording (Jibri) --------------------------------------------------------------------

  startRecording(mode: RecordingMode, initiator?: string): RecordingSession {
    const session: RecordingSession = {
      id: `session-${this.recordings.size + 1}`,
      mode,
      status: 'pending',
      timestamp: Date.now(),
      ...(initiator ? { initiator } : {}),
      ...(mode === 'stream' ? { liveStreamViewURL: 'https://stream.invalid/watch' } : {}),
    };
    this.recordings.set(session.id, session);
    this.emit(SERVER_EVENTS.RECORDING_CHANGED, { ...session });
    setTimeout(() => {
      if (session.status !== 'pending') return;
      session.status = 'on';
      session.timestamp = Date.now();
      this.emit(SERVER_EVENTS.RECORDING_CHANGED, { ...session });
    }, 150);
    return session;
  }

  stopRecording(terminator?: string): void {
    for (const session of this.recordings.values()) {
      if (session.status === 'off') continue;
      session.status = 'off';
      session.timestamp = Date.now();
      if (terminator) session.terminator = terminator;
      this.emit(SERVER_EVENTS.RECORDING_CHANGED, { ...session });
    }
  }

  // ---- breakout rooms -----------------------------------------------------------------------

  createBreakoutRoom(name: string): BreakoutRoom {
    const existing = [...this.breakoutRooms.values()].find((room) => room.name === name);
    if (existing) return existing;
    this.roomCounter++;
    // mod_muc_breakout_rooms names a breakout room `<main room node>_<uuid>@breakout.<domain>`
    // (facts §9.2 says `<uuid>@…`; the Prosody module prefixes the main room's node).
    const id = `${this.options.roomName}_${crypto.randomUUID()}`;
    const room = { id, jid: `${id}@breakout.${this.options.domain}`, name };
    this.breakoutRooms.set(room.jid, room);
    this.emit(SERVER_EVENTS.BREAKOUT_UPDATED);
    return room;
  }

  /** Moves an occupant between rooms: a leave in one MUC, a join in the other. */
  moveOccupant(id: string, roomJid: string): boolean {
    if (this.local?.id === id) {
      // Our own client is asked to switch; it leaves and joins by itself (moveToRoom, facts §9.2).
      if (this.local.roomJid === roomJid || (roomJid !== this.mainRoomJid && !this.breakoutRooms.has(roomJid))) return false;
      this.emit(SERVER_EVENTS.LOCAL_MOVE_REQUESTED, roomJid);
      return true;
    }
    const occupant = this.occupants.get(id);
    if (!occupant || occupant.roomJid === roomJid) return false;
    if (roomJid !== this.mainRoomJid && !this.breakoutRooms.has(roomJid)) return false;
    this.occupants.delete(id);
    this.emit(SERVER_EVENTS.OCCUPANT_LEFT, occupant, {});
    const moved = { ...occupant, roomJid };
    this.occupants.set(id, moved);
    this.emit(SERVER_EVENTS.OCCUPANT_JOINED, moved);
    this.emit(SERVER_EVENTS.BREAKOUT_UPDATED);
    return true;
  }

  removeBreakoutRoom(roomJid: string): void {
    if (!this.breakoutRooms.has(roomJid)) return;
    for (const occupant of [...this.occupants.values()]) {
      if (occupant.roomJid === roomJid) this.moveOccupant(occupant.id, this.mainRoomJid);
    }
    if (this.local?.roomJid === roomJid) this.moveOccupant(this.local.id, this.mainRoomJid);
    this.breakoutRooms.delete(roomJid);
    this.emit(SERVER_EVENTS.BREAKOUT_UPDATED);
  }

  /**
   * The breakout component's broadcast: `{[roomId]: {id, jid, name, isMainRoom?, participants}}`, keyed
   * by the room's **id** (the JID's node), as mod_muc_breakout_rooms sends it and jitsi-meet's
   * `moveToRoom` looks rooms up (`rooms[id]`); facts §2.7 says "keyed by room JID", which is wrong.
   */
  breakoutRoomsSnapshot(): { rooms: Record<string, unknown>; roomCounter: number } {
    const participantsOf = (roomJid: string) => {
      const result: Record<string, { displayName: string; jid: string; role: ParticipantRole }> = {};
      for (const member of this.membersOf(roomJid)) {
        const jid = `${roomJid}/${member.id}`;
        result[jid] = { displayName: member.name, jid, role: member.role };
      }
      return result;
    };
    const rooms: Record<string, unknown> = {
      [this.options.roomName]: {
        id: this.options.roomName,
        jid: this.mainRoomJid,
        name: this.options.roomName,
        isMainRoom: true,
        participants: participantsOf(this.mainRoomJid),
      },
    };
    for (const room of this.breakoutRooms.values()) {
      rooms[room.id] = { ...room, participants: participantsOf(room.jid) };
    }
    return { rooms, roomCounter: this.roomCounter };
  }

  // ---- inspection ---------------------------------------------------------------------------

  /** A plain-JSON summary for tests and the control panel. */
  summary() {
    return {
      room: this.options.roomName,
      mainRoomJid: this.mainRoomJid,
      local: this.local ? { ...this.local } : null,
      occupants: [...this.occupants.values()].map((o) => ({
        id: o.id,
        name: o.name,
        role: o.role,
        room: o.roomJid === this.mainRoomJid ? 'main' : o.roomJid,
        ...(o.hidden ? { hidden: o.hidden } : {}),
        ...(o.jigasi ? { jigasi: true } : {}),
      })),
      lobby: {
        supported: this.options.lobbySupported,
        enabled: this.membersOnly,
        knocking: [...this.lobby.values()].map((k) => ({ ...k })),
      },
      locked: Boolean(this.password),
      password: this.password || null,
      recording: [...this.recordings.values()].map((s) => ({ ...s })),
      breakoutRooms: [...this.breakoutRooms.values()].map((r) => ({ ...r })),
      avModeration: { ...this.avModeration },
      startMutedPolicy: this.startMutedPolicy ?? null,
      endConferenceSupported: this.options.endConferenceSupported,
      rejoinAfterKick: this.rejoinAfterKick,
      ...(this.options.secureDomain ? { secureDomain: { loggedIn: this.localAuthenticated, waitingForHost: this.waitingForHost.size } } : {}),
      destroyedCount: this.destroyedCount,
      kickLog: this.kickLog.map((k) => ({ ...k })),
    };
  }
}

export type ServerSummary = ReturnType<FakeServer['summary']>;
