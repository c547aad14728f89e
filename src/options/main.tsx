import { render } from 'preact';
import browser from 'webextension-polyfill';
import { applyDocumentLanguage, t } from '../shared/i18n.ts';
import { applyPageLanguage } from '../shared/ui-language.ts';
import { LessonLog } from './LessonLog.tsx';
import { SettingsForm } from './SettingsForm.tsx';

function Options() {
  return (
    <>
      <h1>{t('extName')}</h1>
      <p>{t('extDescription')}</p>
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
