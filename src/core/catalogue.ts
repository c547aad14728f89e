// The browser's i18n always speaks the browser's language; a school (or teacher) may choose another
// one (setting `uiLanguage`). Then the extension reads its own _locales/<lang>/messages.json and formats
// messages the way chrome.i18n.getMessage does. Pure.

/** Message key → text in which named placeholders are already resolved to `$1`…`$9`. */
export type FlatCatalogue = Record<string, string>;

const MAX_KEYS = 2_000;
const MAX_TEXT = 4_000;

/**
 * messages.json → FlatCatalogue: `$name$` (case-insensitive) becomes its placeholder's content. Entries
 * that are not well-formed are left out, so t() falls back to the browser's own text for them.
 */
export function flattenCatalogue(json: unknown): FlatCatalogue {
  const flat: FlatCatalogue = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return flat;
  for (const [key, entry] of Object.entries(json).slice(0, MAX_KEYS)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { message, placeholders } = entry as { message?: unknown; placeholders?: unknown };
    if (typeof message !== 'string' || message.length > MAX_TEXT) continue;
    const contents = new Map<string, string>();
    if (typeof placeholders === 'object' && placeholders !== null) {
      for (const [name, placeholder] of Object.entries(placeholders)) {
        const content = (placeholder as { content?: unknown } | null)?.content;
        if (typeof content === 'string') contents.set(name.toLowerCase(), content);
      }
    }
    flat[key] = message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => contents.get(name.toLowerCase()) ?? whole);
  }
  return flat;
}

/** `$1`…`$9` → the substitutions (missing ones empty), `$$` → `$`; one pass, so inserted text stays as it is. */
export function substitute(text: string, substitutions?: string | string[]): string {
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (values[Number(what) - 1] ?? '')));
}

/** Shape check for a catalogue that crossed a context (background → content script). */
export function isFlatCatalogue(value: unknown): value is FlatCatalogue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= MAX_KEYS && entries.every(([key, text]) => key.length <= 100 && typeof text === 'string' && text.length <= MAX_TEXT);
}
