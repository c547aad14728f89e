// The school's own rules in the checklist and the badge (issue 22): where a room password is only needed
// "bei Bedarf" (the German state instruction), the lobby alone is in order; where it is required, no
// password is a broken rule.
import { badgeColourOf, expect, launchWithExtension, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';
import { canWritePolicy, chromiumPolicyFolder } from './school-policy-files.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';
const GREEN = '#1c7a3e';
const RED = '#b0191f';

for (const [rule, expected] of [
  ['optional', { row: 'none (optional at your school)', lockout: 0, colour: GREEN }],
  ['required', { row: 'none', lockout: 1, colour: RED }],
] as const) {
  test(`room password "${rule}": the lobby alone is ${rule === 'optional' ? 'in order' : 'not enough'}`, async ({ context, serviceWorker, extensionId, simulator }) => {
    await serviceWorker.evaluate((value) => chrome.storage.local.set({ settings: { roomPassword: value } }), rule);
    const page = await context.newPage();
    await page.goto(simulator.roomUrl(`Regel-${rule}`, { students: 3 }, NO_PREJOIN));
    const tabId = await tabIdOf(serviceWorker, page);
    await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', isModerator: true, participants: 3 });
    await page.evaluate(() => window.APP.store.getState()['features/base/conference'].conference.enableLobby());
    await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ lobbyEnabled: true, passwordSet: false });

    const popup = await openPopup(context, extensionId, tabId);
    // Muted start on as well, so that only the password rule decides the colour.
    await page.evaluate(() => {
      const conference = window.APP.store.getState()['features/base/conference'].conference;
      conference.setStartMutedPolicy({ audio: true, video: true });
    });
    await expect(popup.getByTestId('check-password')).toHaveAttribute('data-status', rule === 'optional' ? 'ok' : 'fail');
    await expect(popup.getByTestId('check-password')).toContainText(expected.row);
    await expect(popup.getByTestId('check-lockout')).toHaveCount(expected.lockout);
    await expect.poll(() => badgeColourOf(serviceWorker, tabId)).toBe(expected.colour);
  });
}

test('a school rule before recording: asked before the lesson with the school\'s words, and the announcement once a recording runs', async ({ context, serviceWorker, extensionId, simulator }) => {
  const rule = 'Only with the school management\'s consent, agreed beforehand.';
  await serviceWorker.evaluate((text) => chrome.storage.local.set({ settings: { recordingRuleText: { en: text } } }), rule);
  const page = await context.newPage();
  await page.goto(simulator.roomUrl('Aufnahme7', { students: 2 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, page);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', isModerator: true });
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('item-recording-planned')).toContainText('No recording planned, or it is agreed as the school requires');
  await expect(popup.getByTestId('recording-rule')).toHaveText(rule);
  await popup.getByTestId('tick-recording-planned').check();
  await expect(popup.getByTestId('item-recording-planned')).toHaveAttribute('data-status', 'ok');
  // The recording itself still asks for the announcement and consent.
  await page.evaluate(() => window.__jitsiSim.startRecording('file'));
  await expect(popup.getByTestId('check-recording')).toHaveAttribute('data-status', 'warn');
  await expect(popup.getByTestId('item-recording-announced')).toHaveAttribute('data-status', 'todo');
});

test('without a school rule before recording, no such step', async ({ context, serviceWorker, extensionId, simulator }) => {
  const page = await context.newPage();
  await page.goto(simulator.roomUrl('Aufnahme8', { students: 2 }, NO_PREJOIN));
  const tabId = await tabIdOf(serviceWorker, page);
  await expect.poll(() => storedRoomOf(serviceWorker, tabId)).toMatchObject({ phase: 'conference', isModerator: true });
  const popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('check-lobby')).toBeVisible();
  await expect(popup.getByTestId('item-recording-planned')).toHaveCount(0);
});

test('a lesson already open when the school\'s policy arrives gets its automatic set-up (as at a browser start or a first install) @school-policy', async ({ simulator }) => {
  test.setTimeout(90_000);
  test.skip(!canWritePolicy, 'writing a Chromium policy file needs root');
  const policy = chromiumPolicyFolder();
  const launched = await launchWithExtension(process.env.JMC_EXTENSION_DIR ?? 'dist/chrome-dev', undefined, { policy });
  try {
    // The teacher is moderator before the browser has handed over any policy: nothing to do yet.
    const page = await launched.context.newPage();
    await page.goto(simulator.roomUrl('Spaet7', { students: 2 }, NO_PREJOIN));
    const tabId = await tabIdOf(launched.serviceWorker, page);
    await expect.poll(() => storedRoomOf(launched.serviceWorker, tabId)).toMatchObject({ phase: 'conference', isModerator: true, lobbyEnabled: false });
    // The companion has read its settings (no policy yet): the options page shows the built-in value.
    const options = await launched.context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/src/options/index.html`);
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'built-in');
    await options.close();
    // Then the policy arrives (Chromium notices a changed policy file by itself after a few seconds).
    policy.write({ '3rdparty': { extensions: { gimbelkfpjbjekpddhjflhkhldnnhgkg: { enforced: { autoLobby: true, autoStartMuted: true } } } } });
    await expect.poll(() => storedRoomOf(launched.serviceWorker, tabId), { timeout: 45_000 }).toMatchObject({
      lobbyEnabled: true,
      startAudioMuted: true,
      startVideoMuted: true,
    });
  } finally {
    await launched.close();
    policy.dispose();
  }
});
