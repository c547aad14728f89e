// The companion's language when the school or teacher chose one (setting `uiLanguage`): the background
// loads that catalogue for its own texts and keeps the effective choice in storage.local, so extension
// pages can apply it before their first render without waiting for managed storage (seconds after a
// Chromium start). The content script reads the catalogue from storage.local too (LEAVE_GUARD_PREFS_KEY).
import browser from 'webextension-polyfill';
import { flattenCatalogue, type FlatCatalogue } from '../core/catalogue.ts';
import { LANGUAGES, type Language, type Settings } from '../core/settings.ts';
import { setCatalogue } from './i18n.ts';

const MIRROR_KEY = 'effectiveUiLanguage';

type UiLanguage = Settings['uiLanguage'];

async function loadCatalogue(language: UiLanguage): Promise<FlatCatalogue | null> {
  if (language === 'auto') return null;
  // The extension's own packaged file (chrome-extension:// / moz-extension://): no network request.
  const response = await fetch(browser.runtime.getURL(`_locales/${language}/messages.json`));
  return flattenCatalogue(await response.json());
}

/** Speaks `language` from now on; if its catalogue cannot be read, the browser's language stays. */
export async function applyUiLanguage(language: UiLanguage): Promise<void> {
  setCatalogue(await loadCatalogue(language).catch(() => null));
}

let adopting: { language: UiLanguage; done: Promise<void> } | null = null;

/**
 * Background: applies the effective language and tells the extension pages about it. Calls for the
 * language being (or already) applied share its promise, so a caller can await the catalogue.
 */
export function adoptUiLanguage(language: UiLanguage): Promise<void> {
  if (adopting?.language === language) return adopting.done;
  const done = (async () => {
    const catalogue = await loadCatalogue(language).catch(() => null);
    if (adopting?.language !== language) return; // a newer choice came meanwhile
    setCatalogue(catalogue);
    const stored: unknown = (await browser.storage.local.get(MIRROR_KEY))[MIRROR_KEY];
    if (stored !== language) await browser.storage.local.set({ [MIRROR_KEY]: language });
  })();
  adopting = { language, done };
  return done;
}

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Extension pages: before the first render; later changes reload the page in the new language. */
export async function applyPageLanguage(): Promise<void> {
  const stored: unknown = (await browser.storage.local.get(MIRROR_KEY))[MIRROR_KEY];
  const current: UiLanguage = isLanguage(stored) ? stored : 'auto';
  await applyUiLanguage(current);
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[MIRROR_KEY];
    if (area === 'local' && change && change.newValue !== current) location.reload();
  });
}
