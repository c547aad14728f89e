// @ts-check
// Hang-up → leave dialog visible, in headless Chromium and Firefox ESR, as a teacher's click meets it:
// a real input click on Jitsi's hang-up button (Playwright page.mouse.click, puppeteer page.click), timed
// in the page's own clock from the click event's `timeStamp` to the first animation frame after the
// extension attached <jmc-leave-guard> (a MutationObserver on <html>, then two requestAnimationFrames).
//   cold: a fresh profile and launch per sample, the lesson joined, the extension's background stopped
//         (and staying so) just before the click (Chromium: CDP ServiceWorker.stopAllWorkers; Firefox: the
//         event page suspended by a 1 s idle timeout), the popup never opened;
//   warm: one browser, hang-up → dialog → Escape ("Stay") → a pause → again.
// Called by run.mjs (`--only hangup` runs just this part); never changes the extension.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { hermeticChromiumFlags, loadExtensionFlags } from '../chromium-flags.mjs';
import { CHROMIUM_PATH, FIREFOX_PATH, browserVersion, quantile, round, sleep } from './common.mjs';

/** The leave dialog's budget: on screen within 150 ms of the click (median), 300 ms (p95). Inclusive. */
const HANGUP_BUDGETS = { medianMs: 150, p95Ms: 300 };

const HANGUP = '.toolbox-button:has(.hangup-button)';
const ROOM = 'HangupLesson';
/** The room's options: students present (the guard asks only then), the plain hang-up button (no end-for-all menu). */
const ROOM_OPTIONS = { students: 5, endConference: 0, panel: 'closed' };
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
/** Firefox suspends an idle event page after this (default 30 s); the cold sample waits past it. */
const FIREFOX_IDLE_TIMEOUT_MS = 1000;
/**
 * Cold means the background has been stopped this long without a break. A port that closes within 2 s of
 * the content script's last post makes it send again after 50, 100, … 800 ms, which wakes the background
 * (src/content/index.ts); past its longest back-off nothing is about to wake it.
 */
const ASLEEP_MS = 1000;
/** Firefox without a way to see its event page (below): the content script's resends are over by then. */
const FIREFOX_BLIND_WAIT_MS = 8000;
/** Between warm hang-ups, after "Stay": a teacher does not hang up twice within a second. */
const WARM_PAUSE_MS = 500;

/**
 * @typedef {{clickToFrameMs: number, clickToAttachedMs: number, attachedToFrameMs: number, inputToListenerMs: number,
 *   clicksSeen: number, background?: string}} HangupSample
 * @typedef {{evaluate(fn: (arg: any) => any, arg?: any): Promise<any>}} Evaluating the part of a Playwright or puppeteer page used here
 * @typedef {Awaited<ReturnType<typeof import('../jitsi-sdk/server.mjs').startSimulator>>} Simulator
 */

// ── in the lesson page ──────────────────────────────────────────────────────────────────────────

/**
 * Init script (before the page's own scripts, so before the extension's capture listener, which stops
 * the click): notes each trusted click's `timeStamp` (the input event's time, in the performance.now()
 * clock) and when its own listener ran; a MutationObserver on <html> notes when <jmc-leave-guard> is
 * attached and, two frames later, when the frame that shows it has been produced.
 */
function recordHangups() {
  /** @type {(() => void)[]} */
  const onFrame = [];
  const bench = {
    /** @type {{timeStamp: number, listenerAt: number}[]} */
    clicks: [],
    /** @type {{attachedAt: number, frameAt: number | null}[]} */
    dialogs: [],
    /** Resolves once dialog number `index` has its frame: the bench waits here, not by polling the page. */
    whenShown: (/** @type {number} */ index, /** @type {number} */ timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => (bench.dialogs[index]?.frameAt != null ? resolve(null) : onFrame.push(check));
        check();
        setTimeout(() => reject(new Error(`no leave dialog within ${timeoutMs} ms`)), timeoutMs);
      }),
  };
  /** @type {any} */ (window).__benchHangup = bench;
  window.addEventListener(
    'click',
    (event) => {
      if (event.isTrusted) bench.clicks.push({ timeStamp: event.timeStamp, listenerAt: performance.now() });
    },
    true,
  );
  // <html> only, not the subtree: the dialog's host is appended to it, and Jitsi's renders stay unobserved.
  const watch = (/** @type {Element} */ root) =>
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (/** @type {Element} */ (node).localName !== 'jmc-leave-guard') continue;
          const dialog = { attachedAt: performance.now(), frameAt: /** @type {number | null} */ (null) };
          bench.dialogs.push(dialog);
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              dialog.frameAt = performance.now();
              for (const notify of onFrame.splice(0)) notify();
            }),
          );
        }
      }
    }).observe(root, { childList: true });
  if (document.documentElement) watch(document.documentElement);
  else {
    const waiting = new MutationObserver(() => {
      if (!document.documentElement) return;
      waiting.disconnect();
      watch(document.documentElement);
    });
    waiting.observe(document, { childList: true });
  }
}

/** The sample of dialog number `index`, once its frame is there (else null). @param {number} index */
function readSample(index) {
  const bench = /** @type {any} */ (window).__benchHangup;
  const dialog = bench.dialogs[index];
  if (!dialog || dialog.frameAt === null) return null;
  // The click that drew it: the last one whose listener ran before the dialog was attached.
  const clicks = bench.clicks.filter((/** @type {any} */ click) => click.listenerAt <= dialog.attachedAt);
  const click = clicks[clicks.length - 1];
  if (!click) return null;
  return {
    clickToFrameMs: dialog.frameAt - click.timeStamp,
    clickToAttachedMs: dialog.attachedAt - click.timeStamp,
    attachedToFrameMs: dialog.frameAt - dialog.attachedAt,
    inputToListenerMs: click.listenerAt - click.timeStamp,
    clicksSeen: bench.clicks.length,
  };
}

// ── driving a lesson (the same for both browsers) ───────────────────────────────────────────────

/** Polls `probe` until it returns something other than null. @template T @param {() => Promise<T | null>} probe @param {string} what */
async function until(probe, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** In the lesson, and its moderator (the moderator role arrives just after joining; the guard asks only a moderator). @param {Evaluating} page */
async function joined(page) {
  await page.evaluate(() => /** @type {any} */ (window).__jitsiSim.whenJoined(15_000));
  await until(
    () => page.evaluate(() => (/** @type {any} */ (window).APP.store.getState()['features/base/participants'].local?.role === 'moderator' ? true : null)),
    'the moderator role',
  );
}

/**
 * One hang-up: `click` is a real input click on the button; the sample is read once the page says the
 * dialog's frame is there. @param {Evaluating} page @param {() => Promise<void>} click @returns {Promise<HangupSample>}
 */
async function timedHangup(page, click) {
  const index = await page.evaluate(() => /** @type {any} */ (window).__benchHangup.dialogs.length);
  const clicksBefore = await page.evaluate(() => /** @type {any} */ (window).__benchHangup.clicks.length);
  await Promise.all([page.evaluate(([i, timeoutMs]) => /** @type {any} */ (window).__benchHangup.whenShown(i, timeoutMs), [index, 10_000]), click()]);
  const sample = await page.evaluate(readSample, index);
  if (!sample) throw new Error('a leave dialog without its click');
  return { ...sample, clicksSeen: sample.clicksSeen - clicksBefore };
}

/** Escape = "Stay": the dialog goes and the teacher is still in the lesson. @param {Evaluating} page @param {() => Promise<void>} escape */
async function stay(page, escape) {
  await escape();
  await until(() => page.evaluate(() => (document.querySelector('jmc-leave-guard') === null ? true : null)), 'the dialog to close', 5_000);
  if (!(await page.evaluate(() => /** @type {any} */ (window).APP.conference.isJoined()))) throw new Error('"Stay" left the lesson');
}

/** @param {Simulator} sim @param {string} room */
const lessonUrl = (sim, room) => sim.roomUrl(room, ROOM_OPTIONS, NO_PREJOIN);

/**
 * Until the extension's background has been stopped for ASLEEP_MS without a break; `stop`, where the
 * bench can stop it, is called whenever it runs. @param {() => Promise<string>} statusOf @param {(() => Promise<void>) | null} stop
 */
async function untilAsleep(statusOf, stop) {
  const deadline = Date.now() + 30_000;
  /** @type {number | null} */
  let stoppedSince = null;
  for (;;) {
    const status = await statusOf();
    if (status !== 'stopped') stoppedSince = null;
    else if (stoppedSince === null) stoppedSince = Date.now();
    else if (Date.now() - stoppedSince >= ASLEEP_MS) return;
    if (status === 'running' && stop) await stop();
    if (Date.now() > deadline) throw new Error(`the extension's background did not stay stopped (${status})`);
    await sleep(25);
  }
}

// ── Chromium (Playwright) ───────────────────────────────────────────────────────────────────────

/**
 * Headless Chromium with the bench's flags (test/chromium-flags.mjs) and a fresh profile, deleted on
 * close; the lesson page has the recorder as an init script. @param {string} extensionDir an absolute path
 */
async function launchChromium(extensionDir) {
  const profile = mkdtempSync(join(os.tmpdir(), 'jmc-bench-hangup-chromium-'));
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  const close = async () => {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...hermeticChromiumFlags(), ...loadExtensionFlags(extensionDir)],
    });
    // The extension is installed (its content scripts reach the lesson) once its worker has started.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
    await context.addInitScript(recordHangups);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.warn(`  [chromium lesson] ${error.message}`));
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A real mouse click at the button's centre, where it is now (no Playwright hit-target listener in the
 * page; the click's timeStamp is taken after the button was found). @param {import('playwright-core').Page} page
 */
async function chromiumClick(page) {
  const box = await page.locator(HANGUP).boundingBox();
  if (!box) throw new Error('no hang-up button');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The extension's service worker as CDP's ServiceWorker domain reports it. @param {import('playwright-core').Page} page */
async function chromiumWorker(page) {
  const cdp = await page.context().newCDPSession(page);
  let status = 'unknown';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith('chrome-extension://')) status = version.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  return {
    status: async () => status,
    stop: async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
    },
  };
}

/** @param {Simulator} sim @param {string} extensionDir @param {number} index @returns {Promise<HangupSample>} */
async function chromiumCold(sim, extensionDir, index) {
  const { page, close } = await launchChromium(extensionDir);
  try {
    await page.goto(lessonUrl(sim, `${ROOM}ChromiumCold${index}`));
    await joined(page);
    const worker = await chromiumWorker(page);
    await untilAsleep(worker.status, worker.stop);
    const background = await worker.status();
    return { ...(await timedHangup(page, () => chromiumClick(page))), background };
  } finally {
    await close();
  }
}

/** @param {Simulator} sim @param {string} extensionDir @param {number} count @returns {Promise<HangupSample[]>} */
async function chromiumWarm(sim, extensionDir, count) {
  const { page, close } = await launchChromium(extensionDir);
  try {
    await page.goto(lessonUrl(sim, `${ROOM}ChromiumWarm`));
    await joined(page);
    const worker = await chromiumWorker(page);
    return await warmHangups(page, () => chromiumClick(page), () => page.keyboard.press('Escape'), worker.status, count);
  } finally {
    await close();
  }
}

/**
 * The page's first hang-up (not counted: not warm yet), then `count` more, each answered "Stay".
 * @param {Evaluating} page @param {() => Promise<void>} click @param {() => Promise<void>} escape
 * @param {() => Promise<string>} backgroundStatus @param {number} count
 */
async function warmHangups(page, click, escape, backgroundStatus, count) {
  await timedHangup(page, click);
  await stay(page, escape);
  /** @type {HangupSample[]} */
  const samples = [];
  for (let i = 0; i < count; i++) {
    await sleep(WARM_PAUSE_MS);
    const background = await backgroundStatus();
    samples.push({ ...(await timedHangup(page, click)), background });
    await stay(page, escape);
  }
  return samples;
}

// ── Firefox ESR (puppeteer-core over WebDriver BiDi) ────────────────────────────────────────────

/**
 * Firefox ESR as test/e2e/firefox-launch.ts launches it (a .ts module, so these few lines are repeated):
 * a fresh profile (deleted on close), the extension installed as a temporary add-on, its fixed internal
 * UUID, and no update checks, telemetry or captive-portal probes.
 * @param {string} extensionDir an absolute path @param {Record<string, unknown>} extraPrefs
 */
async function launchFirefox(extensionDir, extraPrefs) {
  const geckoId = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  const profile = mkdtempSync(join(os.tmpdir(), 'jmc-bench-hangup-firefox-'));
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      // The e2e tests need it for extension pages; here it lets firefoxBackground() read the event page's state.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: '6f1d3c2a-6c0e-4c53-9a4e-2f7f5d1b9e10' }),
        'network.captive-portal-service.enabled': false,
        'app.update.disabledForTesting': true,
        'datareporting.policy.dataSubmissionEnabled': false,
        ...extraPrefs,
      },
    });
    const extensionId = await browser.installExtension(extensionDir);
    const background = await firefoxBackground(browser, extensionId);
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.warn(`  [firefox lesson] ${error instanceof Error ? error.message : String(error)}`));
    await page.evaluateOnNewDocument(recordHangups);
    return { page, background, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The extension's event page state ('stopped', 'starting', 'running', …) as Firefox keeps it
 * (ExtensionParent's `backgroundState`), read in the browser window through WebDriver BiDi's chrome
 * scope (needs --remote-allow-system-access; puppeteer's `connection` is not public API). Null when that
 * is not available: then the cold sample only waits. @param {import('puppeteer-core').Browser} browser @param {string} extensionId
 * @returns {Promise<(() => Promise<string>) | null>}
 */
async function firefoxBackground(browser, extensionId) {
  const expression = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)})?.backgroundState ?? 'none'`;
  try {
    const connection = /** @type {any} */ (browser).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context;
    const read = async () => {
      const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false });
      if (result.type !== 'success' || result.result.type !== 'string') throw new Error(JSON.stringify(result.exceptionDetails ?? result));
      return String(result.result.value);
    };
    await read();
    return read;
  } catch (error) {
    console.warn(`  [firefox] cannot see the event page's state (${error instanceof Error ? error.message : String(error)}): cold samples only wait`);
    return null;
  }
}

/** @param {Simulator} sim @param {string} extensionDir @param {number} index @returns {Promise<HangupSample>} */
async function firefoxCold(sim, extensionDir, index) {
  const { page, background, close } = await launchFirefox(extensionDir, { 'extensions.background.idle.timeout': FIREFOX_IDLE_TIMEOUT_MS });
  try {
    await page.goto(lessonUrl(sim, `${ROOM}FirefoxCold${index}`));
    await joined(page);
    // Set-up, not measurement: the idle timeout suspends the event page (a quiet lesson sends it nothing).
    if (background) await untilAsleep(background, null);
    else await sleep(FIREFOX_BLIND_WAIT_MS);
    const state = background ? await background() : `not observable; waited ${FIREFOX_BLIND_WAIT_MS / 1000} s`;
    return { ...(await timedHangup(page, () => page.click(HANGUP))), background: state };
  } finally {
    await close();
  }
}

/** @param {Simulator} sim @param {string} extensionDir @param {number} count @returns {Promise<HangupSample[]>} */
async function firefoxWarm(sim, extensionDir, count) {
  const { page, background, close } = await launchFirefox(extensionDir, {});
  try {
    await page.goto(lessonUrl(sim, `${ROOM}FirefoxWarm`));
    await joined(page);
    const status = background ?? (async () => 'not observable');
    return await warmHangups(page, () => page.click(HANGUP), () => page.keyboard.press('Escape'), status, count);
  } finally {
    await close();
  }
}

// ── the whole part ──────────────────────────────────────────────────────────────────────────────

/** @param {number[]} values */
const stats = (values) => ({
  samples: values.length,
  median: round(quantile(values, 0.5), 1),
  p95: round(quantile(values, 0.95), 1),
  min: round(values.length ? Math.min(...values) : null, 1),
  max: round(values.length ? Math.max(...values) : null, 1),
});

/** @param {HangupSample[]} samples */
function summarise(samples) {
  const clickToFrame = stats(samples.map((s) => s.clickToFrameMs));
  return {
    clickToFrameMs: clickToFrame,
    withinBudget: clickToFrame.median !== null && clickToFrame.p95 !== null && clickToFrame.median <= HANGUP_BUDGETS.medianMs && clickToFrame.p95 <= HANGUP_BUDGETS.p95Ms,
    clickToAttachedMs: stats(samples.map((s) => s.clickToAttachedMs)),
    attachedToFrameMs: stats(samples.map((s) => s.attachedToFrameMs)),
    inputToListenerMs: stats(samples.map((s) => s.inputToListenerMs)),
    /** Each sample should have seen exactly one click: the teacher's. */
    oneClickEach: samples.every((s) => s.clicksSeen === 1),
    /** The background's state just before each click: how many samples found it so. */
    backgroundAtClick: samples.reduce((/** @type {Record<string, number>} */ counts, s) => {
      const state = s.background ?? 'unknown';
      counts[state] = (counts[state] ?? 0) + 1;
      return counts;
    }, {}),
    raw: samples.map((s) => ({
      clickToFrameMs: round(s.clickToFrameMs, 1),
      clickToAttachedMs: round(s.clickToAttachedMs, 1),
      inputToListenerMs: round(s.inputToListenerMs, 1),
      ...(s.background ? { background: s.background } : {}),
    })),
  };
}

/**
 * Cold and warm in Chromium and Firefox ESR, on the running simulator, with the dev builds in the dirs
 * given (absolute paths). @param {{sim: Simulator, chromeExtension: string, firefoxExtension: string, coldSamples: number, warmSamples: number}} options
 */
export async function measureHangup({ sim, chromeExtension, firefoxExtension, coldSamples, warmSamples }) {
  const started = Date.now();
  /** @param {string} label @param {HangupSample} s */
  const show = (label, s) =>
    console.log(`  ${label}: ${s.clickToFrameMs.toFixed(1)} ms (attached after ${s.clickToAttachedMs.toFixed(1)} ms)${s.background ? `, background ${s.background}` : ''}`);

  console.log(`hang-up: Chromium cold ×${coldSamples}, warm ×${warmSamples}`);
  /** @type {HangupSample[]} */
  const chromiumColdSamples = [];
  for (let i = 0; i < coldSamples; i++) {
    chromiumColdSamples.push(await chromiumCold(sim, chromeExtension, i));
    show(`chromium cold ${i + 1}`, /** @type {HangupSample} */ (chromiumColdSamples[i]));
  }
  const chromiumWarmSamples = await chromiumWarm(sim, chromeExtension, warmSamples);
  console.log(`  chromium warm: ${chromiumWarmSamples.map((s) => s.clickToFrameMs.toFixed(1)).join(', ')} ms`);

  console.log(`hang-up: Firefox ESR cold ×${coldSamples}, warm ×${warmSamples}`);
  /** @type {HangupSample[]} */
  const firefoxColdSamples = [];
  for (let i = 0; i < coldSamples; i++) {
    firefoxColdSamples.push(await firefoxCold(sim, firefoxExtension, i));
    show(`firefox cold ${i + 1}`, /** @type {HangupSample} */ (firefoxColdSamples[i]));
  }
  const firefoxWarmSamples = await firefoxWarm(sim, firefoxExtension, warmSamples);
  console.log(`  firefox warm: ${firefoxWarmSamples.map((s) => s.clickToFrameMs.toFixed(1)).join(', ')} ms`);

  return {
    date: new Date().toISOString(),
    budgets: HANGUP_BUDGETS,
    parameters: {
      coldSamples,
      warmSamples,
      room: ROOM_OPTIONS,
      warmPauseMs: WARM_PAUSE_MS,
      firefoxIdleTimeoutMs: FIREFOX_IDLE_TIMEOUT_MS,
      coldBackgroundAsleepMs: ASLEEP_MS,
      chromiumClick: 'Playwright page.mouse.click at the button centre (CDP Input.dispatchMouseEvent)',
      firefoxClick: 'puppeteer page.click (WebDriver BiDi input.performActions)',
    },
    chromium: { browser: browserVersion(CHROMIUM_PATH), cold: summarise(chromiumColdSamples), warm: summarise(chromiumWarmSamples) },
    firefox: { browser: browserVersion(FIREFOX_PATH), cold: summarise(firefoxColdSamples), warm: summarise(firefoxWarmSamples) },
    durationSeconds: round((Date.now() - started) / 1000, 1),
  };
}
