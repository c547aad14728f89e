// The popup fits Chrome's popup window (at most 600 px high; ours is 380 px wide) in English, German and
// Dutch at the start of a lesson, in the middle of it and at its end (issue 25): what needs the teacher
// comes first, "End the lesson…" and the end confirmation's buttons are visible without scrolling.
// The school's notice, help link and rules are set, as a school would. Heights are printed per state.
import type { Page, Worker } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { expect, openPopup, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const POPUP = { width: 380, height: 600 };
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

const SCHOOL = {
  noticeText: {
    en: 'Use this service for lessons of the Gesamtschule Nord only. Recording students needs their written consent.',
    de: 'Nutzen Sie diesen Dienst nur für den Unterricht der Gesamtschule Nord. Aufnahmen von Schülern nur mit schriftlicher Einwilligung.',
    nl: 'Gebruik deze dienst alleen voor lessen van de Gesamtschule Nord. Opnemen van leerlingen alleen met schriftelijke toestemming.',
  },
  helpUrl: 'https://schule.example/hilfe',
};

/** How tall the popup's content is, and the checks that it fits. */
async function measure(popup: Page, label: string, mustSee: string[]): Promise<number> {
  const size = await popup.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    content: Math.ceil(document.body.getBoundingClientRect().height),
    widest: Math.max(...[...document.querySelectorAll('main *')].map((element) => element.getBoundingClientRect().right)),
  }));
  console.log(`popup height ${label}: ${size.content} px`);
  await popup.screenshot({ path: `test-results/popup-fits-${label}.png`, clip: { x: 0, y: 0, width: POPUP.width, height: Math.min(size.content, POPUP.height) } });
  expect(size.widest, `${label}: nothing wider than the popup`).toBeLessThanOrEqual(POPUP.width);
  expect.soft(size.content, `${label}: content height`).toBeLessThanOrEqual(POPUP.height);
  expect.soft(size.scroll, `${label}: no vertical scrolling`).toBeLessThanOrEqual(POPUP.height);
  for (const testId of mustSee) {
    const box = await popup.getByTestId(testId).boundingBox();
    expect(box, `${label}: ${testId} is shown`).not.toBeNull();
    expect.soft(box!.y + box!.height, `${label}: ${testId} without scrolling`).toBeLessThanOrEqual(POPUP.height);
  }
  return size.content;
}

async function chooseLanguage(serviceWorker: Worker, lang: string): Promise<void> {
  await serviceWorker.evaluate(
    async ({ lang, school }) => chrome.storage.local.set({ settings: { uiLanguage: lang, ...school } }),
    { lang, school: SCHOOL },
  );
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('effectiveUiLanguage')).effectiveUiLanguage)).toBe(lang);
}

async function act(popup: Page, tabId: number, action: unknown): Promise<unknown> {
  return popup.evaluate(([id, a]) => chrome.runtime.sendMessage({ type: 'room-action', tabId: id, action: a }), [tabId, action] as const);
}

for (const lang of ['en', 'de', 'nl']) {
  test(`the popup fits at the start, in the middle and at the end of a lesson (${lang})`, async ({ context, serviceWorker, extensionId, simulator }) => {
    test.setTimeout(90_000);
    await chooseLanguage(serviceWorker, lang);
    const lesson = await context.newPage();
    await lesson.goto(simulator.roomUrl('Klasse7b-Mathematik', { students: 12, panel: 'closed' }, NO_PREJOIN));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    const tabId = await tabIdOf(lesson.context().serviceWorkers()[0]!, lesson);
    // The moderator role reaches the extension a moment after the join (slower on a busy machine).
    await expect.poll(() => storedRoomOf(serviceWorker, tabId), { timeout: 20_000 }).toMatchObject({ phase: 'conference', isModerator: true });
    const popup = await openPopup(context, extensionId, tabId);
    await popup.setViewportSize(POPUP);
    await expect(popup.locator('html')).toHaveAttribute('lang', lang);

    // Start: the teacher is moderator, nothing is set up yet.
    await expect(popup.getByTestId('fix-enable-lobby')).toBeVisible();
    await expect(popup.getByTestId('school-info')).toBeVisible();
    await measure(popup, `${lang}-start`, ['end-lesson', 'fix-enable-lobby']);
    expect(await axeViolations(popup)).toEqual([]);

    // Middle: the room is secured, the teacher's steps ticked; someone knocks and a recording runs.
    expect(await act(popup, tabId, { kind: 'enable-lobby' })).toEqual({ ok: true });
    expect(await act(popup, tabId, { kind: 'set-password', password: 'Kq7-mPx4rTz' })).toEqual({ ok: true });
    expect(await act(popup, tabId, { kind: 'set-start-muted', audio: true, video: true })).toEqual({ ok: true });
    await popup.getByTestId('tick-blur').check();
    await popup.getByTestId('tick-rules').check();
    await lesson.evaluate(() => window.__jitsiSim.knock('Paul'));
    await lesson.evaluate(() => window.__jitsiSim.startRecording('file'));
    await expect(popup.getByTestId('check-recording')).toHaveAttribute('data-status', 'warn');
    await expect(popup.getByTestId('check-knocking')).toHaveAttribute('data-status', 'warn');
    await measure(popup, `${lang}-middle`, ['end-lesson', 'check-knocking', 'check-recording']);
    expect(await axeViolations(popup)).toEqual([]);

    // End: the confirmation is open, its buttons in sight (the recording and the knock still there).
    await popup.getByTestId('end-lesson').click();
    await expect(popup.getByTestId('end-confirm-text')).toBeVisible();
    await measure(popup, `${lang}-end`, ['end-confirm-text', 'end-and-leave', 'end-cancel']);
    expect(await axeViolations(popup)).toEqual([]);

    // Ended: the lasting "Lesson ended" card in this tab's popup, with the focus on it.
    await popup.getByTestId('end-and-leave').click();
    await expect(popup.getByTestId('lesson-ended')).toBeVisible({ timeout: 30_000 });
    await expect(popup.getByTestId('lesson-ended')).toBeFocused();
    await measure(popup, `${lang}-ended`, ['lesson-ended-dismiss']);
    expect(await axeViolations(popup)).toEqual([]);
  });
}

test('the popup fits when the school\'s settings did the set-up ("Done for you"), in German', async ({ context, serviceWorker, extensionId, simulator }) => {
  await serviceWorker.evaluate(
    async (school) => chrome.storage.local.set({ settings: { uiLanguage: 'de', autoLobby: true, autoPassword: true, autoStartMuted: true, ...school } }),
    SCHOOL,
  );
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('effectiveUiLanguage')).effectiveUiLanguage)).toBe('de');
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Klasse7b-Mathematik', { students: 12, panel: 'closed' }, NO_PREJOIN));
  await lesson.evaluate(() => window.__jitsiSim.whenJoined());
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await popup.setViewportSize(POPUP);
  await expect(popup.getByTestId('auto-set-password')).toHaveAttribute('data-result', 'ok');
  await expect(popup.getByTestId('check-lobby')).toHaveAttribute('data-status', 'ok');
  await measure(popup, 'de-done-for-you', ['end-lesson', 'show-password']);
  // Show the password: the focus moves to Copy, and back to the button after Hide.
  await popup.getByTestId('show-password').click();
  await expect(popup.getByTestId('copy-password')).toBeFocused();
  await measure(popup, 'de-done-for-you-password', ['end-lesson', 'new-password']);
  expect(await axeViolations(popup)).toEqual([]);
  await popup.getByTestId('hide-password').click();
  await expect(popup.getByTestId('show-password')).toBeFocused();
});

test('the popup fits for a teacher who is not moderator while a recording runs, in German (the longest list)', async ({ context, serviceWorker, extensionId, simulator }) => {
  await chooseLanguage(serviceWorker, 'de');
  const lesson = await context.newPage();
  await lesson.goto(simulator.roomUrl('Klasse7b-Mathematik', { students: 12, panel: 'closed', role: 'participant' }, NO_PREJOIN));
  await lesson.evaluate(() => window.__jitsiSim.whenJoined());
  const tabId = await tabIdOf(serviceWorker, lesson);
  const popup = await openPopup(context, extensionId, tabId);
  await popup.setViewportSize(POPUP);
  await lesson.evaluate(() => window.__jitsiSim.startRecording('file'));
  await expect(popup.getByTestId('check-moderator')).toHaveAttribute('data-status', 'fail');
  await expect(popup.getByTestId('check-recording')).toHaveAttribute('data-status', 'warn');
  await measure(popup, 'de-not-moderator', ['end-lesson', 'check-moderator', 'check-recording']);
  expect(await axeViolations(popup)).toEqual([]);
});
