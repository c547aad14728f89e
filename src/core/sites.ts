// Sites (Jitsi servers) the extension runs on, as match patterns. Pure.
// One pattern per host, any port: "https://jitsi.example.org/*".
//
// A host is checked exactly as the browser will read it (issue 16): through the URL parser (WHATWG
// `new URL`, as Chrome and Firefox parse page addresses), and the pattern holds the parsed, canonical host
// (lower case, an international name in its xn-- form, IPv6 in brackets). A pattern's host is compared
// with the page address's canonical host, so only that form can ever match; and one pattern the browser
// refuses makes `scripting.registerContentScripts` refuse the whole list.

/** Why a host was refused; the options page says each in words. */
export type HostProblem =
  /** Not a bare host: a path, port, user, wildcard, space, or a scheme other than https. */
  | 'invalid-host'
  /** Digits and dots (or brackets) that are no IP address the browser reads: 10.0.0.300, [1:2]. */
  | 'invalid-ip'
  /** A name the URL parser refuses: bad xn-- (punycode) parts, forbidden characters. */
  | 'invalid-name';

const IPV4_LIKE = /^[0-9a-fx.]+$/i;

/**
 * The Unicode label an "xn--" label stands for (RFC 3492), or null when it is no valid punycode. Browsers
 * differ here (Chromium's parser lets "xn--a" through, Firefox and Node refuse it), so it is checked here
 * once for all: a name must mean the same everywhere.
 */
export function punycodeLabel(label: string): string | null {
  const input = label.slice(4);
  const split = input.lastIndexOf('-');
  const output = split > 0 ? [...input.slice(0, split)].map((c) => c.codePointAt(0)!) : [];
  if (output.some((code) => code >= 0x80)) return null;
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let index = split > 0 ? split + 1 : 0; index < input.length; ) {
    const oldI = i;
    for (let w = 1, k = 36; ; k += 36) {
      if (index >= input.length) return null;
      const c = input.charCodeAt(index++);
      const digit = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x61 && c <= 0x7a ? c - 0x61 : -1;
      if (digit < 0) return null;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= 36 - t;
      if (i > 0x10ffff * 64) return null;
    }
    const length = output.length + 1;
    let delta = oldI === 0 ? Math.floor((i - oldI) / 700) : (i - oldI) >> 1;
    delta += Math.floor(delta / length);
    let k = 0;
    for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / length);
    i %= length;
    output.splice(i++, 0, n);
  }
  // Only letters beyond ASCII make a punycode label (no controls, nothing ASCII-only, nothing past Unicode).
  if (!output.some((code) => code >= 0x80) || output.some((code) => (code >= 0x80 && code < 0xa0) || code > 0x10ffff)) return null;
  return String.fromCodePoint(...output);
}

/**
 * The canonical host the browser reads from `host` (no scheme, no port), or why it cannot. `scheme` is the
 * pattern's scheme (https for the school's and teacher's hosts).
 */
export function checkHost(host: string, scheme: 'https' | 'http' = 'https'): { host: string } | { problem: HostProblem } {
  // Only a host: anything that would make the URL parser read a port, a path, a user or a query is refused,
  // not silently cut off ("evil.example/x" is not "evil.example").
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (host === '' || host.length > 253 || /[\s/\\?#@*%]/.test(host) || (!bracketed && host.includes(':'))) return { problem: 'invalid-host' };
  let parsed: URL;
  try {
    parsed = new URL(`${scheme}://${host}/`);
  } catch {
    const lastLabel = host.replace(/\.$/, '').split('.').pop() ?? '';
    return { problem: bracketed || (IPV4_LIKE.test(lastLabel) && /^(0x[0-9a-f]*|[0-9]+)$/i.test(lastLabel)) ? 'invalid-ip' : 'invalid-name' };
  }
  if (parsed.port !== '' || parsed.hostname === '') return { problem: 'invalid-host' };
  if (parsed.hostname.split('.').some((label) => label.startsWith('xn--') && punycodeLabel(label) === null)) return { problem: 'invalid-name' };
  return { host: parsed.hostname };
}

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

const PATTERN = /^(https?):\/\/([^/]+)\/\*$/;

/**
 * A single-host pattern as we store them (no wildcards, no paths, the canonical host): input from storage
 * or policy is checked with it.
 */
export function isSitePattern(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 300) return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const checked = checkHost(match[2]!, match[1] as 'https' | 'http');
  return 'host' in checked && checked.host === match[2];
}

export function hostOfPattern(pattern: string): string {
  return pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
}
