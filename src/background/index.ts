// Background (service worker on Chrome/Edge, event page on Firefox): keeps each tab's room and its badge,
// relays the popup's moderator actions, applies the school's settings when the teacher becomes moderator,
// manages the enabled sites, the left-behind notification and the lesson log. Listeners are registered
// synchronously at the top level so a worker woken by an event sees it.
import browser from 'webextension-polyfill';
import { DEFAULT_RULES, roomStatus, type RoomStatus, type SchoolRules } from '../core/checklist.ts';
import { badgeText, isRecording, peopleInLesson, shownRoomName, type RoomSnapshot } from '../core/room.ts';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import {
  isActionResult,
  isBackgroundRequest,
  isContentToBackground,
  LEAVE_GUARD_PREFS_KEY,
  ROOM_UPDATES_PORT,
  type BackgroundReply,
  type BackgroundRequestOf,
  type BackgroundRequestType,
  type ContentReply,
  type ContentRequests,
  type ContentRequestType,
  type LeaveGuardPrefs,
} from '../shared/messages.ts';
import type { Guard } from '../shared/validate.ts';
import { readSettings, watchSettings, type SettingsView } from '../shared/settings-store.ts';
import { adoptUiLanguage } from '../shared/ui-language.ts';
import { chosenCatalogue, t, tCount, type MessageKey } from '../shared/i18n.ts';
import { forgetRoom, readLessonFrame, readRoom, saveRoom, tabsWithRooms } from '../shared/room-store.ts';
import { isTicksKeyOf } from '../shared/storage-keys.ts';
import { contentScriptOf, isOwnPopup, type ContentScript } from './senders.ts';
import { lessonEnding } from '../core/lesson-ending.ts';
import { createRelayQueue, type RelayQueue } from '../core/relay-queue.ts';
import { describeEnding, forgetEnding, saveEnding } from '../shared/lesson-ending-store.ts';
import { acceptWatchers, pushRoom } from './room-watchers.ts';
import { applyOnModerator } from './on-moderator.ts';
import { readAutoActions } from '../shared/auto-actions.ts';
import { forgetAutoActions, isSameLesson } from './auto-actions-store.ts';
import { endTrackedLesson, followSchoolLogPolicy, markEndedForAll, noteEndingStarted, noteLeaveReason, pruneOnStartup, trackRoom } from './lesson-tracking.ts';
import { forgetRoomUrl, handleLeftBehindNotifications, leftPeopleBehind, notifyLeftBehind, rememberRoomUrl } from './left-behind.ts';
import { enableSite, followConfirmations, injectBridge, isSiteEnabled, syncRegisteredScripts, watchSiteAccess } from './site-access.ts';

/** Badge colour by checklist status (white text on each passes WCAG AA contrast). */
const BADGE_COLOURS: Record<RoomStatus, string> = {
  none: '#1a5fb4',
  ok: '#1c7a3e',
  attention: '#9c4a00',
  danger: '#b0191f',
};
const STATUS_TOOLTIP: Record<Exclude<RoomStatus, 'none'>, MessageKey> = {
  ok: 'actionTitleOk',
  attention: 'actionTitleAttention',
  danger: 'actionTitleDanger',
};

/** A recording has its own badge: REC on red. */
const RECORDING_COLOUR = '#b0191f';

/** "Math7b: 3 participants in the lesson"; the count unknown reads "?". */
function inRoomTitle(room: string, people: number | null): string {
  if (people === null) return t('actionTitleInRoomOther', [room, '?']);
  return tCount(people, { zero: 'actionTitleInRoomNone', one: 'actionTitleInRoomOne', other: 'actionTitleInRoomOther' }, [room, String(people)]);
}

async function showOnBadge(tabId: number, snapshot: RoomSnapshot | null): Promise<void> {
  const recording = isRecording(snapshot);
  const status = roomStatus(snapshot, schoolRules);
  const text = badgeText(snapshot, t('badgeRecording'), status === 'danger' || status === 'attention');
  const people = peopleInLesson(snapshot);
  const title =
    status !== 'none' && snapshot?.roomName
      ? `${inRoomTitle(shownRoomName(snapshot.roomName), people)} · ${t(recording ? 'actionTitleRecording' : STATUS_TOOLTIP[status])}`
      : t('actionTitle');
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: recording ? RECORDING_COLOUR : BADGE_COLOURS[status] }),
      browser.action.setTitle({ tabId, title }),
    ]);
  } catch {
    // The tab closed in the meantime; nothing to show.
  }
}

/**
 * A recording just started in the lesson: once, a notice with a sentence the teacher can read out (the
 * school rules: announce a recording; the popup need not be open).
 */
async function noticeRecordingStart(tabId: number, before: RoomSnapshot | null, now: RoomSnapshot): Promise<void> {
  if (!isRecording(now) || isRecording(before)) return;
  await browser.notifications
    .create(`recording-${tabId}-${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('recordingNoticeTitle', shownRoomName(now.roomName)),
      message: t('recordingNoticeReadOut'),
    })
    .catch(() => undefined);
}

async function onRoomUpdate(tabId: number, snapshot: RoomSnapshot, frameId: number): Promise<void> {
  const before = await readRoom(tabId);
  await saveRoom(tabId, snapshot, frameId);
  await noticeRecordingStart(tabId, before, snapshot);
  pushRoom(tabId, snapshot);
  await showOnBadge(tabId, snapshot);
  await trackRoom(tabId, snapshot);
}

/**
 * `nextUrl`: the new document's address, from its content script; undefined when the browser only told
 * us that the tab started loading (without the "tabs" permission we do not see where to).
 */
async function onTabReset(tabId: number, nextUrl?: string): Promise<void> {
  // A reload of the same lesson keeps what the school's settings did (the teacher's later choices win);
  // another document of ours ends it: after hanging up Jitsi shows its welcome or close page, so joining
  // the room again is a new lesson. Closing the tab ends it too.
  const auto = nextUrl === undefined ? null : await readAutoActions(tabId);
  if (auto && !isSameLesson(auto.lesson, nextUrl)) await forgetAutoActions(tabId);
  await Promise.all([forgetRoom(tabId), forgetRoomUrl(tabId)]);
  pushRoom(tabId, null);
  await showOnBadge(tabId, null);
  // Last: it reads the settings, and the first read of managed storage can take seconds (Chromium).
  await endTrackedLesson(tabId, false);
}

// Updates from one tab are applied in order, even though each step is async.
const queues = new Map<number, Promise<void>>();
function enqueue(tabId: number, work: () => Promise<void>): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work).catch((error: unknown) => {
    console.error('[background] tab update failed', error);
  });
  queues.set(tabId, next);
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

/** The teacher's manual ticks (popup, ticksKey) last for that tab's lessons only. */
async function forgetTicks(tabId: number): Promise<void> {
  const keys = Object.keys(await browser.storage.session.get(null)).filter((key) => isTicksKeyOf(key, tabId));
  if (keys.length) await browser.storage.session.remove(keys);
}

/**
 * An end-of-lesson sequence finished (popup or leave dialog): the teacher is told what happened, in a
 * notification and on the popup of that tab, until they dismiss it (lesson-ending-store.ts).
 */
async function onLessonEnded(tabId: number, result: ActionResult): Promise<void> {
  if (!result.report) return;
  const room = shownRoomName((await readRoom(tabId))?.roomName);
  const ending = lessonEnding(result.report, room, Date.now());
  await saveEnding(tabId, ending);
  await browser.notifications
    .create(`ended-${tabId}-${ending.at}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: t('endedNoticeTitle', room),
      message: describeEnding(ending).join(' '),
    })
    .catch(() => undefined);
}

/** An answer at all is the reply (its content is not used). */
const anyAnswer = (_value: unknown): _value is unknown => true;
/** Each request's reply guard (messages.ts, ContentRequests); kept here, as only the background asks. */
const CONTENT_REPLY_GUARDS: { [K in ContentRequestType]: Guard<ContentReply<K>> } = {
  'page-command': isActionResult,
  'leave-guard-prefs': anyAnswer,
  'frame-ping': anyAnswer,
};

/**
 * Asks our content script in a tab (in one frame, or in every frame of it) and checks its reply against
 * the request's (messages.ts, ContentRequests). Rejects when none answers or the answer is out of shape.
 */
async function askContentScript<K extends ContentRequestType>(tabId: number, type: K, request: ContentRequests[K]['request'], frameId?: number): Promise<ContentReply<K>> {
  const message = { type, ...request };
  const reply: unknown = await (frameId === undefined ? browser.tabs.sendMessage(tabId, message) : browser.tabs.sendMessage(tabId, message, { frameId }));
  if (CONTENT_REPLY_GUARDS[type](reply)) return reply;
  throw new Error(`No valid answer to ${type}`);
}

/** Hands a moderator action to the content script of the tab's lesson (its frame) and returns what happened. */
async function forwardAction(tabId: number, action: RoomAction): Promise<ActionResult> {
  if (action.kind === 'end-lesson') {
    // After the room updates so far, before the sequence's own: what it turns on is "only at the end" in the log.
    waitingUpdates.delete(tabId);
    void enqueue(tabId, () => noteEndingStarted(tabId));
  }
  try {
    const frameId = (await readLessonFrame(tabId)) ?? 0;
    // No content script, or an answer out of shape: the page did not act (caught below).
    const reply = await askContentScript(tabId, 'page-command', { action }, frameId);
    if (reply.report?.endedForAll) await markEndedForAll(tabId);
    if (action.kind === 'end-lesson') void enqueue(tabId, () => onLessonEnded(tabId, reply));
    return reply;
  } catch {
    return { ok: false, failure: 'no-page' };
  }
}

/** The popup's requests (messages.ts, BackgroundRequests), each with its handler. */
const popupRequests: { [K in BackgroundRequestType]: (request: BackgroundRequestOf[K]) => Promise<BackgroundReply<K>> } = {
  'enable-site': ({ pattern, confirmed }) => enableSite(pattern, confirmed === true),
  'site-status': ({ pattern }) => isSiteEnabled(pattern).then((enabled) => ({ enabled })),
  'check-page': ({ tabId }) => injectBridge(tabId),
  'room-action': ({ tabId, action }) => forwardAction(tabId, action),
};

function answerPopup<K extends BackgroundRequestType>(request: BackgroundRequestOf[K]): Promise<BackgroundReply<K>> {
  const handle: (request: BackgroundRequestOf[K]) => Promise<BackgroundReply<K>> = popupRequests[request.type];
  return handle(request);
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Our popup (also when opened as a tab) may manage sites and act on lessons; nothing else may.
  if (isOwnPopup(sender)) {
    if (isBackgroundRequest(message)) return answerPopup(message);
    console.warn('[background] dropped a malformed popup message');
    return undefined;
  }
  const content = contentScriptOf(sender);
  return content ? handleContentMessage(message, content) : undefined;
});

// The same messages through the content script's port (room updates, without a channel per message).
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== ROOM_UPDATES_PORT) return;
  const content = contentScriptOf(port.sender);
  if (!content) return port.disconnect();
  port.onMessage.addListener((message: unknown) => void handleContentMessage(message, content));
  // An embedded lesson's frame went away (the school platform removed it, or its page navigated): no
  // event of the tab says so, but its content script's port closes.
  const { tabId, frameId } = content;
  if (frameId !== 0) port.onDisconnect.addListener(() => void enqueue(tabId, () => onLessonFrameGone(tabId, frameId)));
});

/**
 * The tab's lesson comes from one document: the top frame (a Jitsi tab) or a frame of a school platform
 * that embeds Jitsi (docs/jitsi.md §11). Another frame takes over only when that lesson is not in progress.
 */
async function fromLessonFrame(tabId: number, frameId: number): Promise<boolean> {
  const current = await readLessonFrame(tabId);
  if (current === null || current === frameId) return true;
  return (await readRoom(tabId))?.phase !== 'conference';
}

/**
 * Like a closed tab, for the lesson that frame held: removed in the middle of the lesson (the platform
 * closed it, or the page navigated after "Leave site?") with people left behind, the teacher is told.
 */
async function onLessonFrameGone(tabId: number, frameId: number): Promise<void> {
  if ((await readLessonFrame(tabId)) !== frameId) return;
  const room = await readRoom(tabId);
  if (room?.phase === 'conference' && leftPeopleBehind(room)) await notifyLeftBehind(tabId, room);
  await onTabReset(tabId);
}

/** Whether the lesson's frame (the top frame, or an embedded lesson's) still holds our content script (it answers any message). */
async function lessonFrameAlive(tabId: number): Promise<boolean> {
  const frameId = (await readLessonFrame(tabId)) ?? 0;
  return askContentScript(tabId, 'frame-ping', {}, frameId).then(
    () => true,
    () => false,
  );
}

/** A message from one of our content scripts: a tab's top frame, or the frame of an embedded lesson. */
function handleContentMessage(message: unknown, sender: ContentScript): Promise<unknown> | undefined {
  const { tabId, frameId } = sender;
  if (!isContentToBackground(message)) {
    console.warn('[background] dropped a malformed message from tab', tabId);
    return undefined;
  }
  if (message.type === 'room-update') return queueRoomUpdate(tabId, { phase: message.snapshot.phase, snapshot: message.snapshot, frameId, senderUrl: sender.url });
  // Anything else is applied after the updates that came before it, and before those that follow.
  waitingUpdates.delete(tabId);
  if (message.type === 'document-start') return frameId === 0 ? enqueue(tabId, () => onTabReset(tabId, sender.url)) : undefined;
  if (message.type === 'leave-reason') return enqueue(tabId, () => noteLeaveReason(tabId, message.reason));
  if (message.type === 'lesson-ending') return enqueue(tabId, () => noteEndingStarted(tabId));
  return enqueue(tabId, () => onLessonEnded(tabId, message.result));
}

/** Room updates of each tab that wait in its queue, not yet applied. */
const waitingUpdates = new Map<number, RelayQueue<RoomUpdate>>();

/**
 * However fast a tab reports, at most four of its updates wait (relay-queue.ts): the newest, and the last
 * state of each phase before it (the end of a lesson: everyone removed, leaving, left).
 */
function queueRoomUpdate(tabId: number, update: RoomUpdate): Promise<void> {
  const waiting = waitingUpdates.get(tabId);
  if (waiting) {
    waiting.push(update);
    return Promise.resolve();
  }
  const queue = createRelayQueue<RoomUpdate>();
  queue.push(update);
  waitingUpdates.set(tabId, queue);
  return enqueue(tabId, async () => {
    for (let next = queue.next(0); next; next = queue.next(0)) {
      try {
        await applyRoomUpdate(tabId, next);
      } catch (error) {
        console.error('[background] room update failed', error);
      }
    }
    if (waitingUpdates.get(tabId) === queue) waitingUpdates.delete(tabId);
  });
}

type RoomUpdate = { phase: string; snapshot: RoomSnapshot; frameId: number; senderUrl: string | undefined };

/** The host of the document that sent it, as the browser stamped it (sender.url): never the page's word. */
function senderHost(senderUrl: string | undefined): string | null {
  try {
    return senderUrl ? new URL(senderUrl).host.slice(0, 253) || null : null;
  } catch {
    return null;
  }
}

async function applyRoomUpdate(tabId: number, { snapshot: reported, frameId, senderUrl }: RoomUpdate): Promise<void> {
  // Everything the background keeps and shows (room, badge, lesson log, automatic actions) takes the host
  // from the browser (issue 16): a page may claim any host in its snapshot.
  const host = senderHost(senderUrl);
  if (host === null) return;
  const snapshot: RoomSnapshot = { ...reported, host };
  if (!(await fromLessonFrame(tabId, frameId))) return;
  // The way back first: whoever sees the room stored may rely on it (e.g. a tab closed right after). An
  // embedded lesson is rejoined through the school platform (its frame address may hold a login token).
  if (snapshot.phase === 'conference' && frameId === 0) await rememberRoomUrl(tabId, senderUrl);
  await onRoomUpdate(tabId, snapshot, frameId);
  // Outside the tab's queue: Jitsi's answers take a while, and room updates keep flowing meanwhile.
  void applyOnModerator(tabId, snapshot, forwardAction).catch((error: unknown) => console.error('[background] auto actions', error));
}

acceptWatchers();
watchSiteAccess();
followConfirmations();

// A tab that navigates to another site no longer shows a room. Without host access there the URL is hidden
// from us (we hold no "tabs" permission); with it (the managed build holds https://*/*, so it sees every https
// address) the address names another site than the lesson's: reset at once (issue 16). Navigations within
// the lesson's site are announced by the new document's content script instead.
// "loading" alone does not mean the lesson's document is gone: jitsi-meet cleans its address with
// history.replaceState about a second after load (a same-document navigation, which Chromium reports as
// "loading" too), and a frame loading in the page (an embedded lesson's own, say) sets it as well. So the
// lesson's frame is asked: while it answers, the lesson stays. A navigation to a site we cannot see has not
// replaced the old document yet when "loading" fires; by "complete" it has, and the ask fails.
browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.status !== 'loading' && changeInfo.status !== 'complete') return;
  void enqueue(tabId, async () => {
    const room = await readRoom(tabId);
    if (!room) return;
    const lessonFrame = await readLessonFrame(tabId);
    const topFrameLesson = lessonFrame === null || lessonFrame === 0;
    if (tab.url !== undefined && topFrameLesson) {
      if (senderHost(tab.url) !== room.host) await onTabReset(tabId);
      return;
    }
    if (!(await lessonFrameAlive(tabId))) await onTabReset(tabId);
  });
});

// A lesson tab closed (or its window, or it crashed) while the teacher left people behind: say so.
browser.tabs.onRemoved.addListener((tabId) => {
  void enqueue(tabId, async () => {
    const room = await readRoom(tabId);
    if (leftPeopleBehind(room)) await notifyLeftBehind(tabId, room);
    await Promise.all([forgetRoom(tabId), forgetRoomUrl(tabId), forgetTicks(tabId), forgetAutoActions(tabId), forgetEnding(tabId)]);
    await endTrackedLesson(tabId, true);
  });
});
handleLeftBehindNotifications();
pruneOnStartup();
/** Same JSON data, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, sorted(v)]))
      : value;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/**
 * The leave guard draws from these at once: the content script reads them from storage.local when its
 * page loads, and the lessons already open are told here. Rewritten only when they change.
 */
async function keepLeaveGuardReady(prefs: LeaveGuardPrefs): Promise<void> {
  const stored: unknown = (await browser.storage.local.get(LEAVE_GUARD_PREFS_KEY))[LEAVE_GUARD_PREFS_KEY];
  // Chromium's storage hands objects back with their keys sorted: compare key by key, not as written.
  if (sameJson(stored, prefs)) return;
  await browser.storage.local.set({ [LEAVE_GUARD_PREFS_KEY]: prefs });
  // Every frame of ours in those tabs: an embedded lesson's leave guard is in its frame.
  for (const tabId of await tabsWithRooms()) void askContentScript(tabId, 'leave-guard-prefs', { prefs }).catch(() => undefined);
}

/** The school's rules the badge follows (settings); until they are read, the built-in ones. */
let schoolRules: SchoolRules = DEFAULT_RULES;

/** The badges of the open lessons, again (the school's rules changed). */
async function redrawBadges(): Promise<void> {
  for (const tabId of await tabsWithRooms()) void enqueue(tabId, async () => showOnBadge(tabId, await readRoom(tabId)));
}

/**
 * The school's automatic set-up for lessons already open when the settings arrive or change (at a browser
 * start the policy comes seconds after a restored lesson tab): what was not yet tried is done now.
 */
async function applyToOpenLessons(): Promise<void> {
  for (const tabId of await tabsWithRooms()) {
    const room = await readRoom(tabId);
    if (room) void applyOnModerator(tabId, room, forwardAction, { again: true }).catch((error: unknown) => console.error('[background] auto actions', error));
  }
}

/** What follows the settings at once: the companion's language, the leave guard's prefs, the badge's rules and the sites it runs on. */
function followSettings({ values, policy }: SettingsView, keepRegistered = false): void {
  void followSchoolLogPolicy(policy);
  if (values.roomPassword !== schoolRules.roomPassword) {
    schoolRules = { roomPassword: values.roomPassword };
    void redrawBadges();
  }
  void applyToOpenLessons();
  void adoptUiLanguage(values.uiLanguage)
    .then(() => keepLeaveGuardReady({ strong: values.leaveGuard === 'strong', keepsReason: values.lessonLog && values.lessonLogDetail === 'full', catalogue: chosenCatalogue() }))
    .catch((error: unknown) => console.error('[background] language', error));
  void syncRegisteredScripts(keepRegistered);
}
watchSettings((settings) => followSettings(settings));
// Chromium answers the first read of managed storage only once policy has loaded (seconds after start, or
// never: reads wait at most POLICY_WAIT_MS, docs/browsers.md §2.2): ask now, so the leave guard and the
// moderator settings answer at once when they are needed.
void readSettings().then((settings) => followSettings(settings, true), () => undefined);
