// ADMX/ADML (scripts/admin-kit/admx.ts): well-formed, complete in en-US, de-DE and nl-NL, and writing
// exactly what the .reg writes.
import { describe, expect, it } from 'vitest';
import { parsePolicy, SETTING_KEYS, type SettingKey } from '../../../src/core/settings.ts';
import { ADML_LANGUAGES, admxPolicyName, DUTCH_TITLES, extensionPolicyKey, GERMAN_TITLES, MAX_TEXT_LENGTH, MAX_URL_LENGTH, SECTIONS, settingKind } from '../../../scripts/admin-kit/index.ts';
import { all, child, CHROME_ID, EDGE_ID, everySetting, file, isNumerical, kitFor, parseReg, parseXml } from './helpers.ts';

describe('admin kit: ADMX/ADML', () => {
  const kit = kitFor(everySetting());

  it('a malformed document is rejected (the XML check can fail)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
  });

  it.each(['chrome', 'edge'] as const)('%s: well-formed, a policy per setting and section, every string and presentation defined in en-US, de-DE and nl-NL', (browser) => {
    const base = `windows/admx/jitsi-moderator-companion-${browser}`;
    const admx = parseXml(file(kit, `${base}.admx`));
    expect(admx.name).toBe('policyDefinitions');
    const policies = all(admx, 'policy');
    expect(policies.map((policy) => policy.attributes.name).sort()).toEqual(SECTIONS.flatMap((section) => SETTING_KEYS.map((key) => admxPolicyName(section, key))).sort());

    const references = (pattern: RegExp): Set<string> => new Set([...file(kit, `${base}.admx`).matchAll(pattern)].map((match) => match[1]!));
    const stringRefs = references(/\$\(string\.([^)]+)\)/g);
    const presentationRefs = references(/\$\(presentation\.([^)]+)\)/g);
    expect(stringRefs.size).toBeGreaterThan(SETTING_KEYS.length * 4);

    for (const language of ADML_LANGUAGES) {
      const adml = parseXml(file(kit, `windows/admx/${language}/jitsi-moderator-companion-${browser}.adml`));
      expect(adml.name).toBe('policyDefinitionResources');
      const strings = new Map(all(adml, 'string').map((node) => [node.attributes.id!, node.text]));
      for (const id of stringRefs) expect(strings.get(id)?.trim(), `${language} string ${id}`).toBeTruthy();
      const presentations = new Map(all(adml, 'presentation').map((node) => [node.attributes.id!, node]));
      for (const id of presentationRefs) expect(presentations.has(id), `${language} presentation ${id}`).toBe(true);
      // Each element of a policy has a control in its presentation, and each control an element.
      for (const policy of policies) {
        const elementIds = (child(policy, 'elements')?.children ?? []).map((element) => element.attributes.id!).sort();
        const presentationId = policy.attributes.presentation?.match(/\$\(presentation\.(.+)\)/)?.[1];
        const controls = presentationId
          ? presentations.get(presentationId)!.children.map((control) => control.attributes.refId).filter((refId): refId is string => Boolean(refId)).sort()
          : [];
        expect(controls, `${language} ${policy.attributes.name}`).toEqual(elementIds);
      }
      if (language === 'de-DE') expect(strings.get(admxPolicyName('enforced', 'autoLobby'))).toContain(GERMAN_TITLES.autoLobby);
      if (language === 'nl-NL') expect(strings.get(admxPolicyName('enforced', 'autoLobby'))).toContain(DUTCH_TITLES.autoLobby);
    }
  });

  it.each(['chrome', 'edge'] as const)('%s: choices and ranges are the schema’s', (browser) => {
    const admx = parseXml(file(kit, `windows/admx/jitsi-moderator-companion-${browser}.admx`));
    for (const policy of all(admx, 'policy')) {
      const key = policy.attributes.name!.replace(/^(enforced|defaults)_/, '') as SettingKey;
      const kind = settingKind(key);
      if (kind.kind === 'enum') expect(all(policy, 'string').map((node) => node.text)).toEqual(kind.options);
      if (kind.kind === 'integer') expect(child(child(policy, 'elements')!, 'decimal')!.attributes).toMatchObject({ minValue: String(kind.min), maxValue: String(kind.max) });
      if (kind.kind === 'boolean') expect(policy.attributes.valueName).toBe(key);
    }
  });

  it.each(['chrome', 'edge'] as const)('%s: the ADMX writes exactly the registry values the .reg writes', (browser) => {
    const id = browser === 'chrome' ? CHROME_ID : EDGE_ID;
    const admx = parseXml(file(kit, `windows/admx/jitsi-moderator-companion-${browser}.admx`));
    const written: { key: string; valueName: string | null }[] = [];
    for (const policy of all(admx, 'policy')) {
      if (policy.attributes.valueName) written.push({ key: policy.attributes.key!, valueName: policy.attributes.valueName });
      for (const element of child(policy, 'elements')?.children ?? []) {
        written.push({ key: element.attributes.key ?? policy.attributes.key!, valueName: element.name === 'list' ? null : element.attributes.valueName! });
      }
    }
    const reg = parseReg(file(kit, `windows/${browser}.reg`));
    const root = `HKEY_LOCAL_MACHINE\\${extensionPolicyKey(browser, id)}`;
    const regValues = [...reg.keys].filter(([key]) => key.startsWith(`${root}\\`)).flatMap(([key, values]) => [...values.keys()].map((valueName) => ({ key: key.replace('HKEY_LOCAL_MACHINE\\', ''), valueName })));
    const matches = (w: { key: string; valueName: string | null }, r: { key: string; valueName: string }) =>
      w.key.toLowerCase() === r.key.toLowerCase() && (w.valueName === null ? isNumerical(r.valueName) : w.valueName.toLowerCase() === r.valueName.toLowerCase());
    for (const value of regValues) expect(written.some((w) => matches(w, value)), `${value.key} → ${value.valueName} has an ADMX policy`).toBe(true);
    // Every setting is set in both sections here, so every ADMX location must appear in the .reg.
    for (const w of written) expect(regValues.some((value) => matches(w, value)), `${w.key} → ${w.valueName ?? '1, 2, …'} is in the .reg`).toBe(true);
  });

  it('text boxes allow exactly as much as the extension accepts', () => {
    const admx = file(kit, 'windows/admx/jitsi-moderator-companion-chrome.admx');
    expect(admx).toContain(`maxLength="${MAX_TEXT_LENGTH}"`);
    expect(admx).toContain(`maxLength="${MAX_URL_LENGTH}"`);
    const perLanguage = SETTING_KEYS.find((key) => settingKind(key).kind === 'perLanguage')!;
    const url = SETTING_KEYS.find((key) => settingKind(key).kind === 'string')!;
    expect(parsePolicy({ enforced: { [perLanguage]: { de: 'x'.repeat(MAX_TEXT_LENGTH) } } }).problems).toEqual([]);
    expect(parsePolicy({ enforced: { [perLanguage]: { de: 'x'.repeat(MAX_TEXT_LENGTH + 1) } } }).problems).toEqual([expect.objectContaining({ path: `enforced.${perLanguage}`, problem: 'too-long' })]);
    const longUrl = (length: number) => `https://schule.example/${'a'.repeat(length - 'https://schule.example/'.length)}`;
    expect(parsePolicy({ enforced: { [url]: longUrl(MAX_URL_LENGTH) } }).problems).toEqual([]);
    expect(parsePolicy({ enforced: { [url]: longUrl(MAX_URL_LENGTH + 1) } }).problems).toEqual([expect.objectContaining({ path: `enforced.${url}`, problem: 'too-long' })]);
  });
});
