import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIGITS, fitsPasswordRule, generatePassword, isShortPassword, serverDigitRule, LOWER, MIN_WORDS, SYMBOLS, UPPER, type RandomSource } from './password.ts';
import { roomPassword, WORDS, wordsFor } from './password-words.ts';

const secure: RandomSource = (array) => webcrypto.getRandomValues(array);

describe('room password generator', () => {
  it('has every class, the length asked for (at least 10), and only unambiguous characters', () => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(secure, { length: 12 });
      expect(password).toHaveLength(12);
      expect([...password].some((c) => UPPER.includes(c))).toBe(true);
      expect([...password].some((c) => LOWER.includes(c))).toBe(true);
      expect([...password].some((c) => DIGITS.includes(c))).toBe(true);
      expect([...password].some((c) => SYMBOLS.includes(c))).toBe(true);
      expect(password).toMatch(/^[ACDEFGHJKMNPQRTUVWXYabcdefghijkmnpqrstuvwxyz345679\-+=?!#]+$/);
    }
    expect(generatePassword(secure, { length: 4 })).toHaveLength(10);
    expect(generatePassword(secure)).toHaveLength(10);
  });

  it('makes digits-only passwords of exactly the required length, never under 8 digits (issue 16)', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword(secure, { digitsOnly: 9 })).toMatch(/^\d{9}$/);
    expect(generatePassword(secure, { digitsOnly: 1 })).toMatch(/^\d{8}$/);
  });

  it('spreads characters evenly (no modulo bias, all positions random)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of generatePassword(secure, { digitsOnly: 10 })) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n).toBeGreaterThan(1600); // 2000 expected each
  });

  it('rejects biased values from the random source instead of folding them', () => {
    // 2^32 - 1 lies above the largest multiple of 10 below 2^32 and must be drawn again.
    const values = [0xffffffff, 7, 1, 2, 3, 4, 5, 6, 8];
    const scripted: RandomSource = (array) => {
      array[0] = values.shift()!;
    };
    expect(generatePassword(scripted, { digitsOnly: 8 })).toBe('71234568');
  });

  it('checks the digits-only rule as Jitsi does (up to N digits), and never takes a password under the minimum', () => {
    expect(fitsPasswordRule('12345678', 8)).toBe(true);
    expect(fitsPasswordRule('123456789', 8)).toBe(false);
    expect(fitsPasswordRule('12a45678', 8)).toBe(false);
    expect(fitsPasswordRule('Any-Thing9', 0)).toBe(true);
    expect(fitsPasswordRule('', null)).toBe(false);
    // Issue 16: a digit rule under 8 (a crafted link: #config.roomPasswordNumberOfDigits=1) is not followed.
    expect(fitsPasswordRule('Any-Thing9', 1)).toBe(true);
    expect(fitsPasswordRule('7', 1)).toBe(false);
    expect(fitsPasswordRule('123456', 6)).toBe(false);
    expect(fitsPasswordRule('Short-9', null)).toBe(false);
  });

  it('knows a password under the school\'s minimum: 10 characters, or 8 digits under a digits-only rule', () => {
    expect(isShortPassword('123456789', null)).toBe(true);
    expect(isShortPassword('12345678', 8)).toBe(false);
    expect(isShortPassword('1234567', 8)).toBe(true);
    expect(isShortPassword('12345678', 4)).toBe(true);
    expect(isShortPassword('Kq7-mPx4rT', null)).toBe(false);
    expect(serverDigitRule(7)).toBeNull();
    expect(serverDigitRule(8)).toBe(8);
  });

  it('draws only on the cryptographic source it is given', () => {
    for (const file of ['src/core/password.ts', 'src/core/password-words.ts']) expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(['Math', 'random'].join('\\.')));
  });

  it('style "digits": only 0–9, as long as asked (10–64)', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword(secure, { style: 'digits', length: 12 })).toMatch(/^\d{12}$/);
    expect(generatePassword(secure, { style: 'digits', length: 3 })).toMatch(/^\d{10}$/);
    expect(generatePassword(secure, { style: 'digits', length: 500 })).toHaveLength(64);
  });

  it('style "words": at least 4 words from the list, joined by "-", at least as long as asked', () => {
    for (const language of ['en', 'de', 'nl'] as const) {
      for (let i = 0; i < 200; i++) {
        const password = generatePassword(secure, { style: 'words', length: 12, words: WORDS[language] });
        const parts = password.split('-');
        expect(parts.length).toBeGreaterThanOrEqual(MIN_WORDS);
        for (const part of parts) expect(WORDS[language]).toContain(part);
      }
      const long = generatePassword(secure, { style: 'words', length: 40, words: WORDS[language] });
      expect(long.length).toBeGreaterThanOrEqual(40);
    }
    // Without a list, the mixed style.
    expect(generatePassword(secure, { style: 'words', length: 12 })).toHaveLength(12);
  });

  it('words: small lists of plain, distinct, short words', () => {
    for (const language of ['en', 'de', 'nl'] as const) {
      const list = WORDS[language];
      expect(list.length, language).toBeGreaterThanOrEqual(100);
      expect(new Set(list).size, language).toBe(list.length);
      for (const word of list) expect(word, language).toMatch(/^[a-z]{2,8}$/);
    }
    expect(wordsFor('fr')).toBe(WORDS.en);
    expect(wordsFor('de')).toBe(WORDS.de);
  });

  it('words are drawn evenly (every word of the list comes up)', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const word of generatePassword(secure, { style: 'words', length: 10, words: WORDS.nl }).split('-')) seen.set(word, (seen.get(word) ?? 0) + 1);
    expect(seen.size).toBe(WORDS.nl.length);
    const expected = (4000 * MIN_WORDS) / WORDS.nl.length;
    for (const n of seen.values()) expect(n).toBeGreaterThan(expected * 0.5);
  });

  it('the room password follows the server rule first, then the chosen style and the language shown', () => {
    expect(roomPassword(secure, { passwordStyle: 'words', passwordLength: 12 }, 9, 'de')).toMatch(/^\d{9}$/);
    // A digit rule under 8 is the page's word (a crafted link can set 1): the school's style applies.
    expect(roomPassword(secure, { passwordStyle: 'mixed', passwordLength: 12 }, 1, 'de')).toHaveLength(12);
    expect(roomPassword(secure, { passwordStyle: 'mixed', passwordLength: 12 }, 6, 'de')).not.toMatch(/^\d+$/);
    expect(roomPassword(secure, { passwordStyle: 'digits', passwordLength: 14 }, null, 'de')).toMatch(/^\d{14}$/);
    for (const word of roomPassword(secure, { passwordStyle: 'words', passwordLength: 12 }, 0, 'de').split('-')) expect(WORDS.de).toContain(word);
    expect(roomPassword(secure, { passwordStyle: 'mixed', passwordLength: 16 }, null, 'nl')).toHaveLength(16);
  });
});
