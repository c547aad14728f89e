// Windows registry (.reg) for Chrome and Edge.
import { SETTING_KEYS } from '../../src/core/settings.ts';
import { type Chromium, CHROMIUM_BROWSERS, type Configuration, extensionSettingsEntry, idAndUrl, type ResolvedInput, SECTIONS } from './shared.ts';

// Windows registry (.reg)
//
// Chromium reads 3rdparty policy from …\3rdparty\extensions\<id>\policy and converts it with the
// extension's schema (components/policy/core/common/registry_dict.cc, ConvertToJSON): a subkey is an
// object, a subkey of values named 1, 2, … is a list, REG_DWORD becomes a boolean (≠ 0) or an integer.

export type RegistryData = { type: 'dword'; value: number } | { type: 'sz'; value: string };
export interface RegistryKey {
  /** Below HKEY_LOCAL_MACHINE. */
  path: string;
  values: [name: string, data: RegistryData][];
}

/** The configuration as registry keys below `root` (…\policy): values first, then a subkey per list or text set. */
export function registryKeys(root: string, configuration: Configuration): RegistryKey[] {
  const keys: RegistryKey[] = [];
  for (const section of SECTIONS) {
    const sectionKey: RegistryKey = { path: `${root}\\${section}`, values: [] };
    const subkeys: RegistryKey[] = [];
    for (const key of SETTING_KEYS) {
      const value = configuration[section][key];
      if (value === undefined) continue;
      const where = `${section}.${key}`;
      if (typeof value === 'boolean') sectionKey.values.push([key, { type: 'dword', value: value ? 1 : 0 }]);
      else if (typeof value === 'number') {
        if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new Error(`${where}: only whole numbers 0–4294967295 fit a REG_DWORD`);
        sectionKey.values.push([key, { type: 'dword', value }]);
      } else if (typeof value === 'string') sectionKey.values.push([key, { type: 'sz', value }]);
      else if (Array.isArray(value)) {
        subkeys.push({ path: `${sectionKey.path}\\${key}`, values: value.map((item, index) => [String(index + 1), { type: 'sz', value: stringItem(item, where) }]) });
      } else if (typeof value === 'object' && value !== null) {
        subkeys.push({ path: `${sectionKey.path}\\${key}`, values: Object.entries(value).map(([name, item]) => [name, { type: 'sz', value: stringItem(item, where) }]) });
      } else throw new Error(`${where}: cannot write ${typeof value} to the registry`);
    }
    if (sectionKey.values.length || subkeys.length) keys.push(sectionKey, ...subkeys);
  }
  return keys;
}

function stringItem(item: unknown, where: string): string {
  if (typeof item !== 'string') throw new Error(`${where}: only strings fit in a list or text set in the registry`);
  return item;
}

export const CRLF = '\r\n';

/**
 * One value line of a .reg file. Printable ASCII is written as a quoted string (backslash and quote
 * escaped); anything else (line breaks, umlauts) as hex(1): the REG_SZ bytes in UTF-16LE with the
 * closing NUL, so the file stays ASCII and imports the same whatever code page regedit assumes.
 */
export function regValueLine(name: string, data: RegistryData): string {
  const quotedName = regQuoted(name);
  if (data.type === 'dword') return `${quotedName}=dword:${data.value.toString(16).padStart(8, '0')}`;
  if (/^[\x20-\x7e]*$/.test(data.value)) return `${quotedName}=${regQuoted(data.value)}`;
  // A readable copy above the bytes, for whoever reviews the file.
  const readable = JSON.stringify(data.value).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `; ${name} = ${readable}${CRLF}${regHexLines(`${quotedName}=hex(1):`, [...Buffer.from(`${data.value}\0`, 'utf16le')])}`;
}

function regQuoted(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`registry name "${text}" must be printable ASCII`);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Bytes as regedit exports them: comma-separated hex, lines of at most 80 characters joined by ",\". */
function regHexLines(prefix: string, bytes: number[]): string {
  const lines: string[] = [];
  let line = prefix;
  let bytesOnLine = 0;
  bytes.forEach((byte, index) => {
    const piece = byte.toString(16).padStart(2, '0') + (index < bytes.length - 1 ? ',' : '');
    if (bytesOnLine > 0 && line.length + piece.length > 77) {
      lines.push(`${line}\\`);
      line = '  ';
      bytesOnLine = 0;
    }
    line += piece;
    bytesOnLine += 1;
  });
  lines.push(line);
  return lines.join(CRLF);
}

/** .reg for one browser: ExtensionSettings (force-install) and the companion's whole configuration. */
export function windowsRegistry(input: ResolvedInput, browser: Chromium, configuration: Configuration): string {
  const { id, updateUrl } = idAndUrl(input, browser);
  const { name, policyKey } = CHROMIUM_BROWSERS[browser];
  const extensionKey = `${policyKey}\\3rdparty\\extensions\\${id}`;
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; Jitsi Moderator Companion for ${name}: force-install, and the school's configuration.`,
    '; Generated by "npm run admin-kit" from src/core/settings.ts. Generate it again rather than edit it.',
    '; ExtensionSettings replaces any value already there: if you set it for other extensions, add this',
    '; entry to your own value instead. The extension key is deleted first, so no old setting stays behind.',
    '',
    `[HKEY_LOCAL_MACHINE\\${policyKey}]`,
    regValueLine('ExtensionSettings', { type: 'sz', value: JSON.stringify({ [id]: extensionSettingsEntry(browser, updateUrl, configuration) }) }),
    '',
    `[-HKEY_LOCAL_MACHINE\\${extensionKey}]`,
  ];
  for (const key of registryKeys(`${extensionKey}\\policy`, configuration)) {
    lines.push('', `[HKEY_LOCAL_MACHINE\\${key.path}]`, ...key.values.map(([valueName, data]) => regValueLine(valueName, data)));
  }
  return `${lines.join(CRLF)}${CRLF}`;
}
