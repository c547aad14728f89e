import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { applyDocumentLanguage, t } from '../shared/i18n.ts';
import { applyPageLanguage } from '../shared/ui-language.ts';
import { LessonLog } from './LessonLog.tsx';
import { SettingsForm } from './SettingsForm.tsx';

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

function Options() {
  return (
    <>
      <h1>{t('extName')}</h1>
      <p>{t('extDescription')}</p>
      <InstalledBySchool />
      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('optionsStorageHeading')}</h2>
        <p>{t('optionsStorageText')}</p>
      </section>
      <SettingsForm />
      <LessonLog />
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
