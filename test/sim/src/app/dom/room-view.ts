// The room page as jitsi-meet's Conference component lays it out (facts §1.2): `#layout_wrapper`
// (since 6173) > `#videoconference_page` > `#videospace`; the prejoin screen is rendered inside the
// conference page, and `#new-toolbox` only when neither prejoin nor lobby screen shows. The title
// becomes "<Room> | <APP_NAME>" when this mounts (Conference.tsx componentDidMount).
import * as A from '../action-types.ts';
import { isPrejoinEnabled } from '../url-config.ts';
import { localParticipant, remoteParticipants, type RootState } from '../reducers.ts';
import { strings } from '../i18n.ts';
import { changed, type Runtime } from '../runtime.ts';
import { conferenceTitle, roomTitle } from '../title.ts';
import { h, Region } from './h.ts';
import { buildPrejoin } from './prejoin.ts';
import { buildSecurityDialog } from './security-dialog.ts';
import { buildTiles, tilesKey } from './tiles.ts';
import { buildToolbox } from './toolbox.ts';

export interface RoomViewActions {
  joinConference(name: string): void;
  leaveConference(): void;
}

interface ConferenceLike {
  lock(password: string): Promise<void>;
  enableLobby(): Promise<void>;
  disableLobby(): void;
  isLobbySupported(): boolean;
  isEndConferenceSupported?(): boolean;
  end?(): void;
  getBreakoutRooms?(): { isBreakoutRoom(): boolean } | undefined;
  lobbyApproveAccess(id: string): void;
  lobbyDenyAccess(id: string): void;
}

export function isPrejoinVisible(state: RootState, runtime: Runtime): boolean {
  return state['features/prejoin'].showPrejoin && isPrejoinEnabled(state['features/base/config'], runtime.sim.app);
}

export function mountRoomView(root: HTMLElement, runtime: Runtime, actions: RoomViewActions): void {
  const store = runtime.store;
  if (!store || !runtime.room) return;
  const lang = String(runtime.config.defaultLanguage ?? runtime.sim.lang);
  const t = strings(lang);
  const variant = runtime.sim.app;
  const appName = String(runtime.interfaceConfig.APP_NAME ?? 'Jitsi Meet');
  let editingPassword = false;

  const videospace = h('div', { id: 'videospace' }, [h('div', { id: 'largeVideoContainer', class: 'large-video-container' })]);
  const tilesRegion = new Region(h('div', { class: 'tiles-region' }));
  videospace.append(tilesRegion.container);
  const prejoinRegion = new Region(h('div', { class: 'prejoin-region' }));
  const toolboxRegion = new Region(h('div', { class: 'toolbox-region' }));
  const noticeRegion = new Region(h('div', { id: 'notifications-container' }));
  const dialogRegion = new Region(h('div', { class: 'dialog-region' }));
  const page = h('div', { id: 'videoconference_page', class: 'tile-view' }, [
    videospace,
    prejoinRegion.container,
    toolboxRegion.container,
    noticeRegion.container,
  ]);
  root.replaceChildren(variant === 'current' ? h('div', { id: 'layout_wrapper' }, [page]) : page, dialogRegion.container);
  document.title = conferenceTitle(runtime.room, appName);

  const dispatch = (action: { type: string; [key: string]: unknown }) => store.dispatch(action);
  const conference = () => store.getState()['features/base/conference'].conference as unknown as ConferenceLike | undefined;

  // SDK toolbox/components/HangupButton.ts wraps its handler in lodash `once` per button instance (facts
  // §9.1): a click that reached it once does nothing again. React keeps the instance while the toolbox
  // stays mounted in the same hang-up mode; a new one comes when it mounts again (after prejoin) or
  // switches between the plain button and the moderator's menu.
  let hangupButton: { key: string; handler: () => void } | null = null;
  const hangupHandler = (key: string): (() => void) => {
    if (hangupButton?.key !== key) {
      let spent = false;
      hangupButton = {
        key,
        handler: () => {
          if (spent) return;
          spent = true;
          actions.leaveConference();
        },
      };
    }
    return hangupButton.handler;
  };

  const render = () => {
    const state = store.getState();
    const conferenceState = state['features/base/conference'];
    const current = conference();
    const local = localParticipant(state);
    const moderator = local?.role === 'moderator';
    const prejoinVisible = isPrejoinVisible(state, runtime);
    const remotes = remoteParticipants(state);

    prejoinRegion.update(JSON.stringify([prejoinVisible]), () =>
      prejoinVisible
        ? buildPrejoin({ variant, lang, roomTitle: roomTitle(runtime.room ?? ''), onJoin: actions.joinConference })
        : null,
    );

    tilesRegion.update(tilesKey(local, remotes), () => buildTiles(local, remotes));

    const inBreakout = Boolean(current?.getBreakoutRooms?.()?.isBreakoutRoom());
    const toolboxModel = {
      variant,
      lang,
      micLive: runtime.micLive,
      moderator,
      showHangupMenu: variant === 'current' && moderator && Boolean(current?.isEndConferenceSupported?.()) && !inBreakout,
      hangupMenuVisible: state['features/toolbox'].hangupMenuVisible,
      showSecurity: moderator,
    };
    if (prejoinVisible) hangupButton = null; // the toolbox is unmounted while prejoin shows
    toolboxRegion.update(JSON.stringify([prejoinVisible, toolboxModel]), () =>
      prejoinVisible
        ? null
        : buildToolbox(toolboxModel, {
            toggleMic: () => {
              runtime.micLive = !runtime.micLive;
              changed(runtime);
            },
            openSecurity: () => {
              runtime.securityDialogOpen = true;
              changed(runtime);
            },
            hangup: hangupHandler(JSON.stringify([toolboxModel.variant, toolboxModel.showHangupMenu])),
            leave: actions.leaveConference,
            endForAll: () => conference()?.end?.(),
            setHangupMenuVisible: (visible) => dispatch({ type: A.SET_HANGUP_MENU_VISIBLE, visible }),
          }),
    );

    const knockers = moderator ? state['features/lobby'].knockingParticipants : [];
    noticeRegion.update(JSON.stringify([runtime.notice, knockers]), () => [
      runtime.notice ? h('div', { class: 'notification', text: runtime.notice, attrs: { role: 'alert' } }) : null,
      ...knockers.map((knocker) =>
        h('div', { class: 'knocking-participant', attrs: { 'data-participant-id': knocker.id } }, [
          h('span', { class: 'knocking-name', text: `${knocker.name ?? ''} ${t.knocking}` }),
          h('button', { class: 'admit', text: t.admit, attrs: { type: 'button', 'aria-label': t.admit }, on: { click: () => conference()?.lobbyApproveAccess(knocker.id) } }),
          h('button', { class: 'reject', text: t.reject, attrs: { type: 'button', 'aria-label': t.reject }, on: { click: () => conference()?.lobbyDenyAccess(knocker.id) } }),
        ]),
      ),
    ]);

    const digits = state['features/base/config'].roomPasswordNumberOfDigits;
    const securityModel = {
      variant,
      lang,
      moderator,
      lobbySupported: Boolean(current?.isLobbySupported()),
      lobbyEnabled: state['features/lobby'].lobbyEnabled,
      locked: conferenceState.locked,
      password: conferenceState.password,
      passwordDigits: typeof digits === 'number' && digits > 0 ? digits : undefined,
      editingPassword,
    };
    dialogRegion.update(JSON.stringify([runtime.securityDialogOpen && Boolean(current), securityModel]), () =>
      runtime.securityDialogOpen && current
        ? buildSecurityDialog(securityModel, {
            close: () => {
              runtime.securityDialogOpen = false;
              editingPassword = false;
              changed(runtime);
            },
            // toggleLobbyMode thunk (SDK lobby/actions.any.ts)
            toggleLobby: (enabled) => {
              const room = conference();
              if (!room) return;
              if (enabled) room.enableLobby().catch((error: unknown) => console.warn('[jitsi-sim] enableLobby failed', error));
              else room.disableLobby();
            },
            setEditingPassword: (editing) => {
              editingPassword = editing;
              changed(runtime);
            },
            // setPassword(conference, conference.lock, pw) thunk: lock, then SET_PASSWORD with method = conference.lock.
            setPassword: (password) => {
              const room = conference();
              if (!room) return;
              room.lock(password).then(
                () => {
                  editingPassword = false;
                  dispatch({ type: A.SET_PASSWORD, conference: room, method: room.lock, password });
                },
                (error: unknown) => dispatch({ type: A.SET_PASSWORD_FAILED, error }),
              );
            },
          })
        : null,
    );
  };

  store.subscribe(render);
  runtime.onChange.add(render);
  render();
}
