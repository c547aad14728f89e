// Firefox's one machine-wide policy file, for the specs that need it (firefox-policy, force-install-firefox).
// Debian's firefox-esr reads /etc/firefox/policies/policies.json (not /etc/firefox-esr: platform-notes
// §5.3), once, at startup. A school's own file (if any) is moved aside and back; a run killed before its
// teardown leaves the backup for the next run to restore.
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';

export const FIREFOX_POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = `${FIREFOX_POLICY_DIR}/policies.json`;
const BACKUP_FILE = `${POLICY_FILE}.jmc-e2e-backup`;

/** Writing the file needs root (CI runs as root). */
export const canWriteFirefoxPolicy = process.getuid?.() === 0;

/** Puts `policy` in place, keeping whatever was there; returns the undo (safe to call twice). */
export function installFirefoxPolicyFile(policy: unknown): () => void {
  // Only the directories this run creates are removed again, innermost first.
  const created = ['/etc/firefox', FIREFOX_POLICY_DIR].filter((dir) => !existsSync(dir)).reverse();
  mkdirSync(FIREFOX_POLICY_DIR, { recursive: true });
  // A leftover backup means a killed run: the policies.json now there is that run's, not the school's.
  if (!existsSync(BACKUP_FILE) && existsSync(POLICY_FILE)) renameSync(POLICY_FILE, BACKUP_FILE);
  let undone = false;
  const undo = (): void => {
    if (undone) return;
    undone = true;
    if (existsSync(BACKUP_FILE)) renameSync(BACKUP_FILE, POLICY_FILE);
    else rmSync(POLICY_FILE, { force: true });
    for (const dir of created) rmdirSync(dir);
  };
  try {
    writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2));
  } catch (error) {
    undo();
    throw error;
  }
  return undo;
}
