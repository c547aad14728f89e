// The local lesson log: how each lesson ended, counts and times only; what was on during the lesson and
// what only at its end; export (JSON; CSV in the teacher's language) and delete in the options page.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

async function joined(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => window.__jitsiSim.whenJoined());
  await page.locator('#videospace').click();
}

test('lessons are logged with how they ended, without names, and can be exported and deleted', async ({ context, serviceWorker, extensionId, simulator }) => {
  // Lesson 1: lobby on, then the teacher ends it through the leave dialog (remove everyone, leave last).
  const first = await context.newPage();
  await joined(first, simulator.roomUrl('Mathe7b', { students: 3, endConference: 0 }, NO_PREJOIN));
  const firstTab = await tabIdOf(serviceWorker, first);
  await first.evaluate(() => window.APP.store.getState()['features/base/conference'].conference.enableLobby());
  await expect.poll(async () => (await storedRoomOf(serviceWorker, firstTab))?.lobbyEnabled).toBe(true);
  await first.locator('.toolbox-button:has(.hangup-button)').click();
  await expect(first.locator('jmc-leave-guard')).toHaveCount(1);
  await first.keyboard.press('Tab'); // Stay → Remove everyone and leave
  await first.keyboard.press('Enter');
  await first.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });

  // Lesson 2: the tab is closed with students inside.
  const second = await context.newPage();
  await joined(second, simulator.roomUrl('Bio9c', { students: 2 }, NO_PREJOIN));
  const secondTab = await tabIdOf(serviceWorker, second);
  await expect.poll(async () => (await storedRoomOf(serviceWorker, secondTab))?.isModerator).toBe(true);
  const studentNames = await second.evaluate(() => window.__jitsiSim.state().occupants);
  await second.close({ runBeforeUnload: false });

  const options = await context.newPage();
  // The popup's link to the log: the page opens at the log, its heading focused.
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html#lesson-log`);
  await expect(options.locator('#log-heading')).toBeFocused();
  await expect(options.locator('#log-heading')).toBeInViewport();
  const rows = options.getByTestId('log-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-outcome', 'closed-with-people');
  await expect(rows.nth(0)).toContainText('Tab closed with 2 still inside');
  await expect(rows.nth(1)).toHaveAttribute('data-outcome', 'empty');
  await expect(rows.nth(1)).toContainText('Mathe7b');
  // The lobby was on during the lesson; the password only because the end of the lesson locked the room.
  await expect(rows.nth(1).locator('[data-flag="lobby"]')).toHaveAttribute('data-use', 'lesson');
  await expect(rows.nth(1).locator('[data-flag="password"]')).toHaveAttribute('data-use', 'end-only');
  await expect(rows.nth(1).locator('[data-flag="password"]')).toHaveText('only at the end');
  await expect(rows.nth(1).locator('[data-flag="recording"]')).toHaveText('no');
  await expect(rows.nth(0).locator('[data-flag="password"]')).toHaveText('no');
  await expect(rows.nth(1)).toContainText(/\d+ min/);

  // What is stored: counts, times, flags; no participant names.
  const stored = JSON.stringify(await serviceWorker.evaluate(() => chrome.storage.local.get(null)));
  for (const occupant of studentNames as string[]) expect(stored).not.toContain(String(occupant).split(' (')[0]);
  const log = JSON.parse(stored).lessonLog;
  expect(log[1]).toMatchObject({ room: 'Mathe7b', outcome: 'empty', lobbyOn: true, lobbyBeforeEnd: true, passwordOn: true, passwordBeforeEnd: false, peak: 3, remaining: 0 });

  const exportCsv = async (): Promise<string> => {
    const csvDownload = options.waitForEvent('download');
    await options.getByTestId('log-export-csv').click();
    return readFileSync((await (await csvDownload).path())!, 'utf8');
  };
  // For a spreadsheet in the teacher's language: English here, local time (this page in Berlin's time
  // zone; the machine runs on UTC), a BOM for Excel.
  await (await context.newCDPSession(options)).send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Berlin' });
  const berlin = (time: number) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(time));
  const csv = await exportCsv();
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, newest] = csv.slice(1).split('\r\n');
  expect(header).toBe(
    'Start,End,Duration (minutes),Server,Room,How it ended,Still in the room when you left,Participants (max.),Lobby,Password,Recording,Your reason for leaving',
  );
  expect(newest).toBe(`${berlin(log[0].start)},${berlin(log[0].end)},0,${log[0].host},Bio9c,Tab closed with 2 still inside,2,2,no,no,no,`);
  expect(csv).toContain(',Mathe7b,"Room empty, you left last",0,3,yes,only at the end,no,');

  // In German: the table still fits the page, the CSV has ";" and German headers.
  await options.locator('#setting-uiLanguage').selectOption('de');
  await expect(options.locator('html')).toHaveAttribute('lang', 'de');
  await expect(rows).toHaveCount(2);
  for (const width of [1280, 800]) {
    await options.setViewportSize({ width, height: 900 });
    const wrap = options.getByTestId('log-table-wrap');
    expect(await wrap.evaluate((element) => element.scrollWidth - element.clientWidth), `table at ${width} px`).toBeLessThanOrEqual(0);
  }
  await expect(options.getByTestId('log-table').locator('thead th')).toHaveText(['Wann', 'Raum', 'Wie er endete', 'Teilnehmende (max.)', 'Lobby', 'Passwort', 'Aufnahme']);
  const german = await exportCsv();
  expect(german.slice(1).split('\r\n')[0]).toBe(
    'Beginn;Ende;Dauer (Minuten);Server;Raum;Wie er endete;Beim Verlassen noch im Raum;Teilnehmende (max.);Lobby;Passwort;Aufnahme;Ihr Grund fürs Verlassen',
  );
  expect(german).toContain(';Mathe7b;Raum leer, Sie haben ihn als letzte Person verlassen;0;3;ja;nur zum Schluss;nein;');
  expect(await axeViolations(options)).toEqual([]);

  options.once('dialog', (dialog) => void dialog.accept());
  await options.getByTestId('log-delete').click();
  await expect(options.getByTestId('log-empty')).toBeVisible();
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get('lessonLog'))).toEqual({});
});

test('ended from the popup: what the end of the lesson turned on counts as "only at the end"', async ({ context, serviceWorker, extensionId, simulator }) => {
  const lesson = await context.newPage();
  await joined(lesson, simulator.roomUrl('Kunst5', { students: 2, endConference: 0 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, lesson);
  // A password set during the lesson (by Jitsi's own dialog, say); the lobby stays off until the end.
  await lesson.evaluate(() => window.APP.store.getState()['features/base/conference'].conference.lock('during-1234'));
  await expect.poll(async () => (await storedRoomOf(serviceWorker, tabId))?.passwordSet).toBe(true);
  const popup = await openPopup(context, extensionId, tabId);
  await popup.getByTestId('end-lesson').click();
  await popup.getByTestId('end-and-leave').click();
  await lesson.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const row = options.getByTestId('log-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-flag="lobby"]')).toHaveAttribute('data-use', 'end-only');
  await expect(row.locator('[data-flag="password"]')).toHaveAttribute('data-use', 'lesson');
  await expect(row.locator('[data-flag="recording"]')).toHaveAttribute('data-use', 'no');
});
