// A hostile page where the companion runs (issue 16): it may post anything the page script posts, as
// fast as it likes. What it posts is relayed bounded and rate-limited, a forged `pageshow` does not reset
// the tab, and the text it chooses reaches the browser's own UI only short and plain.
import type { Page, Worker } from '@playwright/test';
import { expect, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const SOURCE = 'jitsi-moderator-companion/page';
/** The page script's room updates are this DOM event on document (detail: the message as JSON): a page can dispatch it too. */
const ROOM_EVENT = 'jitsi-moderator-companion:room';

/** Counts the worker's writes and removals of one tab's room, and the notifications it puts up. */
async function watchWorker(worker: Worker, tabId: number) {
  await worker.evaluate((id) => {
    const scope = globalThis as any;
    const seen = (scope.__seen = { roomWrites: 0, roomRemovals: 0, notifications: [] as { id: string; title: string }[] });
    const key = `room:${id}`;
    const touches = (keys: unknown) =>
      typeof keys === 'string' ? keys === key : Array.isArray(keys) ? keys.includes(key) : !!keys && typeof keys === 'object' && key in keys;
    // The API object the background's polyfill uses: `browser` where the browser has it (Chrome ≥ 148).
    for (const api of [scope.browser?.runtime?.id ? scope.browser : scope.chrome]) {
      const session = api.storage.session;
      const set = session.set.bind(session);
      const remove = session.remove.bind(session);
      session.set = (items: unknown, ...rest: unknown[]) => {
        if (touches(items)) seen.roomWrites += 1;
        return set(items, ...rest);
      };
      session.remove = (keys: unknown, ...rest: unknown[]) => {
        if (touches(keys)) seen.roomRemovals += 1;
        return remove(keys, ...rest);
      };
      const create = api.notifications.create.bind(api.notifications);
      api.notifications.create = (notificationId: string, options: { title: string }, ...rest: unknown[]) => {
        seen.notifications.push({ id: notificationId, title: options.title });
        return create(notificationId, options, ...rest);
      };
    }
  }, tabId);
  return () => worker.evaluate(() => (globalThis as any).__seen as { roomWrites: number; roomRemovals: number; notifications: { id: string; title: string }[] });
}

async function lesson(context: import('@playwright/test').BrowserContext, url: string, serviceWorker: Worker): Promise<{ page: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(serviceWorker, page);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', participants: 2 });
  return { page, tabId };
}

test('a flood of 10,000 forged room updates: the worker writes a bounded number, and the newest wins', async ({ context, serviceWorker, simulator }) => {
  const { page, tabId } = await lesson(context, simulator.roomUrl('Flut7', { students: 2 }, NO_PREJOIN), serviceWorker);
  const real = (await storedRoomOf(serviceWorker, tabId))!;
  const seen = await watchWorker(serviceWorker, tabId);
  const started = Date.now();
  await page.evaluate(
    ({ snapshot, source, event }) => {
      const forge = (message: unknown) => document.dispatchEvent(new CustomEvent(event, { detail: JSON.stringify(message) }));
      for (let n = 0; n < 10_000; n += 1) {
        const phase = n % 3 === 0 ? 'left' : 'conference';
        forge({ source, type: 'room', snapshot: { ...snapshot, phase, participants: n % 50 } });
      }
      forge({ source, type: 'room', snapshot: { ...snapshot, participants: 42 } });
    },
    { snapshot: real, source: SOURCE, event: ROOM_EVENT },
  );
  // The newest state arrives soon (latest wins), not after thousands of queued ones.
  // Validating 10,000 messages takes the page's main thread a moment (seconds on a busy 2-core machine).
  await expect.poll(() => storedRoomOf(serviceWorker, tabId), { timeout: 15_000 }).toMatchObject({ participants: 42 });
  await page.waitForTimeout(1_000);
  const seconds = (Date.now() - started) / 1000;
  const { roomWrites } = await seen();
  // 5 per second and a burst of 10 from the content script (the page's real updates share that budget).
  expect(roomWrites).toBeLessThanOrEqual(Math.ceil(10 + 5 * seconds) + 2);
  expect(roomWrites).toBeGreaterThan(0);
});

test('a forged pageshow does not reset the tab; a forged "lesson ended" puts up one notice, not a hundred', async ({ context, serviceWorker, simulator }) => {
  const { page, tabId } = await lesson(context, simulator.roomUrl('Flut8', { students: 2 }, NO_PREJOIN), serviceWorker);
  const seen = await watchWorker(serviceWorker, tabId);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  const report = { steps: [], remaining: [], hiddenRemaining: 0, knocking: 0, inLessonAtStart: 2, endedForAll: false, left: false };
  await page.evaluate(
    ({ source, report }) => {
      for (let n = 0; n < 100; n += 1) window.postMessage({ source, type: 'lesson-ended', result: { ok: true, report } }, location.origin);
    },
    { source: SOURCE, report },
  );
  await page.waitForTimeout(1_500);
  const { roomRemovals, notifications } = await seen();
  expect(roomRemovals).toBe(0);
  expect(notifications.filter((n) => n.id.startsWith('ended-'))).toHaveLength(1);
});

test('a room name chosen by the page reaches a notification short and plain', async ({ context, serviceWorker, simulator }) => {
  const { page, tabId } = await lesson(context, simulator.roomUrl('Flut9', { students: 2 }, NO_PREJOIN), serviceWorker);
  const real = (await storedRoomOf(serviceWorker, tabId))!;
  const seen = await watchWorker(serviceWorker, tabId);
  const roomName = `Mathe\u202e${'x'.repeat(240)}\u200b`;
  await page.evaluate(
    ({ snapshot, source, roomName, event }) => {
      const message = { source, type: 'room', snapshot: { ...snapshot, roomName, recording: true } };
      document.dispatchEvent(new CustomEvent(event, { detail: JSON.stringify(message) }));
    },
    { snapshot: real, source: SOURCE, roomName, event: ROOM_EVENT },
  );
  await expect.poll(async () => (await seen()).notifications.length).toBeGreaterThan(0);
  const [notice] = (await seen()).notifications;
  expect(notice!.title).not.toMatch(/[\u202e\u200b]/);
  expect(notice!.title).not.toContain('x'.repeat(61));
  expect(notice!.title).toContain('Mathe');
});
