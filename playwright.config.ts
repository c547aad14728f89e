import { defineConfig } from '@playwright/test';
import { policyIsolation } from './test/policy-isolation.mjs';

/**
 * Specs that write real browser policy (/etc/chromium/policies/managed, Firefox's policies.json). Where
 * each browser can have its policy folder to itself (`policyIsolation`: root and mount namespaces, as on
 * CI; test/e2e/school-policy-files.ts) they run with the others. Elsewhere every browser started while
 * such a file exists would read it, so they run alone, after the others; in files that only partly write
 * policy, those tests say so in their title (@school-policy).
 */
const SCHOOL_POLICY_SPECS = [
  '**/policy.spec.ts',
  '**/firefox-policy.spec.ts',
  '**/force-install-chromium.spec.ts',
  '**/force-install-firefox.spec.ts',
  '**/self-hosted-update.spec.ts',
];
const PARTLY_POLICY_SPECS = ['**/hardening.spec.ts', '**/school-rules.spec.ts', '**/leave-guard-fails-safe.spec.ts'];
const WRITES_POLICY = /@school-policy/;

// Real browsers against the local simulator (jitsi-meet's real web UI). `npm test` runs the project
// "lessons" on two workers (each has its own browsers, profiles and simulator), then — only without
// policy isolation — "school-policy" on one; a plain `npx playwright test` runs one at a time.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  // Tests, not files, go to the next free worker: a long file at the end does not leave a worker idle.
  // Tests that share one browser say so (test.describe.configure({ mode: 'default' })).
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Real browsers on a 2-core CI machine: one retry, and `npm test` prints how many tests needed it.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
  projects: policyIsolation
    ? [{ name: 'lessons' }]
    : [
        { name: 'lessons', testIgnore: SCHOOL_POLICY_SPECS, grepInvert: WRITES_POLICY },
        { name: 'school-policy', testMatch: SCHOOL_POLICY_SPECS },
        { name: 'school-policy-tests', testMatch: PARTLY_POLICY_SPECS, grep: WRITES_POLICY },
      ],
});
