// The first slice through every context, in real Chromium: page script → content script →
// background (badge) → popup, on the simulated lesson.
import { readFileSync } from 'node:fs';
import { badgeOf, expect, hangUpAnyway, openPopup, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

test('badge and popup show how many students are in the lesson as they join and leave', async ({
  context, serviceWorker, extensionId, simulator, extensionErrors,
}) => {
  const lesson = await context.newPage();
  const pageErrors: string[] = [];
  lesson.on('pageerror', (error) => pageErrors.push(error.message));
  await lesson.goto(simulator.roomUrl('MathLesson', { students: 3 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);

  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('3');
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('room-name')).toHaveText('MathLesson');
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '3');
  await expect(popup.getByTestId('participant-count')).toHaveText('3 participants in the room');

  // Two more students arrive; the open popup follows without reopening.
  const ids = await lesson.evaluate(() => [window.__jitsiSim.join('Lena'), window.__jitsiSim.join('Tim')]);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('5');
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '5');

  // A shared video tile and a hidden recorder are not people in the class.
  await lesson.evaluate(() => {
    window.__jitsiSim.join('YouTube', { fake: 'SharedVideo' });
    window.__jitsiSim.join('Recorder', { hidden: 'recorder' });
  });
  await lesson.evaluate((id) => window.__jitsiSim.leave(id), ids[0]!);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('4');
  await expect(popup.getByTestId('participant-count')).toHaveText('4 participants in the room');

  // Everyone leaves: the room is empty. No red "0" for a teacher alone: "!" while the lobby is still off.
  await lesson.evaluate(() => window.__jitsiSim.remoteIds().forEach((id) => window.__jitsiSim.leave(id)));
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('!');
  await expect(popup.getByTestId('participant-count')).toHaveText('No one else is in the room');

  expect(pageErrors).toEqual([]);
  expect(extensionErrors).toEqual([]);
});

test('prejoin is shown as "not joined yet", then the lesson once the teacher joins', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Deutsch8a', { students: 2 }));
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('room')).toHaveAttribute('data-phase', 'prejoin');
  expect(await badgeOf(serviceWorker, tabId)).toBe('');
  await expect(popup.getByTestId('participant-count')).toHaveCount(0);

  await lesson.locator('[data-testid="prejoin.joinMeeting"]').click();
  await expect(popup.getByTestId('room')).toHaveAttribute('data-phase', 'conference');
  await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '2');
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('2');
});

test('leaving the lesson clears the count: Jitsi empties its own list, that is not an empty room', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Bio9c', { students: 4 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('4');
  const popup = await openPopup(context, extensionId, tabId);

  // Everything the popup shows from here on: phase and count at each change.
  const seen: string[] = [];
  await popup.exposeFunction('recordView', (view: string) => seen.push(view));
  await popup.evaluate(() => {
    const view = () =>
      `${document.querySelector('[data-phase]')?.getAttribute('data-phase') ?? 'none'}:${
        document.querySelector('[data-testid="participant-count"]')?.getAttribute('data-count') ?? '-'
      }`;
    new MutationObserver(() => (window as any).recordView(view())).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await hangUpAnyway(lesson);
  // The simulator (like Jitsi) navigates to the welcome page after hanging up.
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('');
  await expect(popup.getByTestId('no-room')).toBeVisible();
  // At no point did the popup claim an empty room while Jitsi was emptying its list.
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((view) => view === 'conference:0')).toEqual([]);
});

test('navigating the lesson tab to a site where the extension does not run clears its room', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Musik6', { students: 2 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('2');
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('room-name')).toHaveText('Musik6');
  await lesson.goto('data:text/html,<title>elsewhere</title>');
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.storage.session.get(`room:${id}`), tabId)).toEqual({});
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('');
  await expect(popup.getByTestId('no-room')).toBeVisible();
});

// The 2021 app shape is the one case the SDK cannot be: the hand-written double's named variant.
test('the 2021-era app shape (participants array) is counted too', async ({ context, serviceWorker, legacySimulator }) => {
  const lesson = await context.newPage();
  await lesson.goto(legacySimulator.roomUrl('Chemie10', { students: 6, app: '2021' }, '#config.prejoinPageEnabled=false'));
  const tabId = await tabIdOf(serviceWorker, lesson);
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('6');
  await lesson.evaluate(() => window.__jitsiSim.join('Mia'));
  await expect.poll(() => badgeOf(serviceWorker, tabId)).toBe('7');
});

test('a page that is not Jitsi, even with its own window.APP, gets no badge and no room', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const page = await context.newPage();
  await page.goto(`${simulator.origin}/__fixtures/lookalike`);
  const tabId = await tabIdOf(serviceWorker, page);
  // Give the page script ample time to (wrongly) find a room.
  await page.waitForTimeout(1500);
  expect(await badgeOf(serviceWorker, tabId)).toBe('');
  const stored = await serviceWorker.evaluate(() => chrome.storage.session.get(null));
  expect(Object.keys(stored)).toEqual([]);
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('no-room')).toBeVisible();
});

test('a forged room message from the page is validated: malformed ones are dropped', async ({
  context, serviceWorker, simulator,
}) => {
  const page = await context.newPage();
  await page.goto(`${simulator.origin}/__fixtures/lookalike`);
  const tabId = await tabIdOf(serviceWorker, page);
  await page.evaluate(() => {
    const source = 'jitsi-moderator-companion/page';
    // The page script's room updates: a DOM event on document, the message as JSON in its detail.
    const forge = (message: unknown) => document.dispatchEvent(new CustomEvent('jitsi-moderator-companion:room', { detail: JSON.stringify(message) }));
    const snapshot = { v: 1, phase: 'conference', roomName: 'x'.repeat(5000), participants: 3, jitsiVersion: null };
    forge({ source, type: 'room', snapshot });
    forge({ source, type: 'room', snapshot: { ...snapshot, roomName: 'ok', participants: -4 } });
    forge({ source, type: 'kick-everyone' });
    window.postMessage({ source, type: 'room', snapshot: { ...snapshot, roomName: 'ok' } }, location.origin); // the old channel: not listened to
  });
  await page.waitForTimeout(1000);
  expect(await badgeOf(serviceWorker, tabId)).toBe('');
});

test('the extension loads without errors or warnings (release and dev builds)', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  const info = await page.evaluate(async (id) => {
    const all = await (chrome as any).developerPrivate.getExtensionsInfo({ includeDisabled: true, includeTerminated: true });
    const ext = all.find((e: any) => e.id === id);
    return { name: ext.name, installWarnings: ext.installWarnings, manifestErrors: ext.manifestErrors, runtimeErrors: ext.runtimeErrors };
  }, extensionId);
  expect(info.name).toBe('Jitsi Moderator Companion');
  expect(info).toMatchObject({ installWarnings: [], manifestErrors: [], runtimeErrors: [] });
  const manifest = JSON.parse(readFileSync('dist/chrome-dev/manifest.json', 'utf8'));
  expect(manifest.key).toBeTruthy();
});

test.describe('release build', () => {
  test.use({ extensionDir: 'dist/chrome' });
  test('dist/chrome loads without warnings and stays off the simulator host', async ({ context, extensionId, serviceWorker, simulator }) => {
    const lesson = await context.newPage();
    await lesson.goto(simulator.roomUrl('MathLesson', { students: 2 }, NO_PREJOIN));
    await lesson.waitForTimeout(1000);
    const stored = await serviceWorker.evaluate(() => chrome.storage.session.get(null));
    expect(stored).toEqual({});
    const page = await context.newPage();
    await page.goto('chrome://extensions');
    const info = await page.evaluate(async (id) => {
      const all = await (chrome as any).developerPrivate.getExtensionsInfo({ includeDisabled: true });
      const ext = all.find((e: any) => e.id === id);
      return { installWarnings: ext.installWarnings, manifestErrors: ext.manifestErrors, runtimeErrors: ext.runtimeErrors };
    }, extensionId);
    expect(info).toEqual({ installWarnings: [], manifestErrors: [], runtimeErrors: [] });
  });
});
