// Entry of libs/lib-jitsi-meet.min.js: defines the UMD-like global `window.JitsiMeetJS`
// (facts §1.1: `version` is the lib's short git hash; `constants`, `events`, `errors` hold enums).
// Behind it sits the in-page FakeServer (there is no backend), reachable for the app bundle and the
// test controller through a Symbol slot on window — never through a Jitsi-looking name.
import {
  CONFERENCE_ERRORS,
  CONFERENCE_EVENTS,
  CONNECTION_ERRORS,
  CONNECTION_EVENTS,
  FAKE_SERVER_SLOT,
  RECORDING_CONSTANTS,
} from './shared/constants.ts';
import { backendSafeRoomName, parseRoomPath } from './shared/room-name.ts';
import { parseSimOptions } from './shared/sim-options.ts';
import { FakeServer } from './lib/fake-server.ts';
import { FakeJitsiConference } from './lib/jitsi-conference.ts';
import { FakeJitsiConnection, type ConnectionOptions } from './lib/jitsi-connection.ts';

const sim = parseSimOptions(location.search);

if (sim.app === '2021') {
  // The 2021 lib had neither end-for-all (2022-08) nor breakout rooms (2021-09): no such methods.
  const proto = FakeJitsiConference.prototype as unknown as Record<string, unknown>;
  for (const method of ['end', 'isEndConferenceSupported', 'getBreakoutRooms']) delete proto[method];
}

const config = (window as unknown as { config?: { hosts?: { domain?: string } } }).config;
const { room } = parseRoomPath(location.pathname);

const server = new FakeServer({
  roomName: room ? backendSafeRoomName(room) : '',
  domain: config?.hosts?.domain ?? 'localhost',
  lobbySupported: sim.lobby,
  endConferenceSupported: sim.endConference,
  endConferenceIgnored: sim.endIgnored,
  avModerationSupported: sim.app === 'current',
  breakoutRoomsSupported: sim.app === 'current',
  everyoneModerator: sim.everyoneModerator,
  ownerKickAllowed: sim.ownerKick,
  kickLatencyMs: sim.kickLatencyMs,
  localRole: sim.role,
});
// The class is already there when we arrive.
if (room) for (let i = 0; i < sim.students; i++) server.addOccupant({});

Object.defineProperty(window, FAKE_SERVER_SLOT, { value: server, enumerable: false });

/** `new JitsiMeetJS.JitsiConnection(appId, token, options)` */
function JitsiConnection(this: unknown, appId: string | null, token: string | null, options?: ConnectionOptions) {
  return new FakeJitsiConnection(server, appId, token, options);
}

const noop = () => undefined;

(window as unknown as { JitsiMeetJS: unknown }).JitsiMeetJS = {
  // A short git hash, as the real build stamps it; arbitrary here.
  version: sim.app === '2021' ? '9a1e6b5c' : '3cf3db1a',
  init: (_options?: unknown) => undefined,
  setLogLevel: noop,
  setLogLevelById: noop,
  logLevels: { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', LOG: 'log', WARN: 'warn', ERROR: 'error' },
  JitsiConnection,
  events: {
    conference: CONFERENCE_EVENTS,
    connection: CONNECTION_EVENTS,
    track: {
      TRACK_AUDIO_LEVEL_CHANGED: 'track.audioLevelsChanged',
      TRACK_MUTE_CHANGED: 'track.trackMuteChanged',
      LOCAL_TRACK_STOPPED: 'track.stopped',
    },
    mediaDevices: { DEVICE_LIST_CHANGED: 'mediaDevices.devicechange' },
    connectionQuality: { LOCAL_STATS_UPDATED: 'cq.local_stats_updated', REMOTE_STATS_UPDATED: 'cq.remote_stats_updated' },
  },
  errors: {
    conference: CONFERENCE_ERRORS,
    connection: CONNECTION_ERRORS,
    track: { PERMISSION_DENIED: 'gum.permission_denied', NOT_FOUND: 'gum.not_found' },
  },
  constants: {
    recording: RECORDING_CONSTANTS,
    participantConnectionStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
    trackStreamingStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
  },
  mediaDevices: {
    isDeviceChangeAvailable: () => false,
    enumerateDevices: (callback: (devices: unknown[]) => void) => callback([]),
    addEventListener: noop,
    removeEventListener: noop,
  },
  createLocalTracks: () => Promise.resolve([]),
  isDesktopSharingEnabled: () => false,
  util: {},
};
