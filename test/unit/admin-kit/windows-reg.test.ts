// Windows .reg (scripts/admin-kit/windows-reg.ts): read back as Chromium reads the registry.
import { describe, expect, it } from 'vitest';
import { managedSchema } from '../../../src/core/managed-schema.ts';
import { EXTENSION_ID_PLACEHOLDER, extensionPolicyKey, regValueLine, SECTIONS } from '../../../scripts/admin-kit/index.ts';
import { CHROME_ID, EDGE_ID, expectAccepted, file, KITS, parseReg, registryToJson, type Schema } from './helpers.ts';

describe.each(KITS)('admin kit: Windows .reg (%s)', (_name, kit, configuration) => {
  it.each([
    ['chrome', 'Software\\Policies\\Google\\Chrome'],
    ['edge', 'Software\\Policies\\Microsoft\\Edge'],
  ] as const)('%s: ExtensionSettings as JSON text, the configuration as Chromium reads it back', (browser, policyKey) => {
    const text = file(kit, `windows/${browser}.reg`);
    const reg = parseReg(text);
    const id = text.includes(CHROME_ID) ? CHROME_ID : text.includes(EDGE_ID) ? EDGE_ID : EXTENSION_ID_PLACEHOLDER;
    const settings = JSON.parse(reg.keys.get(`HKEY_LOCAL_MACHINE\\${policyKey}`)?.get('ExtensionSettings') as string);
    expect(Object.keys(settings)).toEqual([id]);
    expect(settings[id]).toMatchObject({ installation_mode: 'force_installed', update_url: expect.stringMatching(/^https:\/\//) });
    // The old configuration goes first, then the new one is written below …\3rdparty\extensions\<id>\policy.
    expect(reg.deleted).toEqual([`HKEY_LOCAL_MACHINE\\${policyKey}\\3rdparty\\extensions\\${id}`]);
    const root = `HKEY_LOCAL_MACHINE\\${extensionPolicyKey(browser, id)}`;
    expect(root).toBe(`HKEY_LOCAL_MACHINE\\${policyKey}\\3rdparty\\extensions\\${id}\\policy`);
    for (const key of reg.keys.keys()) if (key !== `HKEY_LOCAL_MACHINE\\${policyKey}`) expect(key.startsWith(`${root}\\`), key).toBe(true);
    const readBack = registryToJson(reg, root, managedSchema() as Schema);
    expect(readBack).toEqual(configuration);
    expectAccepted(readBack);
  });

  it('every setting of the configuration is a value or a subkey in both browsers’ files', () => {
    for (const browser of ['chrome', 'edge']) {
      const text = file(kit, `windows/${browser}.reg`);
      for (const section of SECTIONS) {
        for (const key of Object.keys(configuration[section])) expect(text, `${browser} ${section}.${key}`).toMatch(new RegExp(`(\\\\policy\\\\${section}\\\\${key}\\]|\\\\policy\\\\${section}\\][^[]*"${key}"=)`));
      }
    }
  });
});

describe('admin kit: .reg escaping', () => {
  it('quotes printable ASCII with backslash and quote escaped, DWORDs as 8 hex digits', () => {
    expect(regValueLine('helpUrl', { type: 'sz', value: 'https://x.example/a"b\\c' })).toBe('"helpUrl"="https://x.example/a\\"b\\\\c"');
    expect(regValueLine('lessonLogDays', { type: 'dword', value: 365 })).toBe('"lessonLogDays"=dword:0000016d');
  });

  it('writes line breaks and non-ASCII letters as REG_SZ bytes (hex(1), UTF-16LE, closing NUL), with a readable comment', () => {
    expect(regValueLine('de', { type: 'sz', value: 'ü\n' })).toBe('; de = "\\u00fc\\n"\r\n"de"=hex(1):fc,00,0a,00,00,00');
  });
});
