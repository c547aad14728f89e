// School policy read by the real browser: a policy file in Chromium's managed policy folder (as a school's
// IT would deploy it), for the dev build's fixed extension id. Needs root (CI runs as root); each test's
// browser has its policy folder to itself where the run allows it (school-policy-files.ts), else the file has a
// unique name and is removed afterwards, because policy files are machine-wide.
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { axeViolations } from './axe.ts';
import { expect, leaveGuardShown, openPopup, startSchoolServer, storedRoomOf, tabIdOf, test } from './fixtures.ts';
import { canWritePolicy } from './school-policy-files.ts';

const DEV_EXTENSION_ID = 'gimbelkfpjbjekpddhjflhkhldnnhgkg';

/** The school's configuration, as 3rdparty.extensions.<id> of a Chromium policy file. */
const SCHOOL_POLICY = {
  enforced: {
    autoLobby: true,
    leaveGuard: 'strong',
    endLessonMode: 'remove-everyone',
    lessonLog: false,
    // The school's own Jitsi server (the simulator under a second name, over https).
    hosts: [SECOND_SIMULATOR_HOST],
    recordingReminder: false,
    rulesText: { en: '- Cameras on when you speak\n- No recordings of the lesson\n- Questions go in the chat' },
    noticeText: { en: 'For lessons of the Example School only.' },
    helpUrl: 'https://schule.example/jitsi-help',
    // One value out of range: Chromium used to drop the whole group for it (managed_schema.json had the
    // range); now only this value is ignored and listed, and every other enforced value holds.
    passwordLength: 8,
    passwordStyle: 'digits',
  },
  defaults: {
    lessonLogDays: 14,
    autoPassword: true,
    // Invalid: listed on the options page, built-in values kept.
    helpUrl: 'javascript:alert(1)',
    hosts: ['http://insecure.example/*'],
  },
};

const policyFile = (configuration: unknown) => ({ '3rdparty': { extensions: { [DEV_EXTENSION_ID]: configuration } } });

test.describe('school policy in Chromium', () => {
  // Conditional: only where a policy file can be written (root; CI runs as root).
  test.skip(!canWritePolicy, 'writing a Chromium policy file needs root');
  test.use({ schoolPolicy: policyFile(SCHOOL_POLICY) });

  test('enforced values are locked, school defaults can be changed, each invalid value is listed with what is allowed', async ({ context, extensionId, serviceWorker }) => {
    test.setTimeout(60_000);
    expect(extensionId).toBe(DEV_EXTENSION_ID);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    // Chromium delivers managed values a few seconds after start; the page follows storage.onChanged.
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'enforced', { timeout: 20_000 });
    await expect(options.locator('#setting-autoLobby')).toBeChecked();
    await expect(options.locator('#setting-autoLobby')).toBeDisabled();
    // Locked: a lock, who decides, and where to ask (the school's help link), not just grey.
    const locked = options.getByTestId('setting-autoLobby').locator('.locked');
    await expect(locked).toContainText('Your school decides this.');
    await expect(locked.locator('svg.lock-icon')).toHaveCount(1);
    await expect(locked.getByTestId('locked-help')).toHaveAttribute('href', 'https://schule.example/jitsi-help');
    // The enforced group survived its one bad value: the neighbours of passwordLength hold.
    await expect(options.getByTestId('setting-passwordStyle')).toHaveAttribute('data-source', 'enforced');
    await expect(options.locator('#setting-passwordStyle')).toHaveValue('digits');
    await expect(options.getByTestId('setting-passwordLength')).toHaveAttribute('data-source', 'built-in');
    await expect(options.locator('#setting-passwordLength')).toHaveValue('12');
    expect(await context.serviceWorkers()[0]!.evaluate(() => chrome.storage.managed.get(null))).toMatchObject({ enforced: { passwordLength: 8, autoLobby: true } });
    await expect(options.locator('#setting-leaveGuard')).toHaveValue('strong');
    await expect(options.getByTestId('setting-lessonLogDays')).toHaveAttribute('data-source', 'school-default');
    await expect(options.locator('#setting-lessonLogDays')).toHaveValue('14');
    await expect(options.getByTestId('setting-hosts')).toHaveAttribute('data-source', 'enforced');
    await expect(options.locator('#setting-hosts')).toHaveValue(SECOND_SIMULATOR_HOST);

    const problems = options.getByTestId('policy-problems');
    await expect(problems.locator('h2')).toHaveText("Your school's settings have problems");
    await expect(problems.locator('li[data-path="enforced.passwordLength"]')).toHaveText('enforced.passwordLength = 8: value not allowed, ignored; allowed: 10 to 64');
    await expect(problems.locator('li[data-path="defaults.helpUrl"]')).toContainText('not an https address, ignored; allowed: an address starting with https://');
    await expect(problems.locator('li[data-path="defaults.hosts"]')).toContainText('not a host name');
    await expect(problems).toContainText('chrome://policy');
    // Readable type: Chrome's 75 % default for extension pages is overridden.
    const fontSize = (selector: string) => options.locator(selector).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    for (const selector of ['body', '.setting label', '.setting .source', 'select', 'button']) expect(await fontSize(selector), selector).toBeGreaterThanOrEqual(14);
    await expect(options.locator('section h2')).toContainText(['In the lesson', 'Lesson log and privacy', 'Lesson log', 'School and IT']);
    // Greyed settings, the problem list: still WCAG A/AA, light and dark.
    expect(await axeViolations(options)).toEqual([]);
    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(options)).toEqual([]);
    await options.emulateMedia({ colorScheme: 'light' });

    // A value out of range is refused with the allowed range, next to the field.
    await options.locator('#setting-lessonLogDays').fill('400');
    await options.locator('#setting-lessonLogDays').blur();
    await expect(options.getByTestId('setting-lessonLogDays-refused')).toHaveText('Not saved: value not allowed, ignored; allowed: 1 to 365');
    // A record logged while the school's policy was not known (a read stops waiting for it after a while;
    // written here long after the start's own clean-up): the policy switches the log off, so it goes as soon
    // as the worker follows the settings again (the teacher's change below).
    await serviceWorker.evaluate(() => chrome.storage.local.set({ lessonLog: [{ id: 'x', room: 'Vorher', host: 'jitsi.example', start: 1, end: 2 }] }));
    // The teacher may change a school default, and reset it again.
    await options.locator('#setting-lessonLogDays').fill('60');
    await options.locator('#setting-lessonLogDays').blur();
    await expect(options.getByTestId('setting-lessonLogDays')).toHaveAttribute('data-source', 'teacher');
    await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('lessonLog')).lessonLog ?? null)).toBeNull();
    await options.getByTestId('settings-reset').click();
    await expect(options.getByTestId('setting-lessonLogDays')).toHaveAttribute('data-source', 'school-default');
    await expect(options.locator('#setting-lessonLogDays')).toHaveValue('14');
  });

  test('on joining as moderator, the school\'s lobby and password settings are applied by themselves', async ({ context, extensionId, simulator }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'enforced', { timeout: 20_000 });
    const lesson = await context.newPage();
    await lesson.goto(simulator.roomUrl('Mathe7b', { students: 2 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await expect
      .poll(() =>
        lesson.evaluate(() => {
          const state = window.APP.store.getState();
          return { lobby: state['features/lobby'].lobbyEnabled, locked: state['features/base/conference'].locked ?? null };
        }),
      )
      .toEqual({ lobby: true, locked: 'LOCKED_LOCALLY' });
    // A 12-digit password (the school's style "digits", the default length: its 8 was refused), visible to
    // the teacher in Jitsi's own dialog.
    const password = await lesson.evaluate(() => window.APP.store.getState()['features/base/conference'].password as string);
    expect(password).toMatch(/^\d{12}$/);

    // The popup says what was done, and shows the password on request (read from the page, never stored).
    const tabId = await tabIdOf(context.serviceWorkers()[0]!, lesson);
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('auto-enable-lobby')).toHaveAttribute('data-result', 'ok');
    await expect(popup.getByTestId('auto-set-password')).toHaveAttribute('data-result', 'ok');
    await popup.getByTestId('show-password').click();
    await expect(popup.getByTestId('new-password')).toHaveText(password);
    expect(await axeViolations(popup)).toEqual([]);
    const session = await context.serviceWorkers()[0]!.evaluate(() => chrome.storage.session.get(null));
    expect(JSON.stringify(session)).not.toContain(password);

    // The teacher turns the lobby off on purpose and reloads: the companion does not turn it on again.
    await lesson.evaluate(() => (window.APP.store.getState()['features/base/conference'].conference as any).disableLobby());
    await expect.poll(() => lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(false);
    lesson.on('dialog', (dialog) => void dialog.accept());
    await lesson.reload();
    await lesson.locator('[data-testid="prejoin.joinMeeting"]').click(); // jitsi-meet took the #config hash off the URL
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await lesson.waitForTimeout(1_500);
    expect(await lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(false);

    // Not for a student: the settings act only when the teacher is moderator.
    const student = await context.newPage();
    await student.goto(simulator.roomUrl('Bio9c', { students: 2, role: 'participant' }, '#config.prejoinConfig.enabled=false'));
    await student.evaluate(() => window.__jitsiSim.whenJoined());
    await student.waitForTimeout(1_000);
    expect(await student.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(false);
  });

  test('after hanging up, joining again is a new lesson: the school\'s settings act again', async ({ context, extensionId, simulator }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'enforced', { timeout: 20_000 });
    const lesson = await context.newPage();
    const url = simulator.roomUrl('Sport8', { students: 0 }, '#config.prejoinConfig.enabled=false');
    const lobbyOn = () => lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled);
    await lesson.goto(url);
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await expect.poll(lobbyOn).toBe(true);
    // An empty room: hanging up is not held.
    await lesson.evaluate(() => window.APP.conference.hangup());
    await lesson.waitForURL((address) => address.pathname === '/');
    await lesson.goto(url);
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    await expect.poll(lobbyOn).toBe(true);
  });

  test('strong leave guard without a lesson log asks for a confirmation (no reason it would throw away), "remove everyone" is the only ending', async ({ context, extensionId, simulator }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.getByTestId('setting-leaveGuard')).toHaveAttribute('data-source', 'enforced', { timeout: 20_000 });

    // End of lesson from the popup: this server could end for all, but the school chose "remove everyone".
    const lesson = await context.newPage();
    await lesson.goto(simulator.roomUrl('Physik9', { students: 3 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    const tabId = await tabIdOf(context.serviceWorkers()[0]!, lesson);
    const popup = await openPopup(context, extensionId, tabId);
    await popup.getByTestId('end-lesson').click();
    await expect(popup.getByTestId('end-confirm-text')).toBeVisible();
    await expect(popup.getByTestId('end-for-all')).toHaveCount(0);
    await expect(popup.getByTestId('end-and-stay')).toBeVisible();
    await popup.getByTestId('end-cancel').click();

    // Hang up with the class inside: "Leave anyway" first asks for a confirmation; the school keeps no
    // log, so no reason is asked that would be thrown away.
    await lesson.bringToFront();
    await lesson.locator('#videospace').click();
    await lesson.locator('.toolbox-button:has(.hangup-menu-button)').click();
    await lesson.locator('button[aria-label="Leave meeting"]').click();
    await lesson.locator('jmc-leave-guard').waitFor({ state: 'attached' });
    await lesson.keyboard.press('Tab');
    await lesson.keyboard.press('Tab');
    await lesson.keyboard.press('Enter'); // Leave anyway → the confirmation, focused
    await expect.poll(async () => (await leaveGuardShown(lesson))?.html ?? '').toContain('Your school asks you to confirm that you leave the class alone in the room.');
    expect((await leaveGuardShown(lesson))?.html).not.toContain('leave-guard-reason"');
    expect(await lesson.evaluate(() => window.APP.conference.isJoined())).toBe(true);
    await lesson.keyboard.press('Enter');
    await lesson.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });

    // lessonLog is switched off by the school: nothing was recorded.
    await options.reload();
    await expect(options.getByTestId('log-empty')).toBeVisible();
  });

  test('the popup shows the school\'s rules, notice and help link, and no recording reminder', async ({ context, extensionId, serviceWorker, simulator }) => {
    const lesson = await context.newPage();
    await lesson.goto(simulator.roomUrl('Musik5', { students: 2 }, '#config.prejoinConfig.enabled=false'));
    await lesson.evaluate(() => window.__jitsiSim.whenJoined());
    const tabId = await tabIdOf(serviceWorker, lesson);
    const popup = await openPopup(context, extensionId, tabId);
    await expect(popup.getByTestId('school-notice')).toHaveText('For lessons of the Example School only.', { timeout: 20_000 });
    await expect(popup.getByTestId('school-help')).toHaveAttribute('href', 'https://schule.example/jitsi-help');
    await expect(popup.getByTestId('school-help')).toHaveAttribute('target', '_blank');
    await expect(popup.getByTestId('rules-show')).toHaveText("Your school's rules to read out");
    await popup.getByTestId('rules-show').click();
    await expect(popup.getByTestId('rules-text').locator('li')).toHaveText(['Cameras on when you speak', 'No recordings of the lesson', 'Questions go in the chat']);

    // A recording shows as a warning, but the school does not want the "announced?" step.
    await lesson.evaluate(() => window.__jitsiSim.startRecording('file'));
    await expect(popup.getByTestId('check-recording')).toHaveAttribute('data-status', 'warn');
    await expect(popup.getByTestId('item-recording-announced')).toHaveCount(0);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(popup)).toEqual([]);
  });

  test('the school\'s own Jitsi host from policy works without any click', async ({ context, extensionId, serviceWorker }) => {
    test.setTimeout(60_000);
    // Content scripts are registered for the policy host as soon as the policy arrives.
    await expect
      .poll(() => serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])), {
        timeout: 20_000,
      })
      .toEqual([`https://${SECOND_SIMULATOR_HOST}/*`, `https://${SECOND_SIMULATOR_HOST}/*`]);
    const school = await startSchoolServer();
    try {
      const lesson = await context.newPage();
      await lesson.goto(school.roomUrl('Erdkunde6a', { students: 3 }, '#config.prejoinConfig.enabled=false'));
      await lesson.evaluate(() => window.__jitsiSim.whenJoined());
      const tabId = await tabIdOf(serviceWorker, lesson);
      await expect.poll(async () => (await storedRoomOf(serviceWorker, tabId))?.participants ?? null).toBe(3);
      // The school's automatic lobby acts there too.
      await expect.poll(() => lesson.evaluate(() => window.APP.store.getState()['features/lobby'].lobbyEnabled)).toBe(true);
      const popup = await openPopup(context, extensionId, tabId);
      await expect(popup.getByTestId('room-name')).toHaveText('Erdkunde6a');
      await expect(popup.getByTestId('enable-site')).toHaveCount(0);
    } finally {
      await school.close();
    }
  });

  test('a changed policy file applies while the browser runs', async ({ context, extensionId, chromiumPolicy }) => {
    test.setTimeout(90_000);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'enforced', { timeout: 20_000 });
    // The admin turns the lobby from enforced into a default, and the language to German.
    chromiumPolicy.write(policyFile({ ...SCHOOL_POLICY, enforced: { ...SCHOOL_POLICY.enforced, autoLobby: undefined, uiLanguage: 'de' }, defaults: { autoLobby: false } }));
    // Chromium notices changed policy files by itself (it waits until the file has settled for a few seconds).
    await expect(options.getByTestId('setting-autoLobby')).toHaveAttribute('data-source', 'school-default', { timeout: 45_000 });
    await expect(options.locator('#setting-autoLobby')).toBeEnabled();
    // The new language: the page reloads itself in German.
    await expect(options.locator('html')).toHaveAttribute('lang', 'de', { timeout: 10_000 });
    await expect(options.getByTestId('setting-autoLobby')).toContainText('Vorgabe Ihrer Schule');
  });
});
