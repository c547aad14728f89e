// Which Jitsi Meet versions the companion reads (issue 17, docs/jitsi.md §7): the current web app
// (jitsi-meet's real UI from the SDK, every other spec) and the 2021 app shape (the hand-written double,
// `app=2021`, lesson.spec.ts and room-state.spec.ts). A Jitsi it cannot read is named as such: no
// checklist from guesses, no count on the badge.
import { startSimulator } from '../jitsi-sdk/server.mjs';
import { axeViolations } from './axe.ts';
import { badgeOf, expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

let jitsi: Awaited<ReturnType<typeof startSimulator>>;
test.beforeAll(async () => {
  jitsi = await startSimulator();
});
test.afterAll(async () => {
  await jitsi?.close();
});

test('a Jitsi version the companion cannot read: "not supported", and no advice', async ({ context, serviceWorker, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`${jitsi.origin}/__fixtures/unknown-version`);
  const tabId = await tabIdOf(serviceWorker, page);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', roomName: 'Zukunft', participants: null, isModerator: null });
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('unsupported-version')).toContainText('This Jitsi version is not supported');
  await expect(popup.getByTestId('checks')).toHaveCount(0);
  await expect(popup.getByTestId('headline')).toHaveCount(0);
  expect(await badgeOf(serviceWorker, tabId)).toBe('');
  expect(await axeViolations(popup)).toEqual([]);
});
