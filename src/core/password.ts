// Room passwords for the class: random from crypto.getRandomValues (the caller passes it in, so this
// stays pure and testable), unambiguous characters, every character class present.

/** No 0/O/o, 1/l/I, 5/S, 2/Z, 8/B: easy to read out and type from a projector. */
export const UPPER = 'ACDEFGHJKMNPQRTUVWXY';
export const LOWER = 'abcdefghijkmnpqrstuvwxyz';
export const DIGITS = '345679';
export const SYMBOLS = '-+=?!#';
export const MIN_LENGTH = 10;

/** Fills the array with random numbers: `(a) => crypto.getRandomValues(a)` in the extension. */
export type RandomSource = (array: Uint32Array<ArrayBuffer>) => unknown;

/** Unbiased index in [0, size) by rejection sampling. */
function randomIndex(size: number, random: RandomSource): number {
  const limit = Math.floor(0x1_0000_0000 / size) * size;
  const buffer = new Uint32Array(1);
  for (;;) {
    random(buffer);
    const value = buffer[0]!;
    if (value < limit) return value % size;
  }
}

function pick(alphabet: string, random: RandomSource): string {
  return alphabet[randomIndex(alphabet.length, random)]!;
}

/**
 * A password of `length` characters with at least one upper, lower, digit and symbol; or, where the server
 * allows only digits (config.roomPasswordNumberOfDigits = N, "up to N digits"), exactly N digits 0–9.
 */
export function generatePassword(random: RandomSource, options: { length?: number; digitsOnly?: number } = {}): string {
  if (options.digitsOnly) {
    let digits = '';
    for (let i = 0; i < options.digitsOnly; i++) digits += String(randomIndex(10, random));
    return digits;
  }
  const length = Math.max(MIN_LENGTH, options.length ?? MIN_LENGTH);
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [pick(UPPER, random), pick(LOWER, random), pick(DIGITS, random), pick(SYMBOLS, random)];
  while (chars.length < length) chars.push(pick(all, random));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Does this password fit the server's digits-only rule (at most N digits, as Jitsi's form enforces)? */
export function fitsPasswordRule(password: string, digitsOnly: number | null): boolean {
  if (password.length === 0 || password.length > 128) return false;
  if (!digitsOnly) return true;
  return /^\d+$/.test(password) && password.length <= digitsOnly;
}
