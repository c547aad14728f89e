// MAIN-world script: the only code that touches Jitsi's JavaScript objects. It reports facts (a room
// snapshot) to the content script, carries out the moderator actions the extension sends, and guards
// the ways out of a lesson. Whatever a script on the page could forge here, it could do to Jitsi itself.
// No extension APIs here.
import { sameSnapshot, type RoomSnapshot } from '../core/room.ts';
import { createSendBudget } from '../core/send-budget.ts';
import {
  derivePhase,
  deriveSnapshot,
  findJitsiStore,
  hasJitsiGlobals,
  readJitsiVersion,
  readIsModerator,
  readLegacyConference,
  readSlices,
  sameParticipantFacts,
  sameParticipantShape,
  sameSlices,
  slicesChanged,
  unknownParticipantShape,
  type JitsiStore,
  type RoomSlices,
} from '../jitsi/adapter.ts';
import { performAction } from '../jitsi/actions.ts';
import { exposeOnPage, metered } from '../shared/dev-cost.ts';
import {
  createModeratorHistory,
  guardLeaving,
  keepJitsiFromLeavingOnBeforeUnload,
  leaveInfo,
  watchRoomSwitches,
  type LeaveDecision,
  type ModeratorHistory,
} from '../jitsi/leave-paths.ts';
import {
  isContentCommandMessage,
  isContentReadyMessage,
  isLeaveDecisionMessage,
  LEAVE_ATTEMPT_EVENT,
  PAGE_MESSAGE_SOURCE,
  PAGE_ROOM_EVENT,
  type LeaveAttemptMessage,
  type PageCommandResultMessage,
  type PageLessonEndedMessage,
  type PageRoomMessage,
} from '../shared/messages.ts';

/**
 * A busy lesson changes the store many times a second, but only a few changes alter the snapshot: those
 * go out at once (after the current task's dispatches, so one dispatch cascade is one message).
 * Sustained, at most 4.8 per second cross (the budget is 5, a burst of 10 included over a minute);
 * beyond that, changes wait for the next slot and merge.
 */
const SEND_BUDGET = { perSecond: 4.8, burst: 10 };
/** APP.store appears shortly after DOMContentLoaded (§1.1); give slow machines plenty of time. */
const STORE_WAIT_MS = 30_000;
const STORE_POLL_MS = 100;
/** Support checks (lobby, end-for-all, breakout) are conference methods, not redux (§2.8): re-ask now and then. */
const RECHECK_MS = 2_000;

/** A room switch (breakout rooms) that has not landed by then is treated as what it is: the teacher left. */
const SWITCH_WAIT_MS = 15_000;
/** After joining the new room, how long the moderator role may take to arrive before the state goes out anyway. */
const ROLE_AFTER_SWITCH_MS = 3_000;

/** The leave question in the companion's language (from the content script's "ready"), `$1` = people. */
let leaveQuestion = __LEAVE_FALLBACK_EN__;

const win = window as unknown as Record<string, unknown>;

const INSTALLED = Symbol.for('jitsi-moderator-companion.page');

function watchStore(store: JitsiStore, history: ModeratorHistory): void {
  const page = { host: location.host, jitsiVersion: readJitsiVersion(win) };
  let lastState: unknown;
  let lastSlices: RoomSlices | null = null;
  const participantShape = unknownParticipantShape();
  let current: RoomSnapshot | null = null;
  let lastSent: RoomSnapshot | null = null;
  const budget = createSendBudget(SEND_BUDGET);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** A send is already waiting (in a microtask or a timer): later changes just update `current`. */
  let pending = false;
  /**
   * While the teacher moves between the lesson's rooms, Jitsi leaves one conference and joins another
   * (§9.2): nothing is sent until the teacher is in the new room with a role, so that the background
   * never sees the switch as leaving (no lesson end, no "left people behind").
   */
  let switchingUntil = 0;
  watchRoomSwitches(readLegacyConference(win), () => (switchingUntil = performance.now() + SWITCH_WAIT_MS));
  const holdForSwitch = (slices: RoomSlices): boolean => {
    const now = performance.now();
    if (now >= switchingUntil) return false;
    if (derivePhase(slices, 'conference') !== 'conference') return true;
    // In the new room the moderator role comes by a separate presence after the join (§9.2): wait a
    // moment for it rather than report "not moderator" for an instant.
    const moderator = readIsModerator(slices.participants);
    if (moderator === true) switchingUntil = 0;
    else switchingUntil = Math.min(switchingUntil, now + ROLE_AFTER_SWITCH_MS);
    return switchingUntil !== 0;
  };

  /**
   * The tab is closing or reloading: Jitsi's clean-up on unload (§4.3) leaves the conference, which is not
   * the teacher leaving. Nothing more is said then (a posted message would not have arrived either), so
   * the background sees the tab close with the class inside.
   */
  let hidden = false;
  window.addEventListener('pagehide', () => (hidden = true));
  window.addEventListener('pageshow', () => (hidden = false));

  const flush = (resend = false): void => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
    if (!current || hidden || (!resend && sameSnapshot(current, lastSent))) return;
    if (switchingUntil && performance.now() < switchingUntil) return; // left the old room just now: a switch
    budget.spend(performance.now());
    const message: PageRoomMessage = { source: PAGE_MESSAGE_SOURCE, type: 'room', snapshot: (lastSent = current) };
    document.dispatchEvent(new CustomEvent(PAGE_ROOM_EVENT, { detail: JSON.stringify(message) }));
  };

  const onStoreChange = (): void => {
    // Redux calls subscribers after every dispatch, even when nothing changed (§5.2): the same root
    // state is nothing new; else compare slice references and derive only when one of ours was replaced.
    const state = store.getState();
    if (state === lastState) return;
    lastState = state;
    if (lastSlices && !slicesChanged(state, lastSlices)) return;
    const slices = readSlices(state);
    const onlyParticipants = lastSlices !== null && sameSlices(slices, lastSlices, 'participants');
    const sameShape = sameParticipantShape(slices.participants, participantShape);
    if (slices.participants !== lastSlices?.participants) history.update(slices.participants, derivePhase(slices, 'conference') === 'conference', performance.now());
    lastSlices = slices;
    if (switchingUntil && holdForSwitch(slices)) {
      participantShape.size = -1; // what is held back is counted afresh afterwards
      return;
    }
    // Mute and speaker changes: only the participants slice, and no count or role moved (the support
    // checks asked of the conference are re-asked every RECHECK_MS, which also counts everyone again).
    if (onlyParticipants && current?.phase === 'conference' && (sameShape || sameParticipantFacts(slices.participants, current))) return;
    const next = deriveSnapshot(slices, current?.phase ?? null, page);
    if (sameSnapshot(next, current)) return;
    // Never coalesce away the last state of a phase: "everyone removed, then I left" must reach the
    // background as such, not as "left while 12 were inside".
    if (current && next.phase !== current.phase && !sameSnapshot(current, lastSent)) flush();
    current = next;
    if (pending) return;
    pending = true;
    // Within budget: right after the current task's dispatches (a microtask, no timer and no 4 ms clamp);
    // else when the next message is allowed.
    const wait = budget.waitMs(performance.now());
    if (wait === 0) queueMicrotask(sendPending);
    else timer = setTimeout(sendPending, wait);
  };
  // Dev builds meter each entry point (dev-cost.ts); release builds keep none of it.
  const sendWaiting = (): void => {
    if (pending) flush();
  };
  const sendPending = __DEV_FLAVOUR__ ? metered('send', sendWaiting) : sendWaiting;

  store.subscribe(__DEV_FLAVOUR__ ? metered('store-listener', onStoreChange) : onStoreChange);
  onStoreChange();
  const onMessage = (event: MessageEvent): void => {
    if (event.source !== window) return;
    // The content script announces itself; answer with what we know (a forged "ready" only costs the page).
    if (isContentReadyMessage(event.data)) {
      leaveQuestion = event.data.leaveQuestion;
      if (current) flush(true);
    }
    // A moderator action from the popup. A script on the page could forge one, but it could call the same
    // Jitsi methods itself: this grants the page nothing it does not have. ("End the lesson and leave"
    // answers after the room has gone: the popup then shows the lasting "Lesson ended" card, which says
    // the same, so room updates are never held back for an answer.)
    if (isContentCommandMessage(event.data)) {
      const { id, action } = event.data;
      void performAction(store, action, readLegacyConference(win)).then((result) => {
        const reply: PageCommandResultMessage = { source: PAGE_MESSAGE_SOURCE, type: 'command-result', id, result };
        window.postMessage(reply, location.origin);
      });
    }
  };
  window.addEventListener('message', __DEV_FLAVOUR__ ? metered('page-message', onMessage) : onMessage);
  const recheck = (): void => {
    lastState = lastSlices = null;
    onStoreChange();
  };
  setInterval(__DEV_FLAVOUR__ ? metered('recheck', recheck) : recheck, RECHECK_MS);
}

/**
 * Asks the teacher: the content script draws its dialog synchronously inside the event's dispatch and
 * cancels the event; then its answer comes by message. Not cancelled (no content script, or its dialog
 * failed): the page asks with confirm(). Either way only the teacher's answer lets them leave.
 */
function askToLeave(store: JitsiStore, history: ModeratorHistory): Promise<{ decision: LeaveDecision; kickReason: string }> {
  const info = leaveInfo(store, history);
  if (!info) return Promise.resolve({ decision: 'leave', kickReason: '' });
  const id = crypto.randomUUID();
  let listener: (event: MessageEvent) => void = () => undefined;
  const answered = new Promise<{ decision: LeaveDecision; kickReason: string }>((resolve) => {
    listener = (event: MessageEvent): void => {
      if (event.source !== window || !isLeaveDecisionMessage(event.data) || event.data.id !== id) return;
      window.removeEventListener('message', listener);
      resolve({ decision: event.data.decision, kickReason: event.data.kickReason });
    };
    window.addEventListener('message', listener);
  });
  const attempt: LeaveAttemptMessage = { source: PAGE_MESSAGE_SOURCE, type: 'leave-attempt', id, ...info };
  const event = new CustomEvent(LEAVE_ATTEMPT_EVENT, { cancelable: true, detail: JSON.stringify(attempt) });
  if (!document.dispatchEvent(event)) return answered;
  window.removeEventListener('message', listener);
  const leave = window.confirm(leaveQuestion.replace('$1', String(info.remaining)));
  return Promise.resolve({ decision: leave ? 'leave' : 'stay', kickReason: '' });
}

/** Catches the ways out of a lesson the page can catch (see src/jitsi/leave-paths.ts). */
function guardLesson(store: JitsiStore, history: ModeratorHistory): void {
  let kickReason = '';
  guardLeaving(
    window,
    readLegacyConference(win),
    () => leaveInfo(store) !== null,
    () =>
      askToLeave(store, history).then((answer) => {
        kickReason = answer.kickReason;
        return answer.decision;
      }),
    async () => {
      const result = await performAction(store, { kind: 'end-lesson', endForAll: false, leave: true, kickReason }, readLegacyConference(win));
      // The teacher is told what happened, also after this page has left the room (lasting notice).
      const ended: PageLessonEndedMessage = { source: PAGE_MESSAGE_SOURCE, type: 'lesson-ended', result };
      window.postMessage(ended, location.origin);
    },
  );
  // Tab close, reload, navigation: the browser's own "Leave site?" prompt. Jitsi's clean-up waits for
  // `unload` (keepJitsiFromLeavingOnBeforeUnload), so "Stay" keeps the teacher in the lesson.
  window.addEventListener('beforeunload', (event) => {
    if (!leaveInfo(store)) return;
    event.preventDefault();
    event.returnValue = '';
  });
}

function start(): void {
  if (!hasJitsiGlobals(win)) return; // not a Jitsi page: no further work at all
  const deadline = performance.now() + STORE_WAIT_MS;
  const poll = (): void => {
    const store = findJitsiStore(win);
    if (store) {
      const history = createModeratorHistory();
      watchStore(store, history);
      guardLesson(store, history);
    }
    else if (performance.now() < deadline) setTimeout(poll, STORE_POLL_MS);
  };
  poll();
}

if (!win[INSTALLED as unknown as string]) {
  Object.defineProperty(window, INSTALLED, { value: true });
  if (__DEV_FLAVOUR__) exposeOnPage();
  keepJitsiFromLeavingOnBeforeUnload(win);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
