// The companion speaks the way Jitsi and teachers speak (issue 23). docs/glossary.json names Jitsi's own terms
// (copied from the language files of the SDK version the project pins) and the companion's own; every locale is
// checked against it. docs/glossary.md explains the choices.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Lang = 'en' | 'de' | 'nl';
const LANGS: Lang[] = ['en', 'de', 'nl'];
const OTHER_LANGS: Exclude<Lang, 'en'>[] = ['de', 'nl'];

interface JitsiTerm extends Record<Lang, string> {
  id: string;
  sdkKey: string;
}
interface Glossary {
  sdk: { package: string; version: string; files: Record<Lang, string> };
  jitsi: JitsiTerm[];
  concepts: { id: string; jitsi?: string; detect: string; use: Record<'de' | 'nl', string> }[];
  menuPaths: { key: string; path: string[]; languages?: Lang[] }[];
  companion: { readOutKeys: string[] };
  rejected: Record<Lang, { term: string; use: string; why: string }[]>;
  address: Record<'de' | 'nl', { rejected: string }>;
  futurePromises: Record<Lang, string>;
}
interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const root = resolve(__dirname, '../..');
const glossary = JSON.parse(readFileSync(join(root, 'docs/glossary.json'), 'utf8')) as Glossary;
const locales = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(root, `assets/_locales/${lang}/messages.json`), 'utf8')) as Record<string, Entry>]),
) as Record<Lang, Record<string, Entry>>;
const keys = Object.keys(locales.en);

/** "(?i)…" is a case-insensitive pattern; all are Unicode. */
function pattern(source: string): RegExp {
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'iu') : new RegExp(source, 'u');
}
const term = (id: string): JitsiTerm => {
  const found = glossary.jitsi.find((entry) => entry.id === id);
  if (!found) throw new Error(`glossary: no Jitsi term ${id}`);
  return found;
};
const message = (lang: Lang, key: string): string => locales[lang][key]!.message;

describe("the glossary's Jitsi terms are Jitsi's", () => {
  it('names the SDK version the project pins', () => {
    const pinned = JSON.parse(readFileSync(join(root, 'test/jitsi-sdk/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(glossary.sdk.version).toBe(pinned.dependencies[glossary.sdk.package]);
  });

  it('every concept and menu path refers to a Jitsi term of the glossary', () => {
    for (const concept of glossary.concepts) if (concept.jitsi) expect(() => term(concept.jitsi!)).not.toThrow();
    for (const hint of glossary.menuPaths) {
      expect(keys, hint.key).toContain(hint.key);
      for (const id of hint.path) expect(() => term(id)).not.toThrow();
    }
  });

  // Unit tests run before CI installs the SDK for E2E: then the copy in docs/glossary.json stands alone.
  const sdk = join(root, 'test/jitsi-sdk/node_modules', glossary.sdk.package);
  it.skipIf(!existsSync(join(sdk, 'package.json')))('matches the language files of the installed SDK', () => {
    expect((JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8')) as { version: string }).version).toBe(glossary.sdk.version);
    for (const lang of LANGS) {
      const file = JSON.parse(readFileSync(join(sdk, glossary.sdk.files[lang]), 'utf8')) as Record<string, unknown>;
      for (const entry of glossary.jitsi) {
        const value = entry.sdkKey.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], file);
        expect(value, `${lang} ${entry.sdkKey}`).toBe(entry[lang]);
      }
    }
  });
});

describe('every locale uses the glossary', () => {
  it.each(OTHER_LANGS)("%s names each concept with Jitsi's term where English names it", (lang) => {
    const wrong: string[] = [];
    for (const concept of glossary.concepts) {
      const detect = pattern(concept.detect);
      const use = pattern(concept.use[lang]);
      for (const key of keys) {
        if (detect.test(message('en', key)) && !use.test(message(lang, key))) wrong.push(`${key} (${concept.id}: ${concept.use[lang]}): ${message(lang, key)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(LANGS)('%s uses none of the rejected terms', (lang) => {
    const wrong: string[] = [];
    for (const rejected of glossary.rejected[lang]) {
      const re = pattern(rejected.term);
      for (const key of keys) if (re.test(message(lang, key))) wrong.push(`${key}: "${rejected.term}" (use ${rejected.use}): ${message(lang, key)}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(OTHER_LANGS)('%s addresses the teacher one way (the rules read out to the class excepted)', (lang) => {
    const re = pattern(glossary.address[lang].rejected);
    const wrong = keys
      .filter((key) => !glossary.companion.readOutKeys.includes(key))
      // What the teacher reads out to the class is in quotes, and speaks to the students.
      .filter((key) => re.test(message(lang, key).replace(/[„“‘'"][^„“”‘’'"]*[“”’'"]/gu, '')))
      .map((key) => `${key}: ${message(lang, key)}`);
    expect(wrong).toEqual([]);
  });

  it.each(LANGS)('%s menu-path hints name Jitsi’s menu items, in order', (lang) => {
    for (const hint of glossary.menuPaths) {
      if (hint.languages && !hint.languages.includes(lang)) continue;
      const text = message(lang, hint.key).toLowerCase();
      let from = 0;
      for (const id of hint.path) {
        const at = text.indexOf(term(id)[lang].toLowerCase(), from);
        expect(at, `${lang}.${hint.key} names "${term(id)[lang]}" (${term(id).sdkKey}) after the previous item: ${message(lang, hint.key)}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    }
  });

  it('the future-promise check knows the forms it rejects', () => {
    expect(pattern(glossary.futurePromises.en).test('More options will come in a later version.')).toBe(true);
    expect(pattern(glossary.futurePromises.en).test('Coming soon')).toBe(true);
    expect(pattern(glossary.futurePromises.de).test('Das folgt in einer späteren Version.')).toBe(true);
    expect(pattern(glossary.futurePromises.nl).test('Dit komt binnenkort.')).toBe(true);
  });

  it.each(LANGS)('%s promises no future versions', (lang) => {
    const re = pattern(glossary.futurePromises[lang]);
    expect(keys.filter((key) => re.test(message(lang, key))).map((key) => `${key}: ${message(lang, key)}`)).toEqual([]);
  });
});

// ---- Counts ----------------------------------------------------------------------------------------------

const COUNT_PLACEHOLDERS = ['count', 'days', 'minutes'];
const countPlaceholder = (key: string): string | undefined =>
  Object.entries(locales.en[key]!.placeholders ?? {}).find(([name]) => COUNT_PLACEHOLDERS.includes(name))?.[0];
const familyOf = (key: string): string | null => /^(.+?)(None|One|Other)$/.exec(key)?.[1] ?? null;

/** Words that agree with a plural (wrong next to 1) and with a singular (wrong next to 0 or 2). */
const AGREEMENT: Record<Lang, { plural: RegExp; singular: RegExp }> = {
  en: {
    plural: /^(participants|people|persons|digits|days|are|were|have|keep)$/i,
    singular: /^(participant|person|digit|day|is|was|has|keeps)$/i,
  },
  de: {
    plural: /^(Personen|Teilnehmenden?|Ziffern|Tage|Tagen|sind|waren|konnten|halten|warten)$/,
    singular: /^(Person|Ziffer|Tag|ist|war|konnte|hält|wartet)$/,
  },
  nl: {
    plural: /^(personen|deelnemers|cijfers|dagen|mensen|zijn|zitten|waren|konden|houden|wachten)$/i,
    singular: /^(persoon|deelnemer|cijfer|dag|is|was|kon|houdt|wacht|zit)$/i,
  },
};

/** Reads wrong: a word next to the number (3 before, 6 after, within the sentence) agrees with the other form. */
function misreadings(lang: Lang, text: string, count: number): string[] {
  const found: string[] = [];
  for (const sentence of text.split(/[.;:?!\n]+/u)) {
    const words = sentence.split(/\s+/u).map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    words.forEach((word, at) => {
      if (word !== String(count)) return;
      const near = [...words.slice(Math.max(0, at - 3), at), ...words.slice(at + 1, at + 7)];
      const wrong = count === 1 ? AGREEMENT[lang].plural : AGREEMENT[lang].singular;
      for (const other of near) if (wrong.test(other)) found.push(`"${other}" next to ${count}`);
    });
  }
  return found;
}

function render(lang: Lang, key: string, count: number): string {
  const entry = locales[lang][key]!;
  const counted = countPlaceholder(key);
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => (name.toLowerCase() === counted ? String(count) : 'X'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const code = sourceFiles(join(root, 'src'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** How the code passes counts: tCount(n, { zero, one, other }) or byCount(n, { zero, one, other }) picks the message. */
const tCountFamilies = [...code.matchAll(/\{\s*zero:\s*'(\w+)',\s*one:\s*'(\w+)',\s*other:\s*'(\w+)'\s*\}/g)].map(([, zero, one, other]) => ({
  zero: zero!,
  one: one!,
  other: other!,
}));

/** The message shown for a count: as the code's tCount picks it, else the message itself. */
function chosen(key: string, count: number): string {
  const family = tCountFamilies.find((f) => [f.zero, f.one, f.other].includes(key));
  if (!family) return key;
  return count === 0 ? family.zero : count === 1 ? family.one : family.other;
}

describe('counts read right in every language', () => {
  const counted = keys.filter((key) => countPlaceholder(key) !== undefined);

  it('finds the count messages (the placeholder names of counts)', () => {
    expect(counted).toEqual(expect.arrayContaining(['participantsOther', 'actionTitleInRoomOther', 'endHiddenRemainingOther', 'leaveGuardFallback']));
  });

  it('reads how the code passes counts (tCount)', () => {
    expect(tCountFamilies).toEqual(expect.arrayContaining([{ zero: 'participantsNone', one: 'participantsOne', other: 'participantsOther' }]));
    for (const family of tCountFamilies) for (const key of Object.values(family)) expect(keys, key).toContain(key);
  });

  it('a count message in the plural has its singular form, chosen by tCount in the code', () => {
    // *One / *Other / *None keys are forms of one message; a message without such a suffix shows the number alone.
    const notChosen = counted.filter((key) => familyOf(key) !== null && !tCountFamilies.some((f) => f.other === key || f.one === key || f.zero === key));
    expect(notChosen).toEqual([]);
    for (const family of tCountFamilies) expect(family.one, `${family.other} has a singular form`).not.toBe(family.other);
  });

  it.each(LANGS)('%s: every count message rendered with 0, 1 and 2 agrees with its number', (lang) => {
    const wrong: string[] = [];
    for (const key of counted) {
      for (const count of [0, 1, 2]) {
        const shown = chosen(key, count);
        const text = render(lang, shown, count);
        for (const misreading of misreadings(lang, text, count)) wrong.push(`${shown} (${count}): ${misreading}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the check finds the known wrong forms', () => {
    expect(misreadings('en', '1 participants in the lesson', 1)).not.toEqual([]);
    expect(misreadings('en', '1 of them are in breakout rooms.', 1)).not.toEqual([]);
    expect(misreadings('de', '1 Personen im Raum', 1)).not.toEqual([]);
    expect(misreadings('de', 'Noch im Raum: 1, die nicht entfernt werden konnten.', 1)).not.toEqual([]);
    expect(misreadings('nl', 'Er zijn nog 1 personen in de ruimte', 1)).not.toEqual([]);
    expect(misreadings('nl', '2 verborgen deelnemer houdt de ruimte open', 2)).not.toEqual([]);
    expect(misreadings('en', '2 participant is still in the room', 2)).not.toEqual([]);
    expect(misreadings('de', '1 Person im Raum', 1)).toEqual([]);
  });
});
