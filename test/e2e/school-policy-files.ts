// Real policy files for the browsers under test, where a school's IT puts them: Chromium's managed folder
// (/etc/chromium/policies/managed, any *.json) and Debian firefox-esr's policies.json in /etc/firefox/policies
// (Debian's firefox-esr reads this one, not /etc/firefox-esr). Both folders are machine-wide, so:
// - with `policyIsolation` (root, mount namespaces allowed; CI), each browser that takes policy starts in a
//   mount namespace of its own where that folder is this test's own folder: the browser reads a real file at
//   the real path, no other browser (of a test running in parallel) sees it, and nothing stays behind;
// - without it, files go to the machine's folder (unique names, removed on dispose; a school's own
//   policies.json is moved aside and back) and the specs that write them run alone (playwright.config.ts).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policyIsolation } from '../policy-isolation.mjs';
import { CHROMIUM_PATH, FIREFOX_PATH } from './browsers.ts';

export { policyIsolation };
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
export const FIREFOX_POLICY_DIR = '/etc/firefox/policies';
/** Writing policy needs root either way (the machine's folder, or a mount over it). */
export const canWritePolicy = process.getuid?.() === 0;

export interface PolicyFolder {
  /** What to start: the browser, or (isolated) a wrapper that starts it in its own mount namespace. */
  readonly executablePath: string;
  /** Writes or replaces one policy file; Firefox has only one (policies.json), so `name` is Chromium's. */
  write(policy: unknown, name?: string): void;
  /** Removes what was written (and the private folder). Safe to call twice. */
  dispose(): void;
}

let counter = 0;

/** A policy folder for one Chromium (or several started one after another, e.g. across a restart). */
export function chromiumPolicyFolder(): PolicyFolder {
  if (policyIsolation) return isolatedFolder(CHROMIUM_PATH, CHROMIUM_POLICY_DIR, (name) => `jmc-${name}.json`);
  const written = new Set<string>();
  const id = `${process.pid}-${++counter}`;
  return {
    executablePath: CHROMIUM_PATH,
    write(policy, name = 'school') {
      mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
      const file = join(CHROMIUM_POLICY_DIR, `jmc-${name}-${id}.json`);
      writeFileSync(file, JSON.stringify(policy));
      written.add(file);
    },
    dispose() {
      for (const file of written) rmSync(file, { force: true });
      written.clear();
    },
  };
}

/** Firefox's policies.json for one Firefox (read once, at its start). */
export function firefoxPolicyFolder(): PolicyFolder {
  if (policyIsolation) return isolatedFolder(FIREFOX_PATH, FIREFOX_POLICY_DIR, () => 'policies.json');
  const file = join(FIREFOX_POLICY_DIR, 'policies.json');
  const backup = `${file}.jmc-e2e-backup`;
  let undo: (() => void) | undefined;
  return {
    executablePath: FIREFOX_PATH,
    write(policy) {
      if (!undo) {
        // Only the directories created here are removed again, innermost first.
        const created = ['/etc/firefox', FIREFOX_POLICY_DIR].filter((dir) => !existsSync(dir)).reverse();
        mkdirSync(FIREFOX_POLICY_DIR, { recursive: true });
        // A leftover backup means a killed run: the policies.json now there is that run's, not the school's.
        if (!existsSync(backup) && existsSync(file)) renameSync(file, backup);
        undo = () => {
          if (existsSync(backup)) renameSync(backup, file);
          else rmSync(file, { force: true });
          for (const dir of created) rmdirSync(dir);
        };
      }
      writeFileSync(file, JSON.stringify(policy, null, 2));
    },
    dispose() {
      undo?.();
      undo = undefined;
    },
  };
}

/**
 * A private folder mounted over `machineDir` for one browser: a small launcher script (the browser's
 * command line passes through untouched) starts `browser` in a new mount namespace with the bind mount.
 */
function isolatedFolder(browser: string, machineDir: string, fileName: (name: string) => string): PolicyFolder {
  // The mount point must exist on the machine; it stays, empty (as Debian's chromium package leaves its own).
  mkdirSync(machineDir, { recursive: true });
  const own = mkdtempSync(join(tmpdir(), 'jmc-policy-'));
  const folder = join(own, 'policies');
  mkdirSync(folder);
  const launcher = join(own, 'browser-in-own-policy-namespace');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      `# ${browser}, reading ${folder} as ${machineDir} (test/e2e/school-policy-files.ts)`,
      `exec unshare --mount --propagation private /bin/sh -c 'mount --bind "$1" "$2" || exit 111; shift 2; exec "$@"' sh ${quote(folder)} ${quote(machineDir)} ${quote(browser)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(launcher, 0o755);
  return {
    executablePath: launcher,
    write(policy, name = 'school') {
      writeFileSync(join(folder, fileName(name)), JSON.stringify(policy, null, 2));
    },
    dispose() {
      rmSync(own, { recursive: true, force: true });
    },
  };
}
