import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { flattenCatalogue, substitute } from '../core/catalogue.ts';

// src/shared/i18n.ts imports the polyfill, which refuses to load outside an extension.
vi.mock('webextension-polyfill', () => ({ default: { i18n: { getMessage: (key: string) => key } } }));
const { buildLeaveGuardModel } = await import('./leave-dialog.ts');
type Info = import('./leave-dialog.ts').LeaveGuardInfo;

/** Messages of a real catalogue, formatted as chrome.i18n.getMessage does (src/core/catalogue.ts). */
function translator(lang: string) {
  const messages = flattenCatalogue(JSON.parse(readFileSync(`assets/_locales/${lang}/messages.json`, 'utf8')));
  return (key: string, substitutions?: string | string[]): string => {
    const message = messages[key];
    if (message === undefined) throw new Error(`missing ${lang}.${key}`);
    return substitute(message, substitutions);
  };
}
const en = translator('en');
const strip = (text: string) => text.replace(/[\u2068\u2069]/g, '');

const base: Info = { remaining: 12, elsewhere: 0, inBreakoutRoom: false, coModerators: [], promotedModerators: [], rightsPassToStudent: false, strong: false, keepsReason: true };

describe('buildLeaveGuardModel', () => {
  it('default: Stay first (the initial focus, Esc), then "Remove everyone and leave" as the recommended way out, then Leave anyway; each says what follows', () => {
    const model = buildLeaveGuardModel(base, en);
    expect(model.lang).toBe('en');
    expect(model.title).toBe('12 participants are still in the room');
    expect(model.text).toEqual(['The room and its chat stay open until the last person leaves.']);
    expect(model.stayKey).toBe('Esc');
    expect(model.buttons).toEqual([
      { choice: 'stay', label: 'Stay', consequence: 'You stay in the lesson; nothing changes.', primary: false, testId: 'leave-guard-stay' },
      {
        choice: 'end-and-leave',
        label: 'Remove everyone and leave',
        consequence: 'Locks the room, removes everyone still in the lesson, then you leave last.',
        primary: true,
        testId: 'leave-guard-end',
      },
      { choice: 'leave-anyway', label: 'Leave anyway', consequence: 'The class stays in the open room without a teacher.', primary: false, testId: 'leave-guard-leave' },
    ]);
    expect(model.reason).toBeNull();
  });

  it.each([
    [0, 'leaveGuardTitleNone', 'Nobody else is in the room'],
    [1, 'leaveGuardTitleOne', '1 participant is still in the room'],
    [2, 'leaveGuardTitleOther', '2 participants are still in the room'],
    [60, 'leaveGuardTitleOther', '60 participants are still in the room'],
  ])('headline for %i people uses %s', (remaining, key, english) => {
    const keys: string[] = [];
    buildLeaveGuardModel({ ...base, remaining }, (k, s) => (keys.push(k), en(k, s)));
    expect(keys).toContain(key);
    expect(buildLeaveGuardModel({ ...base, remaining }, en).title).toBe(english);
  });

  it('a strong policy asks for a reason before leaving the class alone', () => {
    const model = buildLeaveGuardModel({ ...base, strong: true }, en);
    expect(model.buttons.map((b) => b.choice)).toEqual(['stay', 'end-and-leave', 'leave-anyway']);
    expect(model.reason).toEqual({
      label: 'Why are you leaving the class alone?',
      note: 'Your reason is kept with this lesson in the lesson log on this computer (settings, lesson log).',
      confirm: 'Confirm and leave',
    });
  });

  it('a strong policy without a lesson log asks nothing it would throw away: a confirmation only', () => {
    const model = buildLeaveGuardModel({ ...base, strong: true, keepsReason: false }, en);
    expect(model.reason).toEqual({
      label: null,
      note: 'Your school asks you to confirm that you leave the class alone in the room.',
      confirm: 'Confirm and leave',
    });
  });

  it('a co-teacher who stays is named, and plain Leave becomes the primary action with no reason asked', () => {
    const model = buildLeaveGuardModel({ ...base, coModerators: ['Frau Kaya'], strong: true }, en);
    expect(model.text.map(strip)).toEqual([
      'The room and its chat stay open until the last person leaves.',
      'Frau Kaya is also moderator and stays with the class.',
    ]);
    expect(model.buttons.map((b) => [b.choice, b.label, b.primary])).toEqual([
      ['stay', 'Stay', false],
      ['leave-anyway', 'Leave', true],
      ['end-and-leave', 'Remove everyone and leave', false],
    ]);
    expect(model.buttons[1]?.consequence).toBe('The class stays with the other moderator.');
    expect(model.reason).toBeNull();
  });

  it('several co-moderators are joined in the language of the texts, each name direction-isolated', () => {
    const names = ['Frau Kaya', 'Herr Berg', 'معلم'];
    expect(buildLeaveGuardModel({ ...base, coModerators: names }, en).text[1]).toBe(
      '\u2068Frau Kaya\u2069, \u2068Herr Berg\u2069, and \u2068معلم\u2069 are also moderators and stay with the class.',
    );
    expect(strip(buildLeaveGuardModel({ ...base, coModerators: names.slice(0, 2) }, translator('de')).text[1] ?? '')).toBe(
      'Frau Kaya und Herr Berg haben ebenfalls Moderationsrechte und bleiben bei der Klasse.',
    );
    // A translator without a usable language code still lists everyone.
    const keysOnly = buildLeaveGuardModel({ ...base, coModerators: ['A', 'B'] }, (key, s) => (s ? `${key}:${s}` : key));
    expect(strip(keysOnly.text[1] ?? '')).toBe('leaveGuardCoModeratorOther:A, B');
  });

  it('warns when a student gets the rights, after the co-teacher sentence', () => {
    const model = buildLeaveGuardModel({ ...base, rightsPassToStudent: true }, en);
    expect(model.text).toEqual([
      'The room and its chat stay open until the last person leaves.',
      'When you leave, a student becomes moderator.',
    ]);
    const both = buildLeaveGuardModel({ ...base, coModerators: ['Frau Kaya'], rightsPassToStudent: true }, en);
    expect(both.text.map(strip)[2]).toBe('When you leave, a student becomes moderator.');
  });

  it('a student made moderator during the lesson is named as such, and leaving stays the hard choice', () => {
    const model = buildLeaveGuardModel({ ...base, promotedModerators: ['Jonas'] }, en);
    expect(model.text.map(strip)).toContain('Jonas is a participant who was made moderator during the lesson.');
    expect(model.buttons.find((b) => b.primary)?.choice).toBe('end-and-leave');
    expect(model.buttons[2]?.label).toBe('Leave anyway');
  });

  it('a class in breakout rooms: the dialog counts them and says where they are', () => {
    const fromMain = buildLeaveGuardModel({ ...base, remaining: 5, elsewhere: 3 }, en);
    expect(fromMain.title).toBe('5 participants are still in the room');
    expect(fromMain.text).toContain('3 of them are in breakout rooms.');
    const fromBreakout = buildLeaveGuardModel({ ...base, remaining: 5, elsewhere: 4, inBreakoutRoom: true }, en);
    expect(fromBreakout.text).toContain('4 of them are in the main room or other breakout rooms.');
    expect(buildLeaveGuardModel(base, en).text).toEqual(['The room and its chat stay open until the last person leaves.']);
  });

  it('one person elsewhere reads in the singular (issue 23)', () => {
    expect(buildLeaveGuardModel({ ...base, remaining: 1 }, en).title).toBe('1 participant is still in the room');
    expect(buildLeaveGuardModel({ ...base, remaining: 2, elsewhere: 1 }, en).text).toContain('1 of them is in a breakout room.');
    expect(buildLeaveGuardModel({ ...base, remaining: 2, elsewhere: 1, inBreakoutRoom: true }, en).text).toContain('1 of them is in the main room or another breakout room.');
    expect(buildLeaveGuardModel({ ...base, remaining: 2, elsewhere: 1 }, translator('de')).text).toContain('Davon ist 1 Person in einem Breakout-Raum.');
    expect(buildLeaveGuardModel({ ...base, remaining: 2, elsewhere: 1 }, translator('nl')).text).toContain('Daarvan zit er 1 in een aparte vergaderruimte.');
  });

  it.each(['de', 'nl'])('%s: every text is translated (no key shown)', (lang) => {
    const model = buildLeaveGuardModel({ remaining: 3, elsewhere: 2, inBreakoutRoom: false, coModerators: ['X'], promotedModerators: ['Y'], rightsPassToStudent: true, strong: true, keepsReason: true }, translator(lang));
    const fromBreakout = buildLeaveGuardModel({ ...base, elsewhere: 2, inBreakoutRoom: true }, translator(lang));
    const strong = buildLeaveGuardModel({ ...base, strong: true }, translator(lang));
    const texts = [model.title, ...model.text, ...fromBreakout.text, ...model.buttons.flatMap((b) => [b.label, b.consequence]), model.stayKey, strong.reason?.label, strong.reason?.note, strong.reason?.confirm];
    for (const text of texts) expect(text).toMatch(/^(?!leaveGuard)\S/);
    expect(model.lang).toBe(lang);
    expect(model.title).toContain('3');
  });
});
