// Room passwords for the class: random from crypto.getRandomValues (the caller passes it in, so this
// stays pure and testable), unbiased. Three styles (setting passwordStyle): "mixed" (unambiguous
// characters, every class present), "digits" (easy to say and type on any keyboard) and "words" (short
// words from a list the caller passes: password-words.ts, kept out of the page script's bundle).

/** No 0/O/o, 1/l/I, 5/S, 2/Z, 8/B: easy to read out and type from a projector. */
export const UPPER = 'ACDEFGHJKMNPQRTUVWXY';
export const LOWER = 'abcdefghijkmnpqrstuvwxyz';
export const DIGITS = '345679';
export const SYMBOLS = '-+=?!#';
export const MIN_LENGTH = 10;
export const MAX_LENGTH = 64;
/**
 * The least a digits-only password has (issue 16). A server's digits-only rule below it is not followed: it
 * comes from the page's config, which a crafted link can set (`#config.roomPasswordNumberOfDigits=1`), and
 * Jitsi's server takes any password (the rule is only its form's), so the school's style applies instead.
 */
export const MIN_DIGITS = 8;
/** "words": at least this many (about 28 bits with lists of about 120 words), joined by "-". */
export const MIN_WORDS = 4;

export type PasswordStyle = 'mixed' | 'digits' | 'words';

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

function digits(count: number, random: RandomSource): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(randomIndex(10, random));
  return text;
}

/** At least MIN_WORDS words from the list, joined by "-", until the password is `length` characters long. */
function words(list: readonly string[], length: number, random: RandomSource): string {
  const chosen: string[] = [];
  while (chosen.length < MIN_WORDS || chosen.join('-').length < length) chosen.push(list[randomIndex(list.length, random)]!);
  return chosen.join('-');
}

export interface PasswordOptions {
  /** Characters (MIN_LENGTH–MAX_LENGTH); for "words" the least length. */
  length?: number;
  style?: PasswordStyle;
  /** The word list for "words" (without one, "mixed" is made). */
  words?: readonly string[];
  /** The server allows only digits (config.roomPasswordNumberOfDigits = N, "up to N digits"): exactly N digits 0–9. */
  digitsOnly?: number;
}

/**
 * A password of `length` characters: "mixed" has at least one upper, lower, digit and symbol; "digits"
 * only 0–9; "words" easy words joined by "-". A server's digits-only rule comes before any style.
 */
export function generatePassword(random: RandomSource, options: PasswordOptions = {}): string {
  if (options.digitsOnly) return digits(Math.max(MIN_DIGITS, options.digitsOnly), random);
  const length = Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, options.length ?? MIN_LENGTH));
  if (options.style === 'digits') return digits(length, random);
  if (options.style === 'words' && options.words?.length) return words(options.words, length, random);
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

/** The server's digits-only rule (roomPasswordNumberOfDigits) where it is followed: at least MIN_DIGITS. */
export function serverDigitRule(digits: number | null): number | null {
  return digits && digits >= MIN_DIGITS ? digits : null;
}

/** Below the school's minimum: under 10 characters, or under 8 digits where the server allows only digits. */
export function isShortPassword(password: string, digitsOnly: number | null): boolean {
  return password.length < (serverDigitRule(digitsOnly) && /^\d+$/.test(password) ? MIN_DIGITS : MIN_LENGTH);
}

/** Long enough, and fits the server's digits-only rule where it is followed (at most N digits, as Jitsi's form enforces)? */
export function fitsPasswordRule(password: string, digitsOnly: number | null): boolean {
  if (password.length > 128 || isShortPassword(password, digitsOnly)) return false;
  const rule = serverDigitRule(digitsOnly);
  return !rule || (/^\d+$/.test(password) && password.length <= rule);
}
