// Sites (Jitsi servers) the extension runs on, as match patterns. Pure.
// One pattern per host, any port: "https://jitsi.example.org/*".

const PATTERN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])\/\*$/;

/** The match pattern that covers a page URL's host, or null for URLs no content script can run on. */
export function sitePatternFor(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** A single-host pattern as we store them (no wildcards, no paths): input from storage or policy is checked with it. */
export function isSitePattern(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 300 && PATTERN.test(value) && !value.includes('*.');
}

export function hostOfPattern(pattern: string): string {
  return pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
}
