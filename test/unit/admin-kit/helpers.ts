// Readers and configurations the admin kit's tests share: a strict XML parser (sax) and a plist reader, a
// .reg reader with Chromium's conversion of what it reads, and kits that stress every format.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { parsePolicy, SETTING_KEYS } from '../../../src/core/settings.ts';
import { type Configuration, EXAMPLE_HOST, exampleConfiguration, generateKit, SECTIONS, settingKind, shippedKit } from '../../../scripts/admin-kit/index.ts';

export const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EDGE_ID = 'ponmlkjihgfedcbaponmlkjihgfedcba';
export const GENERATED = 'docs/admin/generated';

// --- sax (strict) for well-formedness; it ships no types, so the few calls used are typed here -------
export interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}
export interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
}
export const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export function parseXml(source: string): XmlNode {
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

export const all = (node: XmlNode, name: string): XmlNode[] => [...(node.name === name ? [node] : []), ...node.children.flatMap((child) => all(child, name))];
export const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);

export function plistToJs(node: XmlNode): unknown {
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
export type RegValue = number | string;
export interface RegFile {
  keys: Map<string, Map<string, RegValue>>;
  deleted: string[];
}

export function unquote(text: string): { value: string; rest: string } {
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

export function parseReg(source: string): RegFile {
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

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}

/** registry_dict.cc ConvertRegistryValue: registry data to the type the schema asks for, or dropped. */
export function convertValue(value: RegValue, schema: Schema | undefined): unknown {
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

export const byRegistryName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
export const isNumerical = (name: string): boolean => /^[-+]?\d+$/.test(name);

/** registry_dict.cc RegistryDict::ConvertToJSON: subkeys are objects, or lists of values named 1, 2, … */
export function registryToJson(reg: RegFile, path: string, schema: Schema | undefined): unknown {
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
export function everySetting(): Configuration {
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

export const expectAccepted = (configuration: unknown): void => {
  const parsed = parsePolicy(configuration);
  expect(parsed.problems).toEqual([]);
  expect(Object.keys(parsed.enforced).length + Object.keys(parsed.defaults).length).toBeGreaterThan(0);
};

export const kitFor = (configuration: Configuration) => generateKit({ host: 'jitsi.schule.example', chromeId: CHROME_ID, edgeId: EDGE_ID }, configuration);

export const KITS: [string, Map<string, string>, Configuration][] = [
  ['shipped example', shippedKit(), exampleConfiguration('school', EXAMPLE_HOST)],
  ['state example with ids', generateKit({ host: 'jitsi.landesschule.example', chromeId: CHROME_ID, example: 'state' }), exampleConfiguration('state', 'jitsi.landesschule.example')],
  ['every setting', kitFor(everySetting()), everySetting()],
];

export const file = (kit: Map<string, string>, path: string): string => {
  const text = kit.get(path);
  if (text === undefined) throw new Error(`the kit has no ${path}`);
  return text;
};
