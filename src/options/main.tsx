// The options page: the lesson, records (lesson log, what is stored), the school and its admin. The
// popup links here; `#lesson-log` brings the lesson log into view and gives it focus.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { applyDocumentLanguage, t } from '../shared/i18n.ts';
import {
  readSettings,
  REGISTRATION_PROBLEMS_KEY,
  resetTeacherChoices,
  watchSettings,
  type RegistrationProblem,
  type SettingsView,
} from '../shared/settings-store.ts';
import { applyPageLanguage } from '../shared/ui-language.ts';
import { LessonLog } from './LessonLog.tsx';
import { PolicyProblems, RegistrationProblems, SettingsFields } from './SettingsForm.tsx';

/** Installed by the school's policy (force-install): say so, so the teacher knows who to ask. */
function InstalledBySchool() {
  const [bySchool, setBySchool] = useState(false);
  useEffect(() => {
    // getSelf needs no "management" permission; where the API is missing, say nothing.
    void Promise.resolve(browser.management?.getSelf())
      .then((self) => setBySchool(self?.installType === 'admin'))
      .catch(() => undefined);
  }, []);
  return bySchool ? (
    <p class="installed-by-school" data-testid="installed-by-school">
      {t('optionsInstalledBySchool')}
    </p>
  ) : null;
}

/** The section the address names (`#lesson-log`, `#lesson`, …), scrolled to and focused once it is drawn. */
function focusHashTarget(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  const heading = target?.querySelector<HTMLElement>('h2') ?? target;
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  target!.scrollIntoView({ block: 'start' });
}

async function readRegistrationProblems(): Promise<RegistrationProblem[]> {
  const stored: unknown = (await browser.storage.local.get(REGISTRATION_PROBLEMS_KEY))[REGISTRATION_PROBLEMS_KEY];
  return Array.isArray(stored)
    ? stored.filter((entry): entry is RegistrationProblem => typeof entry?.site === 'string' && typeof entry?.error === 'string')
    : [];
}

/** What the background wrote at its last registration of the sites (it follows every change). */
function useRegistrationProblems(): RegistrationProblem[] {
  const [problems, setProblems] = useState<RegistrationProblem[]>([]);
  useEffect(() => {
    const read = () => void readRegistrationProblems().then(setProblems);
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && REGISTRATION_PROBLEMS_KEY in changes) read();
    };
    read();
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  return problems;
}

function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  const registrationProblems = useRegistrationProblems();
  const [status, setStatus] = useState('');
  useEffect(() => {
    void readSettings().then(setView);
    return watchSettings(setView);
  }, []);
  useEffect(() => {
    focusHashTarget();
    window.addEventListener('hashchange', focusHashTarget);
    return () => window.removeEventListener('hashchange', focusHashTarget);
  }, []);
  // Once the settings are drawn the sections above the log have their height: into view again.
  const ready = view !== null;
  useEffect(() => {
    // Only if the teacher has not moved on meanwhile (focus still on the heading the address named).
    if (ready && document.activeElement?.tagName === 'H2') document.activeElement.scrollIntoView({ block: 'start' });
  }, [ready]);

  const onSaved = (text: string): void => {
    setStatus(text);
    void readSettings().then(setView);
  };
  const reset = async (): Promise<void> => {
    await resetTeacherChoices();
    setView(await readSettings());
    setStatus(t('settingsResetDone'));
  };

  return (
    <>
      <header>
        <h1>{t('extName')}</h1>
        <p>{t('extDescription')}</p>
        <nav aria-label={t('optionsContents')}>
          <ul class="contents">
            <li>
              <a href="#lesson">{t('optionsSectionLesson')}</a>
            </li>
            <li>
              <a href="#records">{t('optionsSectionRecords')}</a>
            </li>
            <li>
              <a href="#lesson-log">{t('logHeading')}</a>
            </li>
            <li>
              <a href="#school">{t('optionsSectionSchool')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <div data-testid="settings">
        {view && <PolicyProblems problems={view.policy.problems} />}
        <RegistrationProblems problems={registrationProblems} />
        <section id="lesson" aria-labelledby="lesson-heading">
          <h2 id="lesson-heading">{t('optionsSectionLesson')}</h2>
          {view ? <SettingsFields section="lesson" view={view} onSaved={onSaved} /> : <p>{t('loading')}</p>}
        </section>
        <section id="records" aria-labelledby="records-heading">
          <h2 id="records-heading">{t('optionsSectionRecords')}</h2>
          {view && <SettingsFields section="records" view={view} onSaved={onSaved} />}
          <h3>{t('optionsStorageHeading')}</h3>
          <p>{t('optionsStorageText')}</p>
        </section>
        <LessonLog days={view?.values.lessonLogDays ?? null} />
        <section id="school" aria-labelledby="school-heading">
          <h2 id="school-heading">{t('optionsSectionSchool')}</h2>
          <p>{t('optionsSectionSchoolIntro')}</p>
          <InstalledBySchool />
          {view && <SettingsFields section="school" view={view} onSaved={onSaved} />}
        </section>
        <div class="actions">
          <button type="button" data-testid="settings-reset" disabled={!view} onClick={() => void reset()}>
            {t('settingsReset')}
          </button>
        </div>
        <p role="status" aria-live="polite" data-testid="settings-status">
          {status}
        </p>
      </div>
      <p class="version" data-testid="version">
        {t('optionsVersion', browser.runtime.getManifest().version)}
      </p>
    </>
  );
}

void applyPageLanguage().then(() => {
  applyDocumentLanguage();
  render(<Options />, document.getElementById('app')!);
});
