// @ts-check
// Benchmark (not a pass/fail test): a busy simulated lesson in headless Chromium, with the built dev
// extension and, side by side, the same page and load without it; then hang-up → leave dialog in
// Chromium and Firefox ESR (hangup.mjs).
//   npm run bench                               lesson 3 runs + stress 1 run, × 60 s, then the hang-up (about 8 minutes on 2 cores)
//   node test/bench/run.mjs --seconds 10 --runs 1
//   node test/bench/run.mjs --only hangup        the hang-up only (about 2½ minutes)
// Options: --scenario lesson|stress (only that one, --runs runs; without it: lesson with --runs runs, then
// stress with --stress-runs N (1)), --seconds N, --runs N, --students N (60), --rate N (load changes/s, 16;
// + ~4/s audio-level noise ≈ 20 store changes/s), --warmup N (3 s), --build (run `node scripts/build.mjs --dev` first),
// --popup-opens N (20 per run), --end-lessons N (1 per run), --kick-latency MS (150; the simulator's kickLatency
// for the end of lesson), --out DIR (bench), --profile (also a CPU profile of the lesson page with the extension during the
// window, summarised by script; the profiler's overhead then skews the main-thread ratio),
// --only hangup (only hang-up → leave dialog), --no-hangup (the busy lesson only), --hangup-cold N (8 fresh
// launches per browser), --hangup-warm N (20 hang-ups per browser), --render (no measuring: DIR/results.md
// again from DIR/results.json).
// Writes DIR/results.json (machine, browser, date, parameters, raw per-run numbers) and DIR/results.md. A part
// not run this time (the busy lesson with --only hangup, the hang-up with --no-hangup) is kept from the
// existing DIR/results.json, with its own date.
// It never changes the extension: it counts page→content messages by wrapping window.postMessage in the
// page, content→background messages with its own chrome.runtime.onMessage listener in the worker.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startSimulator } from '../sim/server.mjs';
import { hermeticChromiumFlags, loadExtensionFlags } from '../chromium-flags.mjs';
import { BUNDLE_BUDGETS, bundleSizes as measureBundles } from '../../scripts/bundle-sizes.mjs';
import { CHROMIUM_PATH, browserVersion, median, quantile, round, sleep } from './common.mjs';
import { measureHangup } from './hangup.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE_SOURCE = 'jitsi-moderator-companion/page';
const ROOM = 'BusyLesson';
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const KB = 1024;

/** Budgets from the brief; `max` is inclusive. */
const BUDGETS = {
  pageMessagesPerSecond: 5,
  backgroundMessagesPerSecond: 5,
  latencyMedianMs: 30,
  latencyP95Ms: 100,
  popupLatencyMedianMs: 30,
  popupLatencyP95Ms: 100,
  popupOpenMedianMs: 100,
  mainThreadRatio: 1.02,
  ...BUNDLE_BUDGETS,
};

// ── options ─────────────────────────────────────────────────────────────────────────────────────

const argv = process.argv.slice(2);
/** @param {string} name @param {number} fallback @param {number} min */
function numberOption(name, fallback, min) {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} needs a number ≥ ${min}`);
    process.exit(2);
  }
  return value;
}
/** @param {string} name @param {string} fallback */
function stringOption(name, fallback) {
  const index = argv.indexOf(name);
  return index >= 0 && argv[index + 1] ? String(argv[index + 1]) : fallback;
}
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(
    'node test/bench/run.mjs [--scenario lesson|stress] [--seconds 60] [--runs 3] [--stress-runs 1] [--students 60] [--rate 16] [--warmup 3] [--build] [--out bench]\n' +
      '                        [--only hangup | --no-hangup] [--hangup-cold 8] [--hangup-warm 20] [--render]',
  );
  process.exit(0);
}

/**
 * What kind of traffic the load makes (`mix` of __jitsiSim.startLoad, relative shares), at the same
 * ≈ 20 store changes/s. Only join/leave and lobby events change the room snapshot the extension sends.
 */
const SCENARIOS = {
  lesson: {
    mix: { dominantSpeaker: 40, mute: 40, joinLeave: 12, lobby: 8 },
    about: 'a busy but real lesson: mostly talk (dominant speaker) and mute toggles, some comings and goings and knocks',
  },
  stress: {
    mix: { dominantSpeaker: 35, mute: 30, joinLeave: 20, lobby: 15 },
    about:
      'the simulator\'s default mix, a stress test: more snapshot changes than the 5 messages/s budget can carry, so over a minute changes must wait for a send slot and merge; the latency budget is then out of reach by arithmetic, whatever the extension does',
  },
};
/** @typedef {keyof typeof SCENARIOS} ScenarioName */
const scenarioOption = stringOption('--scenario', '');
if (scenarioOption && !Object.hasOwn(SCENARIOS, scenarioOption)) {
  console.error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const params = {
  seconds: numberOption('--seconds', 60, 1),
  runs: Math.round(numberOption('--runs', 3, 1)),
  /** Runs of the stress scenario when both scenarios run (no --scenario). */
  stressRuns: Math.round(numberOption('--stress-runs', 1, 1)),
  students: Math.round(numberOption('--students', 60, 1)),
  /** Load changes per second (redux dispatches caused by the load); the audio-level noise adds ~4/s. */
  loadChangesPerSecond: numberOption('--rate', 16, 1),
  warmupSeconds: numberOption('--warmup', 3, 0),
  /** Times the popup is opened afresh on the busy lesson, per run. */
  popupOpens: Math.round(numberOption('--popup-opens', 20, 1)),
  /** Ends of lesson per run (a fresh room of `students` each). */
  endLessons: Math.round(numberOption('--end-lessons', 1, 1)),
  /** The simulator's kick round trip for the end of lesson (its default, 50 ms, is a server on the LAN). */
  kickLatencyMs: Math.round(numberOption('--kick-latency', 150, 0)),
  seed: 0x10ad,
  profile: argv.includes('--profile'),
  extensionDir: 'dist/chrome-dev',
  releaseDir: 'dist/chrome',
};
const outDir = resolve(ROOT, stringOption('--out', 'bench'));
/** Without --scenario: the lesson (the default scenario, --runs runs), then stress (--stress-runs runs). */
const PLAN = /** @type {{scenario: ScenarioName, runs: number}[]} */ (
  scenarioOption
    ? [{ scenario: scenarioOption, runs: params.runs }]
    : [
        { scenario: 'lesson', runs: params.runs },
        { scenario: 'stress', runs: params.stressRuns },
      ]
);
const onlyOption = stringOption('--only', '');
if (onlyOption && onlyOption !== 'hangup') {
  console.error('--only takes `hangup` (the busy lesson alone: --no-hangup)');
  process.exit(2);
}
/** The bench's two parts: the busy lesson (scenarios, bundle sizes) and hang-up → leave dialog (hangup.mjs). */
const PARTS = { lesson: onlyOption !== 'hangup', hangup: !argv.includes('--no-hangup') };
if (!PARTS.lesson && !PARTS.hangup) {
  console.error('--only hangup and --no-hangup leave nothing to run');
  process.exit(2);
}
const hangupParams = {
  /** Fresh launches per browser, one hang-up each. */
  coldSamples: Math.round(numberOption('--hangup-cold', 8, 1)),
  /** Hang-ups per browser in one lesson, after one not counted. */
  warmSamples: Math.round(numberOption('--hangup-warm', 20, 1)),
  chromeDir: 'dist/chrome-dev',
  firefoxDir: 'dist/firefox-dev',
};

/**
 * The end-to-end tests' flags (test/chromium-flags.mjs): hermetic, headless, no host but 127.0.0.1
 * resolves. Without an extension dir, the same flags minus the extension ones.
 * @param {string | null} extensionDir
 */
function chromiumArgs(extensionDir) {
  return [...hermeticChromiumFlags(), ...(extensionDir ? loadExtensionFlags(extensionDir) : [])];
}

// ── small helpers ───────────────────────────────────────────────────────────────────────────────

/** Newest file under `dir`, unit tests left out (they are not built). @param {string} dir @returns {number} */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(dir) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(dir)) newest = Math.max(newest, newestMtime(join(dir, entry)));
  return newest;
}

/** @param {string[]} args */
function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ── bundle sizes ────────────────────────────────────────────────────────────────────────────────

/** The same measure npm test enforces (scripts/bundle-sizes.mjs), on the release build. */
function bundleSizes() {
  const dist = resolve(ROOT, params.releaseDir);
  if (!existsSync(join(dist, 'manifest.json'))) return { error: `${params.releaseDir} is missing: run npm run build` };
  return { dir: params.releaseDir, ...measureBundles(dist) };
}

// ── browsers ────────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Worker} Worker
 * @typedef {import('playwright-core').CDPSession} CDPSession
 * @typedef {{context: BrowserContext, page: Page, cdp: CDPSession, worker: Worker | null, close(): Promise<void>}} Launched
 */

/** A fresh profile per launch, deleted on close. @param {boolean} withExtension @returns {Promise<Launched>} */
async function launch(withExtension) {
  const profile = mkdtempSync(join(os.tmpdir(), withExtension ? 'jmc-bench-ext-' : 'jmc-bench-plain-'));
  const extensionDir = withExtension ? builtCopy(params.extensionDir) : null;
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
  await page.evaluate((source) => {
    const now = () => performance.timeOrigin + performance.now();
    /** @type {{posts: {t: number, snapshot: any}[], events: number[]}} */
    const bench = { posts: [], events: [] };
    /** @type {any} */ (window).__bench = bench;
    const original = window.postMessage;
    // The page script looks window.postMessage up at each call, so a wrapper sees every post.
    window.postMessage = /** @type {any} */ (
      function (/** @type {any} */ message, /** @type {any[]} */ ...rest) {
        if (message && message.source === source && message.type === 'room') bench.posts.push({ t: now(), snapshot: message.snapshot });
        return /** @type {any} */ (original).apply(this, [message, ...rest]);
      }
    );
    // Cross-check: the same messages as the content script receives them.
    window.addEventListener('message', (event) => {
      if (event.data && event.data.source === source && event.data.type === 'room') bench.events.push(now());
    });
  }, PAGE_SOURCE);
}

/** @param {Page} page */
const pageNow = (page) =>
  page.evaluate(() => ({ t: performance.timeOrigin + performance.now(), load: /** @type {any} */ (window).__jitsiSim.loadStats() }));

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

/** The kick reason the popup sends in English (the browser's language here). */
function kickReason() {
  try {
    const messages = JSON.parse(readFileSync(join(builtCopy(params.extensionDir), '_locales/en/messages.json'), 'utf8'));
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
 * @param {BrowserContext} context @param {Worker} worker @param {Awaited<ReturnType<typeof startSimulator>>} sim @param {string} room
 */
async function endLesson(context, worker, sim, room) {
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
    const action = { kind: 'end-lesson', endForAll: false, leave: false, kickReason: kickReason() };
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
 * @param {number} index
 * @param {Awaited<ReturnType<typeof startSimulator>>} sim
 * @param {ScenarioName} scenario
 */
async function runOnce(index, sim, scenario) {
  const url = sim.roomUrl(ROOM, { students: params.students, panel: 'closed' }, NO_PREJOIN);
  const [ext, plain] = await Promise.all([launch(true), launch(false)]);
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

    const loadOptions = { changesPerSecond: params.loadChangesPerSecond, students: params.students, seed: params.seed + index, mix: SCENARIOS[scenario].mix };
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
        posts: bench.posts.map((/** @type {any} */ p) => ({ t: p.t, key: JSON.stringify(p.snapshot), participants: p.snapshot?.participants, knocking: p.snapshot?.knocking })),
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
    for (let k = 0; k < params.endLessons; k++) ends.push(await endLesson(ext.context, worker, sim, `LessonEnd${scenario}${index}x${k}`));
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
 * Self time of a CPU profile by script (extension scripts, simulator bundles, bench instrumentation,
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
        ? `simulator ${new URL(url).pathname}`
        : url.startsWith('http') ? 'page (inline)' : 'bench instrumentation / injected';
  /** @type {Map<string, number>} */ const byScript = new Map();
  /** @type {Map<string, number>} */ const byFunction = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
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
    if (owner.url.startsWith('chrome-extension://')) {
      const name = `${owner.functionName || '(anonymous)'} ${new URL(owner.url).pathname}:${owner.lineNumber + 1}:${(owner.columnNumber ?? 0) + 1}${owner === frame ? '' : ` → ${frame.functionName || '(native)'}`}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    }
  });
  const sorted = (/** @type {Map<string, number>} */ map, /** @type {number} */ limit) =>
    Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([key, ms]) => [key, round(ms, 1)]));
  return { note: 'self ms in the window; natives charged to their calling script', msByScript: sorted(byScript, 20), extensionHotSpotsMs: sorted(byFunction, 15) };
}

// ── analysis ────────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {{t: number, key: string, participants: number | null, knocking: number | null}} Post
 * @typedef {Post & {tabId?: number, phase?: string, badgeAt: number | null}} Receipt
 * @typedef {{t: number, kind: string, dispatches: number, participants: number, knocking: number}} LoadEvent
 * @typedef {{metrics: Record<string, number>, clock: {t: number, load: any}}} Mark
 * @typedef {{t: number, participants: number | null, knocking: number | null}} PopupRender
 */

/**
 * Pairs each page post with the worker's receipt of the same snapshot, in order (the content script
 * relays one to one). @param {Post[]} posts @param {Receipt[]} receipts
 */
function matchReceipts(posts, receipts) {
  /** @type {(Receipt | null)[]} */
  const matched = [];
  let next = 0;
  for (const post of posts) {
    let found = null;
    for (let k = next; k < receipts.length && k < next + 50; k++) {
      const receipt = /** @type {Receipt} */ (receipts[k]);
      if (receipt.t < post.t - 5) {
        next = k + 1;
        continue;
      }
      if (receipt.key === post.key) {
        found = receipt;
        next = k + 1;
        break;
      }
    }
    matched.push(found);
  }
  return matched;
}

/**
 * @param {{ws: number, we: number, startExt: Mark | undefined, endExt: Mark | undefined, startPlain: Mark | undefined, endPlain: Mark | undefined,
 *   pageData: {posts: Post[], events: number[], log: LoadEvent[]}, workerData: {receipts: Receipt[], other: number},
 *   popupRenders: PopupRender[] | null, heap: any}} data
 */
function analyse({ ws, we, startExt, endExt, startPlain, endPlain, pageData, workerData, popupRenders: renders, heap }) {
  // Without the popup's renders (it reloaded), the popup figures of this run are left out, not counted as missed.
  const popupLost = renders === null;
  const popupRenders = renders ?? [];
  const seconds = (we - ws) / 1000;
  const inWindow = (/** @type {number} */ t) => t >= ws && t <= we;
  const { posts, log } = pageData;
  const receipts = workerData.receipts;
  const matched = matchReceipts(posts, receipts);
  const stateKey = (/** @type {{participants: number | null, knocking: number | null}} */ s) => `${s.participants}/${s.knocking}`;

  // Store changes in the window: every redux dispatch (load + noise + the app's own).
  const dispatches = (endExt?.clock.load.storeDispatches ?? 0) - (startExt?.clock.load.storeDispatches ?? 0);
  const dispatchesPlain = (endPlain?.clock.load.storeDispatches ?? 0) - (startPlain?.clock.load.storeDispatches ?? 0);

  // Each post should carry the state after the last load event before it (the page script derives synchronously).
  let consistent = 0;
  let checked = 0;
  for (const post of posts) {
    if (!inWindow(post.t)) continue;
    const last = [...log].reverse().find((event) => event.t < post.t);
    if (!last) continue;
    checked++;
    if (stateKey(last) === stateKey(post)) consistent++;
  }

  // The open popup: which post each of its renders shows — the newest post the worker had received by
  // then with the head count and lobby size the popup's DOM shows (the popup may lag behind the worker,
  // and may skip a state that was replaced before it rendered).
  const shownPost = popupRenders.map((render) => {
    for (let q = posts.length - 1; q >= 0; q--) {
      const receipt = matched[q];
      if (receipt && receipt.t <= render.t && stateKey(/** @type {Post} */ (posts[q])) === stateKey(render)) return q;
    }
    return -1;
  });

  // Latency: from a load event that changed the snapshot (participants or knocking) to the worker's
  // receipt of the first snapshot posted after it. An event whose change was undone before any post
  // (the page's state went back to what the background already had) needs no message: "absorbed".
  // Popup: to the first render of the open popup that shows that post or a later one.
  /** @type {number[]} */ const latency = [];
  /** @type {number[]} */ const wait = [];
  /** @type {number[]} */ const badge = [];
  /** @type {number[]} */ const popupLatency = [];
  /** @type {number[]} */ const backgroundToPopup = [];
  let popupMissed = 0;
  let absorbed = 0;
  let undelivered = 0;
  const kinds = /** @type {Record<string, number>} */ ({});
  let snapshotChanges = 0;
  for (let i = 1; i < log.length; i++) {
    const event = /** @type {LoadEvent} */ (log[i]);
    const before = /** @type {LoadEvent} */ (log[i - 1]);
    if (!inWindow(event.t) || stateKey(event) === stateKey(before)) continue;
    snapshotChanges++;
    const p = posts.findIndex((post) => post.t >= event.t);
    const post = posts[p];
    const previous = posts[p - 1];
    if (!post || !previous) {
      undelivered++;
      continue;
    }
    const undone = log.some((other, j) => j >= i && other.t < post.t && stateKey(other) === stateKey(previous));
    if (undone) {
      absorbed++;
      continue;
    }
    const receipt = matched[p];
    if (!receipt) {
      undelivered++;
      continue;
    }
    kinds[event.kind] = (kinds[event.kind] ?? 0) + 1;
    latency.push(receipt.t - event.t);
    wait.push(post.t - event.t);
    const countChanged = event.participants !== before.participants && post.participants !== previous.participants;
    if (countChanged && receipt.badgeAt !== null) badge.push(receipt.badgeAt - event.t);
    const r = popupRenders.findIndex((render, k) => render.t >= event.t && (shownPost[k] ?? -1) >= p);
    const render = popupRenders[r];
    if (!render) {
      if (!popupLost) popupMissed++;
      continue;
    }
    popupLatency.push(render.t - event.t);
    backgroundToPopup.push(render.t - receipt.t);
  }
  /** @type {number[]} */ const transit = [];
  /** @type {number[]} */ const postToBadge = [];
  posts.forEach((post, p) => {
    const receipt = matched[p];
    if (!receipt || !inWindow(post.t)) return;
    transit.push(receipt.t - post.t);
    const previous = posts[p - 1];
    if (receipt.badgeAt !== null && previous && previous.participants !== post.participants) postToBadge.push(receipt.badgeAt - post.t);
  });

  const delta = (/** @type {Mark | undefined} */ a, /** @type {Mark | undefined} */ b, /** @type {string} */ name) => (b?.metrics[name] ?? NaN) - (a?.metrics[name] ?? NaN);
  const withExt = { ScriptDuration: delta(startExt, endExt, 'ScriptDuration'), TaskDuration: delta(startExt, endExt, 'TaskDuration') };
  const without = { ScriptDuration: delta(startPlain, endPlain, 'ScriptDuration'), TaskDuration: delta(startPlain, endPlain, 'TaskDuration') };
  const stats = (/** @type {number[]} */ values) => ({ samples: values.length, min: round(values.length ? Math.min(...values) : null, 1), median: round(quantile(values, 0.5), 1), p95: round(quantile(values, 0.95), 1), max: round(values.length ? Math.max(...values) : null, 1) });

  return {
    windowSeconds: round(seconds, 2),
    storeChangesPerSecond: { withExtension: round(dispatches / seconds, 2), withoutExtension: round(dispatchesPlain / seconds, 2) },
    loadEventsPerSecond: round(log.filter((event) => inWindow(event.t)).length / seconds, 2),
    snapshotChangingEventsPerSecond: round(snapshotChanges / seconds, 2),
    loadEventsInWindow: log.filter((event) => inWindow(event.t)).reduce((counts, event) => ({ ...counts, [event.kind]: (counts[event.kind] ?? 0) + 1 }), /** @type {Record<string, number>} */ ({})),
    messages: {
      pageToContentPerSecond: round(posts.filter((post) => inWindow(post.t)).length / seconds, 2),
      pageToContentSeenAsMessageEventsPerSecond: round(pageData.events.filter(inWindow).length / seconds, 2),
      contentToBackgroundPerSecond: round(receipts.filter((receipt) => inWindow(receipt.t)).length / seconds, 2),
      otherRuntimeMessagesWholeRun: workerData.other,
      postsMatchedToReceipts: `${matched.filter(Boolean).length}/${posts.length}`,
      postsConsistentWithLoadLog: `${consistent}/${checked}`,
    },
    latencyMs: {
      changeToBackground: stats(latency),
      changeToBadge: stats(badge),
      pageCoalescingWait: stats(wait),
      postToBackgroundTransit: stats(transit),
      postToBadge: stats(postToBadge),
      changeToOpenPopup: stats(popupLatency),
      backgroundToOpenPopup: stats(backgroundToPopup),
      popupRendersInWindow: popupRenders.filter((render) => inWindow(render.t)).length,
      popupMissed,
      popupLost,
      snapshotChangesMeasured: latency.length,
      byKind: kinds,
      absorbedBeforeSending: absorbed,
      undelivered,
    },
    mainThread: {
      seconds: { withExtension: roundAll(withExt, 4), withoutExtension: roundAll(without, 4) },
      ratio: { ScriptDuration: round(withExt.ScriptDuration / without.ScriptDuration, 3), TaskDuration: round(withExt.TaskDuration / without.TaskDuration, 3) },
      extraMsPerSecond: {
        ScriptDuration: round(((withExt.ScriptDuration - without.ScriptDuration) * 1000) / seconds, 3),
        TaskDuration: round(((withExt.TaskDuration - without.TaskDuration) * 1000) / seconds, 3),
      },
    },
    heap,
  };
}

/** @param {Record<string, number>} values @param {number} digits */
function roundAll(values, digits) {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value, digits)]));
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────

/** @param {number | null} value @param {number} budget */
const verdict = (value, budget) => (value === null ? 'n/a' : value <= budget ? 'yes' : '**no**');
/** @param {number | null} bytes */
const kb = (bytes) => (bytes === null ? 'n/a' : `${(bytes / KB).toFixed(2)} KB`);
/** @param {number | null} bytes */
const mb = (bytes) => (bytes === null ? 'n/a' : `${(bytes / KB / KB).toFixed(2)} MB`);
/** @param {number | null | undefined} v */
const ms = (v) => (v === null || v === undefined ? 'n/a' : `${v} ms`);

/**
 * The table's rows: label, the figure from a scenario's summary, the budget, whether it is met. Bundle
 * sizes do not depend on the scenario. @param {any} b the bundles @param {any} p the run's parameters
 * @returns {[string, (s: any) => string, string, ((s: any) => string) | null][]}
 */
function tableRows(b, p) {
  return [
    ['Store changes / s (load + audio-level noise)', (s) => `${s.storeChangesPerSecond}`, '≈ 20 (input)', null],
    ['  of which snapshot-changing load events / s (join, leave, knock, admit, deny)', (s) => `${s.snapshotChangingEventsPerSecond}`, '—', null],
    ['Page → content room messages / s', (s) => `${s.pageToContentPerSecond}`, `≤ ${BUDGETS.pageMessagesPerSecond}`, (s) => verdict(s.pageToContentPerSecond, BUDGETS.pageMessagesPerSecond)],
    ['Content → background runtime messages / s', (s) => `${s.contentToBackgroundPerSecond}`, `≤ ${BUDGETS.backgroundMessagesPerSecond}`, (s) => verdict(s.contentToBackgroundPerSecond, BUDGETS.backgroundMessagesPerSecond)],
    ['Store change → background, median', (s) => ms(s.latencyMedianMs), `≤ ${BUDGETS.latencyMedianMs} ms`, (s) => verdict(s.latencyMedianMs, BUDGETS.latencyMedianMs)],
    ['Store change → background, p95', (s) => ms(s.latencyP95Ms), `≤ ${BUDGETS.latencyP95Ms} ms`, (s) => verdict(s.latencyP95Ms, BUDGETS.latencyP95Ms)],
    ['  of which page-side wait for a send slot, median / p95', (s) => `${ms(s.waitMedianMs)} / ${ms(s.waitP95Ms)}`, '—', null],
    ['  of which post → background transit, median / p95', (s) => `${ms(s.transitMedianMs)} / ${ms(s.transitP95Ms)}`, '—', null],
    ['Store change → badge, median / p95', (s) => `${ms(s.badgeMedianMs)} / ${ms(s.badgeP95Ms)}`, '—', null],
    ['Store change → open popup shows it, median', (s) => ms(s.popupLatencyMedianMs), `≤ ${BUDGETS.popupLatencyMedianMs} ms`, (s) => verdict(s.popupLatencyMedianMs, BUDGETS.popupLatencyMedianMs)],
    ['Store change → open popup shows it, p95', (s) => ms(s.popupLatencyP95Ms), `≤ ${BUDGETS.popupLatencyP95Ms} ms`, (s) => verdict(s.popupLatencyP95Ms, BUDGETS.popupLatencyP95Ms)],
    ['  of which background → popup DOM, median / p95', (s) => `${ms(s.backgroundToPopupMedianMs)} / ${ms(s.backgroundToPopupP95Ms)}`, '—', null],
    ['Popup opened → checklist complete, median', (s) => ms(s.popupOpenMedianMs), `≤ ${BUDGETS.popupOpenMedianMs} ms`, (s) => verdict(s.popupOpenMedianMs, BUDGETS.popupOpenMedianMs)],
    ['Popup opened → checklist complete, p95', (s) => ms(s.popupOpenP95Ms), '—', null],
    ['  of which navigation → DOMContentLoaded, median', (s) => ms(s.popupOpenDomContentLoadedMedianMs), '—', null],
    [
      `End of lesson, ${p.students} students → result reports the room empty, median (kick latency ${p.kickLatencyMs} ms)`,
      (s) => ms(s.endOfLessonMedianMs),
      '—',
      null,
    ],
    ['  of which → last student gone from the page\'s store, median', (s) => ms(s.endOfLessonLastGoneMedianMs), '—', null],
    [
      '  kicks the server answered, all ends: removed / already gone',
      (s) => `${s.endOfLessonKicks.kicked ?? 0} / ${s.endOfLessonKicks['not-found'] ?? 0}`,
      '—',
      null,
    ],
    ['  ends the extension reported verified empty', (s) => s.endOfLessonEmpty, 'all', (s) => (/^(\d+)\/\1$/.test(s.endOfLessonEmpty) ? 'yes' : '**no**')],
    ['Main thread ScriptDuration, with / without extension', (s) => `${s.scriptRatio}`, `≤ ${BUDGETS.mainThreadRatio}`, (s) => verdict(s.scriptRatio, BUDGETS.mainThreadRatio)],
    ['Main thread TaskDuration, with / without extension', (s) => `${s.taskRatio}`, `≤ ${BUDGETS.mainThreadRatio}`, (s) => verdict(s.taskRatio, BUDGETS.mainThreadRatio)],
    ['  extra script time per second of lesson', (s) => `${s.extraScriptMsPerSecond} ms`, '—', null],
    ['Service-worker JS heap used after the run (after GC)', (s) => `${mb(s.workerHeapUsedBytes)} (${mb(s.workerHeapAfterGcBytes)})`, '—', null],
    [
      'Page JS heap used after the run, with / without extension (after GC)',
      (s) => `${mb(s.pageHeapWithBytes)} / ${mb(s.pageHeapWithoutBytes)} (${mb(s.pageHeapWithAfterGcBytes)} / ${mb(s.pageHeapWithoutAfterGcBytes)})`,
      '—',
      null,
    ],
    ['Content + page script, gzip', () => (b.error ? 'n/a' : kb(b.contentPlusPageGzipBytes)), `≤ ${BUDGETS.contentPlusPageGzipBytes / KB} KB`, () => (b.error ? 'n/a' : verdict(b.contentPlusPageGzipBytes, BUDGETS.contentPlusPageGzipBytes))],
    ['Popup JS chunks, gzip', () => (b.error ? 'n/a' : kb(b.popup.gzipBytes)), `≤ ${BUDGETS.popupGzipBytes / KB} KB`, () => (b.error ? 'n/a' : verdict(b.popup.gzipBytes, BUDGETS.popupGzipBytes))],
  ];
}

/** The busy lesson's report (results.md up to the hang-up). @param {any} results */
function lessonMarkdown(results) {
  const p = results.parameters;
  const b = results.bundles;
  const m = results.machine;
  const names = /** @type {ScenarioName[]} */ (Object.keys(results.scenarios));
  const scenarios = names.map((name) => results.scenarios[name]);
  const runsText = names.map((name) => `${name}: ${results.scenarios[name].runs.length} run${results.scenarios[name].runs.length === 1 ? '' : 's'}`).join(', ');
  const header = ['Figure', 'Budget', ...names.flatMap((name) => [name === 'lesson' ? 'Lesson (default)' : name[0]?.toUpperCase() + name.slice(1), 'Within'])];
  const rows = tableRows(b, p).map(([label, value, budget, within]) => [
    label,
    budget,
    ...scenarios.flatMap((scenario) => [value(scenario.summary), within ? within(scenario.summary) : '']),
  ]);
  const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const mixText = (/** @type {Record<string, number>} */ mix) => `speaker ${mix.dominantSpeaker}, mute ${mix.mute}, join/leave ${mix.joinLeave}, lobby ${mix.lobby}`;
  const scenarioNotes = names
    .map((name) => {
      const scenario = results.scenarios[name];
      return `- **${name}** (${mixText(scenario.mix)}): ${scenario.about}; measured ${scenario.summary.snapshotChangingEventsPerSecond} snapshot-changing events/s.`;
    })
    .join('\n');
  const budget = results.parameters.pageSendBudget;
  const sending = budget
    ? `The page script sends a snapshot change at once while it has a token (bucket of ${budget.perSecond}/s, burst ${budget.burst},
read from \`src/page/index.ts\`); with more snapshot changes than that, a change waits for the next token and merges with
those that come meanwhile (the wait row). Within budget it sends from a microtask after the store's
dispatches, so the wait is the rest of the simulator's task.`
    : 'The wait row is the time a change waits in the page before the page script sends it.';
  const missed = names.map((name) => results.scenarios[name].summary.popupMissed).reduce((sum, n) => sum + n, 0);
  const lost = names.map((name) => results.scenarios[name].summary.popupLostRuns ?? 0).reduce((sum, n) => sum + n, 0);
  const popupMissed =
    (missed ? `${missed} measured change${missed === 1 ? ' was' : 's were'} never shown by the popup.` : 'It showed every measured change.') +
    (lost ? ` In ${lost} run${lost === 1 ? '' : 's'} the open popup reloaded during the window; ${lost === 1 ? 'that run has' : 'those runs have'} no open-popup figures.` : '');
  const absorbed = names.map((name) => `${name} ${results.scenarios[name].summary.absorbedShare}`).join(', ');
  return `# Benchmark: busy simulated lesson

${results.date} · ${results.browser} · ${machineText(m)} · ${buildText(results.build, results.build.olderThanSources)}

${p.students} students, ${p.loadChangesPerSecond} load changes/s (joins, leaves, dominant speaker, remote mute, lobby knocks)
plus the simulator's audio-level noise, ${p.seconds} s per run after ${p.warmupSeconds} s warm-up (${runsText});
figures are the median over runs (latencies: of each run's median / p95). The same page and load run side by side in a
second Chromium without the extension. Raw numbers per run: \`results.json\`. Run: \`npm run bench\`.

${table}

Scenarios, all at the same ≈ 20 store changes/s (\`mix\` of \`__jitsiSim.startLoad\`, relative shares):
${scenarioNotes}

Latency counts snapshot-changing events (join, leave, knock, admit, deny); events undone before the page
script sent anything need no message and are left out (${absorbed}). ${sending}
Open popup: during the window the popup is open as a page (\`src/popup/index.html?tab=<id>\`) beside the lesson
tab; a MutationObserver in it timestamps each render that shows another head count (\`participant-count\`) or
lobby size, matched to the load events through the posts the worker received (clocks: \`performance.timeOrigin
+ performance.now()\` in each context). ${popupMissed}
Popup opened: after the window, with the same load running again (the Chromium without the extension closed), the popup
page is opened ${p.popupOpens} times per run, each in a new tab; timed from navigation start to the checklist complete
(the checklist \`[data-testid="checks"]\` and the participant count), by a MutationObserver an init script puts in the page.
A real toolbar popup also waits for the browser to create its window, which a page cannot see.
End of lesson: ${p.endLessons} per run, each in a fresh room of ${p.students} students (no load), with the popup open on it and,
from the popup page, the message the popup's "End the lesson" sends (\`room-action\`, \`end-lesson\`, not for all,
stay); timed from \`chrome.runtime.sendMessage\` to its reply, which comes once the extension verified the room
empty (\`result.report\`: nobody remaining, hidden or knocking). Kick latency ${p.kickLatencyMs} ms (simulator option
\`kickLatency\`; its default 50 ms is a server on the school's LAN): about a round trip to a hosted school
server (30–50 ms) plus Prosody handling the kick and broadcasting the departure to up to ${p.students} occupants under
load. The simulator answers the ${p.students} kicks in parallel; the lobby and password steps before them take its
fixed 30 ms IQ delay each, and the extension checks the room every 50 ms while it verifies.
Bundle sizes: \`${b.dir ?? p.releaseDir}\`, gzip -9, 1 KB = 1024 bytes.
`;
}

/** @param {any} m results' machine */
const machineText = (m) =>
  `${m.cpuModel}, ${m.cpus} cores, ${m.memoryGB} GB RAM · ${m.platform} · Node ${m.node}` +
  (m.loadAverageAtStart ? ` · load average before the start ${m.loadAverageAtStart.join(' / ')}` : '') +
  (m.policyFiles && Object.keys(m.policyFiles).length
    ? ` · **browser policy files appeared during the run: ${Object.entries(m.policyFiles)
        .map(([file, times]) => `${file} (${times.length}×)`)
        .join(', ')}**`
    : '');
/** @param {any} build @param {boolean} older the build measured is older than src/ */
const buildText = (build, older) =>
  `extension commit ${build.commit ?? '?'}${build.dirty ? ' (uncommitted changes in src/)' : ''}${older ? ' (build older than src/)' : ''}`;

/** Hang-up → leave dialog: one column per browser, cold and warm. @param {any} h results.hangup */
function hangupMarkdown(h) {
  if (h.error) return `## Hang-up → leave dialog visible\n\n${h.date}: the measurement failed: ${h.error}\n`;
  const budgets = h.budgets;
  /** @type {[string, any][]} */
  const browsers = [
    ['Chromium', h.chromium],
    ['Firefox ESR', h.firefox],
  ];
  /** @type {[string, string, (b: any) => string, ((b: any) => string) | null][]} */
  const rows = [];
  for (const mode of ['cold', 'warm']) {
    const Mode = mode === 'cold' ? 'Cold' : 'Warm';
    rows.push(
      [`${Mode}: click → dialog on screen, median`, `≤ ${budgets.medianMs} ms`, (b) => ms(b[mode].clickToFrameMs.median), (b) => verdict(b[mode].clickToFrameMs.median, budgets.medianMs)],
      [`${Mode}: click → dialog on screen, p95`, `≤ ${budgets.p95Ms} ms`, (b) => ms(b[mode].clickToFrameMs.p95), (b) => verdict(b[mode].clickToFrameMs.p95, budgets.p95Ms)],
      ['  of which click → dialog attached, median / p95', '—', (b) => `${ms(b[mode].clickToAttachedMs.median)} / ${ms(b[mode].clickToAttachedMs.p95)}`, null],
      ['  samples; min – max', '—', (b) => `${b[mode].clickToFrameMs.samples}; ${ms(b[mode].clickToFrameMs.min)} – ${ms(b[mode].clickToFrameMs.max)}`, null],
      [
        '  background just before the click',
        mode === 'cold' ? 'stopped' : '—',
        (b) =>
          Object.entries(b[mode].backgroundAtClick ?? {})
            .map(([state, n]) => `${n}× ${state}`)
            .join(', '),
        null,
      ],
    );
  }
  const header = ['Figure', 'Budget', ...browsers.flatMap(([name]) => [name, 'Within'])];
  const table = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(([label, budget, value, within]) => `| ${[label, budget, ...browsers.flatMap(([, b]) => [value(b), within ? within(b) : ''])].join(' | ')} |`),
  ].join('\n');
  const p = h.parameters;
  const m = h.machine;
  const room = Object.entries(p.room)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return `## Hang-up → leave dialog visible

${h.date} · ${h.chromium.browser} · ${h.firefox.browser} · ${machineText(m)} · ${buildText(h.build, h.build.chrome?.olderThanSources || h.build.firefox?.olderThanSources)}

${table}

A teacher (moderator) with students present clicks Jitsi's hang-up button (simulated lesson: ${room}, no
prejoin); the extension stops the click and draws its dialog, \`<jmc-leave-guard>\` on \`<html>\`, within it.
Timed in the page's own clock from the click event's \`timeStamp\` (the input's time; a capture listener on
\`window\`, registered by an init script before the page's scripts, records it) to the second
\`requestAnimationFrame\` after a MutationObserver on \`<html>\` saw the dialog attached: the frame that shows
it has been produced. Firefox rounds both to 1 ms. Budget: median ≤ ${budgets.medianMs} ms, p95 ≤ ${budgets.p95Ms} ms.
- **Clicks**: real input. Chromium: ${p.chromiumClick}. Firefox ESR: ${p.firefoxClick}.
- **Cold**: ${p.coldSamples} samples per browser, each in a fresh profile and browser launch, the lesson joined as moderator,
  the popup never opened, the extension's background stopped for at least ${p.coldBackgroundAsleepMs} ms without a break just before
  the click. Chromium: CDP \`ServiceWorker.stopAllWorkers\`, again whenever the content script's resend of its last
  update woke the worker. Firefox: \`extensions.background.idle.timeout\` ${p.firefoxIdleTimeoutMs} ms, the event page's state read
  in the browser window (WebDriver BiDi, chrome scope).
- **Warm**: one lesson per browser, a first hang-up not counted, then ${p.warmSamples} × (click → dialog → Escape = "Stay" →
  ${p.warmPauseMs} ms pause); Jitsi's hang-up button works again after each "Stay".
`;
}

/** @param {any} results */
function markdown(results) {
  const lesson = results.scenarios ? lessonMarkdown(results) : '# Benchmark: busy simulated lesson\n\nNot measured in this results file: run `npm run bench`.\n';
  return results.hangup ? `${lesson}\n${hangupMarkdown(results.hangup)}` : lesson;
}

/** @param {any[]} runs */
function summarise(runs) {
  const pick = (/** @type {(run: any) => number | null | undefined} */ f) => round(median(runs.map(f)), 2);
  const absorbed = runs.reduce((sum, run) => sum + run.latencyMs.absorbedBeforeSending, 0);
  const measured = runs.reduce((sum, run) => sum + run.latencyMs.snapshotChangesMeasured, 0);
  return {
    storeChangesPerSecond: pick((r) => r.storeChangesPerSecond.withExtension),
    snapshotChangingEventsPerSecond: pick((r) => r.snapshotChangingEventsPerSecond),
    pageToContentPerSecond: pick((r) => r.messages.pageToContentPerSecond),
    contentToBackgroundPerSecond: pick((r) => r.messages.contentToBackgroundPerSecond),
    latencyMedianMs: pick((r) => r.latencyMs.changeToBackground.median),
    latencyP95Ms: pick((r) => r.latencyMs.changeToBackground.p95),
    waitMedianMs: pick((r) => r.latencyMs.pageCoalescingWait.median),
    waitP95Ms: pick((r) => r.latencyMs.pageCoalescingWait.p95),
    transitMedianMs: pick((r) => r.latencyMs.postToBackgroundTransit.median),
    transitP95Ms: pick((r) => r.latencyMs.postToBackgroundTransit.p95),
    badgeMedianMs: pick((r) => r.latencyMs.changeToBadge.median),
    badgeP95Ms: pick((r) => r.latencyMs.changeToBadge.p95),
    popupLatencyMedianMs: pick((r) => r.latencyMs.changeToOpenPopup.median),
    popupLatencyP95Ms: pick((r) => r.latencyMs.changeToOpenPopup.p95),
    backgroundToPopupMedianMs: pick((r) => r.latencyMs.backgroundToOpenPopup.median),
    backgroundToPopupP95Ms: pick((r) => r.latencyMs.backgroundToOpenPopup.p95),
    popupMissed: runs.reduce((sum, run) => sum + run.latencyMs.popupMissed, 0),
    popupLostRuns: runs.filter((run) => run.latencyMs.popupLost).length,
    popupOpenMedianMs: pick((r) => r.popupOpen.toChecklistCompleteMs.median),
    popupOpenP95Ms: pick((r) => r.popupOpen.toChecklistCompleteMs.p95),
    popupOpenDomContentLoadedMedianMs: pick((r) => r.popupOpen.toDomContentLoadedMs.median),
    popupOpens: runs.reduce((sum, run) => sum + run.popupOpen.opens, 0),
    endOfLessonMedianMs: round(median(runs.flatMap((r) => r.endOfLesson.map((/** @type {any} */ end) => end.resultMs))), 1),
    endOfLessonLastGoneMedianMs: round(median(runs.flatMap((r) => r.endOfLesson.map((/** @type {any} */ end) => end.lastStudentGoneMs))), 1),
    endOfLessonKicks: runs
      .flatMap((r) => r.endOfLesson)
      .reduce((/** @type {Record<string, number>} */ sum, end) => {
        for (const [outcome, n] of Object.entries(end.kicksByOutcome ?? {})) sum[outcome] = (sum[outcome] ?? 0) + n;
        return sum;
      }, {}),
    endOfLessonEmpty: `${runs.flatMap((r) => r.endOfLesson).filter((end) => end.reportedEmpty).length}/${runs.flatMap((r) => r.endOfLesson).length}`,
    absorbedShare: `${absorbed}/${absorbed + measured}`,
    scriptRatio: round(median(runs.map((r) => r.mainThread.ratio.ScriptDuration)), 3),
    taskRatio: round(median(runs.map((r) => r.mainThread.ratio.TaskDuration)), 3),
    extraScriptMsPerSecond: pick((r) => r.mainThread.extraMsPerSecond.ScriptDuration),
    workerHeapUsedBytes: median(runs.map((r) => r.heap.worker?.usedBytes)),
    workerHeapAfterGcBytes: median(runs.map((r) => r.heap.worker?.usedAfterGcBytes)),
    pageHeapWithBytes: median(runs.map((r) => r.heap.pageWithExtension.usedBytes)),
    pageHeapWithoutBytes: median(runs.map((r) => r.heap.pageWithoutExtension.usedBytes)),
    pageHeapWithAfterGcBytes: median(runs.map((r) => r.heap.pageWithExtension.usedAfterGcBytes)),
    pageHeapWithoutAfterGcBytes: median(runs.map((r) => r.heap.pageWithoutExtension.usedAfterGcBytes)),
  };
}

/** The page script's send budget as src/page/index.ts declares it (for the report; null if not found). */
function pageSendBudget() {
  try {
    const source = readFileSync(join(ROOT, 'src/page/index.ts'), 'utf8');
    const match = /SEND_BUDGET\s*=\s*\{\s*perSecond:\s*([\d.]+),\s*burst:\s*(\d+)\s*\}/.exec(source);
    return match ? { perSecond: Number(match[1]), burst: Number(match[2]) } : null;
  } catch {
    return null;
  }
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Browser policy files on this machine (Debian's paths): they apply to the bench's browsers too, e.g. an
 * e2e test's school policy running meanwhile (a language set by policy reloads the open popup).
 */
function policyFiles() {
  const chromium = '/etc/chromium/policies/managed';
  const firefox = '/etc/firefox/policies/policies.json';
  return [...(existsSync(chromium) ? readdirSync(chromium).map((name) => join(chromium, name)) : []), ...(existsSync(firefox) ? [firefox] : [])];
}
/** @type {Map<string, {appeared: string, gone: string | null}[]>} each policy file seen during this run → when it was there */
const POLICY_FILES_SEEN = new Map();
/** @type {Set<string>} */
let policyFilesNow = new Set();
/** Checked twice a second while the bench runs: a test's policy file may stay only a few seconds. */
function notePolicyFiles() {
  const at = new Date().toISOString();
  const now = new Set(policyFiles());
  for (const file of now) {
    if (policyFilesNow.has(file)) continue;
    POLICY_FILES_SEEN.set(file, [...(POLICY_FILES_SEEN.get(file) ?? []), { appeared: at, gone: null }]);
    console.warn(`warning: browser policy file ${file} appeared; it applies to the bench's browsers too`);
  }
  for (const file of policyFilesNow) {
    const last = POLICY_FILES_SEEN.get(file)?.at(-1);
    if (!now.has(file) && last) last.gone = at;
  }
  policyFilesNow = now;
}

/**
 * Where and with what the bench ran. @param {(number | null)[]} loadAtStart os.loadavg() before the bench began
 * @param {number} from @param {number} to the part's time span (epoch ms), for the policy files
 */
function machineInfo(loadAtStart, from, to) {
  const policies = [...POLICY_FILES_SEEN]
    .map(([file, spans]) => /** @type {const} */ ([file, spans.filter((span) => Date.parse(span.appeared) <= to && (span.gone === null || Date.parse(span.gone) >= from))]))
    .filter(([, spans]) => spans.length > 0);
  const cpus = os.cpus();
  return {
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.versions.node,
    loadAverageAtStart: loadAtStart,
    /** Browser policy files that were there during the part, and when. */
    policyFiles: Object.fromEntries(policies),
  };
}

/** A dev build must be there. @param {string} dir */
function requireBuild(dir) {
  if (existsSync(resolve(ROOT, dir, 'manifest.json'))) return;
  console.error(`${dir} is missing: run \`node scripts/build.mjs --dev\` (or pass --build)`);
  process.exit(1);
}

/** When the copy measured was built; one older than src/ is measured with a warning. @param {string} dir */
function buildInfo(dir) {
  const sourcesAt = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'manifest.json')));
  const builtAt = statSync(join(builtCopy(dir), 'manifest.json')).mtimeMs;
  const stale = sourcesAt > builtAt;
  if (stale) console.warn(`warning: ${dir} is older than src/ — measuring the old build (pass --build to rebuild)`);
  return { builtAt: new Date(builtAt).toISOString(), olderThanSources: stale };
}

/** Copies of the dev builds the bench loads (dist dir → copy), taken at the start. */
const BUILD_COPIES = new Map();
/** The copy of a build dir the bench loads. @param {string} dir e.g. dist/chrome-dev */
function builtCopy(dir) {
  const copy = BUILD_COPIES.get(dir);
  if (!copy) throw new Error(`no copy of ${dir} was taken`);
  return copy;
}

/**
 * Copies the builds to measure into a temporary dir (deleted by the returned function): a rebuild of dist/
 * during the bench's minutes (npm test builds it) must not change the extension under it. A copy taken
 * while a build was writing (the manifest changed meanwhile) is taken again. @param {string[]} dirs
 */
async function copyBuilds(dirs) {
  const root = mkdtempSync(join(os.tmpdir(), 'jmc-bench-builds-'));
  try {
    for (const dir of dirs) {
      const manifest = resolve(ROOT, dir, 'manifest.json');
      const copy = join(root, dir.replaceAll('/', '_'));
      for (let attempt = 1; ; attempt++) {
        const before = existsSync(manifest) ? statSync(manifest).mtimeMs : null;
        rmSync(copy, { recursive: true, force: true });
        if (before !== null) cpSync(resolve(ROOT, dir), copy, { recursive: true, preserveTimestamps: true });
        const after = existsSync(manifest) ? statSync(manifest).mtimeMs : null;
        if (before !== null && before === after && existsSync(join(copy, 'manifest.json'))) break;
        if (attempt === 10) throw new Error(`${dir} kept changing while the bench copied it`);
        await sleep(2000);
      }
      BUILD_COPIES.set(dir, copy);
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(root, { recursive: true, force: true });
}

/** The commit measured, and whether the extension's sources differ from it. */
const commitInfo = () => ({
  commit: git(['rev-parse', '--short', 'HEAD']),
  dirty: Boolean(git(['status', '--porcelain', '--', 'src', 'manifest.json', 'vite.config.ts'])),
});

/** The results this run replaces part of (null when there are none, or they are unreadable). */
function previousResults() {
  try {
    return JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  const started = Date.now();
  if (argv.includes('--render')) {
    // Only the report: results.md again from results.json (after a change of the report's wording).
    const results = previousResults();
    if (!results) throw new Error(`no readable ${relative(ROOT, join(outDir, 'results.json'))}`);
    writeFileSync(join(outDir, 'results.md'), markdown(results));
    console.log(`wrote ${relative(ROOT, join(outDir, 'results.md'))} from results.json`);
    return;
  }
  if (argv.includes('--build')) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--dev'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  // Other work on the machine skews every figure (two cores): the load before the bench started is reported.
  const loadAtStart = os.loadavg().map((load) => round(load, 2));
  notePolicyFiles();
  const policyWatch = setInterval(notePolicyFiles, 500);
  policyWatch.unref();
  const builds = PARTS.hangup ? [params.extensionDir, hangupParams.firefoxDir] : [params.extensionDir];
  builds.forEach(requireBuild);
  const browser = browserVersion(CHROMIUM_PATH);
  const planText = PLAN.map(({ scenario, runs }) => `${scenario} ${runs} run(s)`).join(', ');
  if (PARTS.lesson) {
    console.log(`bench: ${browser}, ${planText} × ${params.seconds} s, ${params.students} students, ${params.loadChangesPerSecond} load changes/s + noise`);
  }
  const bundles = PARTS.lesson ? bundleSizes() : null;
  const removeCopies = await copyBuilds(builds);
  const chromeBuild = buildInfo(params.extensionDir);
  const firefoxBuild = PARTS.hangup ? buildInfo(hangupParams.firefoxDir) : null;
  const commit = commitInfo(); // when the builds were copied (commits may land while the bench runs)
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', quiet: true }).catch((error) => {
    removeCopies();
    throw error;
  });
  /** @type {Record<string, any>} */
  const scenarios = {};
  /** @type {number | undefined} */
  let lessonSeconds;
  /** @type {any} */
  let hangup = null;
  try {
    for (const { scenario, runs: count } of PARTS.lesson ? PLAN : []) {
      const runs = [];
      for (let i = 0; i < count; i++) {
        const run = await runOnce(i, sim, scenario);
        runs.push(run);
        console.log(
          `${scenario} run ${i + 1}: ${run.storeChangesPerSecond.withExtension} changes/s (${run.snapshotChangingEventsPerSecond} snapshot-changing), ` +
            `${run.messages.pageToContentPerSecond} page msgs/s, ${run.messages.contentToBackgroundPerSecond} runtime msgs/s, ` +
            `latency median ${run.latencyMs.changeToBackground.median} ms p95 ${run.latencyMs.changeToBackground.p95} ms, ` +
            `popup median ${run.latencyMs.changeToOpenPopup.median} ms p95 ${run.latencyMs.changeToOpenPopup.p95} ms, ` +
            `popup open median ${run.popupOpen.toChecklistCompleteMs.median} ms, end of lesson ${run.endOfLesson.map((/** @type {any} */ end) => `${end.resultMs} ms${end.reportedEmpty ? '' : ' (not empty)'}`).join(', ')}, ` +
            `script ratio ${run.mainThread.ratio.ScriptDuration}, task ratio ${run.mainThread.ratio.TaskDuration}`,
        );
      }
      scenarios[scenario] = { mix: SCENARIOS[scenario].mix, about: SCENARIOS[scenario].about, summary: summarise(runs), runs };
    }
    lessonSeconds = (Date.now() - started) / 1000;
    if (PARTS.hangup) {
      const hangupStarted = Date.now();
      // A failure here must not throw away the minutes of the busy lesson: it is reported instead.
      const measured = await measureHangup({
        sim,
        chromeExtension: builtCopy(params.extensionDir),
        firefoxExtension: builtCopy(hangupParams.firefoxDir),
        coldSamples: hangupParams.coldSamples,
        warmSamples: hangupParams.warmSamples,
      }).catch((error) => {
        console.error(`hang-up failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exitCode = 1;
        return { date: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
      });
      hangup = {
        ...measured,
        machine: machineInfo(loadAtStart, hangupStarted, Date.now()),
        build: { ...commit, chrome: { dir: hangupParams.chromeDir, ...chromeBuild }, firefox: { dir: hangupParams.firefoxDir, ...firefoxBuild } },
      };
    }
  } finally {
    clearInterval(policyWatch);
    await sim.close();
    removeCopies();
  }

  // A part not run this time is kept from the previous results (each part carries its own date).
  const previous = previousResults();
  const lessonPart = PARTS.lesson
    ? {
        date: new Date().toISOString(),
        machine: machineInfo(loadAtStart, started, started + (lessonSeconds ?? 0) * 1000),
        browser,
        build: { extensionDir: params.extensionDir, ...chromeBuild, ...commit },
        parameters: {
          ...params,
          plan: PLAN,
          chromiumArgs: chromiumArgs('<extension>'),
          room: ROOM,
          noise: 'on (simulator default, ~4/s)',
          performanceTimeDomain: 'threadTicks',
          pageSendBudget: pageSendBudget(),
        },
        budgets: BUDGETS,
        bundles,
        scenarios,
        durationSeconds: round(lessonSeconds, 1),
      }
    : previous?.scenarios
      ? Object.fromEntries(Object.entries(previous).filter(([key]) => key !== 'hangup'))
      : {};
  const hangupPart = hangup ?? previous?.hangup ?? null;
  const results = { ...lessonPart, ...(hangupPart ? { hangup: hangupPart } : {}) };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = markdown(results);
  writeFileSync(join(outDir, 'results.md'), report);
  console.log(`\n${report}`);
  console.log(`wrote ${relative(ROOT, join(outDir, 'results.json'))} and results.md in ${round((Date.now() - started) / 1000, 1)} s`);
}

await main();
