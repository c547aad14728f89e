// The popup's lesson checklist in real Chromium against the simulated lesson: every automatic item
// follows the room and says its state ("Lobby: off"), what needs the teacher comes first and what is in
// order folds, the one-click fixes change the conference and their rows turn green with the focus on
// them, failures show their reason, manual ticks last for the lesson, German and Dutch, and axe-core.
// Screenshots of each state go to test-results/popup-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { axeViolations } from './axe.ts';
import { CHROMIUM_PATH } from './browsers.ts';
import { chromiumArgs, expect, openPopup, storedRoomOf, tabIdOf, test, type Simulator } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const POPUP_SIZE = { width: 380, height: 600 };

interface Env {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  simulator: Simulator;
}

/** A lesson without prejoin, once the teacher's role has reached the extension, and its popup at popup size. */
async function startLesson(env: Env, room: string, params: Record<string, string | number> = {}, hash = NO_PREJOIN) {
  const page = await env.context.newPage();
  await page.goto(env.simulator.roomUrl(room, { panel: 'closed', ...params }, hash));
  const tabId = await tabIdOf(env.serviceWorker, page);
  if (hash === NO_PREJOIN) {
    await expect
      .poll(() => storedRoomOf(env.serviceWorker, tabId))
      .toMatchObject({ phase: 'conference', isModerator: params.role !== 'participant' });
  }
  const popup = await openPopup(env.context, env.extensionId, tabId);
  await popup.setViewportSize(POPUP_SIZE);
  return { page, tabId, popup };
}

const item = (popup: Page, id: string) => popup.getByTestId(id);
const expectStatus = (popup: Page, id: string, status: string) => expect(item(popup, id), id).toHaveAttribute('data-status', status);
/** The row's own text, "Topic: state": what a screen reader reads for it, too. */
const rowLabel = (popup: Page, id: string) => item(popup, id).locator('.label');
/** Opens a row's "why?" and returns the hint it shows. */
async function why(popup: Page, id: string) {
  const toggle = popup.getByTestId(`why-${id}`);
  await expect(popup.getByTestId(`hint-${id}`)).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return popup.getByTestId(`hint-${id}`);
}
/** The rows that need the teacher, top to bottom. */
const nowRows = (popup: Page) => popup.getByTestId('now-items').locator(':scope > li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));

async function shot(popup: Page, name: string): Promise<void> {
  await popup.screenshot({ path: `test-results/popup-${name}.png` });
}

/** The page is as tall as its content: no vertical scrolling in the 600 px popup. */
async function fitsPopup(popup: Page): Promise<{ width: number; height: number }> {
  const size = await popup.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    widest: Math.max(...[...document.querySelectorAll('main *')].map((element) => element.getBoundingClientRect().right)),
  }));
  expect(size.widest).toBeLessThanOrEqual(POPUP_SIZE.width);
  return { width: size.width, height: size.height };
}

test.describe('checklist follows the room', () => {
  test('each automatic item flips when the simulated room changes', async ({ context, serviceWorker, extensionId, simulator }) => {
    const { page, popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe', { students: 3 });
    const sim = <T,>(fn: () => T) => page.evaluate(fn);

    // What needs the teacher first, worst first; what is in order folded into one line.
    expect(await nowRows(popup)).toEqual(['check-lobby', 'check-password', 'item-start-muted', 'item-blur', 'item-rules']);
    await expect(popup.getByTestId('done-summary')).toContainText('5 in order');
    await expect(item(popup, 'check-moderator')).toBeHidden();
    await expect(rowLabel(popup, 'check-lobby')).toHaveText('Lobby: off');
    await expect(popup.getByTestId('fix-enable-lobby')).toHaveText('Turn on');
    await expect(rowLabel(popup, 'check-password')).toHaveText('Room password: none');
    await expect(rowLabel(popup, 'item-start-muted')).toHaveText('New arrivals: microphone or camera on');
    await popup.getByTestId('done-summary').click();
    await expect(rowLabel(popup, 'check-moderator')).toHaveText('Your role: moderator');
    await expect(rowLabel(popup, 'check-everyone-moderator')).toHaveText('Moderator rights: limited');
    await expect(rowLabel(popup, 'check-knocking')).toHaveText('Waiting in the lobby: nobody');
    await expect(rowLabel(popup, 'check-recording')).toHaveText('Recording: off');
    await popup.getByTestId('done-summary').click();
    await expectStatus(popup, 'check-moderator', 'ok');
    await expectStatus(popup, 'check-everyone-moderator', 'ok');
    await expectStatus(popup, 'check-lobby', 'fail');
    await expectStatus(popup, 'check-password', 'warn');
    await expectStatus(popup, 'check-lockout', 'ok');
    await expectStatus(popup, 'item-start-muted', 'warn');
    await expectStatus(popup, 'item-blur', 'todo');
    await expectStatus(popup, 'item-rules', 'todo');
    await expectStatus(popup, 'check-knocking', 'ok');
    await expectStatus(popup, 'check-recording', 'ok');
    await expect(item(popup, 'item-recording-announced')).toHaveCount(0);
    await expect(popup.getByTestId('participant-count')).toHaveText('3 participants in the room');
    // The end steps do not apply yet: "Still in the lesson" shows only once the teacher ends it.
    await expect(item(popup, 'item-remove-everyone')).toHaveCount(0);
    await expect(item(popup, 'item-leave-last')).toHaveCount(0);
    await expect(popup.getByTestId('headline')).toHaveAttribute('data-headline', 'danger');
    await expect(popup.getByTestId('end-lesson')).toBeEnabled();
    expect((await fitsPopup(popup)).width).toBe(POPUP_SIZE.width);
    await shot(popup, 'lesson-problems');

    // Lobby on (as in Jitsi's own security dialog): lobby green, lock-out warning until a password is set.
    await page.evaluate(() => window.APP.store.getState()['features/base/conference'].conference.enableLobby());
    await expectStatus(popup, 'check-lobby', 'ok');
    await expectStatus(popup, 'check-lockout', 'warn');
    await expect(rowLabel(popup, 'check-lockout')).toHaveText('If you drop out: the lobby keeps you out too');
    await expect(await why(popup, 'lockout')).toContainText('set one above');

    // Someone knocks: counted, with the hint to admit them in Jitsi; admitted, the item is green again.
    const knocker = await sim(() => window.__jitsiSim.knock('Paul'));
    await expectStatus(popup, 'check-knocking', 'warn');
    await expect(rowLabel(popup, 'check-knocking')).toHaveText('Waiting in the lobby: 1 person');
    expect((await nowRows(popup))[0]).toBe('check-knocking');
    await expect(await why(popup, 'knocking')).toContainText('Admit them in Jitsi');
    await page.evaluate((id) => window.__jitsiSim.admit(id), knocker);
    await expectStatus(popup, 'check-knocking', 'ok');
    await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '4');

    // A recording: warning, and the manual step to announce it and ask for consent.
    await sim(() => window.__jitsiSim.startRecording('file'));
    await expectStatus(popup, 'check-recording', 'warn');
    await expect(rowLabel(popup, 'check-recording')).toHaveText('Recording: running');
    await expectStatus(popup, 'item-recording-announced', 'todo');
    await popup.getByTestId('tick-recording-announced').check();
    await expectStatus(popup, 'item-recording-announced', 'ok');
    await sim(() => window.__jitsiSim.stopRecording());
    await expectStatus(popup, 'check-recording', 'ok');
    await expect(item(popup, 'item-recording-announced')).toHaveCount(0);
    await sim(() => window.__jitsiSim.startRecording('stream'));
    await expect(rowLabel(popup, 'check-recording')).toHaveText('Livestream: running');
    await sim(() => window.__jitsiSim.stopRecording());
    await expectStatus(popup, 'check-recording', 'ok');

    // Breakout rooms: the people there are counted, and must be removed too at the end.
    const ids = await sim(() => window.__jitsiSim.remoteIds());
    await page.evaluate((moved) => window.__jitsiSim.openBreakoutRoom('Gruppe A', moved), ids.slice(0, 2));
    await expect(popup.getByTestId('breakout-count')).toHaveAttribute('data-count', '2');
    await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '2');
    // Ending the lesson counts them too; Cancel gives the focus back to "End the lesson…".
    await popup.getByTestId('end-lesson').click();
    await expect(popup.getByTestId('end-confirm')).toBeFocused();
    await expect(popup.getByTestId('end-confirm-text')).toHaveText('End the meeting for all 4 people in the room and let Jitsi close it?');
    await popup.getByTestId('end-cancel').click();
    await expect(popup.getByTestId('end-lesson')).toBeFocused();
    await sim(() => window.__jitsiSim.closeBreakoutRooms());
    await expect(popup.getByTestId('breakout-count')).toHaveCount(0);

    // Everyone gone: nobody is counted (and still no end steps before the teacher ends the lesson).
    await sim(() => window.__jitsiSim.remoteIds().forEach((id) => window.__jitsiSim.leave(id)));
    await expect(popup.getByTestId('participant-count')).toHaveText('No one else is in the room');
    await expect(item(popup, 'item-remove-everyone')).toHaveCount(0);

    // The teacher loses the moderator role: red, with why and what to do.
    await sim(() => window.__jitsiSim.setLocalRole('participant'));
    await expectStatus(popup, 'check-moderator', 'fail');
    expect((await nowRows(popup))[0]).toBe('check-moderator');
    await expect(rowLabel(popup, 'check-moderator')).toHaveText('Your role: not moderator');
    await expect(await why(popup, 'moderator')).toContainText('Only a moderator can');
    await expect(popup.getByTestId('headline')).toHaveAttribute('data-headline', 'danger');
  });

  test('everyone moderator (meet.jit.si-like) is a loud warning', async ({ context, serviceWorker, extensionId, simulator }) => {
    const { popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Offen', { students: 2, everyoneModerator: 1 });
    await expectStatus(popup, 'check-everyone-moderator', 'warn');
    await expect(item(popup, 'check-everyone-moderator')).toHaveClass(/loud/);
    await expect(rowLabel(popup, 'check-everyone-moderator')).toHaveText('Moderator rights: everyone has them');
    expect((await nowRows(popup))[0]).toBe('check-everyone-moderator');
    await expect(await why(popup, 'everyone-moderator')).toContainText('Any student can remove others');
    await shot(popup, 'everyone-moderator');
  });
});

test.describe('one-click fixes', () => {
  test('lobby, password and start muted change the conference; each item turns green', async ({ context, serviceWorker, extensionId, simulator }) => {
    const { page, popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe', { students: 12 });
    const conference = () => page.evaluate(() => {
      const state = window.APP.store.getState();
      const { locked, password, startAudioMutedPolicy, startVideoMutedPolicy } = state['features/base/conference'];
      return { lobby: state['features/lobby'].lobbyEnabled, locked, password, startAudioMutedPolicy, startVideoMutedPolicy };
    });

    // Keyboard, as a screen-reader user works: the focus lands on the row's new state, never on <body>.
    await popup.getByTestId('fix-enable-lobby').focus();
    await popup.keyboard.press('Enter');
    await expectStatus(popup, 'check-lobby', 'ok');
    await expect(popup.getByTestId('result-enable-lobby')).toHaveAttribute('data-result', 'ok');
    await expect(popup.getByTestId('result-enable-lobby')).toHaveText('The lobby is on: students now wait until you admit them.');
    await expect(popup.getByTestId('fix-enable-lobby')).toHaveCount(0);
    await expect(rowLabel(popup, 'check-lobby')).toHaveText('Lobby: on');
    await expect(rowLabel(popup, 'check-lobby')).toBeFocused();
    // It stays in sight (not folded away) while the popup is open.
    expect(await nowRows(popup)).toContain('check-lobby');
    expect((await conference()).lobby).toBe(true);

    await popup.getByTestId('fix-set-password').click();
    await expectStatus(popup, 'check-password', 'ok');
    await expect(rowLabel(popup, 'check-password')).toBeFocused();
    await expectStatus(popup, 'check-lockout', 'ok');
    const shown = await popup.getByTestId('new-password').textContent();
    expect(shown).toMatch(/^\S{12}$/);
    expect(await conference()).toMatchObject({ locked: 'LOCKED_LOCALLY', password: shown });
    // Never stored: nothing in the extension's storage holds it.
    const stored = await serviceWorker.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
    expect(stored).not.toContain(shown!);
    // Copy goes to the clipboard in the click (spied on: headless Chromium has no clipboard to read back).
    await popup.evaluate(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      (window as any).copied = [];
      clipboard.writeText = (text: string) => {
        (window as any).copied.push(text);
        return write(text).catch(() => undefined);
      };
    });
    await popup.getByTestId('copy-password').click();
    await expect(popup.getByTestId('copy-password')).toHaveText('Copied');
    expect(await popup.evaluate(() => (window as any).copied)).toEqual([shown]);

    await popup.getByTestId('fix-set-start-muted').click();
    await expectStatus(popup, 'item-start-muted', 'ok');
    await expect(rowLabel(popup, 'item-start-muted')).toHaveText('New arrivals: muted, camera off');
    await expect(rowLabel(popup, 'item-start-muted')).toBeFocused();
    expect(await conference()).toMatchObject({ startAudioMutedPolicy: true, startVideoMutedPolicy: true });
    await expect(popup.getByTestId('headline')).toHaveAttribute('data-headline', 'todo');
    await shot(popup, 'lesson-password');

    // The teacher's own steps: ticked in the popup, kept for this lesson when the popup reopens.
    await popup.getByTestId('tick-blur').check();
    // A ticked step stays where it is, with the focus on its box.
    await expect(popup.getByTestId('tick-blur')).toBeFocused();
    expect(await nowRows(popup)).toContain('item-blur');
    await popup.getByTestId('rules-show').click();
    await expect(popup.getByTestId('rules-text')).toContainText('No photos, screenshots');
    await popup.getByTestId('tick-rules').check();
    await expect(popup.getByTestId('headline')).toHaveAttribute('data-headline', 'ok');
    await popup.getByTestId('hide-password').click();
    await expect(popup.getByTestId('new-password')).toHaveCount(0);
    await expect(rowLabel(popup, 'check-password')).toBeFocused();

    const tabId = Number(new URL(popup.url()).searchParams.get('tab'));
    await popup.close();
    const again = await openPopup(context, extensionId, tabId);
    await again.setViewportSize(POPUP_SIZE);
    await expect(again.getByTestId('headline')).toHaveAttribute('data-headline', 'ok');
    await expectStatus(again, 'item-blur', 'ok');
    await expectStatus(again, 'item-rules', 'ok');
    await expect(again.getByTestId('new-password')).toHaveCount(0);
    // Everything is in order: it all folds into one line, and the popup fits without scrolling.
    await expect(again.getByTestId('now-items')).toHaveCount(0);
    await expect(again.getByTestId('done-summary')).toContainText('10 in order');
    await expect(again.getByTestId('check-lobby')).toBeHidden();
    expect(await fitsPopup(again)).toEqual({ width: POPUP_SIZE.width, height: POPUP_SIZE.height });
    await shot(again, 'lesson-green');
    await again.getByTestId('done-summary').click();
    await expect(again.getByTestId('check-lobby')).toBeVisible();
    // The password the teacher set here can be shown again (read from Jitsi, still not stored).
    await again.getByTestId('check-password').getByTestId('show-password').click();
    await expect(again.getByTestId('check-password').getByTestId('new-password')).toHaveText(shown!);
    await expect(again.getByTestId('check-password').getByTestId('copy-password')).toBeFocused();
    await again.getByTestId('check-password').getByTestId('hide-password').click();
    await expect(again.getByTestId('check-password').getByTestId('show-password')).toBeFocused();
  });

  test('not moderator: no fix is offered (none could run), and why is said', async ({ context, serviceWorker, extensionId, simulator }) => {
    const { popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe', { students: 5, role: 'participant' });
    await expectStatus(popup, 'check-moderator', 'fail');
    await expect(await why(popup, 'moderator')).toContainText('signed in with your school account');
    // No fix is offered (none could run); each row tells screen readers why, the role row tells everyone.
    for (const kind of ['enable-lobby', 'set-password', 'set-start-muted']) {
      await expect(popup.getByTestId(`fix-${kind}`)).toHaveCount(0);
      await expect(popup.getByTestId(`blocked-${kind}`)).toHaveText('Only a moderator can do this.');
    }
    await expect(popup.locator('[data-testid^="fix-"]')).toHaveCount(0);
    await expect(popup.getByTestId('end-lesson')).toBeDisabled();
    await shot(popup, 'not-moderator');
  });

  test('a server without lobby: no lobby check, the lobby fix is disabled and says why; the others work', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const { page, popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Bio9c', { students: 2, lobby: 0, passwordDigits: 8 });
    await expect(item(popup, 'check-lobby')).toHaveCount(0);
    await expectStatus(popup, 'item-lobby-unsupported', 'info');
    await expect(rowLabel(popup, 'item-lobby-unsupported')).toHaveText('Lobby: not on this server');
    await expect(popup.getByTestId('fix-enable-lobby')).toHaveCount(0);
    await expect(popup.getByTestId('blocked-enable-lobby')).toHaveText('This server does not offer a lobby.');
    // The digits-only rule of this server is respected (8 digits or more: a shorter rule is not, issue 16).
    await popup.getByTestId('fix-set-password').click();
    await expect(popup.getByTestId('new-password')).toHaveText(/^\d{8}$/);
    await expectStatus(popup, 'check-password', 'ok');
    expect(await page.evaluate(() => window.__jitsiSim.state().password)).toMatch(/^\d{8}$/);
  });

  test('every failure reason is a translated sentence, with what Jitsi said as plain text', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const { popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe', { students: 1 });
    const failures: Record<string, string> = {
      'not-moderator': 'only a moderator can do this.',
      'not-in-conference': 'you are not in the lesson right now.',
      unsupported: 'this Jitsi server does not offer it.',
      'invalid-password': 'the server did not accept this password.',
      'no-page': 'the Jitsi tab did not answer.',
      timeout: 'Jitsi did not confirm in time.',
      rejected: 'Jitsi refused.',
      'not-empty': 'some people are still in the room.',
    };
    for (const [failure, sentence] of Object.entries(failures)) {
      // The page's answer is replaced for this one click: the popup must show whatever comes back.
      // (Chromium has a native `browser` namespace, which webextension-polyfill then uses; stub both: docs/browsers.md §1.2.)
      await popup.evaluate((reply) => {
        for (const namespace of [chrome, (globalThis as any).browser].filter(Boolean)) {
          const original = namespace.runtime.sendMessage;
          namespace.runtime.sendMessage = (...args: any[]) => {
            namespace.runtime.sendMessage = original;
            const callback = args.find((a) => typeof a === 'function');
            if (callback) setTimeout(() => callback(reply));
            return Promise.resolve(reply);
          };
        }
      }, failure === 'rejected' ? { ok: false, failure, detail: '<b>not allowed</b>' } : { ok: false, failure });
      await popup.getByTestId('fix-enable-lobby').click();
      const result = popup.getByTestId('result-enable-lobby');
      await expect(result).toHaveAttribute('data-failure', failure);
      // Failed: the button is still there, and so is the focus.
      await expect(popup.getByTestId('fix-enable-lobby')).toBeFocused();
      await expect(result).toContainText(sentence);
      if (failure === 'rejected') {
        await expect(result).toContainText('Jitsi said: <b>not allowed</b>');
        await expect(result.locator('b')).toHaveCount(0);
        await shot(popup, 'failure');
      }
    }
    await expectStatus(popup, 'check-lobby', 'fail');
  });
});

test.describe('states of the popup', () => {
  test('prejoin preview, then the lesson; after leaving, a summary', async ({ context, serviceWorker, extensionId, simulator, extensionErrors }) => {
    const { page, popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Deutsch8a', { students: 2 }, '');
    await expect(popup.getByTestId('room')).toHaveAttribute('data-phase', 'prejoin');
    await expect(popup.getByTestId('headline')).toHaveAttribute('data-headline', 'preview');
    await expectStatus(popup, 'check-lobby', 'todo');
    await expect(rowLabel(popup, 'check-lobby')).toHaveText('Lobby: checked once you join');
    await expect(popup.getByTestId('part-end')).toHaveCount(0);
    await expect(popup.getByTestId('participant-count')).toHaveCount(0);
    await expect(popup.locator('[data-testid^="fix-"]')).toHaveCount(0);
    // Blurring can be done on Jitsi's prejoin screen already.
    await popup.getByTestId('tick-blur').check();
    await shot(popup, 'prejoin');

    await page.locator('[data-testid="prejoin.joinMeeting"]').click();
    await expect(popup.getByTestId('room')).toHaveAttribute('data-phase', 'conference');
    await expectStatus(popup, 'item-blur', 'ok');
    await expect(popup.getByTestId('part-end')).toBeVisible();

    // The connection drops: the teacher is out, the room may live on.
    await page.evaluate(() => window.__jitsiSim.dropNetwork());
    await expect(popup.getByTestId('room')).toHaveAttribute('data-phase', 'left');
    await expect(popup.getByTestId('after-lesson')).toContainText('deleted once the last person has left');
    await expect(popup.getByTestId('summary-blur')).toHaveAttribute('data-done', 'true');
    await expect(popup.getByTestId('summary-rules')).toHaveAttribute('data-done', 'false');
    await expect(popup.getByTestId('checks')).toHaveCount(0);
    await shot(popup, 'after-lesson');
    expect(extensionErrors).toEqual([]);
  });

  test('links to the settings and to the lesson log (a section of the options page, #lesson-log)', async ({ context, serviceWorker, extensionId, simulator }) => {
    const { popup } = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe', { students: 2 });
    const options = `chrome-extension://${extensionId}/src/options/index.html`;
    await expect(popup.getByTestId('open-settings')).toHaveText('Settings');
    // Each opens a tab (pages the browser itself opens meanwhile are not mistaken for it).
    const urls = () => context.pages().map((page) => page.url());
    await popup.getByTestId('open-settings').click();
    await expect.poll(urls).toContain(options);
    await popup.getByTestId('open-lesson-log').click();
    await expect.poll(urls).toContain(`${options}#lesson-log`);
    const log = context.pages().find((page) => page.url() === `${options}#lesson-log`)!;
    await expect(log.getByTestId('lesson-log')).toBeVisible();
  });

  test('not a known Jitsi tab: the page check is offered', async ({ context, extensionId, serviceWorker, simulator }) => {
    const page = await context.newPage();
    // A site the extension does not run on by itself (the simulator under its second name).
    await page.goto(`${simulator.origin.replace('//127.0.0.1:', `//${SECOND_SIMULATOR_HOST}:`)}/__fixtures/lookalike`);
    const tabId = await tabIdOf(serviceWorker, page);
    const popup = await openPopup(context, extensionId, tabId);
    await popup.setViewportSize(POPUP_SIZE);
    await expect(popup.getByTestId('no-room')).toBeVisible();
    await expect(popup.getByTestId('check-page')).toBeVisible();
    expect(await axeViolations(popup)).toEqual([]);
    await shot(popup, 'no-room');
  });
});

test('accessibility: axe-core finds no WCAG A/AA violations in any state', async ({ context, serviceWorker, extensionId, simulator }) => {
  const env = { context, serviceWorker, extensionId, simulator };
  const problems = await startLesson(env, 'Klasse7b-Mathe', { students: 3, everyoneModerator: 1 });
  await problems.page.evaluate(() => window.__jitsiSim.knock('Paul'));
  await problems.page.evaluate(() => window.__jitsiSim.startRecording('file'));
  await expectStatus(problems.popup, 'check-recording', 'warn');
  await problems.popup.getByTestId('rules-show').click();
  await problems.popup.getByTestId('why-recording').click();
  await problems.popup.getByTestId('done-summary').click();
  await problems.popup.getByTestId('fix-set-password').click();
  await expect(problems.popup.getByTestId('new-password')).toBeVisible();
  expect(await axeViolations(problems.popup)).toEqual([]);
  // The dark scheme has its own colours: they must pass too.
  await problems.popup.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(problems.popup)).toEqual([]);
  await shot(problems.popup, 'lesson-dark');
  await problems.popup.emulateMedia({ colorScheme: 'light' });

  const student = await startLesson(env, 'Bio9c', { students: 2, role: 'participant', lobby: 0 });
  expect(await axeViolations(student.popup)).toEqual([]);

  const prejoin = await startLesson(env, 'Deutsch8a', { students: 2 }, '');
  await expect(prejoin.popup.getByTestId('headline')).toHaveAttribute('data-headline', 'preview');
  expect(await axeViolations(prejoin.popup)).toEqual([]);
  await prejoin.page.locator('[data-testid="prejoin.joinMeeting"]').click();
  await expect(prejoin.popup.getByTestId('room')).toHaveAttribute('data-phase', 'conference');
  await prejoin.page.evaluate(() => window.__jitsiSim.dropNetwork());
  await expect(prejoin.popup.getByTestId('after-lesson')).toBeVisible();
  expect(await axeViolations(prejoin.popup)).toEqual([]);
});

/** Chromium with the dev extension and the browser's UI language set to `lang`. */
async function launchInLanguage(lang: string) {
  const profile = mkdtempSync(join(tmpdir(), `jmc-${lang}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...chromiumArgs(resolve('dist/chrome-dev')), `--lang=${lang}`],
    env: { ...process.env, LANGUAGE: lang, LANG: `${lang}_${lang.toUpperCase()}.UTF-8` },
    locale: lang,
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    serviceWorker,
    extensionId,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const LANGUAGES = [
  { lang: 'de', row: 'Lobby: aus', rowOn: 'Lobby: an', lobby: 'Einschalten', count: '3 Personen im Raum', danger: 'Sicherheitsregel nicht erfüllt' },
  // Jitsi's own Dutch word for the lobby is "wachtruimte".
  { lang: 'nl', row: 'Wachtruimte: uit', rowOn: 'Wachtruimte: aan', lobby: 'Inschakelen', count: '3 deelnemers in de ruimte', danger: 'Veiligheidsregel niet nageleefd' },
];

for (const expected of LANGUAGES) {
  test(`the popup in ${expected.lang}`, async ({ simulator }) => {
    const browser = await launchInLanguage(expected.lang);
    try {
      const { popup } = await startLesson({ ...browser, simulator }, 'Klasse7b-Mathe', { students: 3 });
      await expect(popup.locator('html')).toHaveAttribute('lang', expected.lang);
      await expect(popup.getByTestId('headline')).toContainText(expected.danger);
      await expect(rowLabel(popup, 'check-lobby')).toHaveText(expected.row);
      await expect(popup.getByTestId('fix-enable-lobby')).toHaveText(expected.lobby);
      await expect(popup.getByTestId('participant-count')).toHaveText(expected.count);
      await popup.getByTestId('fix-enable-lobby').click();
      await expectStatus(popup, 'check-lobby', 'ok');
      await expect(rowLabel(popup, 'check-lobby')).toHaveText(expected.rowOn);
      expect(await fitsPopup(popup).then((size) => size.width)).toBe(POPUP_SIZE.width);
      await shot(popup, `lesson-${expected.lang}`);
    } finally {
      await browser.close();
    }
  });
}
