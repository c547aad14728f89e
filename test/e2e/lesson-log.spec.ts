// The local lesson log: how each lesson ended, counts and times only; export and delete in the options page.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, storedRoomOf, tabIdOf, test } from './fixtures.ts';

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
  await first.locator('.toolbox-button:has(> .hangup-button)').click();
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
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const rows = options.getByTestId('log-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-outcome', 'closed-with-people');
  await expect(rows.nth(0)).toContainText('Tab closed with 2 still inside');
  await expect(rows.nth(1)).toHaveAttribute('data-outcome', 'empty');
  await expect(rows.nth(1)).toContainText('Mathe7b');

  // What is stored: counts, times, flags; no participant names.
  const stored = JSON.stringify(await serviceWorker.evaluate(() => chrome.storage.local.get(null)));
  for (const occupant of studentNames as string[]) expect(stored).not.toContain(String(occupant).split(' (')[0]);
  const log = JSON.parse(stored).lessonLog;
  expect(log[1]).toMatchObject({ room: 'Mathe7b', outcome: 'empty', lobbyOn: true, peak: 3, remaining: 0 });

  const csvDownload = options.waitForEvent('download');
  await options.getByTestId('log-export-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('start,end,host,room,outcome,remaining,peak,lobbyOn,passwordOn,recorded,leaveReason');
  expect(csv).toContain(',Bio9c,closed-with-people,2,2,');

  options.once('dialog', (dialog) => void dialog.accept());
  await options.getByTestId('log-delete').click();
  await expect(options.getByTestId('log-empty')).toBeVisible();
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get('lessonLog'))).toEqual({});
});
