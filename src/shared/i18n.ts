// Typed access to _locales. Keys come from the English catalogue, so a typo is a compile error.
// Uses the native API (src/shared/ext.ts): the content script shows localised text too.
import { ext } from './ext.ts';
import type english from '../../assets/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const text = ext.i18n.getMessage(key, substitutions);
  // An empty result means a missing key at runtime; show the key rather than nothing.
  return text || key;
}

/** Chrome's i18n has no plurals: pick the message by count. */
export function tCount(count: number, keys: { zero: MessageKey; one: MessageKey; other: MessageKey }): string {
  const key = count === 0 ? keys.zero : count === 1 ? keys.one : keys.other;
  return t(key, String(count));
}

/** Sets <html lang> to the language the messages are actually shown in. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = t('languageCode');
  document.title = t('extName');
}
