// Every fact of the room snapshot, end to end in Chromium: a change in the simulated lesson must reach
// storage.session (`room:<tabId>`), the toolbar badge (text and colour) and an already open popup
// (its checklist), and survive service-worker restarts, reloads, a lost network, a second lesson in
// another tab and forged bridge messages from the page.
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import type { CheckId, CheckStatus, RoomStatus } from '../../src/core/checklist.ts';
import { SNAPSHOT_VERSION, type RoomSnapshot } from '../../src/core/room.ts';
import {
  badgeColourOf,
  badgeOf,
  expect,
  hangUpAnyway,
  openPopup,
  openSecurityOptions,
  storedRoomOf,
  tabIdOf,
  test,
  type Simulator,
} from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const PAGE_TAG = 'jitsi-moderator-companion/page';

/** src/background/index.ts BADGE_COLOURS, as the tests expect them (white text passes WCAG AA on each). */
const BADGE: Record<RoomStatus, string> = { none: '#1a5fb4', ok: '#1c7a3e', attention: '#9c4a00', danger: '#b0191f' };

/** A check the popup must show with this status, or 'absent' for a check that does not apply ('na'). */
type ShownCheck = Exclude<CheckStatus, 'na'> | 'absent';
type Checks = Record<CheckId, ShownCheck>;

/** A moderator in a class of students, lobby off, no password, nothing recorded: lobby breaks the rules. */
const UNSECURED: Checks = {
  moderator: 'ok',
  'everyone-moderator': 'ok',
  lobby: 'fail',
  password: 'warn',
  lockout: 'ok',
  recording: 'ok',
  knocking: 'ok',
};
/** Lobby on and a password set: every rule holds, the badge is green. */
const SECURED: Checks = { ...UNSECURED, lobby: 'ok', password: 'ok' };

interface Env {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  simulator: Simulator;
}

interface Lesson {
  page: Page;
  tabId: number;
  /** The popup for this lesson's tab, opened once the lesson runs and kept open. */
  popup: Page;
}

/** Opens a lesson (no prejoin), waits until the teacher's role has reached storage, then opens its popup. */
async function startLesson(env: Env, room: string, params: Record<string, string | number> = {}): Promise<Lesson> {
  const page = await env.context.newPage();
  await page.goto(env.simulator.roomUrl(room, { panel: 'closed', ...params }, NO_PREJOIN));
  const tabId = await tabIdOf(env.serviceWorker, page);
  const students = Number(params.students ?? 0);
  await expect
    .poll(() => storedRoomOf(env.serviceWorker, tabId))
    .toMatchObject({ phase: 'conference', roomName: room, participants: students, isModerator: params.role !== 'participant' });
  const popup = await openPopup(env.context, env.extensionId, tabId);
  await expect(popup.getByTestId('room-name')).toHaveText(room);
  return { page, tabId, popup };
}

/** Where the test reads what the extension stored and shows on the badge. */
interface Reader {
  stored(tabId: number): Promise<RoomSnapshot | null>;
  badge(tabId: number): Promise<string>;
  colour(tabId: number): Promise<string>;
}

/** Through the service worker itself (evaluating there waits for a stopped worker to be woken by something else). */
function viaWorker(serviceWorker: Worker): Reader {
  return {
    stored: (tabId) => storedRoomOf(serviceWorker, tabId),
    badge: (tabId) => badgeOf(serviceWorker, tabId),
    colour: (tabId) => badgeColourOf(serviceWorker, tabId),
  };
}

/** Through an extension page: storage and badge reads there neither need nor wake the service worker. */
function viaExtensionPage(page: Page): Reader {
  return {
    stored: (tabId) =>
      page.evaluate(async (id) => ((await chrome.storage.session.get(`room:${id}`))[`room:${id}`] as RoomSnapshot | undefined) ?? null, tabId),
    badge: (tabId) => page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
    colour: async (tabId) => {
      const rgba = await page.evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId);
      return `#${rgba.slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
    },
  };
}

/**
 * The room as the extension must now show it: the stored snapshot has these facts, the open popup
 * shows the count and these check results (every safety check is listed), and the badge has the count
 * and this colour.
 */
async function expectRoom(
  source: Worker | Reader,
  lesson: Lesson,
  facts: Partial<RoomSnapshot>,
  checks?: Checks,
  status?: RoomStatus,
): Promise<void> {
  const read = 'stored' in source ? source : viaWorker(source);
  await expect.poll(() => read.stored(lesson.tabId)).toMatchObject(facts);
  const { popup } = lesson;
  await expect(popup.getByTestId('phase')).toBeVisible();
  if (typeof facts.participants === 'number') {
    await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', String(facts.participants));
    // The badge counts the whole lesson: this room and the breakout rooms (issue 21).
    const lessonCount = async () => {
      const stored = await read.stored(lesson.tabId);
      // While a recording runs, the badge says REC instead (issue 25).
      if (stored?.recording || stored?.livestream) return 'REC';
      const people = (stored?.participants ?? 0) + (stored?.breakoutParticipants ?? 0);
      // A teacher alone sees no "0": nothing, or "!" while a safety rule is not met (issue 25).
      if (people === 0) return status === undefined ? ['', '!'] : status === 'danger' || status === 'attention' ? '!' : '';
      return String(people);
    };
    await expect.poll(async () => [await lessonCount()].flat().includes(await read.badge(lesson.tabId))).toBe(true);
  }
  if (checks) {
    for (const [id, shown] of Object.entries(checks)) {
      const item = popup.getByTestId(`check-${id}`);
      if (shown === 'absent') await expect(item, `check-${id}`).toHaveCount(0);
      else await expect(item, `check-${id}`).toHaveAttribute('data-status', shown);
    }
  }
  if (status) await expect.poll(() => read.colour(lesson.tabId)).toBe(BADGE[status]);
}

// ── the simulated Jitsi's own UI, as the teacher uses it ──────────────────────────────────────────

/**
 * The teacher works in the lesson tab: bring it to the front first (a background tab gets no animation
 * frames, and Playwright's actionability checks wait for them).
 */
async function openSecurityDialog(page: Page): Promise<void> {
  await openSecurityOptions(page);
  await expect(page.locator('div.security-dialog.password-section')).toBeVisible();
}

async function switchLobby(page: Page, on: boolean): Promise<void> {
  await openSecurityDialog(page);
  const toggle = page.locator('#lobby-section-switch');
  await expect(toggle).toBeChecked({ checked: !on });
  // jitsi-meet's Switch: the checkbox is visually hidden inside span.toggle-container, which takes the click.
  await page.locator('#lobby-section .toggle-container').click();
  await expect(toggle).toBeChecked({ checked: on });
}

async function setPassword(page: Page, password: string): Promise<void> {
  await openSecurityDialog(page);
  await page.locator('button.add-password').click();
  await page.locator('#info-password-input').fill(password);
  await page.locator('#info-password-input').press('Enter');
  // In jitsi-meet, Enter sets the password and also submits the dialog itself ("Close"): open it again to
  // see the password, shown as ****** until "Show" is clicked.
  await expect(page.locator('div.security-dialog')).toHaveCount(0);
  await openSecurityDialog(page);
  await expect(page.locator('.info-password-local')).toHaveText('******');
  await page.locator('div.security-dialog.password-section').getByRole('button', { name: /^Show/ }).click();
  await expect(page.locator('.info-password-local')).toHaveText(password);
}

async function removePassword(page: Page): Promise<void> {
  await openSecurityDialog(page);
  await page.locator('button.remove-password').click();
  await expect(page.locator('button.add-password')).toBeVisible();
}

async function closeSecurityDialog(page: Page): Promise<void> {
  await page.locator('#modal-header-close-button').click();
  await expect(page.locator('div.security-dialog')).toHaveCount(0);
}

/** Lobby on and a password: the state a careful teacher leaves the room in. */
async function secureRoom(serviceWorker: Worker, lesson: Lesson, students: number): Promise<void> {
  await switchLobby(lesson.page, true);
  await setPassword(lesson.page, 'geheim-2026');
  await closeSecurityDialog(lesson.page);
  await expectRoom(serviceWorker, lesson, { participants: students, lobbyEnabled: true, passwordSet: true }, SECURED, 'ok');
}

/** Every stored value of `room:*` keys, in order, as seen from an extension page (storage.session.onChanged). */
async function recordStorage(extensionPage: Page): Promise<() => Promise<Array<{ key: string; value: unknown }>>> {
  await extensionPage.evaluate(() => {
    const log: Array<{ key: string; value: unknown }> = [];
    (window as any).__storageLog = log;
    chrome.storage.session.onChanged.addListener((changes) => {
      for (const [key, change] of Object.entries(changes)) if (key.startsWith('room:')) log.push({ key, value: change.newValue ?? null });
    });
  });
  return () => extensionPage.evaluate(() => (window as any).__storageLog);
}

// ── 1. every kind of change ───────────────────────────────────────────────────────────────────────

test.describe('each change of the room reaches storage, the badge and the open popup', () => {
  test('students join and leave: count, badge text and the everyone-moderator check', async ({
    context, serviceWorker, extensionId, simulator, extensionErrors,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Klasse7b-Mathe');
    // Alone in the room: "everyone else is moderator" does not apply, so the popup leaves it out.
    await expectRoom(serviceWorker, lesson, { participants: 0, everyoneModerator: null }, { ...UNSECURED, 'everyone-moderator': 'absent' }, 'danger');
    await expect(lesson.popup.getByTestId('participant-count')).toHaveText('No one else is in the room');

    const ids = await lesson.page.evaluate(() => ['Anna', 'Ben', 'Clara'].map((name) => window.__jitsiSim.join(name)));
    await expectRoom(serviceWorker, lesson, { participants: 3, everyoneModerator: false }, UNSECURED, 'danger');
    await expect(lesson.popup.getByTestId('participant-count')).toHaveText('3 participants in the room');

    await lesson.page.evaluate((id) => window.__jitsiSim.leave(id), ids[1]!);
    await expectRoom(serviceWorker, lesson, { participants: 2 });
    await lesson.page.evaluate((left) => left.forEach((id) => window.__jitsiSim.leave(id)), [ids[0]!, ids[2]!]);
    await expectRoom(serviceWorker, lesson, { participants: 0, everyoneModerator: null }, { ...UNSECURED, 'everyone-moderator': 'absent' }, 'danger');
    expect(extensionErrors).toEqual([]);
  });

  test('lobby switched on and off in the security dialog: lobby and lockout checks, badge red ↔ amber', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Deutsch8a', { students: 4 });
    await expectRoom(serviceWorker, lesson, { lobbySupported: true, lobbyEnabled: false }, UNSECURED, 'danger');

    await switchLobby(lesson.page, true);
    // Lobby on without a password: a teacher who drops out could not get back in (lockout warns).
    await expectRoom(serviceWorker, lesson, { lobbyEnabled: true, participants: 4 }, { ...UNSECURED, lobby: 'ok', lockout: 'warn' }, 'attention');

    await switchLobby(lesson.page, false);
    await expectRoom(serviceWorker, lesson, { lobbyEnabled: false, participants: 4 }, UNSECURED, 'danger');
  });

  test('a student knocks: knocking warns until the teacher admits or rejects, and admitted ones count', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Bio9c', { students: 2 });
    await secureRoom(serviceWorker, lesson, 2);

    const lena = await lesson.page.evaluate(() => window.__jitsiSim.knock('Lena'));
    await expectRoom(serviceWorker, lesson, { knocking: 1, participants: 2 }, { ...SECURED, knocking: 'warn' }, 'attention');
    const tim = await lesson.page.evaluate(() => window.__jitsiSim.knock('Tim'));
    await expectRoom(serviceWorker, lesson, { knocking: 2, participants: 2 }, { ...SECURED, knocking: 'warn' }, 'attention');

    // The teacher admits Lena in jitsi-meet's participants pane (its lobby list) …
    await lesson.page.bringToFront();
    await lesson.page.locator('#new-toolbox [aria-label^="Open participants panel"]').first().click();
    // Its buttons show on hover, as for a teacher's mouse over the name.
    await lesson.page.locator(`#participant-item-${lena}`).hover();
    await lesson.page.getByTestId(`admit-${lena}`).click();
    await expectRoom(serviceWorker, lesson, { knocking: 1, participants: 3 }, { ...SECURED, knocking: 'warn' }, 'attention');
    // … and rejects Tim: he never enters.
    // (Reject sits in the item's "more moderation actions" menu, beside the lobby chat.)
    await lesson.page.locator(`#participant-item-${tim}`).hover();
    await lesson.page.locator(`#participant-item-${tim} [aria-label^="More moderation"]`).click();
    await lesson.page.getByTestId(`reject-${tim}`).click();
    await expectRoom(serviceWorker, lesson, { knocking: 0, participants: 3 }, SECURED, 'ok');

    // Another moderator admits a knocker: the same facts follow.
    const mia = await lesson.page.evaluate(() => window.__jitsiSim.knock('Mia'));
    await expectRoom(serviceWorker, lesson, { knocking: 1, participants: 3 }, { ...SECURED, knocking: 'warn' }, 'attention');
    await lesson.page.evaluate((id) => window.__jitsiSim.admit(id), mia);
    await expectRoom(serviceWorker, lesson, { knocking: 0, participants: 4 }, SECURED, 'ok');
  });

  test('password set and removed in the security dialog: password and lockout checks, badge green ↔ amber', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Englisch6', { students: 3 });
    await setPassword(lesson.page, 'sommer-2024');
    // A password alone: the lobby still fails.
    await expectRoom(serviceWorker, lesson, { passwordSet: true, lobbyEnabled: false }, { ...UNSECURED, password: 'ok' }, 'danger');
    await switchLobby(lesson.page, true);
    await expectRoom(serviceWorker, lesson, { passwordSet: true, lobbyEnabled: true, participants: 3 }, SECURED, 'ok');

    await removePassword(lesson.page);
    await expectRoom(serviceWorker, lesson, { passwordSet: false, lobbyEnabled: true }, { ...SECURED, password: 'warn', lockout: 'warn' }, 'attention');
    await setPassword(lesson.page, 'herbst-2025');
    await expectRoom(serviceWorker, lesson, { passwordSet: true }, SECURED, 'ok');
  });

  test('recording and livestream start and stop: the recording check and the badge follow', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Physik10', { students: 5 });
    await secureRoom(serviceWorker, lesson, 5);

    // A recording has its own badge: REC on red (issue 25), whatever else the checks say.
    await lesson.page.evaluate(() => window.__jitsiSim.startRecording('file'));
    await expectRoom(serviceWorker, lesson, { recording: true, livestream: false }, { ...SECURED, recording: 'warn' }, 'danger');
    await lesson.page.evaluate(() => window.__jitsiSim.stopRecording());
    await expectRoom(serviceWorker, lesson, { recording: false, livestream: false }, SECURED, 'ok');

    await lesson.page.evaluate(() => window.__jitsiSim.startRecording('stream'));
    await expectRoom(serviceWorker, lesson, { recording: false, livestream: true }, { ...SECURED, recording: 'warn' }, 'danger');
    await lesson.page.evaluate(() => window.__jitsiSim.stopRecording());
    await expectRoom(serviceWorker, lesson, { recording: false, livestream: false, participants: 5 }, SECURED, 'ok');
  });

  test('the teacher loses and regains the moderator role: the moderator check and the badge red ↔ green', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Kunst5', { students: 3 });
    await secureRoom(serviceWorker, lesson, 3);

    await lesson.page.evaluate(() => window.__jitsiSim.setLocalRole('participant'));
    await expectRoom(serviceWorker, lesson, { isModerator: false, participants: 3 }, { ...SECURED, moderator: 'fail' }, 'danger');
    await lesson.page.evaluate(() => window.__jitsiSim.setLocalRole('moderator'));
    await expectRoom(serviceWorker, lesson, { isModerator: true, participants: 3 }, SECURED, 'ok');
  });

  test('breakout rooms open and close: people leave the main room count and are counted as in breakout rooms', async ({
    context, serviceWorker, extensionId, simulator,
  }) => {
    const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Geschichte9', { students: 6 });
    await expectRoom(serviceWorker, lesson, { participants: 6, breakoutParticipants: 0, inBreakoutRoom: false });
    const ids = await lesson.page.evaluate(() => window.__jitsiSim.remoteIds());

    await lesson.page.evaluate((group) => window.__jitsiSim.openBreakoutRoom('Gruppe A', group), ids.slice(0, 2));
    await expectRoom(serviceWorker, lesson, { participants: 4, breakoutParticipants: 2, inBreakoutRoom: false });
    await lesson.page.evaluate((group) => window.__jitsiSim.openBreakoutRoom('Gruppe B', group), ids.slice(2, 5));
    await expectRoom(serviceWorker, lesson, { participants: 1, breakoutParticipants: 5, inBreakoutRoom: false });
    expect(await badgeOf(serviceWorker, lesson.tabId)).toBe('6'); // the whole class, wherever it works

    await lesson.page.evaluate(() => window.__jitsiSim.closeBreakoutRooms());
    await expectRoom(serviceWorker, lesson, { participants: 6, breakoutParticipants: 0, inBreakoutRoom: false }, UNSECURED, 'danger');
  });

  test.describe('server variants', () => {
    test('meet.jit.si-like, everyone is moderator: the everyone-moderator check warns', async ({
      context, serviceWorker, extensionId, simulator,
    }) => {
      const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Offen', { students: 3, everyoneModerator: 1 });
      await expectRoom(serviceWorker, lesson, { isModerator: true, everyoneModerator: true }, { ...UNSECURED, 'everyone-moderator': 'warn' }, 'danger');
      // A student who joins later is moderator too.
      await lesson.page.evaluate(() => window.__jitsiSim.join('Noah'));
      await expectRoom(serviceWorker, lesson, { participants: 4, everyoneModerator: true }, { ...UNSECURED, 'everyone-moderator': 'warn' });
    });

    test('a server without the lobby component: lobby unsupported, its check not shown, the badge not red for it', async ({
      context, serviceWorker, extensionId, simulator,
    }) => {
      const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'AlterServer', { students: 2, lobby: 0 });
      await openSecurityDialog(lesson.page);
      await expect(lesson.page.locator('#lobby-section')).toHaveCount(0);
      await expectRoom(serviceWorker, lesson, { lobbySupported: false }, { ...UNSECURED, lobby: 'absent' }, 'attention');
      await setPassword(lesson.page, 'geheim-2026');
      await expectRoom(serviceWorker, lesson, { lobbySupported: false, passwordSet: true }, { ...UNSECURED, lobby: 'absent', password: 'ok' }, 'ok');
    });

    test('a digits-only password rule (roomPasswordNumberOfDigits = 6) reaches the snapshot; a password it allows is too short', async ({
      context, serviceWorker, extensionId, simulator,
    }) => {
      const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Zahlen', { students: 2, passwordDigits: 6 });
      await expectRoom(serviceWorker, lesson, { passwordDigits: 6, passwordSet: false });
      await setPassword(lesson.page, '123456');
      // At most 6 digits: under the school's minimum (8 digits), so the password check still wants attention (issue 16).
      await expectRoom(serviceWorker, lesson, { passwordDigits: 6, passwordSet: true, passwordShort: true }, UNSECURED, 'danger');
    });

    test('a server without end-for-all (no end_conference component): endForAllSupported is false', async ({
      context, serviceWorker, extensionId, simulator,
    }) => {
      const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'OhneEnde', { students: 2, endConference: 0 });
      await expectRoom(serviceWorker, lesson, { endForAllSupported: false, participants: 2 }, UNSECURED, 'danger');
    });

    test('the default server: lobby and end-for-all supported, no digits rule', async ({ context, serviceWorker, extensionId, simulator }) => {
      const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Standard', { students: 2 });
      await expectRoom(serviceWorker, lesson, {
        v: SNAPSHOT_VERSION,
        phase: 'conference',
        roomName: 'Standard',
        isModerator: true,
        everyoneModerator: false,
        participants: 2,
        breakoutParticipants: 0,
        inBreakoutRoom: false,
        knocking: 0,
        lobbySupported: true,
        lobbyEnabled: false,
        passwordSet: false,
        passwordDigits: 0,
        recording: false,
        livestream: false,
        endForAllSupported: true,
      }, UNSECURED, 'danger');
    });
  });
});

// ── 2. the service worker dies, nothing is lost ──────────────────────────────────────────────────

/** Stops every service worker through CDP and waits until the extension's is reported stopped. */
async function stopServiceWorker(cdp: CDPSession, stopped: () => number): Promise<void> {
  const before = stopped();
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(stopped, { message: 'the extension service worker stopped' }).toBeGreaterThan(before);
}

test('the service worker is stopped 10 times during a lesson: badge, storage and the open popup stay right', async ({
  context, serviceWorker, extensionId, simulator, extensionErrors,
}) => {
  const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Dauerstunde', { students: 3 });
  // Read storage and badge from the popup page: a read there does not wake the worker, so only the
  // page's updates and the popup's own reconnect can bring it back.
  const read = viaExtensionPage(lesson.popup);
  const cdp = await context.newCDPSession(lesson.page);
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && version.runningStatus === 'stopped') stops += 1;
    }
  });
  await cdp.send('ServiceWorker.enable');

  let count = 3;
  const joined: string[] = [];
  for (let round = 1; round <= 10; round += 1) {
    // A mark in the worker's memory: gone after a real restart.
    await serviceWorker.evaluate((mark) => ((globalThis as any).__roundMark = mark), round);
    await stopServiceWorker(cdp, () => stops);

    // Between stops the class changes: two in, one out, alternately.
    if (round % 2 === 1) {
      joined.push(...(await lesson.page.evaluate(() => [window.__jitsiSim.join(), window.__jitsiSim.join()])));
      count += 2;
    } else {
      await lesson.page.evaluate((id) => window.__jitsiSim.leave(id), joined.shift()!);
      count -= 1;
    }
    // Storage, badge and the popup (which must reconnect its port by itself) all show the new count.
    await expectRoom(read, lesson, { phase: 'conference', participants: count });
    await expect.poll(() => read.colour(lesson.tabId)).toBe(BADGE.danger);
    expect(await serviceWorker.evaluate(() => (globalThis as any).__roundMark), `round ${round}: the worker restarted`).toBeUndefined();
  }
  expect(stops).toBeGreaterThanOrEqual(10);
  expect(count).toBe(8);
  // NOTE: stopping the worker while an update is in flight is not covered here: it currently freezes
  // the tab's room for good (the content script gives up after one rejected sendMessage; reported).
  // After all that, the chain still works end to end.
  await lesson.page.evaluate(() => window.__jitsiSim.join('Spät'));
  await expectRoom(serviceWorker, lesson, { participants: 9 }, UNSECURED, 'danger');
  expect(extensionErrors).toEqual([]);
});

// ── 3. reload and network loss ────────────────────────────────────────────────────────────────────

test('a page reload: the tab is reset, then the same room comes back and the open popup follows', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Religion7', { students: 4 });
  await expectRoom(serviceWorker, lesson, { participants: 4, isModerator: true }, UNSECURED, 'danger');
  const before = await storedRoomOf(serviceWorker, lesson.tabId);
  const history = await recordStorage(lesson.popup);

  await lesson.page.reload();
  // jitsi-meet took the #config hash off the address bar: after the reload the teacher joins from its prejoin.
  await lesson.page.locator('[data-testid="prejoin.joinMeeting"]').click();
  // The simulated server rebuilds the room with the same knobs (4 students); in real Jitsi the class stays on the server.
  await expectRoom(serviceWorker, lesson, { participants: 4, isModerator: true }, UNSECURED, 'danger');
  await expect.poll(() => storedRoomOf(serviceWorker, lesson.tabId)).toEqual(before);
  await expect(lesson.popup.getByTestId('room')).toHaveAttribute('data-phase', 'conference');

  const values = (await history()).filter((entry) => entry.key === `room:${lesson.tabId}`).map((entry) => entry.value as RoomSnapshot | null);
  // The new document first cleared the tab's room (no stale state carried over) …
  expect(values).toContain(null);
  // … and no stored value on the way claimed an empty (or any other) class during the conference.
  for (const value of values) if (value?.phase === 'conference' && value.participants !== null) expect(value.participants).toBe(4);
});

test('the network drops: the snapshot says the teacher left (no count), never an empty room; Jitsi reloads and the room is back', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const lesson = await startLesson({ context, serviceWorker, extensionId, simulator }, 'Netzausfall', { students: 5 });
  await expectRoom(serviceWorker, lesson, { participants: 5 }, UNSECURED, 'danger');
  const history = await recordStorage(lesson.popup);

  await lesson.page.evaluate(() => window.__jitsiSim.dropNetwork());
  // jitsi-meet's own notice for a dropped connection (its page-reload overlay with a countdown).
  await expect(lesson.page.getByText('You have been disconnected.')).toBeVisible();
  // What the extension records for a conference that is gone: phase 'left', every live fact unknown.
  await expect.poll(() => storedRoomOf(serviceWorker, lesson.tabId)).toMatchObject({
    phase: 'left',
    roomName: 'Netzausfall',
    participants: null,
    isModerator: null,
    lobbyEnabled: null,
    passwordSet: null,
    knocking: null,
  });
  await expect.poll(() => badgeOf(serviceWorker, lesson.tabId)).toBe('');
  await expect.poll(() => badgeColourOf(serviceWorker, lesson.tabId)).toBe(BADGE.none);
  await expect(lesson.popup.getByTestId('room')).toHaveAttribute('data-phase', 'left');
  await expect(lesson.popup.getByTestId('participant-count')).toHaveCount(0);
  await expect(lesson.popup.getByTestId('checks')).toHaveCount(0);

  // The simulator, like the network, does not come back by itself; Jitsi's answer to a lost
  // connection is its reload overlay, which reloads the page: the room is found again (the address
  // bar has lost the #config hash, so the teacher passes jitsi-meet's prejoin).
  await lesson.page.reload();
  await lesson.page.locator('[data-testid="prejoin.joinMeeting"]').click();
  await expectRoom(serviceWorker, lesson, { phase: 'conference', participants: 5, isModerator: true }, UNSECURED, 'danger');

  const values = (await history()).filter((entry) => entry.key === `room:${lesson.tabId}`).map((entry) => entry.value as RoomSnapshot | null);
  expect(values.some((value) => value?.phase === 'left')).toBe(true);
  for (const value of values) {
    if (value && value.participants !== null) {
      expect(value.phase, 'a count only while in the conference').toBe('conference');
      expect(value.participants).toBe(5);
    }
  }
});

// ── 4. two lessons, two tabs ──────────────────────────────────────────────────────────────────────

test('two lessons in two tabs stay apart: storage, badges and popups each show their own room', async ({
  context, serviceWorker, extensionId, simulator,
}) => {
  const env = { context, serviceWorker, extensionId, simulator };
  const math = await startLesson(env, 'Mathe7a', { students: 3 });
  const french = await startLesson(env, 'Franzoesisch9', { students: 7 });
  expect(math.tabId).not.toBe(french.tabId);

  await math.page.evaluate(() => window.__jitsiSim.join('Ole'));
  await switchLobby(french.page, true);
  await french.page.evaluate(() => window.__jitsiSim.leave(window.__jitsiSim.remoteIds()[0]!));

  await expectRoom(serviceWorker, math, { roomName: 'Mathe7a', participants: 4, lobbyEnabled: false }, UNSECURED, 'danger');
  await expectRoom(serviceWorker, french, { roomName: 'Franzoesisch9', participants: 6, lobbyEnabled: true }, { ...UNSECURED, lobby: 'ok', lockout: 'warn' }, 'attention');
  await expect(math.popup.getByTestId('room-name')).toHaveText('Mathe7a');
  await expect(french.popup.getByTestId('room-name')).toHaveText('Franzoesisch9');

  // One lesson ends (the teacher hangs up): the other is untouched.
  await hangUpAnyway(math.page);
  // Jitsi goes to its welcome page: still a Jitsi page, but no room.
  await expect.poll(() => storedRoomOf(serviceWorker, math.tabId)).toMatchObject({ phase: 'welcome', roomName: null, participants: null });
  await expect.poll(() => badgeOf(serviceWorker, math.tabId)).toBe('');
  await expect(math.popup.getByTestId('no-room')).toBeVisible();
  expect(await storedRoomOf(serviceWorker, french.tabId)).toMatchObject({ roomName: 'Franzoesisch9', participants: 6, phase: 'conference' });
  await expect(french.popup.getByTestId('participant-count')).toHaveAttribute('data-count', '6');
  expect(await badgeOf(serviceWorker, french.tabId)).toBe('6');
});

// ── 5. forged bridge messages ─────────────────────────────────────────────────────────────────────

test('forged bridge messages on a lesson page: malformed ones never reach storage; no page can touch another tab', async ({
  context, serviceWorker, extensionId, simulator, extensionErrors,
}) => {
  const env = { context, serviceWorker, extensionId, simulator };
  const a = await startLesson(env, 'Sport8', { students: 3 });
  const b = await startLesson(env, 'Musik6', { students: 2 });
  await expectRoom(serviceWorker, a, { participants: 3 }, UNSECURED, 'danger');
  await expectRoom(serviceWorker, b, { participants: 2 }, UNSECURED, 'danger');
  const real = (await storedRoomOf(serviceWorker, a.tabId))!;
  const bBefore = await storedRoomOf(serviceWorker, b.tabId);
  const history = await recordStorage(a.popup);

  // Each malformed snapshot carries a participant count from 901 up, so any that slipped through shows.
  const forgeries = await a.page.evaluate(
    ({ base, tag, otherTab }) => {
      const forged = (marker: number, change: Record<string, unknown>) => ({ ...base, participants: marker, ...change });
      // The page script's room updates are a DOM event on document with the message as JSON text.
      const post = (message: unknown) =>
        document.dispatchEvent(new CustomEvent('jitsi-moderator-companion:room', { detail: message instanceof Object && !('raw' in message) ? JSON.stringify(message) : (message as { raw: unknown }).raw }));
      const sent = [
        { source: tag, type: 'room', snapshot: forged(901, { roomName: 'x'.repeat(5000) }) }, // oversized name
        { source: tag, type: 'room', snapshot: forged(902, { roomName: 'y'.repeat(257) }) }, // one over the limit
        { source: tag, type: 'room', snapshot: forged(903, { v: base.v + 1 }) }, // wrong version
        { source: tag, type: 'room', snapshot: forged(904, { isTeacher: true }) }, // extra key in the snapshot
        { source: tag, type: 'room', snapshot: forged(905, {}), tabId: otherTab }, // extra key: "deliver to tab B"
        { source: tag, type: 'room', snapshot: forged(906, {}), extra: 'x' }, // extra key on the message
        { source: tag, type: 'room', snapshot: { ...base, participants: 1_000_000_000 } }, // huge count
        { source: tag, type: 'room', snapshot: { ...base, participants: 10_001 } }, // just over MAX_PEOPLE
        { source: tag, type: 'room', snapshot: { ...base, participants: -3 } },
        { source: tag, type: 'room', snapshot: { ...base, participants: 2.5 } },
        { source: tag, type: 'room', snapshot: { ...base, participants: '907' } },
        { source: tag, type: 'room', snapshot: forged(908, { phase: 'hacked' }) },
        { source: tag, type: 'room', snapshot: forged(909, { lobbyEnabled: 'yes' }) },
        { source: tag, type: 'room', snapshot: forged(910, { host: 'h'.repeat(254) }) },
        { source: tag, type: 'room', snapshot: (({ knocking: _k, ...rest }) => ({ ...rest, participants: 911 }))(base) }, // missing key
        { source: tag, type: 'kick-everyone' }, // unknown message type
        { source: 'jitsi-moderator-companion/content', type: 'room', snapshot: forged(912, {}) }, // wrong tag
        { raw: { source: tag, type: 'room', snapshot: forged(913, {}) } }, // an object as the detail, not JSON text
        { raw: `${JSON.stringify({ source: tag, type: 'room', snapshot: forged(914, {}) })}}` }, // not JSON
      ];
      sent.forEach(post);
      // A well-formed forgery last: messages are relayed and stored in order, so once this one is
      // stored every message above has been judged.
      post({ source: tag, type: 'room', snapshot: { ...base, roomName: 'Forged', participants: 42, lobbyEnabled: true, passwordSet: true } });
      return sent.length;
    },
    { base: real, tag: PAGE_TAG, otherTab: b.tabId },
  );
  expect(forgeries).toBe(19);

  // The page's own facts are untrusted: a well-formed snapshot the page itself posts is accepted as
  // this tab's room (the extension cannot tell it from the page script's; it only ever *reports*
  // such facts and never acts on them). What the page cannot do is address another tab: the tab id
  // comes from the browser (sender.tab.id), never from the message.
  await expectRoom(serviceWorker, a, { roomName: 'Forged', participants: 42, lobbyEnabled: true, passwordSet: true }, SECURED, 'ok');
  await expect(a.popup.getByTestId('room-name')).toHaveText('Forged');

  const values = (await history()).map((entry) => ({ key: entry.key, value: entry.value as RoomSnapshot | null }));
  expect(values.map((entry) => entry.key).every((key) => key === `room:${a.tabId}`), 'only tab A was written').toBe(true);
  for (const { value } of values) {
    expect(value).not.toBeNull();
    expect(Object.keys(value!).sort()).toEqual(Object.keys(real).sort());
    expect(value!.v).toBe(SNAPSHOT_VERSION);
    expect(value!.roomName!.length).toBeLessThanOrEqual(256);
    expect([3, 42]).toContain(value!.participants);
  }
  expect(values.at(-1)?.value?.roomName).toBe('Forged');
  expect(await storedRoomOf(serviceWorker, b.tabId)).toEqual(bBefore);
  await expect(b.popup.getByTestId('room-name')).toHaveText('Musik6');
  await expect(b.popup.getByTestId('participant-count')).toHaveAttribute('data-count', '2');
  expect(await badgeOf(serviceWorker, b.tabId)).toBe('2');

  // The forgery lasts only until the room really changes: the page script reports the truth again.
  await a.page.evaluate(() => window.__jitsiSim.join('Echt'));
  await expectRoom(serviceWorker, a, { roomName: 'Sport8', participants: 4, lobbyEnabled: false, passwordSet: false }, UNSECURED, 'danger');
  expect(await storedRoomOf(serviceWorker, b.tabId)).toEqual(bBefore);
  expect(extensionErrors).toEqual([]);
});
