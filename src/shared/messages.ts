// Every message that crosses a context, declared once with its direction and its validator.
//   page → content:        window.postMessage, tagged; the page is untrusted. The leave attempt is a
//                           synchronous DOM event instead (LEAVE_ATTEMPT_EVENT)
//   content → page:        window.postMessage: "ready" handshake, commands, the teacher's leave decision
//   content → background:  a port (room updates), runtime.sendMessage
//   popup ⇄ background:    a port for the live room; requests with their replies (BackgroundRequests)
//                           for sites and moderator actions, through shared/background-client.ts
//   background → content:  requests with their replies (ContentRequests), e.g. a moderator action
//                           answered with its result;
//                           storage.local LEAVE_GUARD_PREFS_KEY for the leave guard
import {
  ACTION_FAILURES,
  END_STEPS,
  STEP_OUTCOMES,
  type ActionFailure,
  type ActionResult,
  type EndLessonOptions,
  type EndLessonReport,
  type EndStepResult,
  type RoomAction,
} from '../core/actions.ts';
import { isFlatCatalogue, type FlatCatalogue } from '../core/catalogue.ts';
import { ROOM_PHASES, SNAPSHOT_VERSION, WAITING_REASONS, type RoomSnapshot } from '../core/room.ts';
import { arrayOf, boundedString, count, isBoolean, isRecord, nullOr, object, oneOf, type Guard } from './validate.ts';

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
  passwordShort: maybeBoolean,
  passwordDigits: nullOr(count(64)),
  recording: maybeBoolean,
  livestream: maybeBoolean,
  endForAllSupported: maybeBoolean,
  startAudioMuted: maybeBoolean,
  startVideoMuted: maybeBoolean,
  audioModeration: maybeBoolean,
  videoModeration: maybeBoolean,
  waitingFor: nullOr(oneOf(WAITING_REASONS)),
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

/**
 * Room messages go as a synchronous DOM event on `document` (PAGE_ROOM_EVENT, detail = the message as
 * JSON), not by window.postMessage: no task and no structured clone for every 'message' listener of both
 * worlds, about half the lesson page's main-thread time per room change (issue 18, test/bench). A script
 * on the page can dispatch it too: the content script checks every one (parsePageRoomMessage).
 */
export const PAGE_ROOM_EVENT = 'jitsi-moderator-companion:room';

/** A message from a DOM event's detail (a string: it crosses the page/content-script boundary as is). */
function fromDetail<T>(detail: unknown, guard: Guard<T>): T | null {
  if (typeof detail !== 'string' || detail.length > 4_096) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return guard(value) ? value : null;
  } catch {
    return null;
  }
}

export const parsePageRoomMessage = (detail: unknown): PageRoomMessage | null => fromDetail(detail, isPageRoomMessage);

// ── content → page ────────────────────────────────────────────────────────────
/** Tag on content→page messages. The page can forge these too; they only ask for a resend. */
export const CONTENT_MESSAGE_SOURCE = 'jitsi-moderator-companion/content';

/** The content script is listening: the page script (re)sends its current snapshot, so none is lost. */
export interface ContentReadyMessage {
  source: typeof CONTENT_MESSAGE_SOURCE;
  type: 'ready';
  /**
   * The leave question in the companion's language (leaveGuardFallback, `$1` = people in the room), for
   * the page to ask by itself should the companion's dialog not come (e.g. the extension was updated).
   */
  leaveQuestion: string;
}

export const isContentReadyMessage: Guard<ContentReadyMessage> = object<ContentReadyMessage>({
  source: oneOf([CONTENT_MESSAGE_SOURCE] as const),
  type: oneOf(['ready'] as const),
  leaveQuestion: boundedString(1_000),
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

/** The teacher left the class alone and typed why (strong leave guard): kept with the lesson's log record. */
export interface LeaveReasonMessage {
  type: 'leave-reason';
  reason: string;
}

/** The leave dialog's "Remove everyone and leave" ran the end-of-lesson sequence in the page: its result. */
export interface LessonEndedMessage {
  type: 'lesson-ended';
  result: ActionResult;
}

/**
 * The teacher chose "Remove everyone and leave" in the leave dialog: the end-of-lesson sequence begins
 * (what it turns on, lobby and password, the lesson log shows as "only at the end").
 */
export interface LessonEndingMessage {
  type: 'lesson-ending';
}

export type ContentToBackground = RoomUpdateMessage | DocumentStartMessage | LeaveReasonMessage | LessonEndingMessage | LessonEndedMessage;

/**
 * background → content, through storage.local (key LEAVE_GUARD_PREFS_KEY): what the leave guard needs to
 * draw itself at once — the school's mode and the chosen language's messages. The content script reads it
 * when the page loads and follows its changes, so a hang-up never waits on the background (a Chromium
 * worker answers only once managed storage has loaded, seconds after the browser starts).
 */
export const LEAVE_GUARD_PREFS_KEY = 'leaveGuardPrefs';

export interface LeaveGuardPrefs {
  /** School policy "strongly warn": "Leave anyway" asks for a reason. */
  strong: boolean;
  /** The lesson log is on: a reason typed in strong mode is kept there (else none is asked). */
  keepsReason: boolean;
  /** The language the school or teacher chose for the companion; null: the browser's. */
  catalogue: FlatCatalogue | null;
}

/** Background → content, when the prefs change while lessons are open (ContentRequests, below). */
export type LeaveGuardPrefsMessage = ContentRequestOf['leave-guard-prefs'];

export const isLeaveGuardPrefsMessage = (value: unknown): value is LeaveGuardPrefsMessage =>
  object<LeaveGuardPrefsMessage>({ type: oneOf(['leave-guard-prefs'] as const), prefs: isLeaveGuardPrefs })(value);

/** Background → content: "is this frame still here?" (ContentRequests, below). */
export type FramePingMessage = ContentRequestOf['frame-ping'];

export const isLeaveGuardPrefs: Guard<LeaveGuardPrefs> = object<LeaveGuardPrefs>({
  strong: isBoolean,
  keepsReason: isBoolean,
  catalogue: nullOr(isFlatCatalogue),
});

/**
 * Content → background port for the frequent, answerless messages (document-start, room-update): one
 * channel per document instead of one per message (runtime.sendMessage), in the same order.
 */
export const ROOM_UPDATES_PORT = 'room-updates';

const isRoomUpdate = object<RoomUpdateMessage>({ type: oneOf(['room-update'] as const), snapshot: isRoomSnapshot });
const isDocumentStart = object<DocumentStartMessage>({ type: oneOf(['document-start'] as const) });

const isLessonEnding = object<LessonEndingMessage>({ type: oneOf(['lesson-ending'] as const) });

const isLeaveReason = object<LeaveReasonMessage>({
  type: oneOf(['leave-reason'] as const),
  reason: (value): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= 500,
});

export const isContentToBackground: Guard<ContentToBackground> = (value): value is ContentToBackground =>
  isRoomUpdate(value) || isDocumentStart(value) || isLeaveReason(value) || isLessonEnding(value) || isLessonEnded(value);

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

// ── moderator actions: popup → background → content → page, and the result back ──
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_DETAIL_LENGTH = 200;

const password: Guard<string> = (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_PASSWORD_LENGTH;

export const isRoomAction: Guard<RoomAction> = (value): value is RoomAction =>
  object<{ kind: 'enable-lobby' | 'read-password' }>({ kind: oneOf(['enable-lobby', 'read-password'] as const) })(value) ||
  object<{ kind: 'set-password'; password: string }>({ kind: oneOf(['set-password'] as const), password })(value) ||
  object<{ kind: 'set-start-muted'; audio: boolean; video: boolean }>({
    kind: oneOf(['set-start-muted'] as const),
    audio: isBoolean,
    video: isBoolean,
  })(value) ||
  object<{ kind: 'end-lesson' } & EndLessonOptions>({
    kind: oneOf(['end-lesson'] as const),
    endForAll: isBoolean,
    leave: isBoolean,
    kickReason: boundedString(MAX_DETAIL_LENGTH),
  })(value);

const isLessonEnded = (value: unknown): value is LessonEndedMessage =>
  object<LessonEndedMessage>({ type: oneOf(['lesson-ended'] as const), result: isActionResult })(value);

/** Page → content: the leave dialog's end-of-lesson sequence has finished (relayed as LessonEndedMessage). */
export interface PageLessonEndedMessage {
  source: typeof PAGE_MESSAGE_SOURCE;
  type: 'lesson-ended';
  result: ActionResult;
}

export const isPageLessonEndedMessage = (value: unknown): value is PageLessonEndedMessage =>
  object<PageLessonEndedMessage>({ source: oneOf([PAGE_MESSAGE_SOURCE] as const), type: oneOf(['lesson-ended'] as const), result: isActionResult })(value);

export const isEndLessonReport: Guard<EndLessonReport> = object<EndLessonReport>({
  steps: arrayOf(object<EndStepResult>({ step: oneOf(END_STEPS), outcome: oneOf(STEP_OUTCOMES) }), END_STEPS.length * 2),
  remaining: arrayOf(boundedString(MAX_ROOM_NAME_LENGTH), MAX_PEOPLE),
  hiddenRemaining: count(MAX_PEOPLE),
  knocking: count(MAX_PEOPLE),
  inLessonAtStart: count(MAX_PEOPLE),
  endedForAll: isBoolean,
  left: isBoolean,
});

export const isActionResult: Guard<ActionResult> = (value): value is ActionResult =>
  object<{ ok: true; report?: EndLessonReport; password?: string }>({ ok: oneOf([true] as const) }, { report: isEndLessonReport, password })(value) ||
  object<{ ok: false; failure: ActionFailure; detail?: string; report?: EndLessonReport }>(
    { ok: oneOf([false] as const), failure: oneOf(ACTION_FAILURES) },
    { detail: boundedString(MAX_DETAIL_LENGTH), report: isEndLessonReport },
  )(value);

// ── popup → background: each request with its reply (runtime.sendMessage; only from our popup page) ──
/**
 * What the popup may ask the background, each request declared with the reply it gets. The background
 * answers from a handler record over these names (the compiler checks that each is handled:
 * background/index.ts); the popup asks through one client (shared/background-client.ts) that checks each
 * reply before use. On the wire a request is `{ type, ...request }`.
 */
export interface BackgroundRequests {
  /** Turn the extension on for a site whose host permission the teacher just granted. */
  'enable-site': {
    request: {
      pattern: string;
      /** The teacher confirmed in the popup (the managed build, where no browser prompt asks: issue 16). */
      confirmed?: true;
    };
    /** confirm: the managed build, where the teacher confirms in the popup instead of a browser prompt. */
    reply: { ok: boolean; reason?: 'invalid' | 'not-granted' | 'confirm' };
  };
  /** Is the extension already on for this site (manifest, policy or the teacher's choice)? */
  'site-status': { request: { pattern: string }; reply: { enabled: boolean } };
  /** Look for a Jitsi room in this tab by running the bridge there once (activeTab). */
  'check-page': { request: { tabId: number }; reply: { ok: boolean; detail?: string } };
  /** Do this in that tab's lesson: background → content → page, and how it ended back. */
  'room-action': { request: { tabId: number; action: RoomAction }; reply: ActionResult };
}

export type BackgroundRequestType = keyof BackgroundRequests;
/** Each request as sent: its name in `type`, its fields beside it. */
export type BackgroundRequestOf = { [K in BackgroundRequestType]: { type: K } & BackgroundRequests[K]['request'] };
export type BackgroundRequest = BackgroundRequestOf[BackgroundRequestType];
export type BackgroundReply<K extends BackgroundRequestType> = BackgroundRequests[K]['reply'];

const sitePattern = boundedString(300);
const tabIdGuard = count(MAX_TAB_ID);

/**
 * The background checks each request (only our popup may send them, but its word is checked too), the
 * popup each reply: two records over the same names, apart only so that each side's bundle keeps its own.
 */
const REQUEST_GUARDS: { [K in BackgroundRequestType]: Guard<BackgroundRequestOf[K]> } = {
  'enable-site': object<BackgroundRequestOf['enable-site']>({ type: oneOf(['enable-site'] as const), pattern: sitePattern }, { confirmed: oneOf([true] as const) }),
  'site-status': object<BackgroundRequestOf['site-status']>({ type: oneOf(['site-status'] as const), pattern: sitePattern }),
  'check-page': object<BackgroundRequestOf['check-page']>({ type: oneOf(['check-page'] as const), tabId: tabIdGuard }),
  'room-action': object<BackgroundRequestOf['room-action']>({ type: oneOf(['room-action'] as const), tabId: tabIdGuard, action: isRoomAction }),
};

export const REPLY_GUARDS: { [K in BackgroundRequestType]: Guard<BackgroundReply<K>> } = {
  'enable-site': object<BackgroundReply<'enable-site'>>({ ok: isBoolean }, { reason: oneOf(['invalid', 'not-granted', 'confirm'] as const) }),
  'site-status': object<BackgroundReply<'site-status'>>({ enabled: isBoolean }),
  'check-page': object<BackgroundReply<'check-page'>>({ ok: isBoolean }, { detail: boundedString(300) }),
  'room-action': isActionResult,
};

export const isBackgroundRequest: Guard<BackgroundRequest> = (value): value is BackgroundRequest => {
  const type = isRecord(value) ? value.type : undefined;
  return typeof type === 'string' && Object.hasOwn(REQUEST_GUARDS, type) && REQUEST_GUARDS[type as BackgroundRequestType](value);
};

// ── background → content: each request with its reply (tabs.sendMessage; only from our background) ──
/**
 * What the background asks our content scripts, each request with the reply it gets. The content script
 * checks that a request comes from our background and is well formed (isPageCommandMessage,
 * isLeaveGuardPrefsMessage); the background checks each reply (askContentScript in background/index.ts,
 * whose reply guards live there: the popup shares this module's bundle and need not load them). On the
 * wire a request is `{ type, ...request }`.
 */
export interface ContentRequests {
  /** Pass this moderator action to the page script of the tab's lesson frame; how it ended comes back. */
  'page-command': { request: { action: RoomAction }; reply: ActionResult };
  /**
   * The leave guard's prefs changed while lessons are open (to every frame of the tab; answered with
   * nothing). The content script keeps no storage listener: storage.onChanged would bring every change of
   * the room's state into the lesson page (measured: about +1.5 ms of script per second of a busy lesson).
   */
  'leave-guard-prefs': { request: { prefs: LeaveGuardPrefs }; reply: unknown };
  /**
   * "Is this frame still here?" (an embedded lesson's frame): any content script of ours answers, with
   * nothing; a frame that is gone cannot answer.
   */
  'frame-ping': { request: Record<never, never>; reply: unknown };
}

export type ContentRequestType = keyof ContentRequests;
/** Each request as sent: its name in `type`, its fields beside it. */
export type ContentRequestOf = { [K in ContentRequestType]: { type: K } & ContentRequests[K]['request'] };
export type ContentReply<K extends ContentRequestType> = ContentRequests[K]['reply'];

export type PageCommandMessage = ContentRequestOf['page-command'];

export const isPageCommandMessage: Guard<PageCommandMessage> = object<PageCommandMessage>({
  type: oneOf(['page-command'] as const),
  action: isRoomAction,
});

/** Content → page: run this action; `id` pairs the answer with the question. */
export interface ContentCommandMessage {
  source: typeof CONTENT_MESSAGE_SOURCE;
  type: 'command';
  id: string;
  action: RoomAction;
}

export const isContentCommandMessage: Guard<ContentCommandMessage> = object<ContentCommandMessage>({
  source: oneOf([CONTENT_MESSAGE_SOURCE] as const),
  type: oneOf(['command'] as const),
  id: boundedString(64),
  action: isRoomAction,
});

/** Page → content: how the action ended. */
export interface PageCommandResultMessage {
  source: typeof PAGE_MESSAGE_SOURCE;
  type: 'command-result';
  id: string;
  result: ActionResult;
}

export const isPageCommandResultMessage: Guard<PageCommandResultMessage> = object<PageCommandResultMessage>({
  source: oneOf([PAGE_MESSAGE_SOURCE] as const),
  type: oneOf(['command-result'] as const),
  id: boundedString(64),
  result: isActionResult,
});

// ── leave guard: page → content → page ───────────────────────────────────────
/**
 * The teacher tried to leave a lesson with people in it. Sent as a synchronous, cancelable DOM event on
 * `document` (LEAVE_ATTEMPT_EVENT, detail = this message as JSON), not by postMessage: the content script
 * draws its dialog inside the dispatch and calls preventDefault(), so the page knows at once, with no
 * timer, whether the teacher is being asked. Not cancelled (no content script, or it failed) ⇒ the page
 * asks with its own confirm(). Never a silent leave.
 */
export const LEAVE_ATTEMPT_EVENT = 'jitsi-moderator-companion:leave-attempt';

export interface LeaveAttemptMessage {
  source: typeof PAGE_MESSAGE_SOURCE;
  type: 'leave-attempt';
  id: string;
  remaining: number;
  elsewhere: number;
  inBreakoutRoom: boolean;
  coModerators: string[];
  promotedModerators: string[];
  rightsPassToStudent: boolean;
}

export const isLeaveAttemptMessage: Guard<LeaveAttemptMessage> = object<LeaveAttemptMessage>({
  source: oneOf([PAGE_MESSAGE_SOURCE] as const),
  type: oneOf(['leave-attempt'] as const),
  id: boundedString(64),
  remaining: count(MAX_PEOPLE),
  elsewhere: count(MAX_PEOPLE),
  inBreakoutRoom: isBoolean,
  coModerators: arrayOf(boundedString(100), 5),
  promotedModerators: arrayOf(boundedString(100), 5),
  rightsPassToStudent: isBoolean,
});

/** The leave attempt in a DOM event's detail (a string: it crosses the page/content-script boundary as is). */
export const parseLeaveAttempt = (detail: unknown): LeaveAttemptMessage | null => fromDetail(detail, isLeaveAttemptMessage);

/** Content → page: what the teacher chose. */
export interface LeaveDecisionMessage {
  source: typeof CONTENT_MESSAGE_SOURCE;
  type: 'leave-decision';
  id: string;
  decision: 'leave' | 'stay' | 'end-and-leave';
  kickReason: string;
}

export const isLeaveDecisionMessage: Guard<LeaveDecisionMessage> = object<LeaveDecisionMessage>({
  source: oneOf([CONTENT_MESSAGE_SOURCE] as const),
  type: oneOf(['leave-decision'] as const),
  id: boundedString(64),
  decision: oneOf(['leave', 'stay', 'end-and-leave'] as const),
  kickReason: boundedString(MAX_DETAIL_LENGTH),
});
