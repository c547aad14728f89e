// `window.__jitsiSim`: the test double's remote control (test-only; the real app has nothing like it).
// Students are occupants of the fake server; shared-video/whiteboard tiles are jitsi-meet-side fake
// participants that exist only in redux, as in the real app.
import type { Knocker } from '../lib/fake-server.ts';
import { createServerControls } from '../lib/server-controls.ts';
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
  const server = createServerControls(() => runtime.server);
  const fakeTiles = new Map<string, unknown>(); // id → conference it was added to
  const load = createLoad({ server: () => runtime.server, store: () => runtime.store });
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
      return server.addOccupant(name, options);
    },

    leave(id) {
      const tileConference = fakeTiles.get(id);
      if (tileConference !== undefined) {
        fakeTiles.delete(id);
        runtime.store?.dispatch({ type: A.PARTICIPANT_LEFT, participant: { id, conference: tileConference } });
        return;
      }
      server.removeOccupant(id);
    },

    remoteIds() {
      return [...server.occupantIds(), ...fakeTiles.keys()];
    },

    knock: server.knock,
    admit: server.admit,
    setRejoinAfterKick: server.setRejoinAfterKick,
    startRecording: server.startRecording,
    stopRecording: server.stopRecording,

    setLocalRecording(running) {
      runtime.store?.dispatch({ type: A.SET_LOCAL_RECORDING_RUNNING, running });
    },

    setLocalRole: server.setLocalRole,
    grantModerator: server.grantModerator,
    openBreakoutRoom: server.openBreakoutRoom,

    closeBreakoutRooms() {
      const sim = server.requireServer();
      if (sim.local && sim.local.roomJid !== sim.mainRoomJid) this.moveMeToRoom('main');
      server.removeBreakoutRooms();
    },

    moveMeToRoom(nameOrJid) {
      const target = server.roomJidOf(nameOrJid);
      if (target) moveToRoom(runtime, conference, target);
    },

    dropNetwork: server.dropNetwork,
    kickMe: server.kickMe,

    joinConference(name) {
      joinConference(name ?? '');
    },

    setDominantSpeaker: server.setDominantSpeaker,
    setRemoteMuted: server.setRemoteMuted,

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

    state: server.state,

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
