import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIGITS, fitsPasswordRule, generatePassword, LOWER, SYMBOLS, UPPER, type RandomSource } from './password.ts';

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

  it('makes digits-only passwords of exactly the required length', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword(secure, { digitsOnly: 6 })).toMatch(/^\d{6}$/);
  });

  it('spreads characters evenly (no modulo bias, all positions random)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of generatePassword(secure, { digitsOnly: 10 })) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n).toBeGreaterThan(1600); // 2000 expected each
  });

  it('rejects biased values from the random source instead of folding them', () => {
    // 2^32 - 1 lies above the largest multiple of 10 below 2^32 and must be drawn again.
    const values = [0xffffffff, 7];
    const scripted: RandomSource = (array) => {
      array[0] = values.shift()!;
    };
    expect(generatePassword(scripted, { digitsOnly: 1 })).toBe('7');
  });

  it('checks the digits-only rule as Jitsi does (up to N digits)', () => {
    expect(fitsPasswordRule('123456', 6)).toBe(true);
    expect(fitsPasswordRule('1234567', 6)).toBe(false);
    expect(fitsPasswordRule('12a4', 6)).toBe(false);
    expect(fitsPasswordRule('Any-Thing9', 0)).toBe(true);
    expect(fitsPasswordRule('', null)).toBe(false);
  });

  it('draws only on the cryptographic source it is given', () => {
    expect(readFileSync('src/core/password.ts', 'utf8')).not.toMatch(new RegExp(['Math', 'random'].join('\\.')));
  });
});
