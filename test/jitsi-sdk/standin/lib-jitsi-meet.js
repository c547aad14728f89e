// A minimal stand-in for lib-jitsi-meet's browser global `window.JitsiMeetJS` (our own code).
// Only the network side is simulated: a JitsiConnection that "connects" at once, a JitsiConference
// whose MUC has nobody but the occupants a test adds through `window.__standin`.
// Event and error strings are lib-jitsi-meet's public names (facts §5.1); any name the SDK reads that
// is not listed here gets a unique placeholder string and is recorded in `__standin.missing`.
(() => {
  const missing = new Map(); // "Conference.foo" -> count
  const calls = [];          // [{ what, args, t }]
  const note = (what, args = []) => calls.push({ what, args: safe(args), t: Date.now() });
  const safe = args => args.map(a => (a === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof a)) ? a : `[${a?.constructor?.name ?? typeof a}]`);
  const miss = key => missing.set(key, (missing.get(key) ?? 0) + 1);

  // Properties that must stay undefined so that objects are not mistaken for promises, React elements etc.
  const NEVER = new Set(['then', 'toJSON', '$$typeof', 'constructor', 'prototype', 'asymmetricMatch', 'nodeType', '@@__IMMUTABLE_ITERABLE__@@', '_reactFragment']);

  /** Wrap an object so that unknown method names become recorded no-ops (returning undefined). */
  function tolerant(obj, name) {
    return new Proxy(obj, {
      get(target, prop, receiver) {
        if (prop in target || typeof prop === 'symbol' || NEVER.has(prop)) return Reflect.get(target, prop, receiver);
        miss(`${name}.${prop}`);
        return function missingMethod() { return undefined; };
      },
    });
  }
  /** An enum-like object: listed names keep their values, unknown ones become `${prefix}.${NAME}`. */
  function enumOf(prefix, known) {
    return new Proxy({ ...known }, {
      get(target, prop) {
        if (typeof prop === 'symbol' || prop in target) return target[prop];
        if (NEVER.has(prop)) return undefined;
        miss(`enum ${prefix}.${prop}`);
        return (target[prop] = `${prefix}.${prop}`);
      },
    });
  }

  class Emitter {
    constructor() { this._l = new Map(); }
    on(ev, fn) { (this._l.get(ev) ?? this._l.set(ev, new Set()).get(ev)).add(fn); return this; }
    off(ev, fn) { this._l.get(ev)?.delete(fn); return this; }
    addEventListener(ev, fn) { return this.on(ev, fn); }
    removeEventListener(ev, fn) { return this.off(ev, fn); }
    addListener(ev, fn) { return this.on(ev, fn); }
    removeListener(ev, fn) { return this.off(ev, fn); }
    emit(ev, ...args) { for (const fn of [...(this._l.get(ev) ?? [])]) { try { fn(...args); } catch (e) { console.error('[standin] listener of', ev, 'threw', e); } } }
  }

  const CONFERENCE_EVENTS = {
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
  };
  const CONFERENCE_ERRORS = {
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
  };
  const CONNECTION_EVENTS = {
    CONNECTION_DISCONNECTED: 'connection.connectionDisconnected',
    CONNECTION_ESTABLISHED: 'connection.connectionEstablished',
    CONNECTION_FAILED: 'connection.connectionFailed',
  };

  // Page options for the stand-in server (query string): ?end=0 = no end_conference component.
  const qs = new URLSearchParams(location.search);
  const OPTS = { endConference: qs.get('end') !== '0', lobby: qs.get('lobby') !== '0' };

  const domain = () => window.config?.hosts?.domain ?? 'localhost';
  const muc = () => window.config?.hosts?.muc ?? `conference.${domain()}`;
  const rid = () => Math.random().toString(16).slice(2, 10);

  class Participant {
    constructor(conference, id, name, role = 'participant') {
      Object.assign(this, { _conference: conference, _id: id, _displayName: name, _role: role, _properties: {} });
    }
    getId() { return this._id; }
    getDisplayName() { return this._displayName; }
    getRole() { return this._role; }
    isModerator() { return this._role === 'moderator'; }
    isHidden() { return false; }
    isHiddenFromRecorder() { return false; }
    getJid() { return `${this._conference.room.roomjid}/${this._id}`; }
    getConference() { return this._conference; }
    getTracks() { return []; }
    getTracksByMediaType() { return []; }
    getStatus() { return undefined; }
    getProperty(k) { return this._properties[k]; }
    getFeatures() { return Promise.resolve(new Set()); }
    hasFeature() { return false; }
    getBotType() { return undefined; }
    isReplacing() { return false; }
    isReplaced() { return false; }
    supportsDTMF() { return false; }
    getStatsID() { return this._id; }
    getIdentity() { return undefined; }
    getConnectionJid() { return undefined; }
    getSources() { return new Map(); }
    isPromoted() { return false; }
    isSilent() { return false; }
    isE2EEEnabled() { return false; }
    isE2EESupported() { return false; }
  }

  class BreakoutRooms {
    constructor(conference) { this._c = conference; }
    isSupported() { return true; }
    isBreakoutRoom() { return this._c.room.roomjid.includes('@breakout.'); }
    getMainRoomJid() { return this._c.room.roomjid; }
    getRooms() { return {}; }
    createBreakoutRoom(subject) { note('breakout.createBreakoutRoom', [subject]); }
    removeBreakoutRoom(jid) { note('breakout.removeBreakoutRoom', [jid]); }
    sendParticipantToRoom(pJid, roomJid) { note('breakout.sendParticipantToRoom', [pJid, roomJid]); }
    renameBreakoutRoom(jid, name) { note('breakout.renameBreakoutRoom', [jid, name]); }
    isFeatureSupported() { return false; }
  }

  class Conference extends Emitter {
    constructor(connection, name, options, domainOf) {
      super();
      this.connection = connection;
      this.options = options;
      this._name = name;
      this._myId = rid();
      this._joined = false;
      this._role = 'participant';
      this._members = new Map();
      this._membersOnly = false;
      this._locked = false;
      // A breakout room arrives as a String object with a .domain (breakout.<domain>), see createConference().
      this.room = { roomjid: `${name}@${domainOf?.domain ?? muc()}`, myroomjid: '', locked: false, xmpp: {} };
      this._breakout = new BreakoutRooms(this);
    }
    // identity / state
    getName() { return this._name; }
    myUserId() { return this._myId; }
    isJoined() { return this._joined; }
    isModerator() { return this._joined && this._role === 'moderator'; }
    getRole() { return this._role; }
    isHidden() { return false; }
    isAuthEnabled() { return false; }
    getAuthLogin() { return undefined; }
    getParticipants() { return [...this._members.values()]; }
    getParticipantById(id) { return this._members.get(id); }
    getParticipantCount(countHidden = false) { return this._members.size + 1; }
    getLocalTracks() { return []; }
    getLocalAudioTrack() { return null; }
    getLocalVideoTrack() { return null; }
    getMeetingUniqueId() { return 'standin-meeting-id'; }
    getConnectionState() { return 'connected'; }
    isP2PActive() { return false; }
    isE2EESupported() { return false; }
    isLobbySupported() { return OPTS.lobby; }
    isMembersOnly() { return this._membersOnly; }
    isEndConferenceSupported() { return OPTS.endConference; }
    isAVModerationSupported() { return true; }
    isSIPCallingSupported() { return false; }
    isCallstatsEnabled() { return false; }
    isStartAudioMuted() { return false; }
    isStartVideoMuted() { return false; }
    getStartMutedPolicy() { return { audio: false, video: false }; }
    getBreakoutRooms() { return this._breakout; }
    getMetadataHandler() { return tolerant({ getMetadata: () => ({}), setMetadata: () => undefined, isSupported: () => false }, 'MetadataHandler'); }
    getPolls() { return tolerant({ isSupported: () => false }, 'Polls'); }
    getSpeakerStats() { return {}; }
    getTranscriptionStatus() { return 'off'; }
    getFileSharing() { return undefined; }
    // commands and local properties
    addCommandListener() {} removeCommandListener() {} sendCommand() {} sendCommandOnce() {} removeCommand() {}
    setDisplayName(name) { this._displayName = name; }
    setLocalParticipantProperty() {} removeLocalParticipantProperty() {} setSubject() {} setSenderVideoConstraint() {}
    setReceiverConstraints() {} setAssumedBandwidthBps() {} sendEndpointMessage() {} broadcastEndpointMessage() {}
    sendMessage() {} sendPrivateTextMessage() {} sendTextMessage() {} sendFaceLandmarks() {} setStartMutedPolicy(p) { note('conference.setStartMutedPolicy', [JSON.stringify(p)]); }
    addTrack() { return Promise.resolve(); } replaceTrack() { return Promise.resolve(); } removeTrack() { return Promise.resolve(); }
    setTranscriptionLanguage() {} setReceiverVideoConstraint() {} setLastN() {}
    // join / leave
    join(password) {
      note('conference.join', [password]);
      this.room.myroomjid = `${this.room.roomjid}/${this._myId}`;
      setTimeout(() => {
        this.emit(CONFERENCE_EVENTS.CONFERENCE_JOIN_IN_PROGRESS);
        setTimeout(() => {
          this._joined = true;
          this.emit(CONFERENCE_EVENTS.CONFERENCE_JOINED);
          // Jicofo's auto-owner makes the first occupant moderator; the role arrives after the join.
          setTimeout(() => {
            this._role = 'moderator';
            this.emit(CONFERENCE_EVENTS.USER_ROLE_CHANGED, this._myId, 'moderator');
            this.emit(CONFERENCE_EVENTS.MEMBERS_ONLY_CHANGED, this._membersOnly);
            // Occupants that were already in the room.
            for (const p of this._members.values()) this.emit(CONFERENCE_EVENTS.USER_JOINED, p.getId(), p);
          }, 20);
        }, 20);
      }, 10);
    }
    leave(reason) {
      note('conference.leave', [reason]);
      const wasJoined = this._joined;
      this._joined = false;
      return new Promise(resolve => setTimeout(() => {
        if (wasJoined) this.emit(CONFERENCE_EVENTS.CONFERENCE_LEFT);
        resolve();
      }, 10));
    }
    // moderation
    lock(password) {
      note('conference.lock', [password]);
      if (!this.isModerator()) return Promise.reject(new Error('You are not moderator.'));
      return new Promise(resolve => setTimeout(() => {
        this._locked = Boolean(password); this.room.locked = this._locked;
        this.emit(CONFERENCE_EVENTS.LOCK_STATE_CHANGED, this._locked);
        resolve();
      }, 10));
    }
    unlock() { return this.lock(''); }
    enableLobby() {
      note('conference.enableLobby');
      if (!this.isModerator()) return Promise.reject(new Error('Not moderator'));
      return new Promise(resolve => setTimeout(() => { this._setMembersOnly(true); resolve(); }, 10));
    }
    disableLobby() { note('conference.disableLobby'); if (this.isModerator() && this._membersOnly) setTimeout(() => this._setMembersOnly(false), 10); }
    _setMembersOnly(on) { this._membersOnly = on; this.emit(CONFERENCE_EVENTS.MEMBERS_ONLY_CHANGED, on); }
    lobbyApproveAccess(ids) { note('conference.lobbyApproveAccess', [String(ids)]); }
    lobbyDenyAccess(id) { note('conference.lobbyDenyAccess', [id]); }
    kickParticipant(id, reason) {
      note('conference.kickParticipant', [id, reason]);
      const p = this._members.get(id);
      if (!p) return;
      setTimeout(() => {
        const local = tolerant(new Participant(this, this._myId, this._displayName, this._role), 'Participant');
        this.emit(CONFERENCE_EVENTS.PARTICIPANT_KICKED, local, p, reason);
        this._removeMember(id);
      }, 20);
    }
    grantOwner(id) { note('conference.grantOwner', [id]); const p = this._members.get(id); if (p) { p._role = 'moderator'; this.emit(CONFERENCE_EVENTS.USER_ROLE_CHANGED, id, 'moderator'); } }
    revokeOwner(id) { note('conference.revokeOwner', [id]); }
    muteParticipant(id, type) { note('conference.muteParticipant', [id, type]); }
    enableAVModeration(t) { note('conference.enableAVModeration', [t]); setTimeout(() => this.emit(CONFERENCE_EVENTS.AV_MODERATION_CHANGED, { enabled: true, mediaType: t, actor: undefined }), 10); }
    disableAVModeration(t) { note('conference.disableAVModeration', [t]); setTimeout(() => this.emit(CONFERENCE_EVENTS.AV_MODERATION_CHANGED, { enabled: false, mediaType: t, actor: undefined }), 10); }
    avModerationApprove(t, id) { note('conference.avModerationApprove', [t, id]); }
    avModerationReject(t, id) { note('conference.avModerationReject', [t, id]); }
    end() {
      note('conference.end');
      if (!this._joined) throw new Error('The conference is not joined');
      // The server destroys the MUC: every occupant, we included, gets CONFERENCE_FAILED conference.destroyed.
      setTimeout(() => this._destroyed('The meeting has been terminated'), 20);
    }
    _destroyed(reason) {
      this._joined = false;
      this.emit(CONFERENCE_EVENTS.CONFERENCE_FAILED, CONFERENCE_ERRORS.CONFERENCE_DESTROYED, reason);
    }
    // simulated occupants
    _addMember(name, role = 'participant') {
      const p = tolerant(new Participant(this, rid(), name, role), 'Participant');
      this._members.set(p.getId(), p);
      if (this._joined) this.emit(CONFERENCE_EVENTS.USER_JOINED, p.getId(), p);
      return p.getId();
    }
    _removeMember(id, reason) {
      const p = this._members.get(id);
      if (!p) return;
      this._members.delete(id);
      this.emit(CONFERENCE_EVENTS.USER_LEFT, id, p, reason);
    }
  }

  class Connection extends Emitter {
    constructor(appId, token, options) {
      super();
      note('JitsiConnection', [appId, token]);
      this.options = options;
      this.xmpp = tolerant({ connection: { jid: `${rid()}@${domain()}/standin` }, moderator: {} }, 'Connection.xmpp');
      this._conferences = new Set();
    }
    connect() {
      note('connection.connect');
      setTimeout(() => this.emit(CONNECTION_EVENTS.CONNECTION_ESTABLISHED, 'standin'), 10);
    }
    attach() { this.connect(); }
    disconnect() {
      note('connection.disconnect');
      return new Promise(resolve => setTimeout(() => { this.emit(CONNECTION_EVENTS.CONNECTION_DISCONNECTED); resolve(); }, 5));
    }
    getJid() { return this.xmpp.connection.jid; }
    setToken() {}
    getConnectionTimes() { return {}; }
    addFeature() {} removeFeature() {}
    initJitsiConference(name, options) {
      note('connection.initJitsiConference', [String(name)]);
      const c = tolerant(new Conference(this, String(name), options, name), 'Conference');
      this._conferences.add(c);
      window.__standin.conference = c;
      for (const [n, role] of window.__standin._pending.splice(0)) c._addMember(n, role);
      return c;
    }
  }

  // `JitsiMeetJS.util.browser`: a Chromium browser that supports what the SDK asks about; unknown
  // `isX()`/`supportsX()` questions answer false and are recorded.
  const browserKnown = {
    getName: () => 'chrome', getVersion: () => '120.0.0.0', isChrome: () => true, isChromiumBased: () => true,
    isWebKitBased: () => false, isFirefox: () => false, isSafari: () => false, isElectron: () => false,
    isReactNative: () => false, isIosBrowser: () => false, isMobileDevice: () => false, isTwa: () => false,
    isSupported: () => true, isSupportedAndroidBrowser: () => false, isSupportedIOSBrowser: () => false,
    isUserInteractionRequiredForUnmute: () => false, supportsVideoMuteOnConnInterrupted: () => true,
    isVersionGreaterThan: () => true, isVersionLessThan: () => false, isVersionEqualTo: () => false,
    supportsInsertableStreams: () => false, supportsEncodedTransform: () => false, supportsCodecSelectionAPI: () => true,
  };
  const browser = new Proxy(browserKnown, {
    get(t, p) {
      if (typeof p === 'symbol' || p in t || NEVER.has(p)) return t[p];
      miss(`browser.${p}`);
      return () => false;
    },
  });

  const mediaDevices = tolerant({
    isDeviceListAvailable: () => Promise.resolve(true),
    isDeviceChangeAvailable: () => false,
    isDevicePermissionGranted: () => Promise.resolve(false),
    isMultipleAudioInputSupported: () => false,
    enumerateDevices: cb => { setTimeout(() => cb([]), 0); },
    getAudioOutputDevice: () => 'default',
    setAudioOutputDevice: () => Promise.resolve(),
    addEventListener() {}, removeEventListener() {}, emit() {},
    getPermissionPromptIsShown: () => false,
  }, 'mediaDevices');

  const noop = () => undefined;
  const JitsiMeetJS = {
    version: 'standin0',
    app: undefined, // jitsi-meet's own namespace; the SDK's getJitsiMeetGlobalNS() creates it
    init: opts => { note('JitsiMeetJS.init'); },
    setLogLevel: noop, setLogLevelById: noop, setGlobalLogOptions: noop, addGlobalLogTransport: noop, removeGlobalLogTransport: noop,
    logLevels: { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', LOG: 'log', WARN: 'warn', ERROR: 'error' },
    JitsiConnection: Connection,
    events: {
      conference: enumOf('conference', CONFERENCE_EVENTS),
      connection: enumOf('connection', CONNECTION_EVENTS),
      track: enumOf('track', { TRACK_AUDIO_LEVEL_CHANGED: 'track.audioLevelsChanged', TRACK_MUTE_CHANGED: 'track.trackMuteChanged', LOCAL_TRACK_STOPPED: 'track.stopped' }),
      mediaDevices: enumOf('mediaDevices', { DEVICE_LIST_CHANGED: 'mediaDevices.devicechange', PERMISSIONS_CHANGED: 'rtc.permissions_changed', PERMISSION_PROMPT_IS_SHOWN: 'mediaDevices.permissionPromptIsShown' }),
      connectionQuality: enumOf('cq', { LOCAL_STATS_UPDATED: 'cq.local_stats_updated', REMOTE_STATS_UPDATED: 'cq.remote_stats_updated' }),
      detection: enumOf('detection', {}),
      e2eping: enumOf('e2eping', {}),
      rtcstats: enumOf('rtcstats', {}),
    },
    errors: {
      conference: enumOf('conference', CONFERENCE_ERRORS),
      connection: enumOf('connection', { CONNECTION_DROPPED_ERROR: 'connection.droppedError', OTHER_ERROR: 'connection.otherError', PASSWORD_REQUIRED: 'connection.passwordRequired' }),
      track: enumOf('gum', { PERMISSION_DENIED: 'gum.permission_denied', NOT_FOUND: 'gum.not_found' }),
      audioTranslation: enumOf('audioTranslation', {}),
    },
    constants: {
      recording: {
        error: { BUSY: 'busy', ERROR: 'error', RESOURCE_CONSTRAINT: 'resource-constraint', SERVICE_UNAVAILABLE: 'service-unavailable', UNEXPECTED_REQUEST: 'unexpected-request' },
        mode: { FILE: 'file', STREAM: 'stream' },
        status: { OFF: 'off', ON: 'on', PENDING: 'pending' },
      },
      transcriptionStatus: { ON: 'on', OFF: 'off', PENDING: 'pending' },
      trackStreamingStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
      participantConnectionStatus: { ACTIVE: 'active', INACTIVE: 'inactive', INTERRUPTED: 'interrupted', RESTORING: 'restoring' },
      sipVideoGW: enumOf('sipVideoGW', { STATUS_AVAILABLE: 'available', STATUS_UNDEFINED: 'undefined', STATUS_BUSY: 'busy' }),
      iceRestartReason: enumOf('iceRestartReason', {}),
      videoType: { CAMERA: 'camera', DESKTOP: 'desktop' },
    },
    analytics: tolerant({ addPermanentProperties() {}, setConferenceName() {}, sendEvent() {}, setAnalyticsHandlers() {}, dispose() {} }, 'analytics'),
    util: tolerant({ browser, ScriptUtil: { loadScript() {} } }, 'util'),
    mediaDevices,
    rtcstats: tolerant({ on() {}, sendStatsEntry() {}, start() {}, isTraceAvailable: () => false }, 'rtcstats'),
    createLocalTracks: opts => { note('JitsiMeetJS.createLocalTracks'); return Promise.resolve([]); },
    createTrackVADEmitter: () => Promise.reject(new Error('not in stand-in')),
    createAudioMixer: () => tolerant({}, 'AudioMixer'),
    isWebRtcSupported: () => true,
    isDesktopSharingEnabled: () => false,
    isCollectingLocalStats: () => false,
    getActiveAudioDevice: () => Promise.resolve({}),
    precallTest: tolerant({ init: () => Promise.resolve(), execute: () => Promise.resolve([]) }, 'precallTest'),
    setNetworkInfo: noop,
    ProxyConnectionService: class {},
  };
  window.JitsiMeetJS = tolerant(JitsiMeetJS, 'JitsiMeetJS');

  // Test-only controller (the real lib has nothing like it).
  window.__standin = {
    calls, missing, conference: undefined, _pending: [],
    /** A remote occupant joins the current conference (or the next one, if none yet). Returns its id. */
    addRemote(name = 'Student', role = 'participant') {
      const c = this.conference;
      if (!c) { this._pending.push([name, role]); return undefined; }
      return c._addMember(name, role);
    },
    removeRemote(id) { this.conference?._removeMember(id); },
    /** Another moderator toggles the lobby: the server's members-only change. */
    setMembersOnly(on) { this.conference?._setMembersOnly(on); },
    /** Another moderator kicks us. */
    kickMe(byName = 'Other teacher') {
      const c = this.conference; if (!c) return;
      const actor = c._addMember(byName, 'moderator');
      c._joined = false;
      c.emit(CONFERENCE_EVENTS.KICKED, c.getParticipantById(actor), 'You have been kicked.', false);
    },
    /** The room is destroyed (end for all by someone else). */
    destroyRoom(reason = 'The meeting has been terminated') { this.conference?._destroyed(reason); },
    /** The breakout-rooms component broadcasts the room list (lib BREAKOUT_ROOMS_UPDATED). */
    updateBreakoutRooms(rooms, roomCounter = Object.keys(rooms).length) {
      this.conference?.emit(CONFERENCE_EVENTS.BREAKOUT_ROOMS_UPDATED, { rooms, roomCounter });
    },
    /** The server asks us to switch rooms (lib BREAKOUT_ROOMS_MOVE_TO_ROOM), as when a moderator sends us. */
    moveMeTo(roomJid) { this.conference?.emit(CONFERENCE_EVENTS.BREAKOUT_ROOMS_MOVE_TO_ROOM, roomJid); },
    missingList() { return [...missing].map(([k, n]) => `${k} x${n}`); },
  };
})();
