// School policy read by Debian's Firefox ESR from a real policies.json, as a school's IT would deploy it:
// /etc/firefox/policies/policies.json (not /etc/firefox-esr, docs/browsers.md §3.2), under
// 3rdparty.Extensions.<gecko id>. Firefox applies no schema (docs/browsers.md §3.3), so invalid values reach
// the extension and must be listed by its options page. Needs root (CI runs as root).
//
// The file is machine-wide and single. Firefox reads it once, at startup: this Firefox has the folder to
// itself where the run allows it (school-policy-files.ts); otherwise the file is in place only while
// Firefox starts (the school's own file, if any, moved aside and back). Chromium never reads this file.
import type { Browser, Page } from 'puppeteer-core';
import { GECKO_ID } from '../../scripts/manifest-variants.ts';
import { launchFirefox, openFirefoxExtensionPage, pollFor } from './firefox-launch.ts';
import { expect, test } from './fixtures.ts';
import { canWritePolicy, firefoxPolicyFolder, policyIsolation, type PolicyFolder } from './school-policy-files.ts';


const POLICY = {
  policies: {
    '3rdparty': {
      Extensions: {
        [GECKO_ID]: {
          enforced: {
            autoLobby: true,
            leaveGuard: 'strong',
            helpUrl: 'javascript:alert(1)',
            passwordStyle: 'words',
            // Chrome would drop the whole group for the first and the second silently; Firefox passes both on.
            passwordLength: 'twelve',
            autoLobbby: true,
            // Out of range: ignored alone, the others hold.
            lessonLogDays: 400,
          },
          defaults: { lessonLogDays: 14, autoPassword: true },
        },
      },
    },
  },
};


test.describe('school policy in Firefox ESR (policies.json)', () => {
  // One Firefox, started with the policy, serves both tests: they stay together, in this order.
  test.describe.configure({ mode: 'default' });
  let browser: Browser;
  let closeFirefox: (() => Promise<void>) | undefined;
  let policy: PolicyFolder | undefined;

  test.beforeAll(async () => {
    // Conditional: only where the policy file can be written (root; CI runs as root).
    test.skip(!canWritePolicy, 'writing /etc/firefox/policies/policies.json needs root');
    test.setTimeout(45_000);
    policy = firefoxPolicyFolder();
    policy.write(POLICY);
    try {
      ({ browser, close: closeFirefox } = await launchFirefox('dist/firefox-dev', {}, { policy }));
    } finally {
      // Firefox has read the file at startup (a machine-wide file must not stay for other Firefox runs).
      if (!policyIsolation) policy.dispose();
    }
  });

  test.afterAll(async () => {
    await closeFirefox?.();
    policy?.dispose();
  });

  test('enforced values are locked, the school default is used, each invalid value is listed with what is allowed', async () => {
    const options = await browser.newPage();
    try {
      await openFirefoxExtensionPage(options, 'src/options/index.html', '[data-testid="settings"]');
      const setting = (name: string) => options.$eval(`[data-testid="setting-${name}"]`, (el) => ({ source: el.getAttribute('data-source'), text: el.textContent }));
      const control = (name: string) =>
        options.$eval(`#setting-${name}`, (el) => {
          const input = el as HTMLInputElement;
          return { value: input.value, checked: input.checked, disabled: input.disabled };
        });

      // Firefox has the policy from startup, so the first read has it (and Firefox sends no managed onChanged
      // that could bring it later, docs/browsers.md §3.3): no polling as in the Chromium test.
      expect(await setting('autoLobby')).toEqual({ source: 'enforced', text: expect.stringContaining('Your school decides this.') });
      expect(await control('autoLobby')).toMatchObject({ checked: true, disabled: true });
      expect(await setting('leaveGuard')).toMatchObject({ source: 'enforced' });
      expect(await control('leaveGuard')).toMatchObject({ value: 'strong', disabled: true });
      expect(await setting('lessonLogDays')).toMatchObject({ source: 'school-default' });
      expect(await control('lessonLogDays')).toMatchObject({ value: '14', disabled: false });
      // Invalid values are not used ...
      expect(await setting('helpUrl')).toMatchObject({ source: 'built-in' });
      expect(await control('helpUrl')).toMatchObject({ value: '' });
      expect(await setting('passwordLength')).toMatchObject({ source: 'built-in' });

      // ... but listed, so the school's IT can fix the file.
      const problems = await options.$$eval('[data-testid="policy-problems"] li', (items) =>
        Object.fromEntries(items.map((item) => [item.getAttribute('data-path'), item.textContent])),
      );
      expect(problems).toEqual({
        'enforced.helpUrl': 'enforced.helpUrl = "javascript:alert(1)": not an https address, ignored; allowed: an address starting with https://, or nothing',
        'enforced.passwordLength': 'enforced.passwordLength = "twelve": wrong kind of value, ignored; allowed: 10 to 64',
        'enforced.autoLobbby': 'enforced.autoLobbby: unknown setting, ignored',
        'enforced.lessonLogDays': 'enforced.lessonLogDays = 400: value not allowed, ignored; allowed: 1 to 365',
      });
      expect(await setting('passwordStyle')).toMatchObject({ source: 'enforced' });
      expect(await control('passwordStyle')).toMatchObject({ value: 'words', disabled: true });
    } finally {
      await options.close();
    }
  });

  test('on joining as moderator, the school\'s lobby setting is applied by itself', async ({ simulator }) => {
    const lesson: Page = await browser.newPage();
    try {
      await lesson.goto(simulator.roomUrl('Chemie8', { students: 2 }, '#config.prejoinConfig.enabled=false'));
      await lesson.evaluate(() => window.__jitsiSim.whenJoined());
      const applied = await pollFor(
        () =>
          lesson.evaluate(() => {
            const state = window.APP.store.getState();
            const lobby = state['features/lobby'].lobbyEnabled as boolean;
            const locked = (state['features/base/conference'].locked ?? null) as string | null;
            return lobby && locked ? { lobby, locked, password: state['features/base/conference'].password as string } : null;
          }),
        'the lobby and the password to be set',
      );
      // autoPassword is a school default here; the password in the school's style "words" (English words
      // here), at least the built-in 12 characters (the wrong-typed length is ignored).
      expect(applied).toMatchObject({ lobby: true, locked: 'LOCKED_LOCALLY' });
      expect(applied.password).toMatch(/^[a-z]+(-[a-z]+){3,}$/);
      expect(applied.password.length).toBeGreaterThanOrEqual(12);
    } finally {
      await lesson.close();
    }
  });
});
