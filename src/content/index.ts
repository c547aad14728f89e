// Isolated-world content script: a validating relay between the untrusted page script and the
// background. It forwards only well-formed room snapshots from this very document.
import type browser from 'webextension-polyfill';
import { answerCostQueries, metered } from '../shared/dev-cost.ts';
import { ext } from '../shared/ext.ts';
import { setCatalogue, t } from '../shared/i18n.ts';
import { showLeaveGuard, updateLeaveGuard, type LeaveChoice } from './leave-dialog.ts';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { createRelayQueue } from '../core/relay-queue.ts';
import {
  CONTENT_MESSAGE_SOURCE,
  isLeaveGuardPrefs,
  isLeaveGuardPrefsMessage,
  isPageCommandMessage,
  isPageCommandResultMessage,
  isPageLessonEndedMessage,
  LEAVE_ATTEMPT_EVENT,
  LEAVE_GUARD_PREFS_KEY,
  PAGE_ROOM_EVENT,
  parseLeaveAttempt,
  parsePageRoomMessage,
  type ContentCommandMessage,
  type ContentReadyMessage,
  type ContentToBackground,
  type LeaveDecisionMessage,
  type LeaveGuardPrefs,
  ROOM_UPDATES_PORT,
} from '../shared/messages.ts';

/** Jitsi's own calls (lobby needs the room's disco info) can take seconds; past this the teacher is told. */
const COMMAND_TIMEOUT_MS = 15_000;
/** The end-of-lesson sequence verifies the empty room for up to 15 s after its other steps. */
const END_LESSON_TIMEOUT_MS = 45_000;
const pendingCommands = new Map<string, (result: ActionResult) => void>();
/**
 * The page is untrusted: what it posts is relayed at most 5 times a second (a burst of 10; the page
 * script itself stays under that), newest first. Forged floods cost the worker nothing more.
 */
const roomRelay = createRelayQueue<RoomSnapshot>({ perSecond: 5, burst: 10 });
let relayTimer: ReturnType<typeof setTimeout> | undefined;
/** One "lesson ended" per this many milliseconds: each puts up a notification. */
const LESSON_ENDED_GAP_MS = 10_000;
let lessonEndedAt = -Infinity;

/** The newest thing the background should know about this document (its room, or that it started). */
let latest: ContentToBackground = { type: 'document-start' };
const MAX_RESENDS = 5;
/** A port closing this soon after a post may have taken that post with it (the worker was stopped). */
const RESEND_WINDOW_MS = 2_000;
let port: browser.Runtime.Port | null = null;
let lastPostAt = -Infinity;
/** Resends of the newest state since the last new update. */
let resends = 0;

function extensionAlive(): boolean {
  try {
    return Boolean(ext.runtime?.id);
  } catch {
    return false; // "Extension context invalidated"
  }
}

/** Extension reloaded or updated under this page: this script is orphaned; stop relaying. */
function stopRelaying(): void {
  window.removeEventListener('message', pageMessageListener);
  document.removeEventListener(PAGE_ROOM_EVENT, onPageRoom);
  document.removeEventListener(LEAVE_ATTEMPT_EVENT, onLeaveAttempt);
}

/**
 * Posts on the port (opened on demand: the worker may have stopped since). When the worker stops, the
 * port closes; if that happens right after a post, the update may be lost, so the newest state is sent
 * again, a few times at most per new update. A port that closes long after the last post (the worker
 * idling) is simply opened again with the next update.
 */
function send(message: ContentToBackground, resend = false): void {
  latest = message;
  if (!resend) resends = 0;
  try {
    // Throws once the extension is reloaded under this page ("Extension context invalidated").
    port ??= openPort();
    postRoom(port, message);
    lastPostAt = performance.now();
  } catch {
    port = null;
    sendAgainSoon();
  }
}

const postOnPort = (opened: browser.Runtime.Port, message: ContentToBackground): void => opened.postMessage(message);
/** The browser's part of a room update: dev builds meter it apart (it runs inside the page's 'send'). */
const postRoom = __DEV_FLAVOUR__ ? metered('within-send:port-post', postOnPort) : postOnPort;

/** A one-off message on the port (not kept for resending, unlike the room state). */
function post(message: ContentToBackground): void {
  try {
    port ??= openPort();
    port.postMessage(message);
  } catch {
    port = null;
  }
}

function sendAgainSoon(): void {
  if (!extensionAlive()) return stopRelaying();
  if (resends >= MAX_RESENDS) return;
  setTimeout(() => send(latest, true), 50 * 2 ** resends);
  resends += 1;
}

function openPort(): browser.Runtime.Port {
  const opened = ext.runtime.connect({ name: ROOM_UPDATES_PORT }) as browser.Runtime.Port;
  opened.onDisconnect.addListener(() => {
    if (port === opened) port = null;
    if (performance.now() - lastPostAt < RESEND_WINDOW_MS) sendAgainSoon();
    else if (!extensionAlive()) stopRelaying();
  });
  return opened;
}

/** Sends what the relay allows now; the rest when the budget allows. */
function relayRooms(): void {
  for (let next = roomRelay.next(performance.now()); next; next = roomRelay.next(performance.now())) send({ type: 'room-update', snapshot: next });
  const wait = roomRelay.waitMs(performance.now());
  if (wait !== Infinity && relayTimer === undefined) {
    relayTimer = setTimeout(relayLater, wait);
  }
}

const relayAgain = (): void => {
  relayTimer = undefined;
  relayRooms();
};
const relayLater = __DEV_FLAVOUR__ ? metered('relay-timer', relayAgain) : relayAgain;

/**
 * The page's room state: a DOM event on this document (PAGE_ROOM_EVENT), checked like every page message.
 * Runs inside the page script's dispatch: its time is counted there (dev-cost.ts), not here.
 */
function onPageRoom(event: Event): void {
  const message = parsePageRoomMessage((event as CustomEvent<unknown>).detail);
  if (!message) return;
  roomRelay.push(message.snapshot);
  relayRooms();
}

function onPageMessage(event: MessageEvent): void {
  if (event.source !== window || event.origin !== location.origin) return;
  if (isPageCommandResultMessage(event.data)) {
    pendingCommands.get(event.data.id)?.(event.data.result);
  } else if (isPageLessonEndedMessage(event.data)) {
    const now = performance.now();
    if (now - lessonEndedAt < LESSON_ENDED_GAP_MS) return;
    lessonEndedAt = now;
    post({ type: 'lesson-ended', result: event.data.result });
  }
  // anything else: foreign or malformed traffic, ignored
}
const pageMessageListener = __DEV_FLAVOUR__ ? metered('content-message', onPageMessage) : onPageMessage;

const DECISIONS: Record<LeaveChoice, LeaveDecisionMessage['decision']> = {
  'end-and-leave': 'end-and-leave',
  stay: 'stay',
  'leave-anyway': 'leave',
};

/** The leave guard's mode and language, kept ready by the background (never waited for at a hang-up). */
let prefs: LeaveGuardPrefs = { strong: false, keepsReason: false, catalogue: null };

function adoptPrefs(value: unknown): void {
  if (!isLeaveGuardPrefs(value)) return;
  const question = t('leaveGuardFallback', '$1');
  prefs = value;
  setCatalogue(prefs.catalogue);
  updateLeaveGuard({ strong: prefs.strong, keepsReason: prefs.keepsReason }); // a dialog already open follows (language too)
  // Only a new language is news for the page (its own question); no resend of the room otherwise.
  if (t('leaveGuardFallback', '$1') !== question) tellPageTheLanguage();
}

function loadPrefs(): void {
  ext.storage.local.get(LEAVE_GUARD_PREFS_KEY).then((stored) => adoptPrefs(stored[LEAVE_GUARD_PREFS_KEY]), () => undefined);
  // Later changes come from the background (LeaveGuardPrefsMessage), not from a storage listener.
}

/**
 * The teacher hung up with people in the room (leave guard). Runs inside the page's dispatch: the dialog
 * is drawn now, from what this script already knows, and the event cancelled to tell the page so. If
 * anything fails (the extension was updated under this page, the dialog cannot be drawn) the event stays
 * uncancelled and the page asks the teacher itself.
 */
function onLeaveAttempt(event: Event): void {
  if (!extensionAlive()) return stopRelaying();
  const attempt = parseLeaveAttempt((event as CustomEvent<unknown>).detail);
  if (!attempt) return;
  let answer: ReturnType<typeof showLeaveGuard>;
  try {
    answer = showLeaveGuard({
      remaining: attempt.remaining,
      elsewhere: attempt.elsewhere,
      inBreakoutRoom: attempt.inBreakoutRoom,
      coModerators: attempt.coModerators,
      promotedModerators: attempt.promotedModerators,
      rightsPassToStudent: attempt.rightsPassToStudent,
      strong: prefs.strong,
      keepsReason: prefs.keepsReason,
    });
  } catch (error) {
    console.error('[companion] leave dialog', error); // the page asks instead
    return;
  }
  event.preventDefault();
  void answer.then(({ choice, reason }) => {
    // The reason first, on the port the room updates take: it reaches the lesson before "left" does.
    if (reason) post({ type: 'leave-reason', reason });
    if (choice === 'end-and-leave') post({ type: 'lesson-ending' });
    const decision: LeaveDecisionMessage = {
      source: CONTENT_MESSAGE_SOURCE,
      type: 'leave-decision',
      id: attempt.id,
      decision: DECISIONS[choice],
      kickReason: t('kickReason'),
    };
    window.postMessage(decision, location.origin);
  });
}

/** Asks the page script to act and waits for its answer (or the timeout). */
function runInPage(action: RoomAction): Promise<ActionResult> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const finish = (result: ActionResult): void => {
      clearTimeout(timer);
      pendingCommands.delete(id);
      resolve(result);
    };
    const timeout = action.kind === 'end-lesson' ? END_LESSON_TIMEOUT_MS : COMMAND_TIMEOUT_MS;
    const timer = setTimeout(() => finish({ ok: false, failure: 'timeout' }), timeout);
    pendingCommands.set(id, finish);
    const command: ContentCommandMessage = { source: CONTENT_MESSAGE_SOURCE, type: 'command', id, action };
    window.postMessage(command, location.origin);
  });
}

/**
 * Answers through `sendResponse` (returning true keeps the channel open): Chrome's native `chrome` API,
 * used where no `browser` namespace exists, does not take a returned promise as the answer.
 */
function onExtensionMessage(message: unknown, sender: browser.Runtime.MessageSender, sendResponse: (answer?: ActionResult) => void): true {
  // Only our background (no tab) gives commands or new prefs; anything else gets no answer.
  const fromBackground = sender.id === ext.runtime.id && !sender.tab;
  if (fromBackground && isLeaveGuardPrefsMessage(message)) {
    adoptPrefs(message.prefs);
    sendResponse();
  } else if (!fromBackground || !isPageCommandMessage(message)) sendResponse();
  else void runInPage(message.action).then(sendResponse);
  return true;
}

/**
 * Handshake: should the page script have posted before we listened, it sends its snapshot again. It also
 * learns the leave question in the companion's language, to ask by itself if our dialog cannot be shown.
 */
function tellPageTheLanguage(): void {
  const ready: ContentReadyMessage = { source: CONTENT_MESSAGE_SOURCE, type: 'ready', leaveQuestion: t('leaveGuardFallback', '$1') };
  window.postMessage(ready, location.origin);
}

/**
 * A lesson embedded in a school platform runs in a frame (docs/jitsi.md §11). Such a frame says nothing
 * until its page finds a room: a frame of ours that is not a lesson (or an empty one) stays as quiet as
 * a page that is not Jitsi, and never resets the tab's lesson.
 */
const IS_TOP_FRAME = window === window.top;

/** This document is (again) the one shown in the tab: reset the tab, then ask the page for its room. */
function announce(): void {
  if (IS_TOP_FRAME) send({ type: 'document-start' });
  tellPageTheLanguage();
}

function start(): void {
  if (__DEV_FLAVOUR__) answerCostQueries();
  loadPrefs();
  window.addEventListener('message', pageMessageListener);
  document.addEventListener(PAGE_ROOM_EVENT, onPageRoom);
  document.addEventListener(LEAVE_ATTEMPT_EVENT, onLeaveAttempt);
  ext.runtime.onMessage.addListener(onExtensionMessage);
  announce();
  // Back from the back/forward cache: the background forgot this document when the tab navigated away.
  // (A page can dispatch its own `pageshow`: only the browser's counts.)
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && event.isTrusted) announce();
  });
}

// The popup's "check this page" may inject this script into a page that already runs it.
const INSTALLED = Symbol.for('jitsi-moderator-companion.content');
const scope = globalThis as Record<symbol, unknown>;
// Without a real extension API (see ext.ts) there is nothing to relay to: stay silent.
if (scope[INSTALLED] !== true && ext) {
  scope[INSTALLED] = true;
  start();
}
