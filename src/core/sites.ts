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

/**
 * The Unicode label an "xn--" label stands for (RFC 3492), or null when it is no valid punycode. Browsers
 * differ here (Chromium's parser lets "xn--a" through, Firefox and Node refuse it), so it is checked here
 * once for all: a name must mean the same everywhere.
 */
export function punycodeLabel(label: string): string | null {
  const input = label.slice(4); // the URL parser hands it over in lower-case ASCII
  const split = input.lastIndexOf('-');
  const output = split > 0 ? [...input.slice(0, split)].map((c) => c.charCodeAt(0)) : [];
  let [n, bias, i, at] = [128, 72, 0, split > 0 ? split + 1 : 0];
  while (at < input.length) {
    const old = i;
    for (let w = 1, k = 36; ; k += 36) {
      const digit = 'abcdefghijklmnopqrstuvwxyz0123456789'.indexOf(input[at++] ?? '-');
      if (digit < 0) return null;
      i += digit * w;
      const t = Math.min(26, Math.max(1, k - bias));
      if (digit < t) break;
      w *= 36 - t;
    }
    const length = output.length + 1;
    let delta = old === 0 ? Math.floor(i / 700) : (i - old) >> 1;
    delta += Math.floor(delta / length);
    let k = 0;
    for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / length);
    i %= length;
    output.splice(i++, 0, n);
  }
  // Only letters beyond ASCII make a punycode label (no controls, nothing ASCII-only, nothing past Unicode).
  return output.some((c) => c >= 0xa0) && !output.some((c) => (c >= 0x80 && c < 0xa0) || c > 0x10ffff) ? String.fromCodePoint(...output) : null;
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
    // The parser reads a name whose last part is a number as an IPv4 address.
    return { problem: bracketed || /(^|\.)(0x[0-9a-f]*|\d+)\.?$/i.test(host) ? 'invalid-ip' : 'invalid-name' };
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
