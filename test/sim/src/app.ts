// Entry of libs/app.bundle.min.js: what jitsi-meet's app.js and react/index.web.js do (facts §1.1).
// On execution: `window.APP = {API, conference, translation, UI}` and `JitsiMeetJS.app`. Later,
// index.html's DOMContentLoaded listener calls renderEntryPoint, which creates the redux store
// asynchronously (BaseApp awaits storage first) and assigns `APP.store`; then the connection
// (`APP.connection`), prejoin or an immediate join.
import { FAKE_SERVER_SLOT, CONNECTION_EVENTS } from './shared/constants.ts';
import { parseRoomPath } from './shared/room-name.ts';
import { parseSimOptions } from './shared/sim-options.ts';
import type { FakeServer } from './lib/fake-server.ts';
import type { FakeJitsiConnection } from './lib/jitsi-connection.ts';
import * as A from './app/action-types.ts';
import { startAudioLevelNoise } from './app/audio-levels.ts';
import { createController } from './app/controller.ts';
import { mountControlPanel } from './app/control-panel.ts';
import { mountRoomView, isPrejoinVisible } from './app/dom/room-view.ts';
import { mountWelcomeView } from './app/dom/welcome-view.ts';
import { strings } from './app/i18n.ts';
import { createLegacyConference } from './app/legacy-conference.ts';
import { changed, type Runtime } from './app/runtime.ts';
import { createSimStore } from './app/store.ts';
import { applyUrlOverrides } from './app/url-config.ts';
import { CONFERENCE_ERRORS } from './shared/constants.ts';

// Only the globals this file touches (not `Window &`: test/e2e declares its own view of APP).
type PageWindow = {
  APP?: Record<string, unknown>;
  JitsiMeetJS?: Record<string, unknown> & { JitsiConnection?: new (appId: null, token: null, options: object) => FakeJitsiConnection };
  config?: Record<string, unknown>;
  interfaceConfig?: Record<string, unknown>;
  __jitsiSim?: unknown;
  [FAKE_SERVER_SLOT]?: FakeServer;
};
const page = window as unknown as PageWindow;

const sim = parseSimOptions(location.search);
const { room } = parseRoomPath(location.pathname);
const runtime: Runtime = {
  sim,
  server: room ? page[FAKE_SERVER_SLOT] : undefined,
  store: undefined,
  connection: undefined,
  room,
  config: {},
  interfaceConfig: {},
  micLive: true,
  noise: sim.noise,
  notice: undefined,
  securityDialogOpen: false,
  onChange: new Set(),
};

const noop = () => undefined;
/** On a normal tab the IFrame API is disabled: notify methods are no-ops (facts §1.1 APP.API). */
const API = new Proxy({ isEnabled: () => false, init: noop, dispose: noop }, {
  get: (target, property) => (property in target ? target[property as keyof typeof target] : noop),
});

const conference = createLegacyConference(runtime, (path) => location.assign(path));

page.APP = {
  API,
  conference,
  translation: { generateTranslationHTML: (key: string) => key, getCurrentLanguage: () => sim.lang },
  UI: {},
};

const joinConference = (name: string) => conference.prejoinStart(name);
// Defined at once on room pages, so tests can call whenJoined() right after navigation.
const controller = createController(runtime, conference, joinConference);
if (room) page.__jitsiSim = controller;

const connectionTimes: Record<string, number> = {};
const appNamespace = {
  entryPoints: { APP: 'App', PREJOIN: 'PrejoinApp', DIALIN: 'DialInSummaryApp', WHITEBOARD: 'WhiteboardApp' },
  renderEntryPoint,
  hasLoaded: false,
  connectionTimes,
};
if (page.JitsiMeetJS) page.JitsiMeetJS.app = appNamespace;
window.addEventListener('load', () => {
  appNamespace.hasLoaded = true;
});

/** Mirrors `globalNS.renderEntryPoint({Component, props, elementId = 'react'})`. */
function renderEntryPoint({ Component, elementId = 'react' }: { Component?: unknown; props?: unknown; elementId?: string } = {}): void {
  if (Component !== appNamespace.entryPoints.APP) return;
  const root = document.getElementById(elementId);
  if (!root) return;
  // BaseApp.componentDidMount: await storage init, then _createStore → APP.store.
  void Promise.resolve()
    .then(() => new Promise((resolve) => setTimeout(resolve, 15)))
    .then(() => startApp(root));
}

function startApp(root: HTMLElement): void {
  // Read window.config now (appNavigate → setConfig), so a content script may still change it before.
  const effective = applyUrlOverrides(page.config, page.interfaceConfig, location.hash);
  runtime.config = effective.config;
  runtime.interfaceConfig = effective.interfaceConfig;
  const lang = String(runtime.config.defaultLanguage ?? sim.lang);
  const t = strings(lang);

  const store = createSimStore(
    sim.app,
    {
      hangup: (requestFeedback, reason) => conference.hangup(requestFeedback, reason),
      unloadTarget: window,
      onAction: (action) => {
        const failure = (action.error as { name?: string } | undefined)?.name;
        if (action.type === A.CONFERENCE_FAILED && failure === CONFERENCE_ERRORS.CONFERENCE_DESTROYED) runtime.notice = t.terminated;
        else if (action.type === A.KICKED_OUT) runtime.notice = t.kicked;
        else if (action.type === A.CONNECTION_FAILED) runtime.notice = t.connectionLost;
        else return;
        changed(runtime);
      },
    },
    page as never,
  );
  runtime.store = store;
  page.APP!.store = store;

  store.dispatch({ type: A.SET_CONFIG, config: runtime.config });
  store.dispatch({ type: A.SET_LOCATION_URL, locationURL: new URL(location.href) });
  if (!room) {
    mountWelcomeView(root, lang);
    return;
  }
  store.dispatch({ type: A.SET_ROOM, room });
  // localParticipantJoined: id 'local' until we join (facts §2.2).
  store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'local', local: true, name: '', role: 'none' } });

  mountRoomView(root, runtime, { joinConference, leaveConference: () => conference.hangup(true) });
  mountControlPanel(runtime, controller);
  startAudioLevelNoise(runtime);
  connect(() => {
    if (!isPrejoinVisible(store.getState(), runtime)) conference.prejoinStart('');
  });
}

/** CONNECTION_WILL_CONNECT sets APP.connection (SDK base/connection/middleware.web.ts). */
function connect(onEstablished: () => void): void {
  const store = runtime.store;
  const Connection = page.JitsiMeetJS?.JitsiConnection;
  if (!store || !Connection) return;
  const connection = new Connection(null, null, { ...runtime.config });
  runtime.connection = connection;
  page.APP!.connection = connection;
  store.dispatch({ type: A.CONNECTION_WILL_CONNECT, connection });
  connection.addEventListener(CONNECTION_EVENTS.CONNECTION_ESTABLISHED, () => {
    store.dispatch({ type: A.CONNECTION_ESTABLISHED, connection, timeEstablished: Date.now() });
    onEstablished();
  });
  connection.addEventListener(CONNECTION_EVENTS.CONNECTION_DISCONNECTED, (message: string) =>
    store.dispatch({ type: A.CONNECTION_DISCONNECTED, connection, message }),
  );
  connection.addEventListener(CONNECTION_EVENTS.CONNECTION_FAILED, (name: string, message: string) =>
    store.dispatch({ type: A.CONNECTION_FAILED, connection, error: { name, message, recoverable: true } }),
  );
  connection.connect();
}
