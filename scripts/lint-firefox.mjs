// @ts-check
// web-ext lint on the Firefox builds (dist/firefox for AMO, dist/firefox-managed for a school's unlisted
// signing): errors fail; warnings are printed with the reason we keep them. scripts/package.mjs uses
// lintFirefox() on the .xpi packages as well.
//   node scripts/lint-firefox.mjs [dir-or-xpi …]     default: dist/firefox dist/firefox-managed
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Warnings we understand and cannot fix in our code (see README, "Firefox lint"). */
export const ACCEPTED_WARNINGS = new Map([
  // Preact's runtime supports dangerouslySetInnerHTML; we never use it (lint bans it in src/).
  ['UNSAFE_VAR_ASSIGNMENT', 'Preact runtime code path for dangerouslySetInnerHTML, unused by us'],
]);

/**
 * Lints one build folder or .xpi. Prints what it found; returns whether it passed (no error, no warning
 * that is not accepted).
 * @param {string} source
 * @param {string} [label] how to name it in the output (default: the path)
 * @param {{ selfHosted?: boolean }} [options] selfHosted: a package that names its own update_url (the managed
 *   one with --base-url); AMO lints unlisted uploads the same way
 * @returns {{ ok: boolean, errors: number, warnings: number, unexpected: number, notices: number }}
 */
export function lintFirefox(source, label = source, { selfHosted = false } = {}) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', source, '--output', 'json', '--no-input', ...(selfHosted ? ['--self-hosted'] : [])],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    console.error(result.stdout, result.stderr);
    return { ok: false, errors: 1, warnings: 0, unexpected: 0, notices: 0 };
  }
  for (const error of report.errors) console.error(`${label}: error ${error.code}: ${error.message} (${error.file ?? ''})`);
  let unexpected = 0;
  for (const warning of report.warnings) {
    const reason = ACCEPTED_WARNINGS.get(warning.code);
    if (reason) console.log(`${label}: accepted warning ${warning.code} (${warning.file ?? ''}): ${reason}`);
    else {
      unexpected += 1;
      console.error(`${label}: warning ${warning.code}: ${warning.message} (${warning.file ?? ''})`);
    }
  }
  console.log(
    `web-ext lint ${label}: ${report.errors.length} errors, ${report.warnings.length} warnings (${unexpected} not accepted), ${report.notices.length} notices`,
  );
  return {
    ok: report.errors.length === 0 && unexpected === 0,
    errors: report.errors.length,
    warnings: report.warnings.length,
    unexpected,
    notices: report.notices.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sources = process.argv.slice(2);
  const results = (sources.length ? sources : ['dist/firefox', 'dist/firefox-managed']).map((source) => lintFirefox(source));
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}
