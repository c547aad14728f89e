// @ts-check
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Installs the test browsers from Debian's packages when missing (root on Debian), then:
// type-check, lint, unit tests, both builds, web-ext lint, the simulator's own smoke check, end-to-end in
// Chromium and Firefox ESR, and the `npm start` self-check. Steps of one stage run side by side (the
// machine has two cores; each prints its output when it ends). Ends with one summary line:
// "tests: N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { policyIsolation } from '../test/policy-isolation.mjs';

const node = process.execPath;
const reports = '.tmp/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

/** @typedef {{name: string, command: string[], env?: Record<string, string>}} Step */
/** @type {Step[][]} stages, one after another; the steps of a stage side by side */
const stages = [
  [{ name: 'browsers', command: ['bash', 'scripts/install-browsers.sh'] }],
  [
    { name: 'typecheck', command: [node, 'node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'] },
    { name: 'lint', command: [node, 'node_modules/eslint/bin/eslint.js', '.'] },
    // jitsi-meet's real web UI (test/jitsi-sdk, its own npm package): install when its lock changed, build.
    // Before the unit tests: the glossary test compares Jitsi's terms with the SDK's language files.
    { name: 'real Jitsi UI', command: [node, 'test/jitsi-sdk/scripts/prepare.mjs'] },
  ],
  // Alone: the packaging unit tests build dist/ themselves where it is missing, and two builds into one
  // folder at once mix their chunks.
  [{ name: 'build', command: [node, 'scripts/build.mjs', '--dev'] }],
  [
    {
      name: 'unit',
      command: [node, 'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`],
    },
    { name: 'bundle budgets', command: [node, 'scripts/bundle-sizes.mjs', 'dist/chrome', 'dist/firefox', 'dist/chrome-managed', 'dist/firefox-managed'] },
    { name: 'web-ext lint', command: [node, 'scripts/lint-firefox.mjs'] },
    // The simulator itself against docs/jitsi.md, in Chromium, before the extension is tested on it.
    { name: 'simulator smoke', command: [node, 'test/sim/smoke.mjs'] },
  ],
  // Two workers for the lessons (each its own browsers and simulator). The specs that write real browser
  // policy files join them where each browser can have its policy folder to itself (root, mount
  // namespaces: test/policy-isolation.mjs); elsewhere they run alone afterwards, because every browser
  // started meanwhile would read those files.
  [
    {
      name: 'e2e: lessons',
      command: [node, 'node_modules/@playwright/test/cli.js', 'test', '--project=lessons', `--workers=${process.env.JMC_E2E_WORKERS ?? 2}`, '--reporter=list,json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e-lessons.json` },
    },
  ],
  ...(policyIsolation
    ? []
    : [
        [
          {
            name: 'e2e: school policy',
            command: [node, 'node_modules/@playwright/test/cli.js', 'test', '--project=school-policy', '--project=school-policy-tests', '--workers=1', '--reporter=list,json'],
            env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e-school-policy.json` },
          },
        ],
      ]),
  [{ name: 'start self-check', command: [node, 'scripts/start.mjs', '--headless', '--no-build'] }],
];

/** @type {string[]} */
const timings = [];
/** @type {string[]} */
const failedSteps = [];
for (const stage of stages) {
  const alone = stage.length === 1;
  const results = await Promise.all(stage.map((step) => run(step, alone)));
  failedSteps.push(...results.filter((result) => !result.ok).map((result) => result.name));
  if (failedSteps.length) break;
}

/**
 * Runs one step; alone, its output streams through, side by side it is kept and printed when it ends.
 * @param {Step} step @param {boolean} alone @returns {Promise<{name: string, ok: boolean}>}
 */
function run(step, alone) {
  const started = Date.now();
  if (alone) console.log(`\n▶ ${step.name}`);
  const [command, ...args] = step.command;
  const child = spawn(/** @type {string} */ (command), args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...step.env } });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      timings.push(`${step.name} ${seconds} s`);
      if (!alone) {
        console.log(`\n▶ ${step.name} (${seconds} s)`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ name: step.name, ok: code === 0 });
    });
  });
}

const { passed, failed } = countTests();
console.log(`\nsteps: ${timings.join(' · ')}`);
if (failedSteps.length) console.log(`FAILED at step: ${failedSteps.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed + (failedSteps.length && failed === 0 ? 1 : 0)} failed`);
process.exit(failedSteps.length ? 1 : 0);

/** Adds up the unit and end-to-end reports that exist. */
function countTests() {
  let passed = 0;
  let failed = 0;
  try {
    const unit = JSON.parse(readFileSync(`${reports}/unit.json`, 'utf8'));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
  } catch {
    /* step did not run */
  }
  for (const part of ['lessons', 'school-policy']) {
    try {
      const e2e = JSON.parse(readFileSync(`${reports}/e2e-${part}.json`, 'utf8'));
      passed += e2e.stats.expected + e2e.stats.flaky;
      failed += e2e.stats.unexpected;
      if (e2e.stats.flaky) console.log(`e2e (${part}): ${e2e.stats.flaky} test(s) passed only on retry (flaky): see the list above`);
    } catch {
      /* step did not run */
    }
  }
  return { passed, failed };
}
