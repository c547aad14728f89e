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
import { enumOf, missingLibNames, tolerant } from './lib/tolerant.ts';

// The room's knobs: from the URL, or — on jitsi-meet's real UI, which strips the query from the address
// bar, so a reload loses it — from the slot test/jitsi-sdk/server.mjs fills with what it remembers.
const knobs = (window as unknown as Record<symbol, string | undefined>)[Symbol.for('jitsi-sim/room-knobs')];
const sim = parseSimOptions(knobs === undefined ? location.search : `?${knobs}`);

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
  secureDomain: sim.secureDomain,
});
// The class is already there when we arrive.
if (room) for (let i = 0; i < sim.students; i++) server.addOccupant({});

Object.defineProperty(window, FAKE_SERVER_SLOT, { value: server, enumerable: false });

/** `new JitsiMeetJS.JitsiConnection(appId, token, options)` */
function JitsiConnection(this: unknown, appId: string | null, token: string | null, options?: ConnectionOptions) {
  return new FakeJitsiConnection(server, appId, token, options);
}

const noop = () => undefined;

// `JitsiMeetJS.util.browser`: a Chromium that supports what jitsi-meet's web app asks about; unknown
// `isX()`/`supportsX()` questions answer false and are recorded (tolerant.ts).
const browser = tolerant(
  {
    getName: () => 'chrome',
    getVersion: () => '120.0.0.0',
    isChrome: () => true,
    isChromiumBased: () => true,
    isWebKitBased: () => false,
    isFirefox: () => false,
    isSafari: () => false,
    isElectron: () => false,
    isReactNative: () => false,
    isIosBrowser: () => false,
    isMobileDevice: () => false,
    isTwa: () => false,
    isSupported: () => true,
    isSupportedAndroidBrowser: () => false,
    isSupportedIOSBrowser: () => false,
    isUserInteractionRequiredForUnmute: () => false,
    supportsVideoMuteOnConnInterrupted: () => true,
    isVersionGreaterThan: () => true,
    isVersionLessThan: () => false,
    isVersionEqualTo: () => false,
    supportsInsertableStreams: () => false,
    supportsEncodedTransform: () => false,
    supportsCodecSelectionAPI: () => true,
  },
  'browser',
  () => false,
);

const JitsiMeetJS = {
  // A short git hash, as the real build stamps it; arbitrary here.
  version: sim.app === '2021' ? '9a1e6b5c' : '3cf3db1a',
  init: (_options?: unknown) => undefined,
  setLogLevel: noop,
  setLogLevelById: noop,
  setGlobalLogOptions: noop,
  addGlobalLogTransport: noop,
  removeGlobalLogTransport: noop,
  logLevels: { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', LOG: 'log', WARN: 'warn', ERROR: 'error' },
  JitsiConnection,
  events: {
    conference: enumOf('conference', CONFERENCE_EVENTS),
    connection: enumOf('connection', CONNECTION_EVENTS),
    track: enumOf('track', {
      TRACK_AUDIO_LEVEL_CHANGED: 'track.audioLevelsChanged',
      TRACK_MUTE_CHANGED: 'track.trackMuteChanged',
      LOCAL_TRACK_STOPPED: 'track.stopped',
    }),
    mediaDevices: enumOf('mediaDevices', {
      DEVICE_LIST_CHANGED: 'mediaDevices.devicechange',
      PERMISSIONS_CHANGED: 'rtc.permissions_changed',
      PERMISSION_PROMPT_IS_SHOWN: 'mediaDevices.permissionPromptIsShown',
    }),
    connectionQuality: enumOf('cq', { LOCAL_STATS_UPDATED: 'cq.local_stats_updated', REMOTE_STATS_UPDATED: 'cq.remote_stats_updated' }),
    detection: enumOf('detection', {}),
    e2eping: enumOf('e2eping', {}),
    rtcstats: enumOf('rtcstats', {}),
  },
  errors: {
    conference: enumOf('conference', CONFERENCE_ERRORS),
    connection: enumOf('connection', { ...CONNECTION_ERRORS, PASSWORD_REQUIRED: 'connection.passwordRequired' }),
    track: enumOf('gum', { PERMISSION_DENIED: 'gum.permission_denied', NOT_FOUND: 'gum.not_found' }),
    audioTranslation: enumOf('audioTranslation', {}),
  },
  constants: {
    recording: RECORDING_CONSTANTS,
    transcriptionStatus: { ON: 'on', OFF: 'off', PENDING: 'pending' },
    participantConnectionStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
    trackStreamingStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
    sipVideoGW: enumOf('sipVideoGW', { STATUS_AVAILABLE: 'available', STATUS_UNDEFINED: 'undefined', STATUS_BUSY: 'busy' }),
    iceRestartReason: enumOf('iceRestartReason', {}),
    videoType: { CAMERA: 'camera', DESKTOP: 'desktop' },
  },
  mediaDevices: tolerant(
    {
      isDeviceListAvailable: () => Promise.resolve(true),
      isDeviceChangeAvailable: () => false,
      isDevicePermissionGranted: () => Promise.resolve(false),
      isMultipleAudioInputSupported: () => false,
      enumerateDevices: (callback: (devices: unknown[]) => void) => void setTimeout(() => callback([]), 0),
      getAudioOutputDevice: () => 'default',
      setAudioOutputDevice: () => Promise.resolve(),
      getPermissionPromptIsShown: () => false,
      addEventListener: noop,
      removeEventListener: noop,
      emit: noop,
    },
    'mediaDevices',
  ),
  analytics: tolerant({ addPermanentProperties: noop, setConferenceName: noop, sendEvent: noop, setAnalyticsHandlers: noop, dispose: noop }, 'analytics'),
  rtcstats: tolerant({ on: noop, sendStatsEntry: noop, start: noop, isTraceAvailable: () => false }, 'rtcstats'),
  precallTest: tolerant({ init: () => Promise.resolve(), execute: () => Promise.resolve([]) }, 'precallTest'),
  // No media at all: jitsi-meet gets no local tracks and shows avatars.
  createLocalTracks: () => Promise.resolve([]),
  createTrackVADEmitter: () => Promise.reject(new Error('no media in the simulation')),
  createAudioMixer: () => tolerant({}, 'AudioMixer'),
  isWebRtcSupported: () => true,
  isDesktopSharingEnabled: () => false,
  isCollectingLocalStats: () => false,
  getActiveAudioDevice: () => Promise.resolve({}),
  setNetworkInfo: noop,
  ProxyConnectionService: class {},
  util: tolerant({ browser, ScriptUtil: { loadScript: noop } }, 'util'),
};

(window as unknown as { JitsiMeetJS: unknown }).JitsiMeetJS = JitsiMeetJS;
// Test-only: which lib names a newer jitsi-meet asked for that this fake does not have (tolerant.ts).
Object.defineProperty(window, Symbol.for('jitsi-sim/missing-lib-names'), { value: missingLibNames, enumerable: false });
