// @ts-check
// Small helpers the bench's modules share (run.mjs, hangup.mjs): where the browsers are, and statistics.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The same lookup as test/e2e/browsers.ts (a .ts module, which the bench cannot import).
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/lib/chromium/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** `chromium --version` and the like; throws when the browser is missing. @param {string} path */
export const browserVersion = (path) => execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();

/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Linear-interpolated quantile of unsorted numbers; null when empty. @param {number[]} values @param {number} q */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = /** @type {number} */ (sorted[lower]);
  const b = /** @type {number} */ (sorted[upper]);
  return a + (b - a) * (position - lower);
}
/** @param {(number | null | undefined)[]} values */
export const median = (values) => quantile(values.filter((v) => typeof v === 'number' && Number.isFinite(v)).map(Number), 0.5);
/** @param {number | null | undefined} value @param {number} [digits] */
export const round = (value, digits = 2) => (typeof value === 'number' && Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
