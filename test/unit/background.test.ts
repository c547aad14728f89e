// The background worker's message handling against a fake browser (fake-extension.ts): who may ask what,
// how the popup's requests reach the lesson and come back, and what survives a worker restart. The slow
// browser specs (test/e2e) see the same paths end to end; these see each failure at once.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult, EndLessonReport } from '../../src/core/actions.ts';
import { emptySnapshot } from '../../src/core/test-snapshots.ts';
import { ROOM_PORT, ROOM_UPDATES_PORT } from '../../src/shared/messages.ts';
import { isKeyOfTab, tabKey, ticksKey } from '../../src/shared/storage-keys.ts';
import {
  answerAsContentScript,
  browser,
  connectToWorker,
  contentSender,
  EXTENSION_ID,
  OPTIONS_URL,
  popupSender,
  resetBrowser,
  restartWorker,
  sendToWorker,
  sentToTabs,
  settle,
  startWorker,
} from './fake-extension.ts';

vi.mock('webextension-polyfill', () => ({ default: (globalThis as any).fakeExtension }));

const TAB = 7;
const lesson = { ...emptySnapshot('conference', 'Math7b'), isModerator: true, participants: 4, lobbySupported: true, lobbyEnabled: false, passwordSet: false };
const roomUpdate = (snapshot = lesson) => ({ type: 'room-update', snapshot });
const session = async (key: string): Promise<unknown> => (await browser.storage.session.get(key))[key];
const report: EndLessonReport = {
  steps: [{ step: 'remove', outcome: 'done' }],
  remaining: [],
  hiddenRemaining: 0,
  knocking: 0,
  inLessonAtStart: 3,
  endedForAll: false,
  left: false,
};

/** The lesson's content script reports its room, as after joining. */
async function joinLesson(tabId = TAB, snapshot = lesson): Promise<void> {
  await sendToWorker({ type: 'document-start' }, contentSender(tabId));
  await sendToWorker(roomUpdate(snapshot), contentSender(tabId));
  await settle();
}

beforeEach(async () => {
  resetBrowser();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await startWorker();
});

describe('room updates from the content script', () => {
  it('keep the room per tab with the host the browser stamped, not the one the page claims, and show it on the badge', async () => {
    await joinLesson(TAB, { ...lesson, host: 'forged.example' });
    expect(await session(tabKey('room', TAB))).toMatchObject({ roomName: 'Math7b', host: 'meet.jit.si', participants: 4 });
    expect(await session(tabKey('frame', TAB))).toBe(0);
    expect(await browser.action.getBadgeText({ tabId: TAB })).toBe('4');
  });

  it('are dropped when malformed, or when they come from anything but our content script in a tab', async () => {
    await sendToWorker({ type: 'room-update', snapshot: { ...lesson, participants: -1 } }, contentSender(TAB));
    await sendToWorker(roomUpdate(), { id: 'another-extension', url: 'https://meet.jit.si/Math7b', tab: contentSender(TAB).tab });
    await sendToWorker(roomUpdate(), { id: EXTENSION_ID, url: OPTIONS_URL });
    await settle();
    expect(await browser.storage.session.get(null)).toEqual({});
  });

  it('reach an open popup that watches the tab, and only our popup may watch', async () => {
    const popup = await connectToWorker(ROOM_PORT, popupSender());
    await popup.onMessage.trigger({ type: 'watch-room', tabId: TAB });
    await settle();
    expect(popup.posted).toEqual([{ type: 'room-state', tabId: TAB, snapshot: null }]);
    await joinLesson();
    expect(popup.posted.at(-1)).toMatchObject({ type: 'room-state', tabId: TAB, snapshot: { roomName: 'Math7b', participants: 4 } });

    const page = await connectToWorker(ROOM_PORT, contentSender(TAB));
    expect(page.disconnected).toBe(true);
  });

  it('come through the content script port too, which our popup may not open', async () => {
    const port = await connectToWorker(ROOM_UPDATES_PORT, contentSender(TAB));
    expect(port.disconnected).toBe(false);
    await port.onMessage.trigger(roomUpdate());
    await settle();
    expect(await session(tabKey('room', TAB))).toMatchObject({ roomName: 'Math7b' });
    expect((await connectToWorker(ROOM_UPDATES_PORT, popupSender())).disconnected).toBe(true);
  });
});

describe("the popup's requests", () => {
  it('a moderator action goes to the lesson frame of that tab, and its result comes back as the page gave it', async () => {
    await joinLesson();
    answerAsContentScript(async () => ({ ok: true }));
    expect(await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'enable-lobby' } }, popupSender())).toEqual({ ok: true });
    expect(sentToTabs()).toEqual([{ tabId: TAB, message: { type: 'page-command', action: { kind: 'enable-lobby' } }, frameId: 0 }]);
  });

  it('"not moderator" and a refusal by Jitsi reach the popup with their reason', async () => {
    await joinLesson();
    answerAsContentScript(async () => ({ ok: false, failure: 'not-moderator' }));
    expect(await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'enable-lobby' } }, popupSender())).toEqual({
      ok: false,
      failure: 'not-moderator',
    });
    answerAsContentScript(async () => ({ ok: false, failure: 'rejected', detail: 'You are not moderator.' }));
    expect(await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'set-password', password: 'Kq7-mPx4rT' } }, popupSender())).toEqual({
      ok: false,
      failure: 'rejected',
      detail: 'You are not moderator.',
    });
  });

  it('no content script, or an answer out of shape, is "no page": never passed on as it came', async () => {
    await joinLesson();
    const ask = () => sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'enable-lobby' } }, popupSender());
    expect(await ask()).toEqual({ ok: false, failure: 'no-page' });
    answerAsContentScript(async () => ({ ok: true, injected: '<img>' }));
    expect(await ask()).toEqual({ ok: false, failure: 'no-page' });
    answerAsContentScript(async () => undefined);
    expect(await ask()).toEqual({ ok: false, failure: 'no-page' });
  });

  it('are answered for our popup only; a content script asking the same gets nothing and nothing happens', async () => {
    await joinLesson();
    answerAsContentScript(async () => ({ ok: true }));
    const before = sentToTabs().length;
    expect(await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'end-lesson', endForAll: true, leave: true, kickReason: '' } }, contentSender(TAB))).toBeUndefined();
    expect(await sendToWorker({ type: 'site-status', pattern: 'https://meet.jit.si/*' }, { id: EXTENSION_ID, url: OPTIONS_URL, tab: contentSender(1).tab })).toBeUndefined();
    expect(sentToTabs().length).toBe(before);
  });

  it('a malformed request from the popup is dropped, not half-handled', async () => {
    answerAsContentScript(async () => ({ ok: true }));
    for (const request of [
      { type: 'room-action', tabId: TAB, action: { kind: 'set-password', password: '' } },
      { type: 'room-action', tabId: -1, action: { kind: 'enable-lobby' } },
      { type: 'enable-site', pattern: 'https://meet.jit.si/*', confirmed: false },
      { type: 'toString' },
      { type: 'site-status', pattern: 'https://meet.jit.si/*', extra: 1 },
    ]) {
      expect(await sendToWorker(request, popupSender())).toBeUndefined();
    }
    expect(sentToTabs()).toEqual([]);
  });

  it('site status and enabling a site answer in the shape the popup checks', async () => {
    expect(await sendToWorker({ type: 'site-status', pattern: 'https://meet.jit.si/*' }, popupSender())).toEqual({ enabled: true });
    expect(await sendToWorker({ type: 'site-status', pattern: 'https://jitsi.school.example/*' }, popupSender())).toEqual({ enabled: false });
    expect(await sendToWorker({ type: 'enable-site', pattern: 'https://jitsi.school.example/*' }, popupSender())).toEqual({ ok: true });
    expect(await sendToWorker({ type: 'site-status', pattern: 'https://jitsi.school.example/*' }, popupSender())).toEqual({ enabled: true });
    expect(await sendToWorker({ type: 'enable-site', pattern: 'not a pattern' }, popupSender())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('the end of the lesson is recorded: what happened, kept for the popup and said in a notification', async () => {
    await joinLesson();
    answerAsContentScript(async () => ({ ok: true, report }) satisfies ActionResult);
    const answer = await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'end-lesson', endForAll: false, leave: false, kickReason: 'Lesson over' } }, popupSender());
    expect(answer).toEqual({ ok: true, report });
    await settle();
    expect(await session(tabKey('ended', TAB))).toMatchObject({ room: 'Math7b', removed: 3, remaining: 0, endedForAll: false });
    expect(Object.keys(await browser.notifications.getAll())).toEqual([expect.stringMatching(new RegExp(`^ended-${TAB}-`))]);
  });
});

describe('what the background tells the content scripts', () => {
  it('new leave-guard prefs go to every frame of each tab with a lesson, and are kept for pages that load later', async () => {
    await joinLesson();
    await joinLesson(8);
    sentToTabs().length = 0;
    await browser.storage.local.set({ settings: { leaveGuard: 'strong' } });
    await settle(10);
    // The lesson log is on by default, with the full detail: a reason typed in strong mode is kept.
    const prefs = { strong: true, keepsReason: true, catalogue: null };
    expect(sentToTabs().sort((a, b) => a.tabId - b.tabId)).toEqual([
      { tabId: TAB, message: { type: 'leave-guard-prefs', prefs }, frameId: undefined },
      { tabId: 8, message: { type: 'leave-guard-prefs', prefs }, frameId: undefined },
    ]);
    expect((await browser.storage.local.get('leaveGuardPrefs')).leaveGuardPrefs).toEqual(prefs);
  });

  it("an embedded lesson's frame that still answers is kept when its tab loads something; one that is gone ends the lesson", async () => {
    await sendToWorker(roomUpdate(), contentSender(TAB, 'https://meet.jit.si/Math7b', 3));
    await settle();
    const loading = () => browser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, { ...contentSender(TAB).tab!, url: 'https://school.example/course' } as any);
    answerAsContentScript(async (_tab, message) => ((message as { type: string }).type === 'frame-ping' ? undefined : { ok: true }));
    await loading();
    await settle(10);
    expect(sentToTabs().at(-1)).toEqual({ tabId: TAB, message: { type: 'frame-ping' }, frameId: 3 });
    expect(await session(tabKey('room', TAB))).toMatchObject({ roomName: 'Math7b' });
    answerAsContentScript(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await loading();
    await settle(10);
    expect(await session(tabKey('room', TAB))).toBeUndefined();
  });
  it("a lesson in the top frame survives jitsi-meet's address clean-up ('loading' with no address we may see) while its document answers, and ends once a navigation replaced it", async () => {
    await joinLesson();
    // Without host access the browser hides the address: the tab object has no url.
    const tabWithoutUrl = { ...contentSender(TAB).tab!, url: undefined };
    answerAsContentScript(async (_tab, message) => ((message as { type: string }).type === 'frame-ping' ? undefined : { ok: true }));
    await browser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, tabWithoutUrl as any);
    await settle(10);
    expect(sentToTabs().at(-1)).toEqual({ tabId: TAB, message: { type: 'frame-ping' }, frameId: 0 });
    expect(await session(tabKey('room', TAB))).toMatchObject({ roomName: 'Math7b' });
    expect(await browser.action.getBadgeText({ tabId: TAB })).not.toBe('');
    answerAsContentScript(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await browser.tabs.onUpdated.trigger(TAB, { status: 'complete' }, tabWithoutUrl as any);
    await settle(10);
    expect(await session(tabKey('room', TAB))).toBeUndefined();
    expect(await browser.action.getBadgeText({ tabId: TAB })).toBe('');
  });

  it('a top-frame lesson whose tab shows another site\'s address is reset without asking the page', async () => {
    await joinLesson();
    sentToTabs().length = 0;
    await browser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, { ...contentSender(TAB).tab!, url: 'https://elsewhere.example/' } as any);
    await settle(10);
    expect(sentToTabs()).toEqual([]);
    expect(await session(tabKey('room', TAB))).toBeUndefined();
  });
});

describe('a worker restart', () => {
  it('keeps each tab\'s room: a popup opened after it sees the lesson, and the next update is applied on top', async () => {
    await joinLesson();
    await restartWorker();
    const popup = await connectToWorker(ROOM_PORT, popupSender());
    await popup.onMessage.trigger({ type: 'watch-room', tabId: TAB });
    await settle();
    expect(popup.posted).toEqual([{ type: 'room-state', tabId: TAB, snapshot: expect.objectContaining({ roomName: 'Math7b', participants: 4 }) }]);
    await sendToWorker(roomUpdate({ ...lesson, participants: 2 }), contentSender(TAB));
    await settle();
    expect(await browser.action.getBadgeText({ tabId: TAB })).toBe('2');
  });

  it('in the middle of the end of the lesson: the result the leave dialog reports to the new worker is still recorded', async () => {
    await joinLesson();
    // The leave dialog's "Remove everyone and leave" starts; the worker stops while the page works.
    await sendToWorker({ type: 'lesson-ending' }, contentSender(TAB));
    await settle();
    await restartWorker();
    await sendToWorker({ type: 'lesson-ended', result: { ok: true, report: { ...report, left: true } } }, contentSender(TAB));
    await settle();
    expect(await session(tabKey('ended', TAB))).toMatchObject({ room: 'Math7b', removed: 3, left: true });
    expect(await session(tabKey('lesson', TAB))).toMatchObject({ room: 'Math7b', endingAt: expect.any(Number) });
  });

  // (What the waiting popup hears, "no page", is its client's part: background-client.test.ts.)
  it('while the popup waits for an action: the new worker acts on the popup\'s next request, in the stored lesson frame', async () => {
    // An embedded lesson: a school platform's page holds the Jitsi frame (frame 3).
    await sendToWorker(roomUpdate(), contentSender(TAB, 'https://meet.jit.si/Math7b', 3));
    await settle();
    answerAsContentScript(() => new Promise(() => undefined)); // the page never answers the old worker
    void sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'enable-lobby' } }, popupSender());
    await settle();
    await restartWorker();
    answerAsContentScript(async () => ({ ok: true }));
    expect(await sendToWorker({ type: 'room-action', tabId: TAB, action: { kind: 'enable-lobby' } }, popupSender())).toEqual({ ok: true });
    // The stored lesson frame told the new worker where to send it.
    expect(sentToTabs().at(-1)).toEqual({ tabId: TAB, message: { type: 'page-command', action: { kind: 'enable-lobby' } }, frameId: 3 });
  });
});

describe('a closed tab', () => {
  it('takes every key of its own with it, and says who was left behind', async () => {
    await joinLesson();
    await joinLesson(8);
    await browser.storage.session.set({ [ticksKey(TAB, 'Math7b')]: { blur: true } });
    await browser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
    await settle(10);
    const left = Object.keys(await browser.storage.session.get(null));
    expect(left.filter((key) => isKeyOfTab(key, TAB))).toEqual([]);
    expect(left.filter((key) => isKeyOfTab(key, 8)).length).toBeGreaterThan(0);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([expect.stringMatching(new RegExp(`^left-behind-${TAB}-`))]);
  });
});
