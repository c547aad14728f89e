import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flattenCatalogue, isFlatCatalogue, substitute } from './catalogue.ts';

const catalogue = (language: string): unknown => JSON.parse(readFileSync(`assets/_locales/${language}/messages.json`, 'utf8'));

describe('message catalogue for a chosen language', () => {
  it('resolves named placeholders case-insensitively, then substitutes like chrome.i18n', () => {
    const flat = flattenCatalogue({
      inRoom: { message: '$ROOM$: $Count$ people, $1 cost $$5', placeholders: { room: { content: '$1' }, count: { content: '$2' } } },
      plain: { message: 'Hello' },
      broken: { text: 'no message' },
      unknownPlaceholder: { message: 'Keep $other$' },
    });
    expect(flat).toEqual({ inRoom: '$1: $2 people, $1 cost $$5', plain: 'Hello', unknownPlaceholder: 'Keep $other$' });
    expect(substitute(flat.inRoom!, ['Mathe', '12'])).toBe('Mathe: 12 people, Mathe cost $5');
    expect(substitute('$1 and $2', 'only one')).toBe('only one and ');
  });

  it('never re-reads inserted text, so a display name with "$1" stays as typed', () => {
    expect(substitute('Left: $1 ($2)', ['$2 $$', 'x'])).toBe('Left: $2 $$ (x)');
  });

  it('takes every entry of the shipped catalogues', () => {
    for (const language of ['en', 'de', 'nl']) {
      const json = catalogue(language) as Record<string, unknown>;
      const flat = flattenCatalogue(json);
      expect(Object.keys(flat)).toEqual(Object.keys(json));
      expect(isFlatCatalogue(flat)).toBe(true);
      // No named placeholder is left unresolved.
      for (const text of Object.values(flat)) expect(text).not.toMatch(/\$[a-z_]+\$/i);
    }
    expect(substitute(flattenCatalogue(catalogue('de')).actionTitleInRoomOther!, ['Mathe7b', '12'])).toBe('Mathe7b: 12 Teilnehmende im Unterricht');
  });

  it('rejects what is not a catalogue', () => {
    expect(flattenCatalogue(null)).toEqual({});
    expect(flattenCatalogue(['x'])).toEqual({});
    expect(isFlatCatalogue({ a: 1 })).toBe(false);
    expect(isFlatCatalogue({ a: 'x'.repeat(5_000) })).toBe(false);
    expect(isFlatCatalogue([])).toBe(false);
  });
});
