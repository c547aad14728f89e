// @ts-check
// The busy lesson, measured: two headless Chromiums side by side (with the dev build, without any
// extension) on the same simulated lesson and seeded load; the instrumentation put into the page, the
// service worker and the popup; the popup opened afresh; the end of lesson. How each figure is taken:
// test/bench/README.md. The figures are worked out in analyse.mjs and written out in report.mjs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { hermeticChromiumFlags, loadExtensionFlags } from '../chromium-flags.mjs';
import { analyse, roundAll } from './analyse.mjs';
import { CHROMIUM_PATH, quantile, round, sleep } from './common.mjs';
import { SCENARIOS } from './scenarios.mjs';

/** What the page script's room messages carry (src/shared/messages.ts PAGE_MESSAGE_SOURCE, PAGE_ROOM_EVENT). */
const PAGE_SOURCE = 'jitsi-moderator-companion/page';
const PAGE_ROOM_EVENT = 'jitsi-moderator-companion:room';
export const ROOM = 'BusyLesson';
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
/** How a dev build exposes its own main-thread meter on the lesson page (src/shared/dev-cost.ts). */
const COST_METER = {
  pageKey: 'jitsi-moderator-companion.cost',
  queryEvent: 'jitsi-moderator-companion:cost-query',
  answerEvent: 'jitsi-moderator-companion:cost',
};

/**
 * @typedef {import('./scenarios.mjs').ScenarioName} ScenarioName
 * @typedef {import('./analyse.mjs').Mark} Mark
 * @typedef {import('./analyse.mjs').PopupRender} PopupRender
 * @typedef {Awaited<ReturnType<typeof import('../jitsi-sdk/server.mjs').startSimulator>>} Simulator
 * @typedef {{students: number, loadChangesPerSecond: number, seed: number, warmupSeconds: number, seconds: number,
 *   profile: boolean, popupOpens: number, endLessons: number, kickLatencyMs: number}} BenchParams
 */


/**
 * The end-to-end tests' flags (test/chromium-flags.mjs): hermetic, headless, no host but 127.0.0.1
 * resolves. Without an extension dir, the same flags minus the extension ones.
 * @param {string | null} extensionDir
 */
export function chromiumArgs(extensionDir) {
  return [...hermeticChromiumFlags(), ...(extensionDir ? loadExtensionFlags(extensionDir) : [])];
}

// ── browsers ────────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Worker} Worker
 * @typedef {import('playwright-core').CDPSession} CDPSession
 * @typedef {{context: BrowserContext, page: Page, cdp: CDPSession, worker: Worker | null, close(): Promise<void>}} Launched
 */

/**
 * A fresh profile per launch, deleted on close. @param {string | null} extensionDir the extension to load (null: none)
 * @returns {Promise<Launched>}
 */
async function launch(extensionDir) {
  const withExtension = extensionDir !== null;
  const profile = mkdtempSync(join(os.tmpdir(), withExtension ? 'jmc-bench-ext-' : 'jmc-bench-plain-'));
    try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: chromiumArgs(extensionDir),
    });
    const worker = withExtension
      ? context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }))
      : null;
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.warn(`  [${withExtension ? 'ext' : 'plain'} page] ${error.message}`));
    const cdp = await context.newCDPSession(page);
    // Thread CPU time, not wall time: the two browsers share 2 cores, and waiting for a core is not cost.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return {
      context,
      page,
      cdp,
      worker,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** @param {CDPSession} cdp @returns {Promise<Record<string, number>>} */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((/** @type {{name: string, value: number}} */ m) => [m.name, m.value]));
}

/**
 * Runtime.getHeapUsage of the extension's service worker, through a browser-level CDP session
 * (Playwright has no CDP session for workers). @param {BrowserContext} context
 */
async function workerHeap(context) {
  const browser = context.browser();
  if (!browser) return null;
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith('chrome-extension://'));
    if (!target) return null;
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let nextId = 1;
    /** @type {Map<number, (message: any) => void>} */
    const pending = new Map();
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message);
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
    /** @param {string} method @returns {Promise<any>} */
    const call = (method) =>
      new Promise((done) => {
        const id = nextId++;
        pending.set(id, done);
        void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
        setTimeout(() => done({ error: 'timeout' }), 5000);
      });
    const before = (await call('Runtime.getHeapUsage')).result;
    await call('HeapProfiler.collectGarbage');
    const afterGc = (await call('Runtime.getHeapUsage')).result;
    await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return { usedBytes: before?.usedSize ?? null, totalBytes: before?.totalSize ?? null, usedAfterGcBytes: afterGc?.usedSize ?? null };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** @param {CDPSession} cdp */
async function pageHeap(cdp) {
  const before = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await cdp.send('Runtime.getHeapUsage');
  return { usedBytes: before.usedSize, totalBytes: before.totalSize, usedAfterGcBytes: after.usedSize };
}

// ── instrumentation (runs inside the browsers) ───────────────────────────────────────────────────

/**
 * In the service worker: our own runtime.onMessage listener records every room-update (time, snapshot)
 * and polls chrome.action.getBadgeText until the badge shows that snapshot's count. Badge rule as
 * src/core/room.ts badgeText. Returns nothing to the sender (the extension's listener answers).
 * @param {Worker} worker
 */
async function instrumentWorker(worker) {
  await worker.evaluate(() => {
    const now = () => performance.timeOrigin + performance.now();
    /** @type {{receipts: any[], other: number}} */
    const bench = { receipts: [], other: 0 };
    /** @type {any} */ (globalThis).__bench = bench;
    let latest = -1;
    /** @param {any} message @param {chrome.runtime.MessageSender} sender */
    const onContentMessage = (message, sender) => {
      const t = now();
      if (message?.type !== 'room-update') {
        bench.other++;
        return undefined;
      }
      const snapshot = message.snapshot;
      const receipt = {
        t,
        tabId: sender.tab?.id,
        key: JSON.stringify(snapshot),
        participants: snapshot?.participants,
        knocking: snapshot?.knocking,
        phase: snapshot?.phase,
        isModerator: snapshot?.isModerator,
        badgeAt: /** @type {number | null} */ (null),
      };
      const index = bench.receipts.push(receipt) - 1;
      latest = index;
      const tabId = sender.tab?.id;
      const expected =
        snapshot?.phase === 'conference' && typeof snapshot.participants === 'number'
          ? snapshot.participants > 999 ? '999+' : String(snapshot.participants)
          : '';
      if (tabId === undefined) return undefined;
      void (async () => {
        while (latest === index && now() - t < 2000) {
          const text = await chrome.action.getBadgeText({ tabId });
          if (text === expected) {
            receipt.badgeAt = now();
            return;
          }
        }
      })();
      return undefined;
    };
    // Room updates come on the content script's port (ROOM_UPDATES_PORT); anything else by sendMessage.
    chrome.runtime.onMessage.addListener(onContentMessage);
    chrome.runtime.onConnect.addListener((port) => {
      if (port.name === 'room-updates') port.onMessage.addListener((message) => onContentMessage(message, /** @type {any} */ (port.sender)));
    });
  });
}

/** @param {Page} page */
async function instrumentPage(page) {
  await page.evaluate(({ source, eventName }) => {
    const now = () => performance.timeOrigin + performance.now();
    /** @type {{posts: {t: number, snapshot?: any, detail?: string}[], events: number[]}} */
    const bench = { posts: [], events: [] };
    /** @type {any} */ (window).__bench = bench;
    // Room messages as a DOM event on document (the page script since issue 18): a capture listener on
    // window sees each one before the content script's listener on document. Only the detail string is
    // kept during the window (parsed afterwards), so the listener costs the page next to nothing.
    window.addEventListener(
      eventName,
      (event) => {
        const detail = /** @type {CustomEvent} */ (event).detail;
        if (typeof detail !== 'string') return;
        bench.posts.push({ t: now(), detail });
        bench.events.push(now());
      },
      true,
    );
    // Room messages by window.postMessage (builds before issue 18): the page script looks
    // window.postMessage up at each call, so a wrapper sees every post…
    const original = window.postMessage;
    window.postMessage = /** @type {any} */ (
      function (/** @type {any} */ message, /** @type {any[]} */ ...rest) {
        if (message && message.source === source && message.type === 'room') bench.posts.push({ t: now(), snapshot: message.snapshot });
        return /** @type {any} */ (original).apply(this, [message, ...rest]);
      }
    );
    // …and, as a cross-check, the same messages as the content script receives them.
    window.addEventListener('message', (event) => {
      if (event.data && event.data.source === source && event.data.type === 'room') bench.events.push(now());
    });
  }, { source: PAGE_SOURCE, eventName: PAGE_ROOM_EVENT });
}

/**
 * The page's clock, the load's counters and the dev build's own meter (src/shared/dev-cost.ts), read at one
 * moment. The meter: the page script's totals on `window[Symbol.for(pageKey)]` (copied: the object is
 * live), the content script's as the JSON detail of its synchronous answer to a query event. null for a world
 * without a meter (a release build, an older build, the page without the extension).
 * @param {Page} page
 */
const pageNow = (page) =>
  page.evaluate(({ pageKey, queryEvent, answerEvent }) => {
    const t = performance.timeOrigin + performance.now();
    const load = /** @type {any} */ (window).__jitsiSim.loadStats();
    const pageTotals = /** @type {any} */ (window)[Symbol.for(pageKey)];
    /** @type {unknown} */
    let contentTotals = null;
    const onAnswer = (/** @type {Event} */ event) => (contentTotals = /** @type {CustomEvent} */ (event).detail);
    document.addEventListener(answerEvent, onAnswer);
    document.dispatchEvent(new CustomEvent(queryEvent));
    document.removeEventListener(answerEvent, onAnswer);
    const meter = {
      page: pageTotals && typeof pageTotals === 'object' ? JSON.parse(JSON.stringify(pageTotals)) : null,
      content: typeof contentTotals === 'string' ? JSON.parse(contentTotals) : null,
    };
    return { t, load, meter };
  }, COST_METER);

// ── the popup ───────────────────────────────────────────────────────────────────────────────────

/**
 * The lesson page's tab id, as test/e2e/fixtures.ts `tabIdOf` finds it (the active tab after bringing
 * the page to the front), checked against the tab the extension heard the lesson from: the bench's
 * worker listener records each room-update's `sender.tab.id`. Waits until the extension reported the
 * lesson (conference, `students` in the room, we are moderator) from that tab.
 * @param {Worker} worker @param {Page} page @param {number} students
 */
async function tabIdOf(worker, page, students) {
  await page.bringToFront();
  const active = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reported = await worker.evaluate(
      ({ tabId, students }) =>
        /** @type {any} */ (globalThis).__bench.receipts.some(
          (/** @type {any} */ r) => r.tabId === tabId && r.phase === 'conference' && r.participants === students && r.isModerator === true,
        ),
      { tabId: active, students },
    );
    if (reported) return active;
    if (Date.now() > deadline) throw new Error(`the extension did not report the lesson of the active tab ${active} within 15 s`);
    await sleep(100);
  }
}

/** @param {Worker} worker @param {number} tabId */
const popupUrlOf = (worker, tabId) => `chrome-extension://${new URL(worker.url()).host}/src/popup/index.html?tab=${tabId}`;

/**
 * Opens the popup as a page (as keyboard users and the e2e tests do) and, once it shows the lesson,
 * records each time its DOM starts showing another head count or lobby size: a MutationObserver (it runs
 * right after the render that changed the DOM) reads `participant-count`'s data-count and the knocking
 * item (status ok → 0, warn → the number in its label). @param {BrowserContext} context @param {string} url
 */
async function openLivePopup(context, url) {
  const popup = await context.newPage();
  popup.on('pageerror', (error) => console.warn(`  [popup] ${error.message}`));
  await popup.goto(url);
  await popup.waitForSelector('[data-testid="participant-count"]', { timeout: 10_000 });
  // A reload (e.g. the page following a change of language) would take the recorder below with it.
  popup.on('framenavigated', (frame) => {
    if (frame === popup.mainFrame()) console.warn(`  [popup] the open popup navigated to ${frame.url()}: its renders so far are lost`);
  });
  await popup.evaluate(() => {
    const now = () => performance.timeOrigin + performance.now();
    /** @type {{t: number, participants: number | null, knocking: number | null}[]} */
    const renders = [];
    /** @type {any} */ (window).__benchPopup = renders;
    const read = () => {
      const count = document.querySelector('[data-testid="participant-count"]')?.getAttribute('data-count');
      const knock = document.querySelector('[data-testid="check-knocking"]');
      const status = knock?.getAttribute('data-status');
      const digits = /\d+/.exec(knock?.querySelector('.label')?.textContent ?? '');
      return {
        participants: count === undefined || count === null ? null : Number(count),
        knocking: status === 'ok' ? 0 : status === 'warn' && digits ? Number(digits[0]) : null,
      };
    };
    let last = '';
    const record = () => {
      const t = now();
      const shown = read();
      const key = `${shown.participants}/${shown.knocking}`;
      if (key === last) return;
      last = key;
      renders.push({ t, ...shown });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    record();
  });
  return popup;
}

/**
 * Opens the popup page `count` times, each in a new tab closed afterwards, and times navigation start →
 * the lesson view complete (the checklist \`[data-testid="checks"]\` and the participant count in the header): an init script
 * puts a MutationObserver into the page before its own scripts run and reads \`performance.now()\` (0 =
 * navigation start) at the first mutation after which that element is there.
 * @param {BrowserContext} context @param {string} url @param {number} count
 */
async function popupOpenTimes(context, url, count) {
  /** @type {{completeMs: number, domContentLoadedMs: number | null, responseEndMs: number | null}[]} */
  const opens = [];
  for (let i = 0; i < count; i++) {
    const page = await context.newPage();
    try {
      page.on('pageerror', (error) => console.warn(`  [popup] ${error.message}`));
      await page.addInitScript(() => {
        const record = { complete: /** @type {number | null} */ (null) };
        /** @type {any} */ (window).__benchOpen = record;
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="checks"]') && document.querySelector('[data-testid="participant-count"]')) {
            record.complete = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      });
      await page.goto(url);
      await page.waitForFunction(() => /** @type {any} */ (window).__benchOpen?.complete != null, null, { timeout: 10_000 });
      opens.push(
        await page.evaluate(() => {
          const navigation = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
          return {
            completeMs: /** @type {any} */ (window).__benchOpen.complete,
            domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : null,
            responseEndMs: navigation ? navigation.responseEnd : null,
          };
        }),
      );
    } finally {
      await page.close();
    }
    await sleep(250);
  }
  return opens;
}

/** The kick reason the popup sends in English (the browser's language here). @param {string} extensionDir */
function kickReason(extensionDir) {
  try {
    const messages = JSON.parse(readFileSync(join(extensionDir, '_locales/en/messages.json'), 'utf8'));
    return String(messages.kickReason?.message ?? 'The lesson has ended.');
  } catch {
    return 'The lesson has ended.';
  }
}

/**
 * End of lesson as the popup does it ("remove everyone and stay"): a fresh room with `students` and the
 * simulator's kick latency, the popup open on it, and from the popup page the same runtime message as
 * src/popup/room-actions.ts sends. Timed from sendMessage to its reply, which comes when the extension
 * has verified the room empty (or gave up); the lesson page also notes when its last student left.
 * @param {{context: BrowserContext, worker: Worker, sim: Simulator, room: string, params: BenchParams, extensionDir: string}} options
 */
async function endLesson({ context, worker, sim, room, params, extensionDir }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`  [end page] ${error.message}`));
  await page.goto(sim.roomUrl(room, { students: params.students, panel: 'closed', kickLatency: params.kickLatencyMs }, NO_PREJOIN));
  await page.evaluate(() => /** @type {any} */ (window).__jitsiSim.whenJoined(15_000));
  const tabId = await tabIdOf(worker, page, params.students);
  const present = await page.evaluate(() => {
    const now = () => performance.timeOrigin + performance.now();
    const app = /** @type {any} */ (window).APP;
    const state = { emptyAt: /** @type {number | null} */ (null) };
    /** @type {any} */ (window).__benchEnd = state;
    app.store.subscribe(() => {
      if (state.emptyAt === null && app.store.getState()['features/base/participants'].remote.size === 0) state.emptyAt = now();
    });
    return /** @type {any} */ (window).__jitsiSim.remoteIds().length;
  });
  const popup = await context.newPage();
  try {
    await popup.goto(popupUrlOf(worker, tabId));
    await popup.waitForSelector(`[data-testid="participant-count"][data-count="${params.students}"]`, { timeout: 10_000 });
    const action = { kind: 'end-lesson', endForAll: false, leave: false, kickReason: kickReason(extensionDir) };
    const sent = await popup.evaluate(
      async (message) => {
        const sentAt = performance.timeOrigin + performance.now();
        const result = await chrome.runtime.sendMessage(message);
        return { sentAt, repliedAt: performance.timeOrigin + performance.now(), result };
      },
      { type: 'room-action', tabId, action },
    );
    await sleep(params.kickLatencyMs + 100); // kicks still under way are answered
    const after = await page.evaluate(() => {
      const sim = /** @type {any} */ (window).__jitsiSim;
      /** @type {Record<string, number>} */
      const kicks = {};
      for (const kick of sim.state().kickLog) kicks[kick.result] = (kicks[kick.result] ?? 0) + 1;
      return { emptyAt: /** @type {any} */ (window).__benchEnd.emptyAt, remoteIds: sim.remoteIds().length, kicks };
    });
    const report = sent.result?.report;
    const reportedEmpty = Boolean(sent.result?.ok && report && report.remaining.length === 0 && report.hiddenRemaining === 0 && report.knocking === 0);
    return {
      room,
      tabId,
      kickLatencyMs: params.kickLatencyMs,
      occupantsBefore: present,
      action,
      resultMs: round(sent.repliedAt - sent.sentAt, 1),
      lastStudentGoneMs: after.emptyAt === null ? null : round(after.emptyAt - sent.sentAt, 1),
      reportedEmpty,
      occupantsAfter: after.remoteIds,
      /** Kicks the simulated server answered, by outcome (`not-found`: that person was already gone). */
      kicksByOutcome: after.kicks,
      result: sent.result,
    };
  } finally {
    await popup.close();
    await page.close();
  }
}

// ── one run ─────────────────────────────────────────────────────────────────────────────────────

/**
 * One run of a scenario: the lesson with and without the extension side by side, then the popup opened
 * afresh and the end of lesson (with the extension only). Returns the run's figures (analyse.mjs).
 * @param {{index: number, sim: Simulator, scenario: ScenarioName, params: BenchParams, extensionDir: string}} options
 * `extensionDir`: the copy of the dev build to load
 */
export async function runOnce({ index, sim, scenario, params, extensionDir }) {
  const url = sim.roomUrl(ROOM, { students: params.students, panel: 'closed' }, NO_PREJOIN);
  const [ext, plain] = await Promise.all([launch(extensionDir), launch(null)]);
  try {
    if (!ext.worker) throw new Error('no extension service worker');
    await instrumentWorker(ext.worker);
    await Promise.all(
      [ext, plain].map(async ({ page }) => {
        await page.goto(url);
        await page.evaluate(() => /** @type {any} */ (window).__jitsiSim.whenJoined(15_000));
      }),
    );
    // The extension has seen the lesson: the worker got the class in the conference phase.
    const worker = ext.worker;
    const settled = Date.now() + 15_000;
    for (;;) {
      const ok = await worker.evaluate(
        (students) => /** @type {any} */ (globalThis).__bench.receipts.some((/** @type {any} */ r) => r.phase === 'conference' && r.participants === students),
        params.students,
      );
      if (ok) break;
      if (Date.now() > settled) throw new Error('the extension did not report the lesson within 15 s');
      await sleep(100);
    }
    // The popup stays open on the lesson for the whole window (the lesson tab stays the active one).
    const tabId = await tabIdOf(worker, ext.page, params.students);
    const popup = await openLivePopup(ext.context, popupUrlOf(worker, tabId));
    await ext.page.bringToFront();
    const lessonVisibility = await ext.page.evaluate(() => document.visibilityState);
    await Promise.all([instrumentPage(ext.page), instrumentPage(plain.page)]);

    const loadOptions = { changesPerSecond: SCENARIOS[scenario].rate ?? params.loadChangesPerSecond, students: params.students, seed: params.seed + index, mix: SCENARIOS[scenario].mix };
    await Promise.all(
      [ext, plain].map(({ page }) => page.evaluate((options) => /** @type {any} */ (window).__jitsiSim.startLoad(options), loadOptions)),
    );
    await sleep(params.warmupSeconds * 1000);

    /** @returns {Promise<Mark>} */
    const markOf = async (/** @type {Launched} */ { page, cdp }) => ({ metrics: await metrics(cdp), clock: await pageNow(page) });
    const mark = async () => {
      const [a, b] = await Promise.all([markOf(ext), markOf(plain)]);
      return /** @type {[Mark, Mark]} */ ([a, b]);
    };
    if (params.profile) {
      await ext.cdp.send('Profiler.enable');
      await ext.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await ext.cdp.send('Profiler.start');
    }
    const [startExt, startPlain] = await mark();
    await sleep(params.seconds * 1000);
    const [endExt, endPlain] = await mark();
    const profile = params.profile ? summariseProfile((await ext.cdp.send('Profiler.stop')).profile) : undefined;
    await sleep(700); // let messages posted at the end of the window arrive
    await Promise.all([ext, plain].map(({ page }) => page.evaluate(() => /** @type {any} */ (window).__jitsiSim.stopLoad())));

    const ws = startExt.clock.t;
    const we = endExt.clock.t;
    const pageData = await ext.page.evaluate((since) => {
      const bench = /** @type {any} */ (window).__bench;
      return {
        posts: bench.posts.map((/** @type {any} */ p) => {
          let snapshot = p.snapshot;
          try {
            snapshot ??= JSON.parse(p.detail).snapshot;
          } catch {
            snapshot = null;
          }
          return { t: p.t, key: JSON.stringify(snapshot), participants: snapshot?.participants, knocking: snapshot?.knocking };
        }),
        events: bench.events,
        log: /** @type {any} */ (window).__jitsiSim.loadStats({ events: true, since }).events,
      };
    }, ws - 5000);
    const workerData = await worker.evaluate(() => /** @type {any} */ (globalThis).__bench);
    /** @type {PopupRender[] | null} null: the popup reloaded in the window and lost them */
    const popupRenders = (await popup.evaluate(() => /** @type {any} */ (window).__benchPopup)) ?? null;
    await popup.close();
    const heap = {
      worker: await workerHeap(ext.context).catch((error) => ({ error: String(error) })),
      pageWithExtension: await pageHeap(ext.cdp),
      pageWithoutExtension: await pageHeap(plain.cdp),
      pageJSHeapUsedSizeAtEnd: { withExtension: endExt.metrics.JSHeapUsedSize ?? null, withoutExtension: endPlain.metrics.JSHeapUsedSize ?? null },
    };
    const analysis = analyse({ ws, we, startExt, endExt, startPlain, endPlain, pageData, workerData, popupRenders, heap });
    await plain.close(); // the rest concerns the extension only

    // The popup opened afresh, again and again, on the busy lesson (the same load, a new seed).
    await ext.page.evaluate((options) => /** @type {any} */ (window).__jitsiSim.startLoad(options), { ...loadOptions, seed: loadOptions.seed + 1000 });
    await sleep(1000);
    const opens = await popupOpenTimes(ext.context, popupUrlOf(worker, tabId), params.popupOpens);
    await ext.page.evaluate(() => /** @type {any} */ (window).__jitsiSim.stopLoad());

    // End of lesson, each in a fresh room (the kick latency is a URL option of the simulator).
    const keeper = await ext.context.newPage(); // the browser keeps a tab while the lesson tabs come and go
    await ext.page.close();
    /** @type {any[]} */
    const ends = [];
    for (let k = 0; k < params.endLessons; k++) ends.push(await endLesson({ context: ext.context, worker, sim, room: `LessonEnd${scenario}${index}x${k}`, params, extensionDir }));
    await keeper.close();

    const openStats = (/** @type {number[]} */ values) => ({ median: round(quantile(values, 0.5), 1), p95: round(quantile(values, 0.95), 1), max: round(values.length ? Math.max(...values) : null, 1) });
    return {
      scenario,
      lessonPageVisibility: lessonVisibility,
      ...analysis,
      popupOpen: {
        opens: opens.length,
        toChecklistCompleteMs: openStats(opens.map((open) => open.completeMs)),
        toDomContentLoadedMs: openStats(opens.flatMap((open) => (open.domContentLoadedMs === null ? [] : [open.domContentLoadedMs]))),
        raw: opens.map((open) => roundAll(/** @type {any} */ (open), 1)),
      },
      endOfLesson: ends,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await Promise.all([ext.close(), plain.close()]);
  }
}

/**
 * Self time of a CPU profile by script (extension scripts, the page's bundles (jitsi-meet, the fake lib), bench instrumentation,
 * the engine's own buckets) and the extension's hottest functions.
 * @param {{nodes: {id: number, children?: number[], callFrame: {functionName: string, url: string, lineNumber: number, columnNumber?: number}}[], samples?: number[], timeDeltas?: number[]}} profile
 */
function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */ const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** @param {string} url */
  const scriptOf = (url) =>
    url.startsWith('chrome-extension://')
      ? `extension ${new URL(url).pathname}`
      : url.includes('/libs/')
        ? `page bundle ${new URL(url).pathname}`
        : url.startsWith('http') ? 'page (inline)' : 'bench instrumentation / injected';
  /** @type {Map<string, number>} */ const byScript = new Map();
  /** @type {Map<string, number>} */ const byFunction = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A gap after a sample longer than a few sampling intervals is time the thread did not run (two cores
  // shared with other browsers): it is charged as one interval, not to whatever ran before it.
  const interval = (quantile(deltas, 0.5) ?? 0) / 1000;
  let onStack = 0;
  samples.forEach((id, i) => {
    const ms = Math.min(3 * interval, (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    // Native work (postMessage, DOM, extension bindings) is charged to the nearest script that called it.
    let owner = frame;
    for (let at = id; !owner.url; ) {
      const parent = parentOf.get(at);
      const node = parent === undefined ? undefined : byId.get(parent);
      if (!node) break;
      at = node.id;
      owner = node.callFrame;
    }
    const script = owner.url ? scriptOf(owner.url) : `(${frame.functionName.replace(/[()]/g, '') || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      if (!byId.get(at)?.callFrame.url.startsWith('chrome-extension://')) continue;
      onStack += ms;
      break;
    }
    if (owner.url.startsWith('chrome-extension://')) {
      const name = `${owner.functionName || '(anonymous)'} ${new URL(owner.url).pathname}:${owner.lineNumber + 1}:${(owner.columnNumber ?? 0) + 1}${owner === frame ? '' : ` → ${frame.functionName || '(native)'}`}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    }
  });
  const sorted = (/** @type {Map<string, number>} */ map, /** @type {number} */ limit) =>
    Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([key, ms]) => [key, round(ms, 1)]));
  return {
    note: 'self ms in the window; natives charged to their calling script; extensionOnStackMs: every sample with an extension frame on its stack (page and content script, with what they call)',
    extensionOnStackMs: round(onStack, 1),
    msByScript: sorted(byScript, 20),
    extensionHotSpotsMs: sorted(byFunction, 15),
  };
}
