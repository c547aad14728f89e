// `window.__jitsiSim`: the test double's remote control (test-only; the real app has nothing like it).
// Students are occupants of the fake server; shared-video/whiteboard tiles are jitsi-meet-side fake
// participants that exist only in redux, as in the real app.
import type { Knocker } from '../lib/fake-server.ts';
import type { FakeParticipantKind, RecordingMode } from '../shared/constants.ts';
import * as A from './action-types.ts';
import type { LegacyConference } from './legacy-conference.ts';
import { createLoad, type LoadOptions, type LoadStats } from './load.ts';
import { moveToRoom } from './move-to-room.ts';
import { changed, type Runtime } from './runtime.ts';

export interface JoinOptions {
  moderator?: boolean;
  hidden?: 'recorder' | 'transcriber';
  fake?: Extract<FakeParticipantKind, 'SharedVideo' | 'Whiteboard'>;
  jigasi?: boolean;
}

export interface JitsiSimController {
  /** A student (or bot) enters the main room directly; returns the endpoint id. */
  join(name?: string, options?: JoinOptions): string;
  /** That occupant (or fake tile) leaves. Unknown ids are ignored. */
  leave(id: string): void;
  /** Every occupant id (all rooms, hidden ones too) plus fake tiles. */
  remoteIds(): string[];
  /** Someone knocks: a lobby knocker when the lobby is on, else a direct join. */
  knock(name?: string): string;
  /** Another moderator (not us) lets a knocker in. */
  admit(id: string): void;
  /** A kicked student comes back once, ~300 ms later (through password/lobby if set). */
  setRejoinAfterKick(enabled: boolean): void;
  startRecording(mode?: RecordingMode): string;
  stopRecording(): void;
  /** The teacher records to their own disk (LocalRecordingManager; SET_LOCAL_RECORDING_RUNNING, facts §9.3). */
  setLocalRecording(running: boolean): void;
  /** Jicofo/another moderator changes our role. */
  setLocalRole(role: 'moderator' | 'participant'): void;
  /** A moderator (the teacher, in Jitsi's participants pane) makes this occupant moderator (grantOwner). */
  grantModerator(id: string): void;
  /** Creates (or reuses) a breakout room and moves those occupants there; returns its jid. */
  openBreakoutRoom(name: string, ids: string[]): string;
  /** Everyone returns to the main room and the breakout rooms are removed. */
  closeBreakoutRooms(): void;
  /** We (the teacher) switch to a breakout room by name or jid, or back with 'main'. */
  moveMeToRoom(nameOrJid: string): void;
  /** The network goes away: CONNECTION_FAILED + CONFERENCE_FAILED, the server drops us. */
  dropNetwork(): void;
  /** Another moderator removes us (KICKED_OUT → hangup). */
  kickMe(): void;
  /** Same as clicking the prejoin join button. */
  joinConference(name?: string): void;
  /** JVB names this occupant the dominant speaker (DOMINANT_SPEAKER_CHANGED). */
  setDominantSpeaker(id: string): void;
  /** That occupant mutes/unmutes a track (remote TRACK_MUTE_CHANGED → PARTICIPANT_UPDATED). */
  setRemoteMuted(id: string, muted: boolean, mediaType?: 'audio' | 'video'): void;
  /** A busy lesson at a steady rate until stopLoad() (see load.ts); call after whenJoined(). */
  startLoad(options?: LoadOptions): LoadStats;
  stopLoad(): LoadStats;
  /** Counters of the current/last load; `{events: true}` adds the event log (`since` = epoch ms). */
  loadStats(query?: { events?: boolean; since?: number }): LoadStats;
  setNoise(enabled: boolean): void;
  setMicLive(live: boolean): void;
  /** Plain JSON summary of the fake server. */
  state(): unknown;
  /** Resolves once we are in the conference with our role assigned. */
  whenJoined(timeoutMs?: number): Promise<void>;
}

export function createController(runtime: Runtime, conference: LegacyConference, joinConference: (name: string) => void): JitsiSimController {
  const requireServer = () => {
    if (!runtime.server) throw new Error('jitsi-sim: no room on this page');
    return runtime.server;
  };
  const fakeTiles = new Map<string, unknown>(); // id → conference it was added to
  const load = createLoad(runtime);
  let fakeCounter = 0;

  return {
    join(name, options = {}) {
      if (options.fake) {
        const store = runtime.store;
        const current = store?.getState()['features/base/conference'].conference;
        if (!store || !current) throw new Error('jitsi-sim: fake participants need a joined conference');
        const id = `${options.fake === 'SharedVideo' ? 'shared-video' : 'whiteboard'}-${++fakeCounter}`;
        fakeTiles.set(id, current);
        store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id, name: name ?? options.fake, fakeParticipant: options.fake, conference: current, role: 'participant' } });
        return id;
      }
      return requireServer().addOccupant({
        ...(name !== undefined ? { name } : {}),
        ...(options.moderator ? { moderator: true } : {}),
        ...(options.hidden ? { hidden: options.hidden } : {}),
        ...(options.jigasi ? { jigasi: true } : {}),
      }).id;
    },

    leave(id) {
      const tileConference = fakeTiles.get(id);
      if (tileConference !== undefined) {
        fakeTiles.delete(id);
        runtime.store?.dispatch({ type: A.PARTICIPANT_LEFT, participant: { id, conference: tileConference } });
        return;
      }
      const server = requireServer();
      if (!server.removeOccupant(id)) server.denyKnocker(id);
    },

    remoteIds() {
      return [...requireServer().occupants.keys(), ...fakeTiles.keys()];
    },

    knock(name) {
      const server = requireServer();
      if (server.membersOnly) return server.addKnocker(name).id;
      return server.addOccupant(name === undefined ? {} : { name }).id;
    },

    admit(id) {
      requireServer().admitKnocker(id);
    },

    setRejoinAfterKick(enabled) {
      requireServer().rejoinAfterKick = enabled;
    },

    startRecording(mode = 'file') {
      return requireServer().startRecording(mode).id;
    },

    stopRecording() {
      requireServer().stopRecording();
    },

    setLocalRecording(running) {
      runtime.store?.dispatch({ type: A.SET_LOCAL_RECORDING_RUNNING, running });
    },

    setLocalRole(role) {
      const server = requireServer();
      server.options.localRole = role;
      if (server.local) server.setRole(server.local.id, role);
    },

    grantModerator(id) {
      requireServer().setRole(id, 'moderator');
    },

    openBreakoutRoom(name, ids) {
      const server = requireServer();
      const room = server.createBreakoutRoom(name);
      for (const id of ids) server.moveOccupant(id, room.jid);
      return room.jid;
    },

    closeBreakoutRooms() {
      const server = requireServer();
      if (server.local && server.local.roomJid !== server.mainRoomJid) this.moveMeToRoom('main');
      for (const jid of [...server.breakoutRooms.keys()]) server.removeBreakoutRoom(jid);
    },

    moveMeToRoom(nameOrJid) {
      const server = requireServer();
      const target =
        nameOrJid === 'main'
          ? server.mainRoomJid
          : server.breakoutRooms.get(nameOrJid)?.jid ?? [...server.breakoutRooms.values()].find((r) => r.name === nameOrJid)?.jid;
      if (target) moveToRoom(runtime, conference, target);
    },

    dropNetwork() {
      requireServer().dropLocal();
    },

    kickMe() {
      const server = requireServer();
      const other = [...server.occupants.values()].find((o) => o.role === 'moderator' && !o.hidden);
      server.kickLocal(other?.id);
    },

    joinConference(name) {
      joinConference(name ?? '');
    },

    setDominantSpeaker(id) {
      requireServer().setDominantSpeaker(id);
    },

    setRemoteMuted(id, muted, mediaType = 'audio') {
      requireServer().setMuted(id, mediaType, muted);
    },

    startLoad(options) {
      return load.start(options);
    },

    stopLoad() {
      return load.stop();
    },

    loadStats(query) {
      return load.stats(query);
    },

    setNoise(enabled) {
      runtime.noise = enabled;
    },

    setMicLive(live) {
      runtime.micLive = live;
      changed(runtime);
    },

    state() {
      return JSON.parse(JSON.stringify(requireServer().summary()));
    },

    whenJoined(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const state = runtime.store?.getState();
          const slice = state?.['features/base/participants'];
          const local = Array.isArray(slice) ? slice.find((p) => p.local) : slice?.local;
          if (state?.['features/base/conference'].conference && local && local.role !== 'none') return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error('jitsi-sim: not joined in time'));
          setTimeout(check, 20);
        };
        check();
      });
    },
  };
}

export type { Knocker, LoadOptions, LoadStats };
