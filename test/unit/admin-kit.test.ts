// The admin kit (scripts/admin-kit/): every file it writes carries a configuration the extension takes
// without a problem, in the shape each browser reads; the shipped docs/admin/generated is exactly what the
// generator writes today (`npm run generate` rewrites it; test/unit/generated.test.ts checks every generated file).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedSchema } from '../../src/core/managed-schema.ts';
import { parsePolicy, SETTING_KEYS, type SettingKey } from '../../src/core/settings.ts';
import {
  admxPolicyName,
  checkPolicyText,
  type CliIo,
  type Configuration,
  EDGE_ADDONS_UPDATE_URL,
  CHROME_WEB_STORE_UPDATE_URL,
  exampleConfiguration,
  EXAMPLE_HOST,
  EXAMPLE_STATE_HOST,
  EXTENSION_ID_PLACEHOLDER,
  extensionPolicyKey,
  extensionSettingsEntry,
  generateKit,
  ADML_LANGUAGES,
  DUTCH_TITLES,
  GERMAN_TITLES,
  MAX_TEXT_LENGTH,
  MAX_URL_LENGTH,
  missingDutchTitles,
  missingGermanTitles,
  regValueLine,
  runCli,
  SECTIONS,
  settingKind,
  shippedKit,
} from '../../scripts/admin-kit/index.ts';
import { MANAGED_GECKO_ID } from '../../scripts/manifest-variants.ts';

const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EDGE_ID = 'ponmlkjihgfedcbaponmlkjihgfedcba';
const GENERATED = 'docs/admin/generated';

// --- sax (strict) for well-formedness; it ships no types, so the few calls used are typed here -------
interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

function parseXml(source: string): XmlNode {
  const parser = sax.parser(true);
  const document: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [document];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => void (stack.at(-1)!.text += text);
  parser.write(source).close();
  expect(document.children).toHaveLength(1);
  return document.children[0]!;
}

const all = (node: XmlNode, name: string): XmlNode[] => [...(node.name === name ? [node] : []), ...node.children.flatMap((child) => all(child, name))];
const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);

function plistToJs(node: XmlNode): unknown {
  switch (node.name) {
    case 'plist':
      return plistToJs(node.children[0]!);
    case 'dict': {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < node.children.length; i += 2) {
        const key = node.children[i]!;
        expect(key.name).toBe('key');
        result[key.text] = plistToJs(node.children[i + 1]!);
      }
      return result;
    }
    case 'array':
      return node.children.map(plistToJs);
    case 'string':
      return node.text;
    case 'integer':
      return Number(node.text);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new Error(`unexpected plist element ${node.name}`);
  }
}

// --- .reg: a reader for what regedit imports, and Chromium's conversion of what it wrote ---------------
type RegValue = number | string;
interface RegFile {
  keys: Map<string, Map<string, RegValue>>;
  deleted: string[];
}

function unquote(text: string): { value: string; rest: string } {
  expect(text[0]).toBe('"');
  let value = '';
  let i = 1;
  for (; text[i] !== '"'; i++) {
    if (i >= text.length) throw new Error(`unterminated string: ${text}`);
    if (text[i] === '\\') i++;
    value += text[i];
  }
  return { value, rest: text.slice(i + 1) };
}

function parseReg(source: string): RegFile {
  // ASCII only, CRLF only: imports the same whatever code page regedit assumes.
  expect(source).toMatch(/^[\x20-\x7e\r\n]*$/);
  expect(source.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = source.split('\r\n');
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const logical: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i]!;
    while (line.endsWith('\\') && /=hex/.test(line)) line = line.slice(0, -1) + lines[++i]!.trimStart();
    logical.push(line);
  }
  const keys = new Map<string, Map<string, RegValue>>();
  const deleted: string[] = [];
  let current: Map<string, RegValue> | null = null;
  for (const line of logical) {
    if (line === '' || line.startsWith(';')) continue;
    if (line.startsWith('[-')) {
      deleted.push(line.slice(2, -1));
      current = null;
    } else if (line.startsWith('[')) {
      current = new Map();
      keys.set(line.slice(1, -1), current);
    } else {
      if (!current) throw new Error(`value outside a key: ${line}`);
      const { value: name, rest } = unquote(line);
      expect(rest[0]).toBe('=');
      const data = rest.slice(1);
      if (data.startsWith('dword:')) {
        expect(data).toMatch(/^dword:[0-9a-f]{8}$/);
        current.set(name, parseInt(data.slice(6), 16));
      } else if (data.startsWith('hex(1):')) {
        const bytes = Buffer.from(data.slice(7).split(',').map((byte) => parseInt(byte, 16)));
        const text = bytes.toString('utf16le');
        expect(text.endsWith('\0')).toBe(true);
        current.set(name, text.slice(0, -1));
      } else {
        const { value, rest: after } = unquote(data);
        expect(after).toBe('');
        current.set(name, value);
      }
    }
  }
  return { keys, deleted };
}

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}

/** registry_dict.cc ConvertRegistryValue: registry data to the type the schema asks for, or dropped. */
function convertValue(value: RegValue, schema: Schema | undefined): unknown {
  if (!schema?.type) return value;
  if (schema.type === 'boolean') return typeof value === 'number' ? value !== 0 : /^-?\d+$/.test(value) ? Number(value) !== 0 : undefined;
  if (schema.type === 'integer') return typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : undefined;
  if (schema.type === 'string') return typeof value === 'string' ? value : undefined;
  if (schema.type === 'array' || schema.type === 'object') {
    if (typeof value !== 'string') return undefined;
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) === (schema.type === 'array') ? parsed : undefined;
  }
  return undefined;
}

const byRegistryName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
const isNumerical = (name: string): boolean => /^[-+]?\d+$/.test(name);

/** registry_dict.cc RegistryDict::ConvertToJSON: subkeys are objects, or lists of values named 1, 2, … */
function registryToJson(reg: RegFile, path: string, schema: Schema | undefined): unknown {
  const values = [...(reg.keys.get(path) ?? new Map<string, RegValue>())].sort(([a], [b]) => byRegistryName(a, b));
  const subkeys = [...reg.keys.keys()]
    .filter((key) => key.startsWith(`${path}\\`) && !key.slice(path.length + 1).includes('\\'))
    .map((key) => key.slice(path.length + 1))
    .sort(byRegistryName);
  if (schema?.type === 'array') {
    return [
      ...subkeys.filter(isNumerical).map((name) => registryToJson(reg, `${path}\\${name}`, schema.items)),
      ...values.filter(([name]) => isNumerical(name)).map(([, value]) => convertValue(value, schema.items)),
    ].filter((item) => item !== undefined);
  }
  const result: Record<string, unknown> = {};
  for (const [name, value] of values) {
    const converted = convertValue(value, schema?.properties?.[name]);
    if (converted !== undefined) result[name] = converted;
  }
  for (const name of subkeys) result[name] = registryToJson(reg, `${path}\\${name}`, schema?.properties?.[name]);
  return result;
}

// --- configurations -------------------------------------------------------------------------------

/** Every setting in both sections, with values that stress each format's escaping. */
function everySetting(): Configuration {
  const configuration: Configuration = { enforced: {}, defaults: {} };
  SECTIONS.forEach((section, variant) => {
    const target = configuration[section] as Record<string, unknown>;
    for (const key of SETTING_KEYS) {
      const kind = settingKind(key);
      switch (kind.kind) {
        case 'boolean':
          target[key] = variant === 0;
          break;
        case 'integer':
          target[key] = variant === 0 ? kind.min : kind.max;
          break;
        case 'enum':
          target[key] = kind.options[(variant + 1) % kind.options.length];
          break;
        case 'string':
          target[key] = variant === 0 ? 'https://schule.example/hilfe?a="1"&b=<2>\\x' : '';
          break;
        case 'list':
          target[key] = ['jitsi.schule.example', 'meet.schule.example'];
          break;
        case 'perLanguage':
          target[key] = Object.fromEntries(
            kind.languages.map((language, index) => [language, index === 0 ? 'Zeile 1: „Grüße“ & <Regeln>\nZeile 2: \\ "zitiert" \'x\'' : index === 1 ? 'plain ASCII "quoted" \\ back' : '']),
          );
          break;
      }
    }
  });
  return configuration;
}

const expectAccepted = (configuration: unknown): void => {
  const parsed = parsePolicy(configuration);
  expect(parsed.problems).toEqual([]);
  expect(Object.keys(parsed.enforced).length + Object.keys(parsed.defaults).length).toBeGreaterThan(0);
};

const kitFor = (configuration: Configuration) => generateKit({ host: 'jitsi.schule.example', chromeId: CHROME_ID, edgeId: EDGE_ID }, configuration);

const KITS: [string, Map<string, string>, Configuration][] = [
  ['shipped example', shippedKit(), exampleConfiguration('school', EXAMPLE_HOST)],
  ['state example with ids', generateKit({ host: 'jitsi.landesschule.example', chromeId: CHROME_ID, example: 'state' }), exampleConfiguration('state', 'jitsi.landesschule.example')],
  ['every setting', kitFor(everySetting()), everySetting()],
];

const file = (kit: Map<string, string>, path: string): string => {
  const text = kit.get(path);
  if (text === undefined) throw new Error(`the kit has no ${path}`);
  return text;
};

// ---------------------------------------------------------------------------------------------------

describe('admin kit: shipped files', () => {
  it('docs/admin/generated is exactly what the generator writes (npm run generate rewrites it)', () => {
    const kit = shippedKit();
    const shipped = (readdirSync(GENERATED, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
      .filter((entry) => entry.isFile() && entry.name !== '.gitattributes')
      .map((entry) => relative(GENERATED, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .sort();
    expect(shipped).toEqual([...kit.keys()].sort());
    for (const [path, content] of kit) expect(readFileSync(join(GENERATED, path), 'utf8'), path).toBe(content);
  });

  it('the guides name every shipped file', () => {
    for (const guide of ['docs/admin/README.md', 'docs/admin/README.de.md']) {
      const text = readFileSync(guide, 'utf8');
      for (const path of shippedKit().keys()) expect(text, `${guide} mentions ${path}`).toContain(path);
      expect(text).toMatch(/^## (Deploy|Verteilen)/m);
    }
  });
});

describe('admin kit: example configurations', () => {
  it.each(['school', 'state'] as const)('the %s example passes parsePolicy with no problem, for any valid host', (kind) => {
    for (const host of [EXAMPLE_HOST, EXAMPLE_STATE_HOST, 'meet.gymnasium-nord.example']) {
      const configuration = exampleConfiguration(kind, host);
      expectAccepted(configuration);
      expect(configuration.enforced.hosts).toEqual([host]);
    }
  });

  it('the state example is the stricter one: strong leave guard, remove everyone, no lesson log, all enforced', () => {
    const { enforced } = exampleConfiguration('state', EXAMPLE_STATE_HOST);
    expect(enforced).toMatchObject({ leaveGuard: 'strong', endLessonMode: 'remove-everyone', lessonLog: false, autoLobby: true, autoPassword: true });
    expect(exampleConfiguration('school', EXAMPLE_HOST).enforced).toMatchObject({ autoLobby: true, autoPassword: true, leaveGuard: 'strong' });
  });

  it('the configuration used to stress the formats is itself valid and sets every setting in both sections', () => {
    const configuration = everySetting();
    expectAccepted(configuration);
    for (const section of SECTIONS) expect(Object.keys(configuration[section]).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('refuses to write a configuration the extension would ignore', () => {
    expect(() => kitFor({ enforced: { leaveGuard: 'shout' as never }, defaults: {} })).toThrow(/enforced.leaveGuard \(out-of-range\)/);
  });
});

describe.each(KITS)('admin kit: JSON files (%s)', (_name, kit, configuration) => {
  const idIn = (text: string): string => (text.includes(CHROME_ID) ? CHROME_ID : EXTENSION_ID_PLACEHOLDER);

  it('every JSON file parses', () => {
    const jsonFiles = [...kit.keys()].filter((path) => path.endsWith('.json'));
    expect(jsonFiles.length).toBeGreaterThanOrEqual(6);
    for (const path of jsonFiles) expect(() => JSON.parse(file(kit, path)), path).not.toThrow();
  });

  it('configuration.json is the configuration', () => {
    expect(JSON.parse(file(kit, 'configuration.json'))).toEqual(configuration);
    expectAccepted(JSON.parse(file(kit, 'configuration.json')));
  });

  it('Chrome, Chromium and Edge on Linux: ExtensionSettings force-installs, 3rdparty carries the configuration', () => {
    for (const browser of ['chrome', 'chromium', 'edge']) {
      const text = file(kit, `linux/${browser}/jitsi-moderator-companion.json`);
      const policy = JSON.parse(text);
      const id = browser === 'edge' && text.includes(EDGE_ID) ? EDGE_ID : idIn(text);
      expect(Object.keys(policy).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
      expect(policy.ExtensionSettings[id]).toMatchObject({ installation_mode: 'force_installed' });
      expect(policy.ExtensionSettings[id][browser === 'edge' ? 'toolbar_state' : 'toolbar_pin']).toBe(browser === 'edge' ? 'force_shown' : 'force_pinned');
      expect(policy['3rdparty'].extensions[id]).toEqual(configuration);
      expectAccepted(policy['3rdparty'].extensions[id]);
    }
  });

  it('Google Admin console: each section wrapped as { "Value": … }', () => {
    const upload = JSON.parse(file(kit, 'google-admin/policy-for-extensions.json')) as Record<string, { Value: unknown }>;
    for (const entry of Object.values(upload)) expect(Object.keys(entry)).toEqual(['Value']);
    const unwrapped = Object.fromEntries(Object.entries(upload).map(([section, entry]) => [section, entry.Value]));
    expectAccepted(unwrapped);
    expect(parsePolicy(unwrapped)).toEqual(parsePolicy(configuration));
  });

  it('Firefox policies.json: force-install by gecko id, 3rdparty.Extensions carries the configuration', () => {
    const { policies } = JSON.parse(file(kit, 'firefox/policies.json'));
    expect(policies.ExtensionSettings[MANAGED_GECKO_ID]).toEqual({ installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/.+\.xpi$/), default_area: 'navbar' });
    expect(policies['3rdparty'].Extensions[MANAGED_GECKO_ID]).toEqual(configuration);
    expectAccepted(policies['3rdparty'].Extensions[MANAGED_GECKO_ID]);
  });
});

describe('admin kit: updates from a school\'s own server', () => {
  const configuration = exampleConfiguration('school', EXAMPLE_HOST);
  it('a self-hosted update URL overrides the manifest\'s for every later update (override_update_url)', () => {
    for (const browser of ['chrome', 'edge'] as const) {
      expect(extensionSettingsEntry(browser, 'https://school.example/jmc/updates.xml', configuration)).toMatchObject({
        update_url: 'https://school.example/jmc/updates.xml',
        override_update_url: true,
      });
    }
  });
  it('the stores\' own update URLs need no override', () => {
    expect(extensionSettingsEntry('chrome', CHROME_WEB_STORE_UPDATE_URL, configuration)).not.toHaveProperty('override_update_url');
    expect(extensionSettingsEntry('edge', EDGE_ADDONS_UPDATE_URL, configuration)).not.toHaveProperty('override_update_url');
  });
});

describe('admin kit: the state-server configuration shipped next to the kit', () => {
  it('passes parsePolicy with no problem', () => {
    const state = JSON.parse(file(shippedKit(), 'configuration.state.json'));
    expectAccepted(state);
    expect(state).toEqual(exampleConfiguration('state', EXAMPLE_STATE_HOST));
  });
});

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

describe.each(KITS)('admin kit: macOS profile (%s)', (_name, kit, configuration) => {
  it('is a well-formed plist: ExtensionSettings in the browser domain, the configuration in <domain>.extensions.<id>', () => {
    const text = file(kit, 'macos/jitsi-moderator-companion.mobileconfig');
    const profile = plistToJs(parseXml(text)) as { PayloadType: string; PayloadUUID: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const types = profile.PayloadContent.map((payload) => payload.PayloadType as string);
    const chromeId = text.includes(CHROME_ID) ? CHROME_ID : EXTENSION_ID_PLACEHOLDER;
    const edgeId = text.includes(EDGE_ID) ? EDGE_ID : chromeId;
    expect(types).toEqual(['com.google.Chrome', `com.google.Chrome.extensions.${chromeId}`, 'com.microsoft.Edge', `com.microsoft.Edge.extensions.${edgeId}`]);
    const uuids = [profile.PayloadUUID, ...profile.PayloadContent.map((payload) => payload.PayloadUUID)];
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
    const [chrome, chromeExtension, edge, edgeExtension] = profile.PayloadContent as Record<string, Record<string, Record<string, string>>>[];
    expect(chrome!.ExtensionSettings![chromeId]).toMatchObject({ installation_mode: 'force_installed', toolbar_pin: 'force_pinned' });
    expect(edge!.ExtensionSettings![edgeId]).toMatchObject({ installation_mode: 'force_installed', toolbar_state: 'force_shown' });
    for (const payload of [chromeExtension!, edgeExtension!]) {
      const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
      expect(settings).toEqual(configuration);
      expectAccepted(settings);
    }
  });
});

describe('admin kit: settings tables and German titles', () => {
  it('every setting has a German title (a new setting without one fails here)', () => {
    expect(missingGermanTitles()).toEqual([]);
    expect(missingDutchTitles()).toEqual([]);
    expect(missingGermanTitles([...SETTING_KEYS, 'someNewSetting'])).toEqual(['someNewSetting']);
  });

  it('settings.md and settings.de.md have a row for every setting, with its title in that language', () => {
    const kit = shippedKit();
    for (const key of SETTING_KEYS) {
      expect(file(kit, 'settings.md')).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
      expect(file(kit, 'settings.de.md')).toMatch(new RegExp(`^\\| \`${key}\` \\|.*${GERMAN_TITLES[key]!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
  });
});

describe('admin kit: command line', () => {
  const inputFiles = new Map([
    ['ours.json', JSON.stringify({ enforced: { autoLobby: true, hosts: ['jitsi.unsere-schule.example'] }, defaults: { lessonLogDays: 7 } })],
    ['broken.json', '{ "enforced": { "autoLobby": true, } '],
    ['wrong.json', JSON.stringify({ enforced: { autoLobby: 'yes', leaveGuard: 'shout' }, extra: {} })],
  ]);
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const written = new Map<string, string>();
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: (path) => {
        const content = inputFiles.get(path);
        if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return content;
      },
      writeFile: (path, content) => written.set(path, content),
    };
    const code = runCli(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n'), written };
  };

  it.each([
    [['--chrome-id', CHROME_ID], /--host is missing/],
    [['--host', 'https://jitsi.schule.example/'], /give the host name only, without https:\/\//],
    [['--host', 'jitsi_schule.example'], /not a host name/],
    [['--host', 'localhost'], /not a host name/],
    [['--host', '192.168.1.10'], /not a host name.*not an IP address/],
    [['--host', `${'a'.repeat(64)}.example`], /not a host name/],
    [['--host', 'jitsi.schule.example', '--chrome-id', 'ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP'], /--chrome-id "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP": a Chrome\/Edge extension id is 32 letters from a to p/],
    [['--host', 'jitsi.schule.example', '--chrome-id', 'abcdefghijklmnopqrstuvwxyzabcdef'], /--chrome-id .* 32 letters from a to p/],
    [['--host', 'jitsi.schule.example', '--edge-id', 'abc'], /--edge-id "abc": a Chrome\/Edge extension id is 32 letters/],
    [['--host', 'jitsi.schule.example', '--firefox-install-url', 'http://schule.example/x.xpi'], /--firefox-install-url .*must be an https:\/\/ address/],
    [['--host', 'jitsi.schule.example', '--firefox-id', 'not an id'], /--firefox-id "not an id": an add-on id looks like/],
    [['--host', 'jitsi.schule.example', '--example', 'district'], /--example "district": choose school or state/],
    [['--host', 'jitsi.schule.example', '--colour', 'red'], /Unknown option '--colour'/],
    [['--host', 'jitsi.schule.example', '--config', 'missing.json'], /--config missing.json: cannot read it as JSON \(ENOENT/],
    [['--host', 'jitsi.schule.example', '--config', 'broken.json'], /--config broken.json: cannot read it as JSON/],
    [['--host', 'jitsi.schule.example', '--config', 'wrong.json'], /extra: not a setting[\s\S]*enforced.autoLobby: wrong kind of value[\s\S]*enforced.leaveGuard: value not allowed/],
  ])('rejects %j with a clear message and writes nothing', (argv, message) => {
    const { code, err, written } = run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(written.size).toBe(0);
  });

  it('--check lists every value the extension would ignore, with what is allowed and what the browser does', () => {
    inputFiles.set(
      'chromium.json',
      JSON.stringify({
        ExtensionSettings: {},
        '3rdparty': { extensions: { [CHROME_ID]: { enforced: { autoLobby: true, passwordLength: 8, autoPassword: 'yes' }, defaults: { autoLoby: true } } } },
      }),
    );
    inputFiles.set('policies.json', JSON.stringify({ policies: { '3rdparty': { Extensions: { 'jmc@example.org': { defaults: { leaveGuard: 'Strong' } } } } } }));
    const chromium = run('--check', 'chromium.json');
    expect(chromium.code).toBe(1);
    expect(chromium.written.size).toBe(0);
    const lines = chromium.err.split('\n');
    expect(lines).toContain(`chromium.json: 3rdparty.extensions.${CHROME_ID}.enforced.passwordLength = 8: value not allowed (see settings.md); allowed: a whole number from 10 to 64 (ignored, the built-in default applies; the options page lists it)`);
    expect(chromium.err).toMatch(/enforced\.autoPassword = "yes": wrong kind of value.*allowed: true or false \(Chrome and Edge drop the whole "enforced" group/);
    expect(chromium.err).toMatch(/defaults\.autoLoby: not a setting.*drop it without a word/);
    expect(chromium.err).toContain('chrome://policy');
    const firefox = run('--check', 'policies.json');
    expect(firefox.code).toBe(1);
    expect(firefox.err).toContain('policies.3rdparty.Extensions.jmc@example.org.defaults.leaveGuard = "Strong": value not allowed (see settings.md); allowed: one of "warn", "strong"');
    const fine = run('--check', 'ours.json');
    expect(fine).toMatchObject({ code: 0, err: '' });
    expect(fine.out).toBe('ours.json: OK (2 enforced, 1 defaults)');
    expect(run('--check', 'broken.json')).toMatchObject({ code: 1, err: expect.stringMatching(/broken.json: not JSON/) });
    expect(run('--check', 'missing.json')).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read it/) });
    // The shipped examples pass.
    for (const [path, content] of shippedKit()) if (path.endsWith('.json')) expect(checkPolicyText(content, path), path).toMatchObject({ ok: true });
  });

  it('writes the whole kit to --out, for the ids given', () => {
    const { code, out, written } = run('--host', 'Jitsi.Schule.example', '--chrome-id', CHROME_ID, '--edge-id', EDGE_ID, '--out', '/tmp/kit');
    expect(code).toBe(0);
    const expected = generateKit({ host: 'jitsi.schule.example', chromeId: CHROME_ID, edgeId: EDGE_ID });
    expect([...written.keys()]).toEqual([...expected.keys()].map((path) => join('/tmp/kit', path)));
    for (const [path, content] of expected) expect(written.get(join('/tmp/kit', path))).toBe(content);
    expect(out).toContain('wrote 19 files for jitsi.schule.example');
    expect(out).not.toContain(EXTENSION_ID_PLACEHOLDER);
    const edge = JSON.parse(written.get(join('/tmp/kit', 'linux/edge/jitsi-moderator-companion.json'))!);
    expect(edge.ExtensionSettings[EDGE_ID].update_url).toBe(EDGE_ADDONS_UPDATE_URL);
    const chrome = JSON.parse(written.get(join('/tmp/kit', 'linux/chrome/jitsi-moderator-companion.json'))!);
    expect(chrome.ExtensionSettings[CHROME_ID].update_url).toBe(CHROME_WEB_STORE_UPDATE_URL);
  });

  it('--config: writes the school’s own configuration into every file', () => {
    const { code, written } = run('--host', 'jitsi.unsere-schule.example', '--chrome-id', CHROME_ID, '--config', 'ours.json', '--out', 'kit');
    expect(code).toBe(0);
    const ours = JSON.parse(inputFiles.get('ours.json')!);
    expect(JSON.parse(written.get(join('kit', 'configuration.json'))!)).toEqual(ours);
    expect(JSON.parse(written.get(join('kit', 'firefox/policies.json'))!).policies['3rdparty'].Extensions[MANAGED_GECKO_ID]).toEqual(ours);
    expect(written.get(join('kit', 'windows/chrome.reg'))).toContain('"lessonLogDays"=dword:00000007');
  });

  it('without ids, writes the placeholder to the default folder and says so', () => {
    const { code, out, written } = run('--host', 'jitsi.landesschule.example', '--example', 'state');
    expect(code).toBe(0);
    expect([...written.keys()].every((path) => path.startsWith(join('docs/admin/generated')))).toBe(true);
    expect(out).toContain(`the Chrome/Edge files say ${EXTENSION_ID_PLACEHOLDER}`);
    expect(out).toContain('https://landesschule.example/jitsi-moderator-companion.xpi');
    expect(JSON.parse(written.get(join(GENERATED, 'configuration.json'))!)).toEqual(exampleConfiguration('state', 'jitsi.landesschule.example'));
  });
});
