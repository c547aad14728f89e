// Makes the real-Jitsi-UI test page ready: installs this package's own dependencies from the npm
// registry (`npm ci`, only when package-lock.json changed since the last install) and builds the page
// (scripts/build.mjs skips when nothing changed). Called by the project's `npm test` before the E2E step.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lock = createHash('sha256').update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex');
const stampFile = join(ROOT, 'node_modules/.jmc-installed-lock');
const installed = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (installed !== lock) {
  console.log('jitsi-sdk: npm ci (the real Jitsi Meet web UI from @jitsi/react-native-sdk)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stampFile, lock);
}
run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--minify']);
