// Every file derived from the settings (scripts/generate.ts lists them) is exactly what `npm run generate`
// writes: a setting changed without running it fails here, naming the file and the command.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_TEXTS } from '../../src/core/setting-texts.ts';
import { SETTING_KEYS } from '../../src/core/settings.ts';
import { type Disk, GENERATE_COMMAND, generate, generatedFiles, LOCALE_MARK, localePath, localesWithSettingTexts, settingMessages, staleFiles } from '../../scripts/generate.ts';

const disk: Disk = {
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  list: (folder) =>
    existsSync(folder)
      ? (readdirSync(folder, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
          .filter((entry) => entry.isFile())
          .map((entry) => relative('.', join(entry.parentPath, entry.name)).split('\\').join('/'))
      : [],
};

const describeStale = (stale: ReturnType<typeof staleFiles>): string =>
  stale.map(({ path, why }) => `${path} is stale (${why}): run ${GENERATE_COMMAND}`).join('\n');

describe('generated files', () => {
  it('every generated file is what npm run generate writes, and no other file sits in a generated folder', () => {
    const stale = staleFiles(disk);
    expect(stale, describeStale(stale)).toEqual([]);
  });

  it('the check names a file that differs, one that is missing and one that should not be there', () => {
    const files = generatedFiles((path) => disk.read(path) ?? '{}');
    const fake: Disk = {
      read: (path) => (path === 'assets/managed_schema.json' ? '{}\n' : path === 'docs/admin/generated/settings.md' ? undefined : files.get(path)),
      list: (folder) => [...[...files.keys()].filter((path) => path.startsWith(`${folder}/`)), `${folder}/old.reg`, `${folder}/.gitattributes`],
    };
    const stale = staleFiles(fake);
    expect(stale).toEqual([
      { path: 'assets/managed_schema.json', why: 'differs' },
      { path: 'docs/admin/generated/settings.md', why: 'missing' },
      { path: 'docs/admin/generated/old.reg', why: 'not generated' },
    ]);
    expect(describeStale(stale)).toContain('assets/managed_schema.json is stale (differs): run npm run generate');
    const written = new Map<string, string>();
    const removed: string[] = [];
    expect(generate({ ...fake, write: (path, content) => written.set(path, content), remove: (path) => removed.push(path) })).toHaveLength(3);
    expect(written.get('assets/managed_schema.json')).toBe(files.get('assets/managed_schema.json'));
    expect(written.get('docs/admin/generated/settings.md')).toBe(files.get('docs/admin/generated/settings.md'));
    expect(removed).toEqual(['docs/admin/generated/old.reg']);
  });

  it('writes every file the admin kit, the schema and the locales need', () => {
    const paths = [...generatedFiles((path) => disk.read(path) ?? '{}').keys()];
    expect(paths).toEqual(
      expect.arrayContaining([
        'assets/managed_schema.json',
        'assets/_locales/en/messages.json',
        'assets/_locales/de/messages.json',
        'assets/_locales/nl/messages.json',
        'docs/admin/generated/settings.md',
        'docs/admin/generated/settings.de.md',
        'docs/admin/generated/windows/chrome.reg',
        'docs/admin/generated/firefox/policies.json',
      ]),
    );
  });
});

describe('the locales’ setting messages', () => {
  const en = JSON.parse(readFileSync(localePath('en'), 'utf8')) as Record<string, { message: string; description?: string }>;

  it('every setting has its label, and every choice its name, in setting-texts.ts and in each locale', () => {
    expect(Object.keys(SETTING_TEXTS).sort()).toEqual([...SETTING_KEYS].sort());
    for (const key of SETTING_KEYS) {
      expect(en[SETTING_TEXTS[key].label.key]?.message, key).toBe(SETTING_TEXTS[key].label.en);
      for (const language of ['en', 'de', 'nl'] as const) expect(SETTING_TEXTS[key].policy[language].trim(), `${key} policy ${language}`).not.toBe('');
    }
    for (const [name, { words }] of settingMessages()) expect(en[name]?.message, name).toBe(words.en);
  });

  const locales = (extra: Record<string, unknown>) =>
    Object.fromEntries(
      (['en', 'de', 'nl'] as const).map((language) => [
        language,
        JSON.stringify({ first: { message: 'hand-written' }, settingAutoLobby: { message: 'old', description: 'x' }, ...extra, last: { message: 'hand-written too' } }),
      ]),
    ) as Record<'en' | 'de' | 'nl', string>;

  it('keeps every hand-written message where it was, and puts the setting messages where the first one was', () => {
    const result = JSON.parse(localesWithSettingTexts(locales({ popupNew: { message: 'another engineer’s' } })).de);
    const keys = Object.keys(result);
    expect(keys[0]).toBe('first');
    expect(keys.slice(-2)).toEqual(['popupNew', 'last']);
    expect(result.popupNew).toEqual({ message: 'another engineer’s' });
    expect(result.settingAutoLobby).toEqual({ message: SETTING_TEXTS.autoLobby.label.de });
    expect(keys.length).toBe(3 + settingMessages().size);
  });

  it('drops a setting message setting-texts.ts no longer names (a renamed or removed setting)', () => {
    const gone = { settingGone: { message: 'gone', description: `Options page: the label of the setting gone. ${LOCALE_MARK}` } };
    const result = JSON.parse(localesWithSettingTexts(locales(gone)).en);
    expect(result).not.toHaveProperty('settingGone');
    expect(result.settingAutoLobby.description).toContain(LOCALE_MARK);
  });
});
