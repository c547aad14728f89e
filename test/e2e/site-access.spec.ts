// A school's own Jitsi server under any domain: the teacher checks the page from the popup, enables the
// site, and the extension runs there from then on, also after a browser restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { axeViolations } from './axe.ts';
import { badgeOf, expect, launchWithExtension, openPopup, startSchoolServer, tabIdOf, test } from './fixtures.ts';

const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

test('check this page, enable the site, and it stays enabled across a restart', async () => {
  test.setTimeout(90_000);
  const profile = mkdtempSync(join(tmpdir(), 'jmc-site-'));
  // The simulator under a second name over https, as a school's own server is (Jitsi needs a secure context).
  const school = await startSchoolServer();
  const lessonUrl = school.roomUrl('Physik9', { students: 3 }, NO_PREJOIN);
  try {
    let browser = await launchWithExtension('dist/chrome-dev', profile);
    const lesson = await browser.context.newPage();
    await lesson.goto(lessonUrl);
    await lesson.waitForFunction(() => Boolean(window.APP.store?.getState()['features/base/conference'].conference));
    const tabId = await tabIdOf(browser.serviceWorker, lesson);
    // Not a known site: the extension does not run there by itself.
    expect(await badgeOf(browser.serviceWorker, tabId)).toBe('');

    const popup = await openPopup(browser.context, browser.extensionId, tabId);
    await expect(popup.getByTestId('no-room')).toBeVisible();
    await popup.getByTestId('check-page').click();
    // The check found the room: the popup shows it and offers to enable the site for good.
    await expect(popup.getByTestId('room-name')).toHaveText('Physik9');
    // The button that had the focus is gone with the view: the focus is on the room's heading.
    await expect(popup.getByTestId('room-name')).toBeFocused();
    await expect(popup.getByTestId('participant-count')).toHaveAttribute('data-count', '3');
    await expect(popup.getByTestId('site-enable')).toHaveAttribute('data-step', 'offer');
    await expect(popup.getByTestId('enable-site')).toHaveText(`Enable on ${SECOND_SIMULATOR_HOST}`);
    await popup.getByTestId('enable-site').click();
    await expect(popup.getByTestId('site-enable')).toHaveAttribute('data-step', 'just-enabled');
    await expect(popup.getByTestId('site-enable')).toBeFocused();

    const registered = await browser.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((script) => [script.id, script.matches, script.world ?? 'ISOLATED', script.persistAcrossSessions])).toEqual([
      ['jitsi-sites-isolated', [`https://${SECOND_SIMULATOR_HOST}/*`], 'ISOLATED', true],
      ['jitsi-sites-page', [`https://${SECOND_SIMULATOR_HOST}/*`], 'MAIN', true],
    ]);

    // A new page load on the enabled site is followed without any click (the change after the reload
    // proves it is the registered scripts, not a badge left from the injected ones).
    // jitsi-meet has taken the #config hash (and the query) off the address bar: the reload shows its prejoin.
    await lesson.reload();
    await lesson.locator('[data-testid="prejoin.joinMeeting"]').click();
    await lesson.waitForFunction(() => Boolean(window.APP.store?.getState()['features/base/conference'].conference));
    await lesson.evaluate(() => window.__jitsiSim.join('Ella'));
    await expect.poll(() => badgeOf(browser.serviceWorker, tabId)).toBe('4');

    // A page on the enabled site that is not Jitsi: the check says so.
    const other = await browser.context.newPage();
    await other.goto(`${school.origin}/__fixtures/lookalike`);
    const otherTab = await tabIdOf(browser.serviceWorker, other);
    const otherPopup = await openPopup(browser.context, browser.extensionId, otherTab);
    await otherPopup.getByTestId('check-page').click();
    await expect(otherPopup.getByTestId('site-check')).toHaveAttribute('data-step', 'not-jitsi');
    await expect(otherPopup.getByTestId('site-check')).toBeFocused();
    await expect(otherPopup.getByTestId('site-check')).toContainText(`${SECOND_SIMULATOR_HOST} does not show a Jitsi room here.`);
    await browser.close();

    // Restart the browser with the same profile: the site is still enabled.
    browser = await launchWithExtension('dist/chrome-dev', profile);
    const worker = browser.serviceWorker;
    // At start-up the browser (or our onStartup re-sync) restores the registration first.
    await expect.poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)).toBe(2);
    const again = await browser.context.newPage();
    await again.goto(lessonUrl);
    const againTab = await tabIdOf(browser.serviceWorker, again);
    await expect.poll(() => badgeOf(browser.serviceWorker, againTab)).toBe('3');
    const popupAgain = await openPopup(browser.context, browser.extensionId, againTab);
    await expect(popupAgain.getByTestId('room-name')).toHaveText('Physik9');
    await expect(popupAgain.getByTestId('site-enable')).toHaveCount(0);
    await browser.close();
  } finally {
    await school.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the release build offers no site on its own and the simulator is not a known site there', async ({ simulator }) => {
  const browser = await launchWithExtension('dist/chrome');
  try {
    const page = await browser.context.newPage();
    await page.goto(simulator.roomUrl('Kunst5', { students: 1 }, NO_PREJOIN));
    const stored = await browser.serviceWorker.evaluate(() => chrome.storage.session.get(null));
    expect(stored).toEqual({});
    expect(await browser.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('servers typed into the options page: the ones the browser has not granted are named, with a button to allow them', async ({ context, extensionId, serviceWorker }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.locator('#setting-hosts').fill(`${SECOND_SIMULATOR_HOST}\njitsi.other.example`);
  await options.locator('#setting-hosts').blur();
  await expect(options.getByTestId('setting-hosts')).toHaveAttribute('data-source', 'teacher');
  // The dev build holds https://jitsi.school.test (as a managed build holds every https host); the other is missing.
  await expect(options.getByTestId('host-access')).toContainText('jitsi.other.example');
  await expect(options.getByTestId('host-access')).not.toContainText(SECOND_SIMULATOR_HOST);
  await expect(options.getByTestId('host-access-allow')).toBeVisible();
  expect(await axeViolations(options)).toEqual([]);
  // Loaded by hand (unpacked), not by a school's policy.
  await expect(options.getByTestId('installed-by-school')).toHaveCount(0);
  // Both are registered anyway: the browser runs the scripts wherever the permission is (later) granted.
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []).sort()))
    .toEqual(['https://jitsi.other.example/*', 'https://jitsi.other.example/*', `https://${SECOND_SIMULATOR_HOST}/*`, `https://${SECOND_SIMULATOR_HOST}/*`]);
});
