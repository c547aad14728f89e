// The real Redux store (redux's createStore), with the few middleware side effects the extension
// can trigger or observe (facts §3.2, §4.3, §5.1) and Jitsi's StateListener that drops remote
// participants when the current conference changes. DOM-free except for the unload listener,
// which is only touched when a window exists.
import { applyMiddleware, compose, legacy_createStore as createStore, type Middleware, type Reducer, type Store, type StoreEnhancer } from 'redux';
import { CONFERENCE_ERRORS } from '../shared/constants.ts';
import type { AppVariant } from '../shared/sim-options.ts';
import * as A from './action-types.ts';
import { createRootReducer, getCurrentConference, remoteParticipants, type ConferenceRef, type RootState } from './reducers.ts';

/** The JitsiConference methods our middleware calls. */
interface ModeratedConference extends ConferenceRef {
  kickParticipant?(id: string): void;
  enableAVModeration?(mediaType: string): void;
  disableAVModeration?(mediaType: string): void;
}

export interface StoreServices {
  /** APP.conference.hangup(requestFeedback, hangupReason): the web middleware runs it on destroy/kick (facts §3.3, §3.4). */
  hangup?(requestFeedback: boolean, hangupReason?: string): void;
  /** Sees every action after the reducers (used for the page's notices). */
  onAction?(action: { type: string; [key: string]: unknown }): void;
  /** Where `beforeunload`/`unload` listeners go; undefined in node tests. */
  unloadTarget?: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined;
}

export type SimStore = Store<RootState>;

const AV_REQUESTS: Record<string, [mediaType: string, enable: boolean]> = {
  [A.REQUEST_ENABLE_AUDIO_MODERATION]: ['audio', true],
  [A.REQUEST_DISABLE_AUDIO_MODERATION]: ['audio', false],
  [A.REQUEST_ENABLE_VIDEO_MODERATION]: ['video', true],
  [A.REQUEST_DISABLE_VIDEO_MODERATION]: ['video', false],
};

function sideEffects(services: StoreServices): Middleware<object, RootState> {
  let removeUnloadHandler: (() => void) | undefined;
  return (store) => (next) => (action) => {
    const act = action as { type: string; [key: string]: unknown };
    const before = store.getState();
    const result = next(action);
    services.onAction?.(act);
    const conference = before['features/base/conference'].conference as ModeratedConference | undefined;
    switch (act.type) {
      case A.KICK_PARTICIPANT:
        // participants middleware (SDK base/participants/middleware.ts ~l.163)
        conference?.kickParticipant?.(act.id as string);
        break;
      case A.CONFERENCE_JOIN_IN_PROGRESS:
        store.dispatch({ type: A.SET_PREJOIN_PAGE_VISIBILITY, value: false });
        break;
      case A.CONFERENCE_JOINED: {
        // SDK base/conference/middleware.any.ts _conferenceJoined: leave on page unload, immediately.
        const target = services.unloadTarget;
        if (target) {
          const config = store.getState()['features/base/config'];
          const event = config.disableBeforeUnloadHandlers ? 'unload' : 'beforeunload';
          const joined = act.conference;
          const handler = () => store.dispatch({ type: A.CONFERENCE_WILL_LEAVE, conference: joined, isRedirect: false });
          removeUnloadHandler?.();
          target.addEventListener(event, handler);
          removeUnloadHandler = () => target.removeEventListener(event, handler);
        }
        break;
      }
      case A.CONFERENCE_LEFT:
        removeUnloadHandler?.();
        removeUnloadHandler = undefined;
        break;
      case A.CONFERENCE_FAILED: {
        removeUnloadHandler?.();
        removeUnloadHandler = undefined;
        const error = act.error as { name?: string } | undefined;
        // The same hangup(true, reason, notify) path as a kick (facts §3.4): a reason is passed.
        if (error?.name === CONFERENCE_ERRORS.CONFERENCE_DESTROYED) services.hangup?.(true, 'The meeting has been terminated');
        break;
      }
      case A.KICKED_OUT:
        services.hangup?.(true, 'You have been kicked out of the meeting');
        break;
      default: {
        const request = AV_REQUESTS[act.type];
        if (request && conference) {
          const [mediaType, enable] = request;
          if (enable) conference.enableAVModeration?.(mediaType);
          else conference.disableAVModeration?.(mediaType);
        }
      }
    }
    return result;
  };
}

/**
 * StateListener on `getCurrentConference` (facts §5.1 gotcha 1; SDK base/participants/middleware.ts
 * ~l.432): when it changes, every remote participant of another conference gets PARTICIPANT_LEFT.
 * So the remote count drops to 0 on our own leave — that is not an empty room.
 */
function watchCurrentConference(store: SimStore): void {
  let current = getCurrentConference(store.getState());
  store.subscribe(() => {
    const next = getCurrentConference(store.getState());
    if (next === current) return;
    current = next;
    for (const participant of remoteParticipants(store.getState())) {
      if (participant.conference !== next) {
        store.dispatch({ type: A.PARTICIPANT_LEFT, participant: { id: participant.id, conference: participant.conference } });
      }
    }
  });
}

type DevtoolsWindow = {
  __REDUX_DEVTOOLS_EXTENSION_COMPOSE__?: (...enhancers: StoreEnhancer[]) => StoreEnhancer;
  devToolsExtension?: () => StoreEnhancer;
};

/**
 * BaseApp._createStore: composes with `__REDUX_DEVTOOLS_EXTENSION_COMPOSE__` (stable/7210+) or, in the
 * 2021 app, appends `window.devToolsExtension()` (facts §5.2) — so an extension can hook in the same way.
 */
export function createSimStore(variant: AppVariant, services: StoreServices = {}, devtools: DevtoolsWindow = {}): SimStore {
  const middleware = applyMiddleware(sideEffects(services)) as StoreEnhancer;
  let enhancer: StoreEnhancer;
  if (variant === 'current') {
    const composeEnhancers = devtools.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ ?? compose;
    enhancer = composeEnhancers(middleware);
  } else {
    enhancer = typeof devtools.devToolsExtension === 'function' ? compose(middleware, devtools.devToolsExtension()) : middleware;
  }
  const rootReducer = createRootReducer(variant) as unknown as Reducer<RootState>;
  const store = createStore(rootReducer, enhancer) as unknown as SimStore;
  watchCurrentConference(store);
  return store;
}
