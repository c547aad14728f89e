import { defineConfig } from '@playwright/test';

// Real browsers, one at a time (2 cores): the built dev extension against the local simulator.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Real browsers on a 2-core CI machine: one retry, and `npm test` prints how many tests needed it.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
});
