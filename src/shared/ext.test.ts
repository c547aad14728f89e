import { describe, expect, it } from 'vitest';
import { pickExtensionApi } from './ext.ts';

const api = (id: string) => ({ runtime: { id, connect: () => undefined } });

describe('the extension API object of the content script', () => {
  it('an element named "browser" on the page (Chrome < 148, DOM clobbering) does not stand in for the API', () => {
    const element = { id: 'browser', tagName: 'DIV' };
    const chrome = api('abc');
    expect(pickExtensionApi({ browser: element, chrome })).toBe(chrome);
  });
  it('Firefox: its promise-based browser', () => {
    const browser = api('ff');
    expect(pickExtensionApi({ browser, chrome: api('ff') })).toBe(browser);
  });
  it('Chrome ≥ 148: either is real', () => {
    const chrome = api('abc');
    expect(pickExtensionApi({ chrome })).toBe(chrome);
  });
  it('none: undefined (the content script then stays silent, see extensionAlive)', () => {
    expect(pickExtensionApi({ browser: { runtime: {} } })).toBeUndefined();
    expect(pickExtensionApi({})).toBeUndefined();
  });
});
