// TEST-ONLY: `window.__jitsiSim` on jitsi-meet's real web UI — the same `JitsiSimController` interface as
// the hand-written double (test/sim/src/app/controller.ts), so the E2E specs drive both the same way.
// The real jitsi-meet has nothing like it. Server-side controls (students, lobby, Jibri, roles, breakout
// rooms, network) are the shared FakeServer half (test/sim/src/lib/server-controls.ts); what happens in
// the app goes through jitsi-meet's own code: lib events, or the SDK's own action creators and thunks
// (moveToRoom, participantJoined/Left for fake tiles, prejoin's joinConference), or the plain action
// jitsi-meet itself dispatches (SET_LOCAL_RECORDING_RUNNING, as its LocalRecordingManager does).
// The busy-lesson load for `npm run bench` is the double's (test/sim/src/app/load.ts), on this page's
// FakeServer and store: every change goes fake server → fake lib events → jitsi-meet's listeners.
import { moveToRoom } from '@jitsi/react-native-sdk/react/features/breakout-rooms/actions';
import { participantJoined, participantLeft } from '@jitsi/react-native-sdk/react/features/base/participants/actions';
import { joinConference } from '@jitsi/react-native-sdk/react/features/prejoin/actions.web';
import { updateSettings } from '@jitsi/react-native-sdk/react/features/base/settings/actions';

import type { FakeServer } from '../../sim/src/lib/fake-server.ts';
import { createServerControls } from '../../sim/src/lib/server-controls.ts';
import { CONFERENCE_EVENTS, FAKE_SERVER_SLOT } from '../../sim/src/shared/constants.ts';
import { parseRoomPath } from '../../sim/src/shared/room-name.ts';
import { parseSimOptions } from '../../sim/src/shared/sim-options.ts';
import type { JitsiSimController } from '../../sim/src/app/controller.ts';
import { createLoad } from '../../sim/src/app/load.ts';

type Store = { getState(): any; dispatch(action: unknown): any; subscribe(listener: () => void): () => void };
type Page = { APP?: { store?: Store }; __jitsiSim?: JitsiSimController; [FAKE_SERVER_SLOT]?: FakeServer };
const page = window as unknown as Page;

const store = (): Store | undefined => page.APP?.store;
/** The room's URL knobs, from the slot the server writes (jitsi-meet has removed the query by now). */
const knobs = (window as unknown as Record<symbol, string | undefined>)[Symbol.for('jitsi-sim/room-knobs')];

function createController(): JitsiSimController {
  const server = createServerControls(() => page[FAKE_SERVER_SLOT]);
  const fakeTiles = new Map<string, { conference: unknown; kind: string }>();
  let fakeCounter = 0;
  let noise = parseSimOptions(knobs === undefined ? location.search : `?${knobs}`).noise;
  let micLive = true;
  const load = createLoad({
    server: () => page[FAKE_SERVER_SLOT],
    store,
    // The audio-level noise (docs/jitsi.md §5.3). No media here, so the load stands in for the local
    // microphone: lib-jitsi-meet samples it every 200 ms and reports a changed level on the conference as
    // TRACK_AUDIO_LEVEL_CHANGED (local id, level); jitsi-meet's conference.js (our stand-in,
    // legacy-conference.js) dispatches localParticipantAudioLevelChanged for it. No reducer handles
    // LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED (the participants middleware only lowers a raised hand of
    // the dominant, local speaker), so the root state stays the same object: only the store's
    // subscribers run, ~4 times a second, as in a lesson where the teacher talks.
    localAudioLevel(level) {
      const conference = store()?.getState()['features/base/conference'].conference;
      if (!noise || !micLive || !conference) return;
      conference.emit(CONFERENCE_EVENTS.TRACK_AUDIO_LEVEL_CHANGED, conference.myUserId(), level);
    },
  });

  return {
    join(name, options = {}) {
      if (options.fake) {
        const current = store()?.getState()['features/base/conference'].conference;
        if (!current) throw new Error('jitsi-sim: fake participants need a joined conference');
        const id = `${options.fake === 'SharedVideo' ? 'shared-video' : 'whiteboard'}-${++fakeCounter}`;
        fakeTiles.set(id, { conference: current, kind: options.fake });
        store()!.dispatch(participantJoined({ id, name: name ?? options.fake, fakeParticipant: options.fake, conference: current } as never));
        return id;
      }
      return server.addOccupant(name, options);
    },

    leave(id) {
      const tile = fakeTiles.get(id);
      if (tile) {
        fakeTiles.delete(id);
        store()?.dispatch(participantLeft(id, tile.conference as never, { fakeParticipant: tile.kind }));
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
      store()?.dispatch({ type: 'SET_LOCAL_RECORDING_RUNNING', running });
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
      // jitsi-meet's own thunk (breakout-rooms/actions.ts): _RESET_BREAKOUT_ROOMS, leaveRoom(false, 'switch_room'), joinRoom.
      if (target) void store()?.dispatch(moveToRoom(target));
    },

    dropNetwork: server.dropNetwork,
    kickMe: server.kickMe,

    joinConference(name) {
      if (name) store()?.dispatch(updateSettings({ displayName: name }));
      store()?.dispatch(joinConference());
    },

    setDominantSpeaker: server.setDominantSpeaker,
    setRemoteMuted: server.setRemoteMuted,
    startLoad: (options) => load.start(options),
    stopLoad: () => load.stop(),
    loadStats: (query) => load.stats(query),
    // No media on this page: these switch the load's stand-in for the local audio levels (above).
    setNoise(enabled) {
      noise = enabled;
    },
    setMicLive(live) {
      micLive = live;
    },
    state: server.state,

    whenJoined(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const state = store()?.getState();
          const local = state?.['features/base/participants'].local;
          if (state?.['features/base/conference'].conference && local && local.role !== 'none') return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error('jitsi-sim: not joined in time'));
          setTimeout(check, 20);
        };
        check();
      });
    },
  };
}

// Defined at once on room pages, so tests can call whenJoined() right after navigation.
if (parseRoomPath(location.pathname).room) page.__jitsiSim = createController();
