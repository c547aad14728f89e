// @ts-check
// Can this run give each policy-reading browser a policy folder of its own? Browsers read managed policy
// from fixed machine-wide folders (/etc/chromium/policies/managed, /etc/firefox/policies): a file put
// there is read by every browser that starts meanwhile. As root, where `unshare` may make a mount
// namespace, a browser can be started in one where the machine's folder is a test's own folder (a bind
// mount): it reads a real file at the real path, and no other browser sees it
// (test/e2e/school-policy-files.ts). Elsewhere the specs that write policy run alone (playwright.config.ts,
// scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Checked once per process: root, and a bind mount inside a private mount namespace works.
 * JMC_POLICY_ISOLATION=0 turns it off (the machine-wide way, e.g. to test that path).
 */
export const policyIsolation = process.env.JMC_POLICY_ISOLATION !== '0' && process.getuid?.() === 0 && bindMountWorks();

function bindMountWorks() {
  const dir = mkdtempSync(join(tmpdir(), 'jmc-ns-check-'));
  try {
    const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" "$2"', 'sh', dir, dir], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    return probe.status === 0;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
