// The one settings model: every setting's kind, built-in default and limits (DECLARED below), its
// validation, and the merge of school policy (enforced or default) with the teacher's own choices. Pure.
// A setting's words (options label, choices, the line for school IT) are in setting-texts.ts; the options
// form, managed_schema.json, the admin kit, the settings tables and the locales' setting entries are all
// derived from these two (`npm run generate`; the README's "Add a setting").
import { checkHost, type HostProblem } from './sites.ts';

export type Language = 'de' | 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'nl', 'en'];
export type PerLanguage = Partial<Record<Language, string>>;


/** Why a value was not taken; each has a sentence in _locales for the options page. */
export type Problem = 'unknown-key' | 'wrong-type' | 'out-of-range' | 'too-long' | HostProblem | 'invalid-url' | 'not-an-object';

/** An entry of a list refused on its own (the rest of the list is taken): `index` in the list as written. */
export interface RefusedEntry {
  index: number;
  problem: Problem;
  value: unknown;
}

type Check<T> = (value: unknown) => { ok: true; value: T; refused?: RefusedEntry[] } | { ok: false; problem: Problem };

const ok = <T>(value: T, refused?: RefusedEntry[]) => ({ ok: true as const, value, ...(refused?.length ? { refused } : {}) });
const bad = (problem: Problem) => ({ ok: false as const, problem });

const boolean: Check<boolean> = (value) => (typeof value === 'boolean' ? ok(value) : bad('wrong-type'));

const integer =
  (min: number, max: number): Check<number> =>
  (value) =>
    typeof value !== 'number' || !Number.isInteger(value) ? bad('wrong-type') : value < min || value > max ? bad('out-of-range') : ok(value);

const choice =
  <T extends string>(options: readonly T[]): Check<T> =>
  (value) =>
    typeof value !== 'string' ? bad('wrong-type') : (options as readonly string[]).includes(value) ? ok(value as T) : bad('out-of-range');

/** Longest text a per-language setting takes, and an https address (helpUrl). */
export const MAX_TEXT_LENGTH = 4_000;
export const MAX_URL_LENGTH = 2_000;

const perLanguage: Check<PerLanguage> = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not-an-object');
  const result: PerLanguage = {};
  for (const [language, text] of Object.entries(value)) {
    if (!(LANGUAGES as readonly string[]).includes(language)) return bad('unknown-key');
    if (typeof text !== 'string') return bad('wrong-type');
    if (text.length > MAX_TEXT_LENGTH) return bad('too-long');
    result[language as Language] = text;
  }
  return ok(result);
};

/**
 * "jitsi.example.org" or "https://jitsi.example.org/*" → the match pattern with the host as the browser
 * reads it (sites.ts checkHost), https only; or why not.
 */
export function checkHostEntry(value: string): { pattern: string } | { problem: HostProblem } {
  const written = /^([a-z][a-z0-9+.-]*):\/\/(.*?)(\/\*)?$/i.exec(value);
  if (written && (written[1]!.toLowerCase() !== 'https' || !written[3])) return { problem: 'invalid-host' };
  const checked = checkHost(written ? written[2]! : value);
  return 'host' in checked ? { pattern: `https://${checked.host}/*` } : checked;
}

export function hostPattern(value: string): string | null {
  const checked = checkHostEntry(value);
  return 'pattern' in checked ? checked.pattern : null;
}

/** Each host on its own: one the browser could not read is refused (and listed), the others are taken. */
const hosts: Check<string[]> = (value) => {
  if (!Array.isArray(value)) return bad('wrong-type');
  if (value.length > 200) return bad('too-long');
  const patterns: string[] = [];
  const refused: RefusedEntry[] = [];
  value.forEach((entry: unknown, index) => {
    const checked = typeof entry === 'string' ? checkHostEntry(entry) : { problem: 'wrong-type' as const };
    if ('problem' in checked) refused.push({ index, problem: checked.problem, value: entry });
    else if (!patterns.includes(checked.pattern)) patterns.push(checked.pattern);
  });
  // Nothing usable at all: the value is refused as a whole (the built-in or school's value stays).
  if (patterns.length === 0 && refused.length > 0) return bad(refused[0]!.problem);
  return ok(patterns, refused);
};

const httpsUrl: Check<string> = (value) => {
  if (typeof value !== 'string') return bad('wrong-type');
  if (value === '') return ok(value);
  if (value.length > MAX_URL_LENGTH) return bad('too-long');
  try {
    return new URL(value).protocol === 'https:' ? ok(value) : bad('invalid-url');
  } catch {
    return bad('invalid-url');
  }
};

/** What a setting is: its kind, limits and built-in default. Checks, schema and forms follow from the kind. */
type Declaration =
  | { kind: 'boolean'; default: boolean }
  | { kind: 'integer'; min: number; max: number; default: number }
  | { kind: 'choice'; options: readonly string[]; default: string }
  /** Jitsi servers as host names or https match patterns, each checked as the browser reads it. */
  | { kind: 'hosts'; default: readonly [] }
  /** An https:// address, or "". */
  | { kind: 'https-url'; default: '' }
  /** A text per language (de, nl, en), each at most MAX_TEXT_LENGTH characters. */
  | { kind: 'per-language'; default: Readonly<PerLanguage> };

/**
 * Every setting, declared once: the key a school writes in its policy, the kind of value, its limits and
 * the built-in default. Its words are in SETTING_TEXTS (setting-texts.ts); both tables are checked
 * against each other by the compiler.
 */
const DECLARED = {
  /** Jitsi servers where the companion runs, besides meet.jit.si and 8x8.vc: "https://jitsi.example.org/*". */
  hosts: { kind: 'hosts', default: [] },
  autoLobby: { kind: 'boolean', default: false },
  autoPassword: { kind: 'boolean', default: false },
  passwordLength: { kind: 'integer', min: 10, max: 64, default: 12 },
  /** "mixed" letters, digits and symbols; "digits" only; "words": short easy words to read out. */
  passwordStyle: { kind: 'choice', options: ['mixed', 'digits', 'words'], default: 'mixed' },
  /**
   * The school's rule for a room password: "optional" (where needed, as the German state instruction has
   * it: lobby alone is in order), "recommended" (no password is worth a look) or "required" (no password
   * breaks the rule). Digits-only passwords: passwordStyle "digits".
   */
  roomPassword: { kind: 'choice', options: ['optional', 'recommended', 'required'], default: 'recommended' },
  leaveGuard: { kind: 'choice', options: ['warn', 'strong'], default: 'warn' },
  endLessonMode: { kind: 'choice', options: ['auto', 'remove-everyone'], default: 'auto' },
  autoStartMuted: { kind: 'boolean', default: false },
  recordingReminder: { kind: 'boolean', default: true },
  rulesText: { kind: 'per-language', default: {} },
  /**
   * The school's rule before anyone records, per language (e.g. "agree it with the school management
   * first"): with it, the checklist asks before the lesson whether a recording is planned.
   */
  recordingRuleText: { kind: 'per-language', default: {} },
  helpUrl: { kind: 'https-url', default: '' },
  noticeText: { kind: 'per-language', default: {} },
  lessonLog: { kind: 'boolean', default: true },
  /** What the lesson log keeps: "full" (server and room name too) or "counts" (times, counts and yes/no only). */
  lessonLogDetail: { kind: 'choice', options: ['full', 'counts'], default: 'full' },
  lessonLogDays: { kind: 'integer', min: 1, max: 365, default: 30 },
  uiLanguage: { kind: 'choice', options: ['auto', 'de', 'nl', 'en'], default: 'auto' },
} as const satisfies Record<string, Declaration>;

type Declared = typeof DECLARED;
export type SettingKey = keyof Declared;

/** The choices of a setting of kind "choice" (never for the others). */
export type ChoiceOf<K extends SettingKey> = Declared[K] extends { kind: 'choice'; options: readonly (infer O extends string)[] } ? O : never;

type ValueOf<K extends SettingKey> = Declared[K]['kind'] extends 'boolean'
  ? boolean
  : Declared[K]['kind'] extends 'integer'
    ? number
    : Declared[K]['kind'] extends 'choice'
      ? ChoiceOf<K>
      : Declared[K]['kind'] extends 'hosts'
        ? string[]
        : Declared[K]['kind'] extends 'https-url'
          ? string
          : PerLanguage;

/** Every setting's value. */
export type Settings = { [K in SettingKey]: ValueOf<K> };

interface Definition<T> {
  default: T;
  check: Check<T>;
}

/** A declaration's check. */
function checkOf(declared: Declaration): Check<unknown> {
  switch (declared.kind) {
    case 'boolean':
      return boolean;
    case 'integer':
      return integer(declared.min, declared.max);
    case 'choice':
      return choice(declared.options);
    case 'hosts':
      return hosts;
    case 'https-url':
      return httpsUrl;
    case 'per-language':
      return perLanguage;
  }
}

/** Every setting: its built-in default and its validation. The single source for the whole extension. */
export const SETTINGS = Object.fromEntries(Object.entries(DECLARED).map(([key, declared]) => [key, { default: declared.default, check: checkOf(declared) }])) as unknown as {
  [K in SettingKey]: Definition<Settings[K]>;
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function defaultSettings(): Settings {
  const result = {} as Record<SettingKey, unknown>;
  for (const key of SETTING_KEYS) result[key] = structuredClone(SETTINGS[key].default);
  return result as Settings;
}

export interface PolicyProblem {
  /** Where in the policy: "enforced.autoLobby", "defaults.hosts", "colour". */
  path: string;
  problem: Problem;
  /** The setting the bad value was meant for (absent for unknown keys): says what is allowed. */
  key?: SettingKey;
  /** The bad value as JSON, cut short: the admin finds it in the file. */
  value?: string;
}

/** What a setting accepts, for the message next to a refused value ("allowed: 10–64"). */
export type Allowed =
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'choice'; options: string[] }
  | { kind: 'hosts' }
  | { kind: 'https-url' }
  | { kind: 'per-language' };

export function allowedValues(key: SettingKey): Allowed {
  const declared: Declaration = DECLARED[key];
  switch (declared.kind) {
    case 'integer':
      return { kind: 'integer', min: declared.min, max: declared.max };
    case 'choice':
      return { kind: 'choice', options: [...declared.options] };
    default:
      return { kind: declared.kind };
  }
}

/** "true or false", "10–64", "warn, strong": what a setting accepts, in plain words (English; the admin kit). */
export function allowedText(key: SettingKey): string {
  const allowed = allowedValues(key);
  switch (allowed.kind) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number from ${allowed.min} to ${allowed.max}`;
    case 'choice':
      return `one of ${allowed.options.map((option) => JSON.stringify(option)).join(', ')}`;
    case 'hosts':
      return 'a list of host names such as "jitsi.schule.example" (https only)';
    case 'https-url':
      return 'an https:// address, or ""';
    case 'per-language':
      return `texts per language, keys ${LANGUAGES.join(', ')}, each at most ${MAX_TEXT_LENGTH} characters`;
  }
}

/** A value as JSON, at most 60 characters, for the problem list. */
export function valuePreview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export interface ParsedPolicy {
  enforced: Partial<Settings>;
  defaults: Partial<Settings>;
  problems: PolicyProblem[];
}

/** A broken policy file can have thousands of bad keys; the admin needs the first ones. */
export const MAX_PROBLEMS = 100;

function report(problems: PolicyProblem[], problem: PolicyProblem): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

function parseSection(section: unknown, name: string, problems: PolicyProblem[]): Partial<Settings> {
  const result: Record<string, unknown> = {};
  if (section === undefined) return result;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    report(problems, { path: name, problem: 'not-an-object' });
    return result;
  }
  for (const [key, value] of Object.entries(section)) {
    const path = `${name}.${key}`.slice(0, 200);
    if (!(SETTING_KEYS as string[]).includes(key)) {
      report(problems, { path, problem: 'unknown-key' });
      continue;
    }
    const checked = SETTINGS[key as SettingKey].check(value);
    if (checked.ok) {
      result[key] = checked.value;
      for (const entry of checked.refused ?? [])
        report(problems, { path: `${path}[${entry.index}]`, problem: entry.problem, key: key as SettingKey, value: valuePreview(entry.value) });
    } else report(problems, { path, problem: checked.problem, key: key as SettingKey, value: valuePreview(value) });
  }
  return result as Partial<Settings>;
}

/**
 * Reads managed storage as the school wrote it: `{ "enforced": {…}, "defaults": {…} }`. Never throws;
 * whatever is not understood is left out and listed, so the admin can fix the file. Chrome checks only
 * the JSON types of managed_schema.json (browserSchema in managed-schema.ts) and Firefox nothing: this is the real guard.
 */
export function parsePolicy(managed: unknown): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  if (managed === undefined || managed === null) return { enforced: {}, defaults: {}, problems };
  if (typeof managed !== 'object' || Array.isArray(managed)) return { enforced: {}, defaults: {}, problems: [{ path: '', problem: 'not-an-object' }] };
  const root = managed as Record<string, unknown>;
  for (const key of Object.keys(root)) if (key !== 'enforced' && key !== 'defaults') report(problems, { path: key.slice(0, 200), problem: 'unknown-key' });
  return { enforced: parseSection(root.enforced, 'enforced', problems), defaults: parseSection(root.defaults, 'defaults', problems), problems };
}

/** The teacher's own choices from storage: validated like policy, problems silently dropped. */
export function parseTeacherChoices(stored: unknown): Partial<Settings> {
  return parseSection(stored ?? {}, 'teacher', []);
}

export type SettingSource = 'built-in' | 'school-default' | 'teacher' | 'enforced';

export interface EffectiveSettings {
  values: Settings;
  source: Record<SettingKey, SettingSource>;
}

/** Enforced beats the teacher's choice, which beats the school's default, which beats the built-in one. */
export function mergeSettings(policy: ParsedPolicy, teacher: Partial<Settings>): EffectiveSettings {
  const values = defaultSettings() as Record<SettingKey, unknown>;
  const source = {} as Record<SettingKey, SettingSource>;
  for (const key of SETTING_KEYS) {
    if (key in policy.enforced) {
      values[key] = policy.enforced[key];
      source[key] = 'enforced';
    } else if (key in teacher) {
      values[key] = teacher[key];
      source[key] = 'teacher';
    } else if (key in policy.defaults) {
      values[key] = policy.defaults[key];
      source[key] = 'school-default';
    } else source[key] = 'built-in';
  }
  return { values: values as Settings, source };
}

/**
 * The school's text for the language shown, else for another one: the school's own words in a
 * neighbouring language beat none. Null when the school wrote nothing.
 */
export function textInLanguage(texts: PerLanguage, shown: string): string | null {
  const order = [shown, ...LANGUAGES.filter((language) => language !== shown)];
  for (const language of order) {
    const text = texts[language as Language]?.trim();
    if (text) return text;
  }
  return null;
}

/** A rules text as lines to read out: one rule per line, list bullets dropped, at most 30 lines. */
export function ruleLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•–]|\d+[.)])\s+/, '').trim())
    .filter(Boolean)
    .slice(0, 30);
}
