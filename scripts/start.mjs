// @ts-check
// `npm start`: build the extension, start the simulated lesson — jitsi-meet's real web UI from the SDK
// (test/jitsi-sdk) with only the network side simulated — and open a Chromium-family browser with the
// extension loaded, in a lesson where you are the moderator and a class is present. Without a display (or
// with --headless) it sets the lesson up the same way, saves full-length screenshots of the popup, the
// leave dialog and the options page, and exits.
//   node scripts/start.mjs [--headless] [--no-build] [--port 8080] [--students 12] [--lang en|de|nl]
//                          [--policy FILE] [--scenario NAME] [--shots DIR]
// Scenarios: start (nothing secured yet), middle (lobby and password on), knocking, recording, breakout,
// co-teacher, ended (after "End the lesson"). --policy: a school configuration ({"enforced", "defaults"},
// e.g. docs/admin/generated/configuration.json) or a Chromium policy file; written where Chromium reads
// managed policy (root only) for this run and removed afterwards.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startSimulator } from '../test/jitsi-sdk/server.mjs';

const SCENARIOS = ['start', 'middle', 'knocking', 'recording', 'breakout', 'co-teacher', 'ended'];
const LANGUAGES = ['en', 'de', 'nl'];
const ROOM = { en: 'Class7b-Maths', de: 'Klasse7b-Mathe', nl: 'Klas7b-Wiskunde' };
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'jitsi-companion-npm-start.json');
const EXTENSION_DIR = resolve('dist/chrome-dev');
const POPUP_SIZE = { width: 380, height: 600 };

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? /** @type {string} */ (args[index + 1]) : fallback;
};
/** @param {string} message */
function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(2);
}
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const port = Number(option('--port', process.env.PORT ?? '8080'));
const students = Number(option('--students', '12'));
const lang = /** @type {'en' | 'de' | 'nl'} */ (option('--lang', 'en'));
const scenario = option('--scenario', 'start');
const policyPath = option('--policy', '');
const shotsDir = option('--shots', headless ? '.tmp/start' : '');
if (!LANGUAGES.includes(lang)) fail(`--lang must be one of ${LANGUAGES.join(', ')} (got "${lang}")`);
if (!SCENARIOS.includes(scenario)) fail(`--scenario must be one of ${SCENARIOS.join(', ')} (got "${scenario}")`);
if (!Number.isInteger(students) || students < 0 || students > 200) fail(`--students must be a whole number from 0 to 200`);

/** Chromium-family browsers, in order of preference. Google Chrome ≥ 137 ignores --load-extension, so
 *  the extension is installed over the DevTools pipe instead, which every one of these supports. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
].filter(/** @returns {p is string} */ (p) => Boolean(p));

function findBrowser() {
  let found = CANDIDATES.find((path) => existsSync(path));
  if (!found && process.platform === 'linux' && process.getuid?.() === 0) {
    // A fresh Debian machine as root: install Debian's Chromium, as the tests do.
    spawnSync('bash', ['scripts/install-browsers.sh', 'chromium'], { stdio: 'inherit' });
    found = CANDIDATES.find((path) => existsSync(path));
  }
  if (!found) {
    fail(
      'No Chromium-family browser found. Install one of: Debian/Ubuntu package "chromium" (sudo apt-get install chromium),\n' +
        'Google Chrome, or Microsoft Edge — or set CHROMIUM_PATH to its executable.',
    );
  }
  return /** @type {string} */ (found);
}

/** The id Chromium gives an unpacked extension with a `key`: the key's SHA-256, first 32 hex digits as a–p. */
function extensionIdOf(/** @type {string} */ dir) {
  const key = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).key;
  if (typeof key !== 'string') fail(`${dir}/manifest.json has no key: build the dev flavour`);
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** A school configuration ({enforced, defaults}) or a whole Chromium policy file, as Chromium reads it. */
function policyFileFor(/** @type {string} */ path, /** @type {string} */ extensionId) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`--policy ${path}: not a JSON file (${error instanceof Error ? error.message : error})`);
  }
  if (parsed && typeof parsed === 'object' && '3rdparty' in parsed) return parsed;
  if (!parsed || typeof parsed !== 'object' || !('enforced' in parsed || 'defaults' in parsed)) {
    fail(`--policy ${path}: expected {"enforced": {…}, "defaults": {…}} or a Chromium policy file with "3rdparty"`);
  }
  return { '3rdparty': { extensions: { [extensionId]: parsed } } };
}

if (!args.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--dev-only'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// jitsi-meet's web UI: its own npm package, installed from the registry and built once (cached).
const prepared = spawnSync(process.execPath, ['test/jitsi-sdk/scripts/prepare.mjs'], { stdio: 'inherit' });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const executablePath = findBrowser();
const extensionId = extensionIdOf(EXTENSION_DIR);
if (policyPath) {
  const policy = policyFileFor(policyPath, extensionId);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2));
  } catch (error) {
    fail(`--policy needs to write ${POLICY_FILE} (run as root): ${error instanceof Error ? error.message : error}`);
  }
}

const simulator = await startSimulator({ port }).catch((/** @type {NodeJS.ErrnoException} */ error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.log(`Port ${port} is busy; using a free one.`);
  return startSimulator({ port: 0 });
});
// Headless runs take screenshots of Jitsi and the companion: the simulator's panel only when someone looks.
const lessonUrl = simulator.roomUrl(ROOM[lang], { students, lang, ...(headless ? {} : { panel: 'open' }) }, '#config.prejoinConfig.enabled=false');
const profile = mkdtempSync(join(tmpdir(), 'jmc-start-'));

const browser = await puppeteer.launch({
  executablePath,
  headless,
  pipe: true,
  enableExtensions: [EXTENSION_DIR],
  userDataDir: profile,
  defaultViewport: headless ? { width: 1280, height: 800 } : null,
  args: [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--lang=${lang}`,
  ],
});

async function shutdown(code = 0) {
  await browser.close().catch(() => undefined);
  await simulator.close();
  rmSync(profile, { recursive: true, force: true });
  if (policyPath) rmSync(POLICY_FILE, { force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const workerTarget = await browser.waitForTarget(
  (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
  { timeout: 15_000 },
);
const maybeWorker = await workerTarget.worker();
if (!maybeWorker) throw new Error('extension service worker not reachable');
const worker = maybeWorker;
// The worker's extension APIs appear once its script has started.
for (let tries = 0; !(await worker.evaluate(() => typeof chrome !== 'undefined' && Boolean(chrome.storage)).catch(() => false)); tries += 1) {
  if (tries > 100) fail('the extension\'s service worker did not start');
  await new Promise((done) => setTimeout(done, 100));
}
// The companion's own language setting (Debian's Chromium follows --lang only with chromium-l10n).
await worker.evaluate(async (language) => {
  const { settings } = await chrome.storage.local.get('settings');
  await chrome.storage.local.set({ settings: { .../** @type {object} */ (settings ?? {}), uiLanguage: language } });
}, lang);

const [firstTab] = await browser.pages();
const lesson = firstTab ?? (await browser.newPage());
await lesson.goto(lessonUrl);
await lesson.waitForFunction(() => window.APP?.store?.getState()['features/base/participants'].local?.role === 'moderator', { timeout: 30_000 });

/** Waits until the extension shows the lesson in the tab; returns the tab id and badge text. */
async function waitForLesson() {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // No "tabs" permission, so no URLs: the lesson is the active tab.
    const seen = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return null;
      const room = /** @type {{ phase?: string } | undefined} */ ((await chrome.storage.session.get(`room:${tab.id}`))[`room:${tab.id}`]);
      return room?.phase === 'conference' ? { tabId: tab.id, badge: await chrome.action.getBadgeText({ tabId: tab.id }) } : null;
    });
    if (seen) return seen;
    await new Promise((done) => setTimeout(done, 200));
  }
  return null;
}

const seen = await waitForLesson();
console.log(`\nSimulated lesson (jitsi-meet's real web UI, network simulated): ${lessonUrl}`);
console.log('Simulator controls: the yellow panel at the top right of the lesson (students join, leave, knock, record, breakout rooms …), or window.__jitsiSim.');
console.log(`Browser: ${executablePath}${headless ? ' (headless)' : ''} · language ${lang} · scenario ${scenario}${policyPath ? ` · policy ${policyPath}` : ''}`);
if (!seen) {
  console.error('The extension did not report the lesson within 15 s.');
  await shutdown(1);
}
const tabId = /** @type {{ tabId: number, badge: string }} */ (seen).tabId;
console.log(`Extension ${extensionId} is active: badge "${seen?.badge}" in "${ROOM[lang]}".`);

/** The lesson as the scenario wants it, through Jitsi (as a teacher would) and the simulated server. */
async function setUpScenario() {
  const conference = 'APP.store.getState()["features/base/conference"].conference';
  const inPage = (/** @type {string} */ script) => lesson.evaluate(script);
  if (scenario === 'middle' || scenario === 'knocking' || scenario === 'ended') {
    await inPage(`${conference}.enableLobby(); ${conference}.lock('tiger-lemon-harbor-cloud')`);
  }
  if (scenario === 'knocking') await inPage(`__jitsiSim.knock('Paul'); __jitsiSim.knock('Lea')`);
  if (scenario === 'recording') await inPage(`__jitsiSim.startRecording('file')`);
  if (scenario === 'co-teacher') await inPage(`__jitsiSim.join('Herr Ahmadi', { moderator: true })`);
  if (scenario === 'breakout') {
    await inPage(`(() => { const ids = __jitsiSim.remoteIds().slice(0, 3); return __jitsiSim.openBreakoutRoom('Gruppe A', ids); })()`);
  }
  await new Promise((done) => setTimeout(done, 800));
}

/** The popup at Chrome's popup size, full length. */
async function popupShot(/** @type {string} */ file) {
  const popup = await browser.newPage();
  await popup.setViewport(POPUP_SIZE);
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
  await popup.waitForSelector('[data-testid="room"], [data-testid="lesson-ended"]');
  await new Promise((done) => setTimeout(done, 300));
  if (scenario === 'ended') {
    await popup.click('[data-testid="end-lesson"]');
    await popup.waitForSelector('[data-testid="end-confirm"]');
    await popup.click('[data-testid="end-and-leave"]');
    await popup.waitForSelector('[data-testid="lesson-ended"]', { timeout: 30_000 });
  }
  // Chrome sizes the popup window to its content (at most 600 px): the shot is that window.
  const height = await popup.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  await popup.screenshot({ path: file, clip: { x: 0, y: 0, width: POPUP_SIZE.width, height: Math.min(Math.max(height, 1), 2000) }, captureBeyondViewport: true });
  const text = await popup.$eval('main', (main) => /** @type {HTMLElement} */ (main).innerText.replace(/\s+/g, ' '));
  await popup.close();
  return { height, text };
}

/** Jitsi's own hang-up button with the class inside: the companion's leave dialog over the lesson. */
async function leaveDialogShot(/** @type {string} */ file) {
  await lesson.bringToFront();
  // Jitsi hides its toolbar until the mouse moves.
  await lesson.mouse.move(640, 400);
  await lesson.mouse.move(640, 700, { steps: 5 });
  await new Promise((done) => setTimeout(done, 400));
  await lesson.click('#new-toolbox .toolbox-button:has(.hangup-menu-button), #new-toolbox .toolbox-button:has(.hangup-button)');
  // "Leave meeting" in the lesson's language: jitsi-meet's own translation of its label.
  const label = await lesson.evaluate(() =>
    /** @type {any} */ (window.APP).translation.generateTranslationHTML('toolbar.accessibilityLabel.leaveConference').replace(/<[^>]*>/g, ''),
  );
  const item = `button[aria-label="${label}"]`;
  if (await lesson.waitForSelector(item, { timeout: 3_000 }).catch(() => null)) {
    // The menu settles (and re-renders) first; then its item, by keyboard as a teacher may.
    await new Promise((done) => setTimeout(done, 500));
    await lesson.$eval(item, (button) => /** @type {HTMLElement} */ (button).focus());
    await lesson.keyboard.press('Enter');
  }
  await lesson.waitForSelector('jmc-leave-guard', { timeout: 5_000 });
  await new Promise((done) => setTimeout(done, 300));
  await lesson.screenshot({ path: file });
  await lesson.keyboard.press('Escape'); // Stay
}

async function optionsShot(/** @type {string} */ file) {
  const options = await browser.newPage();
  await options.setViewport({ width: 1000, height: 800 });
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.waitForSelector('main');
  await new Promise((done) => setTimeout(done, 500));
  await options.screenshot({ path: file, fullPage: true });
  await options.close();
}

// The school's automatic set-up (policy) acts once the teacher is moderator; Chromium hands the extension
// its policy a few seconds after start. Give it that time before the screenshots.
if (policyPath) await new Promise((done) => setTimeout(done, 5_000));
await setUpScenario();
if (shotsDir) {
  mkdirSync(shotsDir, { recursive: true });
  const base = join(shotsDir, `${lang}-${scenario}`);
  await lesson.screenshot({ path: `${base}-lesson.png` });
  if (scenario !== 'ended') await leaveDialogShot(`${base}-leave-dialog.png`);
  const popup = await popupShot(`${base}-popup.png`);
  await optionsShot(`${base}-options.png`);
  console.log(`Popup (${popup.height} px high at ${POPUP_SIZE.width} px): ${popup.text.slice(0, 300)}`);
  console.log(`Screenshots: ${base}-{lesson${scenario !== 'ended' ? ',leave-dialog' : ''},popup,options}.png`);
}
if (headless) {
  await shutdown(0);
} else {
  console.log('Click the extension icon in the toolbar (pin it from the puzzle menu) to open the popup.');
  console.log('Close the browser or press Ctrl+C to stop.');
  browser.on('disconnected', () => void shutdown(0));
}
