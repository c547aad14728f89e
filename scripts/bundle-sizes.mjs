// @ts-check
// Bundle sizes (gzip -9) of a build and the budgets npm test enforces (issue 8): what a lesson page
// loads (content + page script) and what opening the popup loads.
//   node scripts/bundle-sizes.mjs [dist/chrome dist/firefox …]   prints the sizes, exit 1 over budget
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
// Content + page: 10 KB until the leave guard had to draw itself synchronously and fall back to the page's
// own question (issue 14, +0.8 KB), and to follow the whole class (issue 21: breakout rooms, room
// switches, co-teachers, the end from a breakout room, the kept reason; +1 KB). 11.22 KB on 2026-12-05 with the dialog's one-line consequences (issue 25).
// 12.5 KB since the same day: untrusted page traffic bounded and rate-limited in the content script (issue 16),
// embedded lessons and what Jitsi waits for while joining (issue 17), the end-of-lesson marks for the log (issue 25):
// 12.03 KB then.
export const BUNDLE_BUDGETS = { contentPlusPageGzipBytes: 12.5 * KB, popupGzipBytes: 25 * KB };

/** @param {string} file */
const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * The popup's JS: the module scripts named by its HTML, and every module they import (static and
 * dynamic), followed transitively. @param {string} distDir
 */
export function popupChunks(distDir) {
  const htmlPath = join(distDir, 'src/popup/index.html');
  const html = readFileSync(htmlPath, 'utf8');
  /** @param {string} from @param {string} spec */
  const resolveIn = (from, spec) => (spec.startsWith('/') ? join(distDir, spec) : resolve(dirname(from), spec));
  /** @type {string[]} */
  const queue = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) queue.push(resolveIn(htmlPath, /** @type {string} */ (match[1])));
  for (const match of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) queue.push(resolveIn(htmlPath, /** @type {string} */ (match[1])));
  const seen = new Set();
  while (queue.length) {
    const file = /** @type {string} */ (queue.shift());
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const specifiers = [
      ...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{0,2}\/[^"']+)["']/g),
      ...code.matchAll(/\bimport\(\s*["'](\.{0,2}\/[^"']+)["']\s*\)/g),
    ].map((match) => /** @type {string} */ (match[1]));
    for (const specifier of specifiers) queue.push(resolveIn(file, specifier));
  }
  return [...seen];
}

/** @param {string} distDir a built extension folder */
export function bundleSizes(distDir) {
  const file = (/** @type {string} */ path) => join(distDir, path);
  const script = (/** @type {string} */ path) => ({ file: path, rawBytes: statSync(file(path)).size, gzipBytes: gzipSize(file(path)) });
  const contentScript = script('src/content/index.js');
  const pageScript = script('src/page/index.js');
  const popup = popupChunks(distDir).map((path) => ({ file: relative(distDir, path), rawBytes: statSync(path).size, gzipBytes: gzipSize(path) }));
  return {
    gzip: 'gzip -9 (zlib level 9), bytes',
    contentScript,
    pageScript,
    contentPlusPageGzipBytes: contentScript.gzipBytes + pageScript.gzipBytes,
    popup: { chunks: popup, gzipBytes: popup.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['dist/chrome', 'dist/firefox'];
  let over = false;
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'manifest.json'))) {
      console.error(`${dir} is missing: run npm run build`);
      process.exit(1);
    }
    const sizes = bundleSizes(dir);
    const popupFiles = sizes.popup.chunks.length;
    for (const [what, bytes, budget] of /** @type {const} */ ([
      ['content + page script', sizes.contentPlusPageGzipBytes, BUNDLE_BUDGETS.contentPlusPageGzipBytes],
      [`popup (${popupFiles} files)`, sizes.popup.gzipBytes, BUNDLE_BUDGETS.popupGzipBytes],
    ])) {
      const within = bytes <= budget;
      over ||= !within;
      console.log(`${dir}: ${what} ${(bytes / KB).toFixed(2)} KB gzip, budget ${budget / KB} KB${within ? '' : '  OVER BUDGET'}`);
    }
    if (popupFiles === 0) {
      console.error(`${dir}: found no popup scripts; the size check would prove nothing`);
      over = true;
    }
  }
  process.exit(over ? 1 : 0);
}
