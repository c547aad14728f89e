import { describe, expect, it } from 'vitest';
import { hostOfPattern, isSitePattern, sitePatternFor } from './sites.ts';

describe('site patterns', () => {
  it('derives one pattern per host, any port and path', () => {
    expect(sitePatternFor('https://jitsi.schule.example/Mathe7b?x=1#config.a=1')).toBe('https://jitsi.schule.example/*');
    expect(sitePatternFor('http://jitsi.school.test:8443/Room')).toBe('http://jitsi.school.test/*');
    expect(sitePatternFor('chrome://extensions')).toBeNull();
    expect(sitePatternFor('file:///tmp/x.html')).toBeNull();
    expect(sitePatternFor('not a url')).toBeNull();
  });

  it('accepts only single-host patterns', () => {
    expect(isSitePattern('https://meet.example.org/*')).toBe(true);
    expect(isSitePattern('https://*/*')).toBe(false);
    expect(isSitePattern('https://*.example.org/*')).toBe(false);
    expect(isSitePattern('<all_urls>')).toBe(false);
    expect(isSitePattern('https://meet.example.org/room/*')).toBe(false);
    expect(isSitePattern('ftp://meet.example.org/*')).toBe(false);
    expect(isSitePattern(42)).toBe(false);
    expect(hostOfPattern('https://meet.example.org/*')).toBe('meet.example.org');
  });
});
