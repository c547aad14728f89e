// Every setting with where its value comes from; the school's enforced ones greyed out, its policy
// problems listed so the admin can fix the file, and "reset my choices".
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, SETTING_KEYS, SETTINGS, type Language, type PerLanguage, type Problem, type SettingKey, type SettingSource, type Settings } from '../core/settings.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { HostAccess } from './HostAccess.tsx';
import { chooseSetting, readSettings, resetTeacherChoices, watchSettings, type SettingsView } from '../shared/settings-store.ts';

const SOURCE_TEXT = {
  'built-in': 'sourceBuiltIn',
  'school-default': 'sourceSchoolDefault',
  teacher: 'sourceTeacher',
  enforced: 'sourceEnforced',
} as const satisfies Record<SettingSource, MessageKey>;

const PROBLEM_TEXT = {
  'unknown-key': 'problemUnknownKey',
  'wrong-type': 'problemWrongType',
  'out-of-range': 'problemOutOfRange',
  'too-long': 'problemTooLong',
  'invalid-host': 'problemInvalidHost',
  'invalid-url': 'problemInvalidUrl',
  'not-an-object': 'problemNotAnObject',
} as const satisfies Record<Problem, MessageKey>;

const LABEL = {
  hosts: 'settingHosts',
  autoLobby: 'settingAutoLobby',
  autoPassword: 'settingAutoPassword',
  passwordLength: 'settingPasswordLength',
  leaveGuard: 'settingLeaveGuard',
  endLessonMode: 'settingEndLessonMode',
  autoStartMuted: 'settingAutoStartMuted',
  recordingReminder: 'settingRecordingReminder',
  rulesText: 'settingRulesText',
  helpUrl: 'settingHelpUrl',
  noticeText: 'settingNoticeText',
  lessonLog: 'settingLessonLog',
  lessonLogDays: 'settingLessonLogDays',
  uiLanguage: 'settingUiLanguage',
} as const satisfies Record<SettingKey, MessageKey>;

const CHOICE_TEXT: Record<string, MessageKey> = {
  warn: 'choiceWarn',
  strong: 'choiceStrong',
  auto: 'choiceAuto',
  'remove-everyone': 'choiceRemoveEveryone',
  de: 'languageDe',
  nl: 'languageNl',
  en: 'languageEn',
};

type Draft = string | boolean;

function toDraft(key: SettingKey, value: unknown): Draft {
  if (typeof value === 'boolean') return value;
  if (key === 'hosts') return (value as string[]).map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')).join('\n');
  return String(value);
}

function fromDraft(key: SettingKey, draft: Draft): unknown {
  if (typeof draft === 'boolean') return draft;
  if (key === 'hosts') return draft.split(/\s+/).filter(Boolean);
  if (SETTINGS[key].schema.type === 'integer') return draft.trim() === '' ? NaN : Number(draft);
  return draft;
}

function Field({ name, view, onSaved }: { name: SettingKey; view: SettingsView; onSaved: (error: Problem | null) => void }) {
  const definition = SETTINGS[name];
  const enforced = view.source[name] === 'enforced';
  const id = `setting-${name}`;
  const save = async (value: unknown): Promise<void> => {
    const checked = definition.check(value);
    if (!checked.ok) return onSaved(checked.problem);
    await chooseSetting(name, checked.value as Settings[typeof name]);
    onSaved(null);
  };
  const value = view.values[name];
  const common = { id, disabled: enforced, 'aria-describedby': `${id}-source` };
  let control;
  if (definition.schema.type === 'boolean') {
    control = <input type="checkbox" {...common} checked={value as boolean} onChange={(event) => void save(event.currentTarget.checked)} />;
  } else if (Array.isArray(definition.schema.enum)) {
    control = (
      <select {...common} value={String(value)} onChange={(event) => void save(event.currentTarget.value)}>
        {(definition.schema.enum as string[]).map((option) => (
          <option key={option} value={option}>
            {t(CHOICE_TEXT[option] ?? 'choiceAuto')}
          </option>
        ))}
      </select>
    );
  } else if (name === 'rulesText' || name === 'noticeText') {
    const texts = value as PerLanguage;
    control = (
      <div class="per-language">
        {LANGUAGES.map((language: Language) => (
          <label key={language}>
            <span>{t(CHOICE_TEXT[language]!)}</span>
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
  } else if (name === 'hosts') {
    control = (
      <>
        <textarea {...common} rows={3} value={toDraft(name, value) as string} onChange={(event) => void save(fromDraft(name, event.currentTarget.value))} />
        <HostAccess hosts={value as string[]} />
      </>
    );
  } else if (definition.schema.type === 'integer') {
    control = <input {...common} type="number" value={toDraft(name, value) as string} onChange={(event) => void save(fromDraft(name, event.currentTarget.value))} />;
  } else {
    control = <input {...common} type="text" value={toDraft(name, value) as string} onChange={(event) => void save(fromDraft(name, event.currentTarget.value))} />;
  }
  return (
    <div class={`setting ${enforced ? 'enforced' : ''}`} data-testid={id} data-source={view.source[name]}>
      <label for={id}>{t(LABEL[name])}</label>
      {control}
      <span class="source small" id={`${id}-source`}>
        {t(SOURCE_TEXT[view.source[name]])}
      </span>
    </div>
  );
}

export function SettingsForm() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void readSettings().then(setView);
    return watchSettings(setView);
  }, []);
  if (!view) return <p>{t('loading')}</p>;

  const onSaved = (problem: Problem | null): void => {
    setStatus(problem ? t('settingRejected', t(PROBLEM_TEXT[problem])) : t('settingSaved'));
    void readSettings().then(setView);
  };
  const reset = async (): Promise<void> => {
    await resetTeacherChoices();
    setView(await readSettings());
    setStatus(t('settingsResetDone'));
  };

  return (
    <section aria-labelledby="settings-heading" data-testid="settings">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {view.policy.problems.length > 0 && (
        <div class="problems" role="alert" data-testid="policy-problems">
          <p>{t('policyProblemsIntro')}</p>
          <ul>
            {view.policy.problems.map((problem) => (
              <li key={`${problem.path}:${problem.problem}`} data-path={problem.path}>
                <code>{problem.path || '/'}</code>: {t(PROBLEM_TEXT[problem.problem])}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={(event) => event.preventDefault()}>
        {SETTING_KEYS.map((key) => (
          <Field key={key} name={key} view={view} onSaved={onSaved} />
        ))}
      </form>
      <button type="button" data-testid="settings-reset" onClick={() => void reset()}>
        {t('settingsReset')}
      </button>
      <p role="status" aria-live="polite" data-testid="settings-status">
        {status}
      </p>
    </section>
  );
}
