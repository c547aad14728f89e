// Stand-in for jitsi-meet's root conference.js (APP.conference), which the SDK does not ship.
// It drives the SDK's real redux code: the conference object is created and wired to redux by the
// SDK's own createConference() thunk (the path the mobile app uses), so lib events reach the store
// through the SDK's _addConferenceListeners and feature middlewares, not through code of ours.
import { conferenceWillLeave, createConference } from '@jitsi/react-native-sdk/react/features/base/conference/actions';
import { connect } from '@jitsi/react-native-sdk/react/features/base/connection/actions.web';
import { gumPending, setInitialGUMPromise } from '@jitsi/react-native-sdk/react/features/base/media/actions';
import { MEDIA_TYPE } from '@jitsi/react-native-sdk/react/features/base/media/constants';
import { IGUMPendingState } from '@jitsi/react-native-sdk/react/features/base/media/types';
import { localParticipantAudioLevelChanged } from '@jitsi/react-native-sdk/react/features/base/participants/actions';
import { destroyLocalTracks } from '@jitsi/react-native-sdk/react/features/base/tracks/actions';
import { maybeRedirectToWelcomePage } from '@jitsi/react-native-sdk/react/features/app/actions.web';
import { maybeOpenFeedbackDialog } from '@jitsi/react-native-sdk/react/features/feedback/actions.web';
import { initPrejoin, isPrejoinPageVisible } from '@jitsi/react-native-sdk/react/features/prejoin/functions';

const store = () => window.APP.store;
let room; // the current JitsiConference (stand-in lib object)

const legacyConference = {
  roomName: undefined,
  _room: undefined,
  _localTracksInitialized: false,
  isSharingScreen: false,

  /** Called by the SDK's conference/actions.web.ts init() once the Conference component mounts. */
  async init({ roomName, shouldDispatchConnect }) {
    this.roomName = roomName;
    const { dispatch, getState } = store();
    const tracks = []; // no media in tests: JitsiMeetJS.createLocalTracks resolves []
    const errors = {};
    const { initialGUMPromise } = getState()['features/base/media'];
    if (isPrejoinPageVisible(getState())) {
      dispatch(gumPending([MEDIA_TYPE.AUDIO, MEDIA_TYPE.VIDEO], IGUMPendingState.NONE));
      initPrejoin(tracks, errors, dispatch);
      initialGUMPromise?.resolve({ tracks, errors });
      dispatch(setInitialGUMPromise());
    } else {
      initialGUMPromise?.resolve({ tracks, errors });
    }
    this._localTracksInitialized = true;
    if (shouldDispatchConnect) dispatch(connect());
  },

  /** Called by base/conference/middleware.web.ts on CONNECTION_ESTABLISHED. */
  startConference(tracks = []) {
    return this._createRoom();
  },

  _createRoom() {
    const { dispatch, getState } = store();
    // createConference(): initJitsiConference, _conferenceWillJoin, SDK listeners, sendLocalParticipant, join().
    dispatch(createConference(this.roomName));
    room = getState()['features/base/conference'].joining;
    this._room = room; // "FIXME do not use this" in the real app, but the companion may read it
    // conference.js's local audio-level listener (its _setupListeners; the SDK's own conference listeners
    // have none): docs/jitsi.md §5.3. No media here: the test controller's load feeds the lib event.
    room?.on(window.JitsiMeetJS.events.conference.TRACK_AUDIO_LEVEL_CHANGED, (id, level) => {
      if (this.isLocalId(id)) dispatch(localParticipantAudioLevelChanged(level));
    });
    return Promise.resolve();
  },

  /** Breakout rooms (breakout-rooms/actions.ts moveToRoom, web branch). */
  async joinRoom(roomName, options) {
    this.roomName = roomName; // may be a String with .domain (breakout.<domain>), kept for createConference()
    this._localTracksInitialized = false;
    const { dispatch } = store();
    const { conferenceWillInit } = await import('@jitsi/react-native-sdk/react/features/base/conference/actions');
    dispatch(conferenceWillInit());
    this._localTracksInitialized = true;
    return this._createRoom();
  },

  async leaveRoom(doDisconnect = true, reason = '') {
    store().dispatch(conferenceWillLeave(room));
    if (room && room.isJoined()) {
      await room.leave(reason);
    }
    if (doDisconnect) await window.APP.connection?.disconnect();
  },

  /**
   * The real hangup(requestFeedback, hangupReason, notifyOnConferenceTermination) returns nothing. With
   * requestFeedback, conference.js asks the SDK's maybeOpenFeedbackDialog, which (feedback off, as here)
   * answers {showThankYou: true}: the "thank you" toast and the welcome page after 3 s; without it, {}:
   * the welcome page after 0.5 s.
   */
  hangup(requestFeedback = false, hangupReason, notifyOnConferenceTermination) {
    const { dispatch } = store();
    dispatch(destroyLocalTracks());
    this._localTracksInitialized = false;
    const conference = room;
    const feedback = requestFeedback && conference ? dispatch(maybeOpenFeedbackDialog(conference, hangupReason)).catch(() => ({})) : Promise.resolve({});
    Promise.allSettled([feedback, this.leaveRoom().catch(() => undefined)]).then(([result]) => {
      this._room = undefined;
      room = undefined;
      window.APP.API.notifyReadyToClose();
      dispatch(maybeRedirectToWelcomePage(result.value ?? {}));
    });
  },

  isJoined() { return Boolean(room && room.isJoined()); },
  getMyUserId() { return room && room.myUserId(); },
  isLocalId(id) { return this.getMyUserId() === id; },
  listMembers() { return room ? room.getParticipants() : []; },
  listMembersIds() { return this.listMembers().map(p => p.getId()); },
  get membersCount() { return this.listMembers().filter(p => !p.isHidden()).length + 1; },
  isParticipantModerator(id) { return Boolean(room?.getParticipantById(id)?.isModerator()); },
  getParticipantById(id) { return room ? room.getParticipantById(id) : null; },

  // Media controls the toolbox calls; no media exists in the stand-in.
  isLowBandwidthMode() { return Boolean(store()?.getState()['features/base/low-bandwidth-mode']?.enabled); },
  getConnectionState() { return room?.getConnectionState(); },
  getStats() { return room?.connectionQuality?.getStats?.() ?? {}; },
  sendEndpointMessage(to, payload) { room?.sendEndpointMessage(to, payload); },
  setLocalParticipantProperties() {}, submitFeedback() {}, updateVideoIconEnabled() {},
  onProxyConnectionEvent() {}, onExternalShareSignal() {},
  commands: { defaults: {}, addCommandListener() {}, removeCommand() {}, sendCommand() {}, sendCommandOnce() {} },
  isLocalAudioMuted() { return Boolean(store().getState()['features/base/media'].audio.muted); },
  isLocalVideoMuted() { return Boolean(store().getState()['features/base/media'].video.muted); },
  muteAudio() {},
  muteVideo() {},
  toggleAudioMuted() {},
  toggleVideoMuted() {},
  updateAudioIconEnabled() {},
  setVideoMuteStatus() {},
  onAudioDeviceChanged() {}, onVideoDeviceChanged() {}, onToggleLowBandwidthMode() {}, onSuspendDetected() {},
  changeLocalEmail() {}, changeLocalDisplayName() {}, changeLocalAvatarUrl() {},
};

export default legacyConference;
