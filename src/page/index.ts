// MAIN-world script: the only code that touches Jitsi's JavaScript objects. It reports facts (a room
// snapshot) to the content script and never acts on what the page says. No extension APIs here.
import { sameSnapshot, type RoomSnapshot } from '../core/room.ts';
import {
  deriveSnapshot,
  findJitsiStore,
  hasJitsiGlobals,
  readJitsiVersion,
  readLegacyConference,
  readSlices,
  sameSlices,
  type JitsiStore,
  type RoomSlices,
} from '../jitsi/adapter.ts';
import { performAction } from '../jitsi/actions.ts';
import {
  isContentCommandMessage,
  isContentReadyMessage,
  PAGE_MESSAGE_SOURCE,
  type PageCommandResultMessage,
  type PageRoomMessage,
} from '../shared/messages.ts';

/** A busy lesson changes the store many times a second; at most one message per interval crosses. */
const SEND_INTERVAL_MS = 250;
/** APP.store appears shortly after DOMContentLoaded (§1.1); give slow machines plenty of time. */
const STORE_WAIT_MS = 30_000;
const STORE_POLL_MS = 100;
/** Support checks (lobby, end-for-all, breakout) are conference methods, not redux (§2.8): re-ask now and then. */
const RECHECK_MS = 2_000;

const win = window as unknown as Record<string, unknown>;
const INSTALLED = Symbol.for('jitsi-moderator-companion.page');

function watchStore(store: JitsiStore): void {
  const page = { host: location.host, jitsiVersion: readJitsiVersion(win) };
  let lastSlices: RoomSlices | null = null;
  let current: RoomSnapshot | null = null;
  let lastSent: RoomSnapshot | null = null;
  let lastSentAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (resend = false): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!current || (!resend && sameSnapshot(current, lastSent))) return;
    lastSent = current;
    lastSentAt = performance.now();
    const message: PageRoomMessage = { source: PAGE_MESSAGE_SOURCE, type: 'room', snapshot: current };
    window.postMessage(message, location.origin);
  };

  const onStoreChange = (): void => {
    // Redux calls subscribers after every dispatch, even when nothing changed (§5.2): compare slice
    // references first and derive only when one of ours was replaced.
    const slices = readSlices(store.getState());
    if (lastSlices && sameSlices(slices, lastSlices)) return;
    lastSlices = slices;
    const next = deriveSnapshot(slices, current?.phase ?? null, page);
    if (sameSnapshot(next, current)) return;
    current = next;
    if (timer === undefined) timer = setTimeout(() => flush(), Math.max(0, lastSentAt + SEND_INTERVAL_MS - performance.now()));
  };

  store.subscribe(onStoreChange);
  onStoreChange();
  window.addEventListener('message', (event) => {
    if (event.source !== window) return;
    // The content script announces itself; answer with what we know (a forged "ready" only costs the page).
    if (isContentReadyMessage(event.data) && current) flush(true);
    // A moderator action from the popup. A script on the page could forge one, but it could call the same
    // Jitsi methods itself: this grants the page nothing it does not have.
    if (isContentCommandMessage(event.data)) {
      const { id, action } = event.data;
      void performAction(store, action, readLegacyConference(win)).then((result) => {
        const reply: PageCommandResultMessage = { source: PAGE_MESSAGE_SOURCE, type: 'command-result', id, result };
        window.postMessage(reply, location.origin);
      });
    }
  });
  setInterval(() => {
    lastSlices = null;
    onStoreChange();
  }, RECHECK_MS);
}

function start(): void {
  if (!hasJitsiGlobals(win)) return; // not a Jitsi page: no further work at all
  const deadline = performance.now() + STORE_WAIT_MS;
  const poll = (): void => {
    const store = findJitsiStore(win);
    if (store) watchStore(store);
    else if (performance.now() < deadline) setTimeout(poll, STORE_POLL_MS);
  };
  poll();
}

if (!win[INSTALLED as unknown as string]) {
  Object.defineProperty(window, INSTALLED, { value: true });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
