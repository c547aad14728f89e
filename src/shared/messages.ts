// Every message that crosses a context, declared once with its direction and its validator.
//   page → content:        window.postMessage, tagged; the page is untrusted
//   content → page:        window.postMessage "ready" handshake
//   content → background:  runtime.sendMessage
//   popup → background:    none yet; the popup reads session storage
import { ROOM_PHASES, SNAPSHOT_VERSION, type RoomSnapshot } from '../core/room.ts';
import { boundedString, count, isBoolean, nullOr, object, oneOf, type Guard } from './validate.ts';

/** Tag on page→content messages; other postMessage traffic on the page is ignored. */
export const PAGE_MESSAGE_SOURCE = 'jitsi-moderator-companion/page';
export const MAX_ROOM_NAME_LENGTH = 256;
export const MAX_HOST_LENGTH = 253;
export const MAX_VERSION_LENGTH = 64;
/** More people than any lesson has; larger counts are a broken or hostile page. */
export const MAX_PEOPLE = 10_000;

const maybeBoolean = nullOr(isBoolean);
const maybePeople = nullOr(count(MAX_PEOPLE));

export const isRoomSnapshot: Guard<RoomSnapshot> = object<RoomSnapshot>({
  v: oneOf([SNAPSHOT_VERSION] as const),
  host: boundedString(MAX_HOST_LENGTH),
  phase: oneOf(ROOM_PHASES),
  roomName: nullOr(boundedString(MAX_ROOM_NAME_LENGTH)),
  jitsiVersion: nullOr(boundedString(MAX_VERSION_LENGTH)),
  isModerator: maybeBoolean,
  everyoneModerator: maybeBoolean,
  participants: maybePeople,
  breakoutParticipants: maybePeople,
  inBreakoutRoom: maybeBoolean,
  knocking: maybePeople,
  lobbySupported: maybeBoolean,
  lobbyEnabled: maybeBoolean,
  passwordSet: maybeBoolean,
  passwordDigits: nullOr(count(64)),
  recording: maybeBoolean,
  livestream: maybeBoolean,
  endForAllSupported: maybeBoolean,
  startAudioMuted: maybeBoolean,
  startVideoMuted: maybeBoolean,
  audioModeration: maybeBoolean,
  videoModeration: maybeBoolean,
});

// ── page → content ────────────────────────────────────────────────────────────
export interface PageRoomMessage {
  source: typeof PAGE_MESSAGE_SOURCE;
  type: 'room';
  snapshot: RoomSnapshot;
}

export const isPageRoomMessage: Guard<PageRoomMessage> = object<PageRoomMessage>({
  source: oneOf([PAGE_MESSAGE_SOURCE] as const),
  type: oneOf(['room'] as const),
  snapshot: isRoomSnapshot,
});

// ── content → page ────────────────────────────────────────────────────────────
/** Tag on content→page messages. The page can forge these too; they only ask for a resend. */
export const CONTENT_MESSAGE_SOURCE = 'jitsi-moderator-companion/content';

/** The content script is listening: the page script (re)sends its current snapshot, so none is lost. */
export interface ContentReadyMessage {
  source: typeof CONTENT_MESSAGE_SOURCE;
  type: 'ready';
}

export const isContentReadyMessage: Guard<ContentReadyMessage> = object<ContentReadyMessage>({
  source: oneOf([CONTENT_MESSAGE_SOURCE] as const),
  type: oneOf(['ready'] as const),
});

// ── content → background ──────────────────────────────────────────────────────
export interface RoomUpdateMessage {
  type: 'room-update';
  snapshot: RoomSnapshot;
}

/** Sent once per document: a navigation ended whatever the tab showed before. */
export interface DocumentStartMessage {
  type: 'document-start';
}

export type ContentToBackground = RoomUpdateMessage | DocumentStartMessage;

const isRoomUpdate = object<RoomUpdateMessage>({ type: oneOf(['room-update'] as const), snapshot: isRoomSnapshot });
const isDocumentStart = object<DocumentStartMessage>({ type: oneOf(['document-start'] as const) });

export const isContentToBackground: Guard<ContentToBackground> = (value): value is ContentToBackground =>
  isRoomUpdate(value) || isDocumentStart(value);

// ── popup ⇄ background (runtime port named ROOM_PORT) ─────────────────────────
export const ROOM_PORT = 'room-watch';
export const MAX_TAB_ID = 2 ** 31 - 1;

/** Popup → background: send me this tab's room now and on every change. */
export interface WatchRoomMessage {
  type: 'watch-room';
  tabId: number;
}

export const isWatchRoomMessage: Guard<WatchRoomMessage> = object<WatchRoomMessage>({
  type: oneOf(['watch-room'] as const),
  tabId: count(MAX_TAB_ID),
});

/** Background → popup: the tab's room (null: no Jitsi room in that tab). */
export interface RoomStateMessage {
  type: 'room-state';
  tabId: number;
  snapshot: RoomSnapshot | null;
}

export const isRoomStateMessage: Guard<RoomStateMessage> = object<RoomStateMessage>({
  type: oneOf(['room-state'] as const),
  tabId: count(MAX_TAB_ID),
  snapshot: nullOr(isRoomSnapshot),
});

// ── popup → background (runtime.sendMessage; only from our popup page) ───────
/** Turn the extension on for a site whose host permission the teacher just granted. */
export interface EnableSiteMessage {
  type: 'enable-site';
  pattern: string;
}

/** Is the extension already on for this site (manifest, policy or the teacher's choice)? */
export interface SiteStatusMessage {
  type: 'site-status';
  pattern: string;
}

/** Look for a Jitsi room in this tab by running the bridge there once (activeTab). */
export interface CheckPageMessage {
  type: 'check-page';
  tabId: number;
}

export type PopupToBackground = EnableSiteMessage | SiteStatusMessage | CheckPageMessage;

export interface CheckPageReply {
  ok: boolean;
  detail?: string;
}

export interface EnableSiteReply {
  ok: boolean;
  reason?: 'invalid' | 'not-granted';
}

export interface SiteStatusReply {
  enabled: boolean;
}

const sitePattern = boundedString(300);
const isEnableSite = object<EnableSiteMessage>({ type: oneOf(['enable-site'] as const), pattern: sitePattern });
const isSiteStatus = object<SiteStatusMessage>({ type: oneOf(['site-status'] as const), pattern: sitePattern });

const isCheckPage = object<CheckPageMessage>({ type: oneOf(['check-page'] as const), tabId: count(MAX_TAB_ID) });

export const isPopupToBackground: Guard<PopupToBackground> = (value): value is PopupToBackground =>
  isEnableSite(value) || isSiteStatus(value) || isCheckPage(value);
