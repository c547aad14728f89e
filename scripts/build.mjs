// @ts-check
// Builds the extension for Chrome/Edge and Firefox from one manifest.
//   node scripts/build.mjs          release builds: dist/chrome, dist/firefox (stores) and
//                                   dist/chrome-managed, dist/firefox-managed (force-install by policy)
//   node scripts/build.mjs --dev    also the dev builds for the local simulator: dist/chrome-dev, dist/firefox-dev
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const withDev = process.argv.includes('--dev');
const onlyDev = process.argv.includes('--dev-only');
const flavours = onlyDev ? ['dev'] : withDev ? ['release', 'managed', 'dev'] : ['release', 'managed'];

for (const flavour of flavours) {
  for (const target of ['chrome', 'firefox']) {
    const started = Date.now();
    const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, TARGET: target, FLAVOUR: flavour },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    const outDir = flavour === 'release' ? `dist/${target}` : `dist/${target}-${flavour}`;
    checkManifestFiles(outDir);
    console.log(`built ${outDir} in ${Date.now() - started} ms`);
  }
}

/** Every file the built manifest names must exist (a missing icon or script fails the build, not the user). @param {string} outDir */
function checkManifestFiles(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((/** @type {{js?: string[]}} */ script) => script.js ?? []),
    `_locales/${manifest.default_locale}/messages.json`,
  ].filter(Boolean);
  const missing = files.filter((file) => !existsSync(join(outDir, file)));
  if (missing.length) {
    console.error(`${outDir}: manifest names missing files: ${missing.join(', ')}`);
    process.exit(1);
  }
}
