// `npm run generate`: every file derived from the settings (src/core/settings.ts and setting-texts.ts),
// written from them. test/unit/generated.test.ts fails, naming the file and this command, when one on disk
// differs from what this would write.
//   assets/managed_schema.json                    the type schema Chrome and Edge check the school's policy with
//   assets/_locales/{en,de,nl}/messages.json      the options page's setting labels and choices (only those
//                                                 entries: every other message is written by hand and kept)
//   docs/admin/generated/**                       the admin kit for the example school, and the settings tables
import { SETTING_TEXTS, type Text } from '../src/core/setting-texts.ts';
import { managedSchema } from '../src/core/managed-schema.ts';
import { LANGUAGES, type Language } from '../src/core/settings.ts';
import { DEFAULT_OUT_DIR, shippedKit } from './admin-kit/index.ts';

export const GENERATE_COMMAND = 'npm run generate';
/** Folders whose every file is generated: a file there that generate would not write is stale too. */
export const GENERATED_FOLDERS = [DEFAULT_OUT_DIR];
/** Kept in a generated folder although not generated. */
export const KEPT_IN_GENERATED_FOLDERS = ['.gitattributes'];

export const localePath = (language: Language): string => `assets/_locales/${language}/messages.json`;

/** Ends the English description of every message written from setting-texts.ts: how they are told apart. */
export const LOCALE_MARK = '(src/core/setting-texts.ts; npm run generate)';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, unknown>;
}
type Catalogue = Record<string, Message>;

/** The messages setting-texts.ts names, in its order: each setting's label, then its choices. */
export function settingMessages(): Map<string, { words: Text; description: string }> {
  const messages = new Map<string, { words: Text; description: string }>();
  const add = (words: Text, description: string): void => {
    const known = messages.get(words.key);
    if (known && LANGUAGES.some((language) => known.words[language] !== words[language])) {
      throw new Error(`src/core/setting-texts.ts: "${words.key}" is named twice with different words; give one of them its own key`);
    }
    if (!known) messages.set(words.key, { words, description: `${description} ${LOCALE_MARK}` });
  };
  for (const key of Object.keys(SETTING_TEXTS) as (keyof typeof SETTING_TEXTS)[]) {
    const texts = SETTING_TEXTS[key];
    add(texts.label, `Options page: the label of the setting ${key}.`);
    for (const [option, words] of Object.entries((texts.choices ?? {}) as Record<string, Text>)) add(words, `Options page: the choice "${option}" of the setting ${key}.`);
  }
  return messages;
}

/**
 * The locales with the setting messages as setting-texts.ts has them. Every other message stays as it is,
 * where it is; the setting messages take the place of the first one there was (new ones: at the end), and
 * one setting-texts.ts no longer names (its English description carries LOCALE_MARK) is dropped.
 */
export function localesWithSettingTexts(current: Record<Language, string>): Record<Language, string> {
  const catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, JSON.parse(current[language]) as Catalogue])) as Record<Language, Catalogue>;
  const generated = settingMessages();
  const owned = (key: string): boolean => generated.has(key) || Boolean(catalogues.en[key]?.description?.endsWith(LOCALE_MARK));
  const result = {} as Record<Language, string>;
  for (const language of LANGUAGES) {
    const block: Catalogue = {};
    for (const [key, { words, description }] of generated) block[key] = language === 'en' ? { message: words[language], description } : { message: words[language] };
    const out: Catalogue = {};
    let placed = false;
    for (const [key, entry] of Object.entries(catalogues[language])) {
      if (!owned(key)) out[key] = entry;
      else if (!placed) {
        Object.assign(out, block);
        placed = true;
      }
    }
    if (!placed) Object.assign(out, block);
    result[language] = `${JSON.stringify(out, null, 2)}\n`;
  }
  return result;
}

/**
 * Every generated file, by path from the repository's root, as generate writes it. `read` gives a file's
 * text as it is now (the locales keep their hand-written messages).
 */
export function generatedFiles(read: (path: string) => string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('assets/managed_schema.json', `${JSON.stringify(managedSchema(), null, 2)}\n`);
  const locales = localesWithSettingTexts(Object.fromEntries(LANGUAGES.map((language) => [language, read(localePath(language))])) as Record<Language, string>);
  for (const language of ['en', 'de', 'nl'] as const) files.set(localePath(language), locales[language]);
  for (const [path, content] of shippedKit()) files.set(`${DEFAULT_OUT_DIR}/${path}`, content);
  return files;
}

export interface Disk {
  /** A file's text, or undefined where there is none. */
  read(path: string): string | undefined;
  /** Every file below a folder, by path from the repository's root. */
  list(folder: string): string[];
}

/** What is out of step: each file that differs, is missing or should not be there, and why. */
export function staleFiles(disk: Disk): { path: string; why: 'differs' | 'missing' | 'not generated' }[] {
  const files = generatedFiles((path) => disk.read(path) ?? '{}');
  const stale: { path: string; why: 'differs' | 'missing' | 'not generated' }[] = [];
  for (const [path, content] of files) {
    const now = disk.read(path);
    if (now === undefined) stale.push({ path, why: 'missing' });
    else if (now !== content) stale.push({ path, why: 'differs' });
  }
  for (const folder of GENERATED_FOLDERS) {
    for (const path of disk.list(folder)) {
      if (!files.has(path) && !KEPT_IN_GENERATED_FOLDERS.some((kept) => path.endsWith(`/${kept}`))) stale.push({ path, why: 'not generated' });
    }
  }
  return stale;
}

/** `npm run generate`: writes what differs, deletes what is not generated; returns what it changed. */
export function generate(disk: Disk & { write(path: string, content: string): void; remove(path: string): void }): string[] {
  const changed: string[] = [];
  const files = generatedFiles((path) => disk.read(path) ?? '{}');
  for (const { path, why } of staleFiles(disk)) {
    if (why === 'not generated') disk.remove(path);
    else disk.write(path, files.get(path)!);
    changed.push(`${path} (${why === 'not generated' ? 'deleted' : why === 'missing' ? 'new' : 'rewritten'})`);
  }
  return changed;
}
