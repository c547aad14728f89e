// Issue 16, the attacks that need no hostile page script: a malformed host in the school's list, a crafted
// link that asks for a short room password, forged traffic against the lesson log, and the managed
// build's fence. Each test failed on the code before its fix (docs/security.md lists them).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { SECOND_SIMULATOR_HOST } from '../../scripts/manifest-variants.ts';
import { badgeOf, expect, startSchoolServer, storedRoomOf, tabIdOf, test } from './fixtures.ts';

const POLICY_DIR = '/etc/chromium/policies/managed';
const DEV_EXTENSION_ID = 'gimbelkfpjbjekpddhjflhkhldnnhgkg';
const canWritePolicy = process.getuid?.() === 0;
const NO_PREJOIN = '#config.prejoinConfig.enabled=false';

test('one malformed host in the school\'s list: the good host still gets the companion, the bad ones are listed with their reason', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  test.skip(!canWritePolicy, 'writing a Chromium policy file needs root');
  test.setTimeout(60_000);
  const file = `${POLICY_DIR}/jmc-hosts-${process.pid}.json`;
  mkdirSync(POLICY_DIR, { recursive: true });
  const hosts = ['10.0.0.300', SECOND_SIMULATOR_HOST, 'xn--a.example'];
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [DEV_EXTENSION_ID]: { defaults: { hosts } } } } }));
  const school = await startSchoolServer();
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const problems = options.getByTestId('policy-problems');
    await expect(problems.locator('li[data-path="defaults.hosts[0]"]')).toContainText('"10.0.0.300": not an IP address the browser can read', { timeout: 20_000 });
    await expect(problems.locator('li[data-path="defaults.hosts[2]"]')).toContainText('"xn--a.example": not a host name the browser can read');
    await expect(options.locator('#setting-hosts')).toHaveValue(SECOND_SIMULATOR_HOST);
    await expect(options.getByTestId('registration-problems')).toHaveCount(0);

    const lesson = await context.newPage();
    await lesson.goto(school.roomUrl('Chemie9c', { students: 3 }, NO_PREJOIN));
    const tabId = await tabIdOf(serviceWorker, lesson);
    await expect.poll(async () => (await storedRoomOf(serviceWorker, tabId))?.participants ?? null, { timeout: 15_000 }).toBe(3);
    await expect.poll(() => badgeOf(serviceWorker, tabId)).not.toBe('');
  } finally {
    rmSync(file, { force: true });
    await school.close();
  }
});
