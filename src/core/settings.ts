// The one settings model: built-in defaults, validation, and the merge of school policy (enforced or
// default) with the teacher's own choices. Pure. The options page, managed_schema.json and the admin
// templates are to be generated from SETTINGS (the policy issue), so they cannot drift.
import { SETTING_TITLES } from './setting-titles.ts';
import { checkHost, type HostProblem } from './sites.ts';

export type Language = 'de' | 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'nl', 'en'];
export type PerLanguage = Partial<Record<Language, string>>;

export interface Settings {
  /** Jitsi servers where the companion runs, besides meet.jit.si and 8x8.vc: "https://jitsi.example.org/*". */
  hosts: string[];
  autoLobby: boolean;
  autoPassword: boolean;
  passwordLength: number;
  /** "mixed" letters, digits and symbols; "digits" only; "words": short easy words to read out. */
  passwordStyle: 'mixed' | 'digits' | 'words';
  /**
   * The school's rule for a room password: "optional" (where needed, as the German state instruction has
   * it: lobby alone is in order), "recommended" (no password is worth a look) or "required" (no password
   * breaks the rule). Digits-only passwords: passwordStyle "digits".
   */
  roomPassword: 'optional' | 'recommended' | 'required';
  leaveGuard: 'warn' | 'strong';
  endLessonMode: 'auto' | 'remove-everyone';
  autoStartMuted: boolean;
  recordingReminder: boolean;
  rulesText: PerLanguage;
  /**
   * The school's rule before anyone records, per language (e.g. "agree it with the school management
   * first"): with it, the checklist asks before the lesson whether a recording is planned.
   */
  recordingRuleText: PerLanguage;
  helpUrl: string;
  noticeText: PerLanguage;
  lessonLog: boolean;
  /** What the lesson log keeps: "full" (server and room name too) or "counts" (times, counts and yes/no only). */
  lessonLogDetail: 'full' | 'counts';
  lessonLogDays: number;
  uiLanguage: 'auto' | Language;
}

export type SettingKey = keyof Settings;

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

const MAX_TEXT = 4_000;

const perLanguage: Check<PerLanguage> = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not-an-object');
  const result: PerLanguage = {};
  for (const [language, text] of Object.entries(value)) {
    if (!(LANGUAGES as readonly string[]).includes(language)) return bad('unknown-key');
    if (typeof text !== 'string') return bad('wrong-type');
    if (text.length > MAX_TEXT) return bad('too-long');
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
  if (value.length > 2_000) return bad('too-long');
  try {
    return new URL(value).protocol === 'https:' ? ok(value) : bad('invalid-url');
  } catch {
    return bad('invalid-url');
  }
};

/** JSON-schema fragment of a value, as Chrome's policy schema understands it (managed_schema.json). */
export type SchemaFragment = Record<string, unknown>;

interface Definition<T> {
  default: T;
  check: Check<T>;
  schema: SchemaFragment;
}

const perLanguageSchema: SchemaFragment = {
  type: 'object',
  properties: Object.fromEntries(LANGUAGES.map((language) => [language, { type: 'string' }])),
};

/** Every setting: its built-in default and its validation. The single source for the whole extension. */
export const SETTINGS: { [K in SettingKey]: Definition<Settings[K]> } = {
  hosts: {
    default: [],
    check: hosts,
    schema: { type: 'array', items: { type: 'string' } },
  },
  autoLobby: { default: false, check: boolean, schema: { type: 'boolean' } },
  autoPassword: { default: false, check: boolean, schema: { type: 'boolean' } },
  passwordLength: {
    default: 12,
    check: integer(10, 64),
    schema: { type: 'integer', minimum: 10, maximum: 64 },
  },
  passwordStyle: {
    default: 'mixed',
    check: choice(['mixed', 'digits', 'words'] as const),
    schema: { type: 'string', enum: ['mixed', 'digits', 'words'] },
  },
  roomPassword: {
    default: 'recommended',
    check: choice(['optional', 'recommended', 'required'] as const),
    schema: { type: 'string', enum: ['optional', 'recommended', 'required'] },
  },
  leaveGuard: {
    default: 'warn',
    check: choice(['warn', 'strong'] as const),
    schema: { type: 'string', enum: ['warn', 'strong'] },
  },
  endLessonMode: {
    default: 'auto',
    check: choice(['auto', 'remove-everyone'] as const),
    schema: { type: 'string', enum: ['auto', 'remove-everyone'] },
  },
  autoStartMuted: { default: false, check: boolean, schema: { type: 'boolean' } },
  recordingReminder: { default: true, check: boolean, schema: { type: 'boolean' } },
  rulesText: { default: {}, check: perLanguage, schema: perLanguageSchema },
  recordingRuleText: { default: {}, check: perLanguage, schema: perLanguageSchema },
  helpUrl: { default: '', check: httpsUrl, schema: { type: 'string' } },
  noticeText: { default: {}, check: perLanguage, schema: perLanguageSchema },
  lessonLog: { default: true, check: boolean, schema: { type: 'boolean' } },
  lessonLogDetail: { default: 'full', check: choice(['full', 'counts'] as const), schema: { type: 'string', enum: ['full', 'counts'] } },
  lessonLogDays: { default: 30, check: integer(1, 365), schema: { type: 'integer', minimum: 1, maximum: 365 } },
  uiLanguage: {
    default: 'auto',
    check: choice(['auto', 'de', 'nl', 'en'] as const),
    schema: { type: 'string', enum: ['auto', 'de', 'nl', 'en'] },
  },
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
  const schema = SETTINGS[key].schema as { type?: string; enum?: string[]; minimum?: number; maximum?: number };
  if (schema.type === 'boolean') return { kind: 'boolean' };
  if (schema.type === 'integer') return { kind: 'integer', min: schema.minimum ?? 0, max: schema.maximum ?? Number.MAX_SAFE_INTEGER };
  if (Array.isArray(schema.enum)) return { kind: 'choice', options: [...schema.enum] };
  if (schema.type === 'array') return { kind: 'hosts' };
  if (schema.type === 'object') return { kind: 'per-language' };
  return { kind: 'https-url' };
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
      return `texts per language, keys ${LANGUAGES.join(', ')}, each at most ${MAX_TEXT} characters`;
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
 * the JSON types of managed_schema.json (see browserSchema) and Firefox nothing: this is the real guard.
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

/**
 * A setting's schema as the browser gets it: types only, no minimum, maximum or enum. Chromium checks a
 * school's policy against managed_schema.json and drops the whole `enforced` (or `defaults`) group for one
 * value out of range (tried with Chromium 156: {"n": 9} against "maximum": 5 took the group's other values
 * with it), which silently unlocked every setting. Ranges and choices are checked here, value by value
 * (parsePolicy), and a refused one is listed on the options page with what is allowed. A value of the
 * wrong JSON type still makes Chromium drop its group (its schemas have one type per value, nothing like
 * "any"): `npm run admin-kit -- --check FILE` and chrome://policy show those.
 */
export function browserSchema(schema: SchemaFragment): SchemaFragment {
  const loose: SchemaFragment = {};
  for (const [name, value] of Object.entries(schema)) {
    if (name === 'minimum' || name === 'maximum' || name === 'enum') continue;
    loose[name] =
      name === 'items' ? browserSchema(value as SchemaFragment)
      : name === 'properties' ? Object.fromEntries(Object.entries(value as Record<string, SchemaFragment>).map(([key, sub]) => [key, browserSchema(sub)]))
      : value;
  }
  return loose;
}

/** managed_schema.json for Chrome and Edge: `enforced` and `defaults`, each with every setting (types only). */
export function managedSchema(): SchemaFragment {
  const section = (description: string): SchemaFragment => ({
    type: 'object',
    title: description,
    properties: Object.fromEntries(SETTING_KEYS.map((key) => [key, { ...browserSchema(SETTINGS[key].schema), title: SETTING_TITLES[key] }])),
  });
  return {
    type: 'object',
    properties: {
      enforced: section('Settings the school enforces: teachers see them locked, "Your school decides this."'),
      defaults: section('Settings the school suggests: teachers may change them'),
    },
  };
}
