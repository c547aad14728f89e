// Typed access to _locales. Keys come from the English catalogue, so a typo is a compile error.
// Uses the native API (src/shared/ext.ts): the content script shows localised text too.
// A chosen language (setting `uiLanguage`, see ui-language.ts) replaces the browser's with setCatalogue().
import { ext } from './ext.ts';
import { substitute, type FlatCatalogue } from '../core/catalogue.ts';
import type english from '../../assets/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

let chosen: FlatCatalogue | null = null;

/** Messages of a language other than the browser's, or null for the browser's own. */
export function setCatalogue(catalogue: FlatCatalogue | null): void {
  chosen = catalogue;
}

export function chosenCatalogue(): FlatCatalogue | null {
  return chosen;
}

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const own = chosen?.[key];
  if (own !== undefined) return substitute(own, substitutions);
  const text = ext.i18n.getMessage(key, substitutions);
  // An empty result means a missing key at runtime; show the key rather than nothing.
  return text || key;
}

/**
 * Chrome's i18n has no plurals: pick the message by count (`*None`, `*One`, `*Other` keys). The count is
 * `$1` unless `substitutions` says otherwise (e.g. `[room, String(count)]`).
 */
export function tCount(
  count: number,
  keys: { zero: MessageKey; one: MessageKey; other: MessageKey },
  substitutions: string | string[] = String(count),
): string {
  return t(byCount(count, keys), substitutions);
}

/** The key for a count: `zero` for 0, `one` for 1, `other` for the rest. */
export function byCount<K extends string>(count: number, keys: { zero: K; one: K; other: K }): K {
  return count === 0 ? keys.zero : count === 1 ? keys.one : keys.other;
}

/** Sets <html lang> to the language the messages are actually shown in. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = t('languageCode');
  document.title = t('extName');
}
