import { existsSync } from 'node:fs';
import { browserVersion, CHROMIUM_PATH, FIREFOX_PATH } from './browsers.ts';

export default function globalSetup(): void {
  // Logged because Debian's security updates move the browser versions under us.
  console.log(`Chromium: ${browserVersion(CHROMIUM_PATH)}`);
  console.log(`Firefox:  ${browserVersion(FIREFOX_PATH)}`);
  for (const dir of ['dist/chrome-dev', 'dist/firefox-dev', 'dist/chrome', 'dist/firefox']) {
    if (!existsSync(`${dir}/manifest.json`)) throw new Error(`${dir} is missing: run "npm test" (it builds first) or "node scripts/build.mjs --dev".`);
  }
}
