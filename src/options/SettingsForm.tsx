// Every setting with where its value comes from, in three sections (the lesson, records, school & admin).
// A setting the school enforces shows a lock, "your school decides this" and the school's help link; a
// value the companion refused (the school's, or the teacher's own) says what is allowed.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  allowedValues,
  LANGUAGES,
  SETTINGS,
  type Language,
  type PerLanguage,
  type PolicyProblem,
  type Problem,
  type SettingKey,
  type SettingSource,
  type Settings,
} from '../core/settings.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { chooseSetting, type RegistrationProblem, type SettingsView } from '../shared/settings-store.ts';
import { hostOfPattern } from '../core/sites.ts';
import { SETTING_TEXTS, type SectionId, type Text } from '../core/setting-texts.ts';
import { HostAccess } from './HostAccess.tsx';

export type { SectionId };

/** A message named in setting-texts.ts: `npm run generate` writes each into _locales (a test fails when one is missing). */
const text = (name: string): string => t(name as MessageKey);

const SOURCE_TEXT = {
  'built-in': 'sourceBuiltIn',
  'school-default': 'sourceSchoolDefault',
  teacher: 'sourceTeacher',
  enforced: 'sourceEnforced',
} as const satisfies Record<SettingSource, MessageKey>;

export const PROBLEM_TEXT = {
  'unknown-key': 'problemUnknownKey',
  'wrong-type': 'problemWrongType',
  'out-of-range': 'problemOutOfRange',
  'too-long': 'problemTooLong',
  'invalid-host': 'problemInvalidHost',
  'invalid-ip': 'problemInvalidIp',
  'invalid-name': 'problemInvalidName',
  'invalid-url': 'problemInvalidUrl',
  'not-an-object': 'problemNotAnObject',
} as const satisfies Record<Problem, MessageKey>;

/** "allowed: 10 to 64", in the language shown. */
export function allowedMessage(key: SettingKey): string {
  const allowed = allowedValues(key);
  switch (allowed.kind) {
    case 'boolean':
      return t('allowedBoolean');
    case 'integer':
      return t('allowedRange', [String(allowed.min), String(allowed.max)]);
    case 'choice':
      return t('allowedChoices', allowed.options.map((option) => `"${option}"`).join(', '));
    case 'hosts':
      return t('allowedHosts');
    case 'https-url':
      return t('allowedUrl');
    case 'per-language':
      return t('allowedPerLanguage', LANGUAGES.join(', '));
  }
}

/** One refused value: the problem, and what is allowed where the setting is known. */
export function refusedMessage(problem: Problem, key: SettingKey | undefined): string {
  return key && problem !== 'unknown-key' ? `${t(PROBLEM_TEXT[problem])}; ${allowedMessage(key)}` : t(PROBLEM_TEXT[problem]);
}

/** The name of each language, for the boxes of a text per language. */
const LANGUAGE_NAME = { de: 'languageDe', nl: 'languageNl', en: 'languageEn' } as const satisfies Record<Language, MessageKey>;

type Draft = string | boolean;

function toDraft(key: SettingKey, value: unknown): Draft {
  if (typeof value === 'boolean') return value;
  if (key === 'hosts') return (value as string[]).map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')).join('\n');
  return String(value);
}

function fromDraft(key: SettingKey, draft: Draft): unknown {
  if (typeof draft === 'boolean') return draft;
  if (key === 'hosts') return draft.split(/\s+/).filter(Boolean);
  if (allowedValues(key).kind === 'integer') return draft.trim() === '' ? NaN : Number(draft);
  return draft;
}

function LockIcon() {
  // A padlock, drawn in the text colour; the words next to it say the same for screen readers.
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
    </svg>
  );
}

/** "Your school decides this." with the school's help link where it gave one. */
function Locked({ id, helpUrl }: { id: string; helpUrl: string }) {
  return (
    <p class="locked" id={id}>
      <LockIcon /> <span>{t('lockedBySchool')}</span>
      {helpUrl && (
        <>
          {' '}
          <a href={helpUrl} target="_blank" rel="noopener noreferrer" data-testid="locked-help">
            {t('lockedHelpLink')}
          </a>
        </>
      )}
    </p>
  );
}

/** The help link the school gave (enforced or as its default); not one the teacher typed in. */
function schoolHelpUrl(view: SettingsView): string {
  return view.source.helpUrl === 'enforced' || view.source.helpUrl === 'school-default' ? view.values.helpUrl : '';
}

function Field({ name, view, onSaved }: { name: SettingKey; view: SettingsView; onSaved: (text: string) => void }) {
  const definition = SETTINGS[name];
  const enforced = view.source[name] === 'enforced';
  const [refused, setRefused] = useState('');
  const id = `setting-${name}`;
  const save = async (value: unknown): Promise<void> => {
    const checked = definition.check(value);
    if (!checked.ok) {
      const text = t('settingRejected', refusedMessage(checked.problem, name));
      setRefused(text);
      return onSaved(text);
    }
    // A list (hosts) keeps its good entries; each refused one is named with its reason.
    const partly = (checked.refused ?? []).map((entry) => `${String(entry.value)}: ${t(PROBLEM_TEXT[entry.problem])}`).join('; ');
    setRefused(partly ? t('settingPartlySaved', partly) : '');
    await chooseSetting(name, checked.value as Settings[typeof name]);
    onSaved(partly ? t('settingPartlySaved', partly) : t('settingSaved'));
  };
  const value = view.values[name];
  const describedBy = [`${id}-source`, refused ? `${id}-refused` : ''].filter(Boolean).join(' ');
  const common = { id, disabled: enforced, 'aria-describedby': describedBy };
  const allowed = allowedValues(name);
  let control: ComponentChildren;
  if (allowed.kind === 'boolean') {
    control = <input type="checkbox" {...common} checked={value as boolean} onChange={(event) => void save(event.currentTarget.checked)} />;
  } else if (allowed.kind === 'choice') {
    control = (
      <select {...common} value={String(value)} onChange={(event) => void save(event.currentTarget.value)}>
        {allowed.options.map((option) => (
          <option key={option} value={option}>
            {text((SETTING_TEXTS[name].choices as Record<string, Text>)[option]!.key)}
          </option>
        ))}
      </select>
    );
  } else if (allowed.kind === 'per-language') {
    const texts = value as PerLanguage;
    control = (
      <div class="per-language" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
        {LANGUAGES.map((language: Language) => (
          <label key={language}>
            <span>{t(LANGUAGE_NAME[language])}</span>
            <textarea
              rows={2}
              disabled={enforced}
              data-testid={`${id}-${language}`}
              value={texts[language] ?? ''}
              onChange={(event) => void save({ ...texts, [language]: event.currentTarget.value })}
            />
          </label>
        ))}
      </div>
    );
  } else if (allowed.kind === 'hosts') {
    control = (
      <>
        <textarea {...common} rows={3} value={toDraft(name, value) as string} onChange={(event) => void save(fromDraft(name, event.currentTarget.value))} />
        <HostAccess hosts={value as string[]} schoolHosts={[...(view.policy.enforced.hosts ?? []), ...(view.policy.defaults.hosts ?? [])]} />
      </>
    );
  } else if (allowed.kind === 'integer') {
    control = (
      <input
        {...common}
        type="number"
        inputMode="numeric"
        min={allowed.min}
        max={allowed.max}
        value={toDraft(name, value) as string}
        onChange={(event) => void save(fromDraft(name, event.currentTarget.value))}
      />
    );
  } else {
    control = <input {...common} type="text" value={toDraft(name, value) as string} onChange={(event) => void save(fromDraft(name, event.currentTarget.value))} />;
  }
  const wide = allowed.kind === 'per-language' || allowed.kind === 'hosts' || allowed.kind === 'https-url';
  return (
    <div class={`setting${enforced ? ' enforced' : ''}${wide ? ' wide' : ''}`} data-testid={id} data-source={view.source[name]}>
      {allowed.kind === 'per-language' ? (
        <span class="label" id={`${id}-label`}>
          {text(SETTING_TEXTS[name].label.key)}
        </span>
      ) : (
        <label for={id} id={`${id}-label`}>
          {text(SETTING_TEXTS[name].label.key)}
        </label>
      )}
      {control}
      {enforced ? (
        <Locked id={`${id}-source`} helpUrl={schoolHelpUrl(view)} />
      ) : (
        <span class="source" id={`${id}-source`}>
          {t(SOURCE_TEXT[view.source[name]])}
          {allowed.kind === 'integer' && ` · ${allowedMessage(name)}`}
        </span>
      )}
      {refused && (
        <p class="refused" id={`${id}-refused`} data-testid={`${id}-refused`}>
          {refused}
        </p>
      )}
    </div>
  );
}

/** The settings of one section. */
export function SettingsFields({ section, view, onSaved }: { section: SectionId; view: SettingsView; onSaved: (text: string) => void }) {
  const keys = (Object.keys(SETTING_TEXTS) as SettingKey[]).filter((key) => SETTING_TEXTS[key].section === section);
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      {keys.map((key) => (
        <Field key={key} name={key} view={view} onSaved={onSaved} />
      ))}
    </form>
  );
}

/** Every value of the school's policy the companion ignores: where it is, what it was, what is allowed. */
export function PolicyProblems({ problems }: { problems: PolicyProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section class="problems" aria-labelledby="problems-heading" data-testid="policy-problems">
      <h2 id="problems-heading">{t('policyProblemsHeading')}</h2>
      <p>{t('policyProblemsIntro')}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.path}:${problem.problem}`} data-path={problem.path}>
            <code>{problem.path || '/'}</code>
            {problem.value !== undefined && (
              <>
                {' = '}
                <code>{problem.value}</code>
              </>
            )}
            : {refusedMessage(problem.problem, problem.key)}
          </li>
        ))}
      </ul>
      <p class="small">{t('policyProblemsAdmin')}</p>
    </section>
  );
}

/** Servers the browser refused to run the companion on (the others run): which, and the browser's reason. */
export function RegistrationProblems({ problems }: { problems: RegistrationProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section class="problems" aria-labelledby="registration-problems-heading" data-testid="registration-problems">
      <h2 id="registration-problems-heading">{t('registrationProblemsHeading')}</h2>
      <p>{t('registrationProblemsIntro')}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem.site} data-site={problem.site}>
            <code>{hostOfPattern(problem.site)}</code>: {problem.error}
          </li>
        ))}
      </ul>
    </section>
  );
}
