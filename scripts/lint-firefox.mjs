// @ts-check
// web-ext lint on the Firefox release build: errors fail; warnings are printed with the reason we keep them.
import { spawnSync } from 'node:child_process';

/** Warnings we understand and cannot fix in our code (see README, "Firefox lint"). */
const ACCEPTED = new Map([
  // Preact's runtime supports dangerouslySetInnerHTML; we never use it (lint bans it in src/).
  ['UNSAFE_VAR_ASSIGNMENT', 'Preact runtime code path for dangerouslySetInnerHTML, unused by us'],
]);

const result = spawnSync(
  process.execPath,
  ['node_modules/web-ext/bin/web-ext.js', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-input'],
  { encoding: 'utf8' },
);
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
for (const error of report.errors) console.error(`error ${error.code}: ${error.message} (${error.file ?? ''})`);
let unexpected = 0;
for (const warning of report.warnings) {
  const reason = ACCEPTED.get(warning.code);
  if (reason) console.log(`accepted warning ${warning.code} (${warning.file ?? ''}): ${reason}`);
  else {
    unexpected += 1;
    console.error(`warning ${warning.code}: ${warning.message} (${warning.file ?? ''})`);
  }
}
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${unexpected} not accepted), ${report.notices.length} notices`);
process.exit(report.errors.length || unexpected ? 1 : 0);
