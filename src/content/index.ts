// Isolated-world content script: a validating relay between the untrusted page script and the
// background. It forwards only well-formed room snapshots from this very window.
import type browser from 'webextension-polyfill';
import { ext } from '../shared/ext.ts';
import { setCatalogue, t } from '../shared/i18n.ts';
import { showLeaveGuard, type LeaveChoice } from './leave-dialog.ts';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import {
  CONTENT_MESSAGE_SOURCE,
  isLeaveAttemptMessage,
  isLeaveGuardModeReply,
  isPageCommandMessage,
  isPageCommandResultMessage,
  isPageRoomMessage,
  type ContentCommandMessage,
  type ContentReadyMessage,
  type ContentToBackground,
  type LeaveAckMessage,
  type LeaveAttemptMessage,
  type LeaveDecisionMessage,
  type LeaveGuardModeMessage,
  type LeaveGuardModeReply,
  ROOM_UPDATES_PORT,
} from '../shared/messages.ts';

/** Jitsi's own calls (lobby needs the room's disco info) can take seconds; past this the teacher is told. */
const COMMAND_TIMEOUT_MS = 15_000;
/** The end-of-lesson sequence verifies the empty room for up to 15 s after its other steps. */
const END_LESSON_TIMEOUT_MS = 45_000;
const pendingCommands = new Map<string, (result: ActionResult) => void>();

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
  window.removeEventListener('message', onPageMessage);
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
    port.postMessage(message);
    lastPostAt = performance.now();
  } catch {
    port = null;
    sendAgainSoon();
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

function onPageMessage(event: MessageEvent): void {
  if (event.source !== window || event.origin !== location.origin) return;
  if (isPageRoomMessage(event.data)) {
    send({ type: 'room-update', snapshot: event.data.snapshot });
  } else if (isPageCommandResultMessage(event.data)) {
    pendingCommands.get(event.data.id)?.(event.data.result);
  } else if (isLeaveAttemptMessage(event.data)) {
    void askTeacherBeforeLeaving(event.data);
  }
  // anything else: foreign or malformed traffic, ignored
}

const DECISIONS: Record<LeaveChoice, LeaveDecisionMessage['decision']> = {
  'end-and-leave': 'end-and-leave',
  stay: 'stay',
  'leave-anyway': 'leave',
};

/**
 * School policy may ask for a typed reason before leaving a class alone, and may have chosen the
 * companion's language; if the background cannot say, warn normally in the browser's language.
 */
async function askLeaveGuardMode(): Promise<LeaveGuardModeReply> {
  const ask: LeaveGuardModeMessage = { type: 'leave-guard-mode' };
  try {
    const reply: unknown = await ext.runtime.sendMessage(ask);
    if (isLeaveGuardModeReply(reply)) return reply;
  } catch {
    // the extension is being updated or reloaded
  }
  return { strong: false, catalogue: null };
}

/** The teacher hung up with people in the room: the in-page dialog asks what to do (leave guard). */
async function askTeacherBeforeLeaving(attempt: LeaveAttemptMessage): Promise<void> {
  const ack: LeaveAckMessage = { source: CONTENT_MESSAGE_SOURCE, type: 'leave-ack', id: attempt.id };
  window.postMessage(ack, location.origin);
  const mode = await askLeaveGuardMode();
  setCatalogue(mode.catalogue);
  const { choice } = await showLeaveGuard({
    remaining: attempt.remaining,
    coModerators: attempt.coModerators,
    rightsPassToStudent: attempt.rightsPassToStudent,
    strong: mode.strong,
  });
  const decision: LeaveDecisionMessage = {
    source: CONTENT_MESSAGE_SOURCE,
    type: 'leave-decision',
    id: attempt.id,
    decision: DECISIONS[choice],
    kickReason: t('kickReason'),
  };
  window.postMessage(decision, location.origin);
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
  // Only our background (no tab) gives commands; anything else gets no answer.
  if (sender.id !== ext.runtime.id || sender.tab || !isPageCommandMessage(message)) sendResponse();
  else void runInPage(message.action).then(sendResponse);
  return true;
}

/** This document is (again) the one shown in the tab: reset the tab, then ask the page for its room. */
function announce(): void {
  send({ type: 'document-start' });
  // Handshake: should the page script have posted before we listened, it sends its snapshot again.
  const ready: ContentReadyMessage = { source: CONTENT_MESSAGE_SOURCE, type: 'ready' };
  window.postMessage(ready, location.origin);
}

function start(): void {
  window.addEventListener('message', onPageMessage);
  ext.runtime.onMessage.addListener(onExtensionMessage);
  announce();
  // Back from the back/forward cache: the background forgot this document when the tab navigated away.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) announce();
  });
}

// The popup's "check this page" may inject this script into a page that already runs it.
const INSTALLED = Symbol.for('jitsi-moderator-companion.content');
const scope = globalThis as Record<symbol, unknown>;
if (scope[INSTALLED] !== true) {
  scope[INSTALLED] = true;
  start();
}
