// @ts-check
// `npm start`: build the extension, start the simulated Jitsi lesson on localhost, and open a
// Chromium-family browser with the extension loaded, in a lesson where you are the moderator and a
// class is present. Without a display (or with --headless) it checks the same thing headlessly,
// saves screenshots to .tmp/start/ and exits.
//   node scripts/start.mjs [--headless] [--no-build] [--port 8080] [--students 12]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startSimulator } from '../test/sim/server.mjs';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? /** @type {string} */ (args[index + 1]) : fallback;
};
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const port = Number(option('--port', process.env.PORT ?? '8080'));
const students = Number(option('--students', '12'));
const ROOM = 'Klasse7b-Mathe';
const EXTENSION_DIR = resolve('dist/chrome-dev');

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
    console.error(
      'No Chromium-family browser found. Install one of: Debian/Ubuntu package "chromium" (sudo apt-get install chromium),\n' +
        'Google Chrome, or Microsoft Edge — or set CHROMIUM_PATH to its executable.',
    );
    process.exit(1);
  }
  return found;
}

if (!args.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--dev-only'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const executablePath = findBrowser();
const simulator = await startSimulator({ port }).catch((/** @type {NodeJS.ErrnoException} */ error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.log(`Port ${port} is busy; using a free one.`);
  return startSimulator({ port: 0 });
});
const lessonUrl = simulator.roomUrl(ROOM, { students }, '#config.prejoinConfig.enabled=false');
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
  ],
});

async function shutdown(code = 0) {
  await browser.close().catch(() => undefined);
  await simulator.close();
  rmSync(profile, { recursive: true, force: true });
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
const extensionId = new URL(workerTarget.url()).host;

const [firstTab] = await browser.pages();
const lesson = firstTab ?? (await browser.newPage());
await lesson.goto(lessonUrl);

/** Waits until the extension shows the class on the badge; returns the tab id and badge text. */
async function waitForBadge() {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // No "tabs" permission, so no URLs: the lesson is the active tab.
    const seen = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) return null;
      return { tabId: tab.id, badge: await chrome.action.getBadgeText({ tabId: tab.id }) };
    });
    if (seen?.badge) return seen;
    await new Promise((done) => setTimeout(done, 200));
  }
  return null;
}

const seen = await waitForBadge();
console.log(`\nSimulated lesson: ${lessonUrl}`);
console.log(`Simulator controls: the panel on the right of the lesson page (students join, leave, knock, …).`);
console.log(`Browser: ${executablePath}${headless ? ' (headless)' : ''}`);
if (!seen) {
  console.error('The extension did not report the lesson within 15 s.');
  await shutdown(1);
} else {
  console.log(`Extension ${extensionId} is active: badge shows ${seen.badge} participants in "${ROOM}".`);
}

if (headless) {
  mkdirSync('.tmp/start', { recursive: true });
  await lesson.screenshot({ path: '.tmp/start/lesson.png' });
  const popup = await browser.newPage();
  await popup.setViewport({ width: 360, height: 240 });
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${seen?.tabId}`);
  await popup.waitForSelector('[data-testid="participant-count"]');
  const text = await popup.$eval('main', (main) => /** @type {HTMLElement} */ (main).innerText.replace(/\s+/g, ' '));
  await popup.screenshot({ path: '.tmp/start/popup.png' });
  console.log(`Popup says: ${text}`);
  console.log('Screenshots: .tmp/start/lesson.png, .tmp/start/popup.png');
  await shutdown(0);
} else {
  console.log('Click the extension icon in the toolbar (pin it from the puzzle menu) to open the popup.');
  console.log('Close the browser or press Ctrl+C to stop.');
  browser.on('disconnected', () => void shutdown(0));
}
