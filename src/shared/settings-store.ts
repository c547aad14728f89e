// Where settings come from: school policy in storage.managed (read through parsePolicy, because Firefox
// applies no schema) and the teacher's own choices in storage.local. Managed values may arrive seconds
// after start (Chromium) or not exist at all (Firefox rejects storage.managed.get then): both are normal.
import browser from 'webextension-polyfill';
import {
  mergeSettings,
  parsePolicy,
  parseTeacherChoices,
  type EffectiveSettings,
  type ParsedPolicy,
  type SettingKey,
  type Settings,
} from '../core/settings.ts';

const TEACHER_KEY = 'settings';

/**
 * How long a settings read waits for the school's policy. Chromium answers the first read only once policy
 * has loaded, seconds after start, and in some starts not at all (docs/browsers.md §2.2): past this the
 * teacher's choices and the defaults apply, and the policy follows by `storage.onChanged` when it comes.
 */
export const POLICY_WAIT_MS = 6_000;
/** The read still waiting for the browser: later reads wait for it rather than queue another. */
let policyAnswer: Promise<unknown> | null = null;

export async function readPolicy(): Promise<ParsedPolicy> {
  policyAnswer ??= browser.storage.managed.get(null).then(
    (values) => ((policyAnswer = null), values),
    // Firefox without any policy: "Managed storage manifest not found".
    () => (policyAnswer = null),
  );
  let stopWaiting = (): void => undefined;
  const waited = new Promise<undefined>((resolve) => (stopWaiting = () => resolve(undefined)));
  const timer = setTimeout(stopWaiting, POLICY_WAIT_MS);
  try {
    return parsePolicy(await Promise.race([policyAnswer, waited]));
  } finally {
    clearTimeout(timer);
  }
}

export async function readTeacherChoices(): Promise<Partial<Settings>> {
  return parseTeacherChoices((await browser.storage.local.get(TEACHER_KEY))[TEACHER_KEY]);
}

export interface SettingsView extends EffectiveSettings {
  policy: ParsedPolicy;
}

export async function readSettings(): Promise<SettingsView> {
  const [policy, teacher] = await Promise.all([readPolicy(), readTeacherChoices()]);
  return { ...mergeSettings(policy, teacher), policy };
}

/** Saves one of the teacher's choices; an enforced setting cannot be changed (the options page greys it). */
export async function chooseSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<boolean> {
  const policy = await readPolicy();
  if (key in policy.enforced) return false;
  const teacher = await readTeacherChoices();
  await browser.storage.local.set({ [TEACHER_KEY]: { ...teacher, [key]: value } });
  return true;
}

export async function resetTeacherChoices(): Promise<void> {
  await browser.storage.local.remove(TEACHER_KEY);
}

/** Calls back with fresh settings whenever policy or the teacher's choices change (also late policy). */
export function watchSettings(onChange: (settings: SettingsView) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string): void => {
    if (area === 'managed' || (area === 'local' && TEACHER_KEY in changes)) void readSettings().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * Sites the browser refused to register the content scripts for, with its reason (written by the
 * background at every sync, site-access.ts); the options page lists them: never swallowed.
 */
export const REGISTRATION_PROBLEMS_KEY = 'siteRegistrationProblems';
export interface RegistrationProblem {
  site: string;
  error: string;
}
