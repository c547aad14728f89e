// The admin kit: every file a school's IT needs to force-install the companion and configure it by
// policy, generated from the settings model (src/core/settings.ts), so no template can drift from it.
//   npm run admin-kit -- --host jitsi.schule.example --chrome-id <32 letters a–p> [--edge-id …] [--out dir]
// The generators are pure (configuration in, file text out); runCli() at the end is the only part that
// touches the file system. docs/admin/README.md says where each file goes and cites the browser sources
// the formats follow; test/unit/admin-kit.test.ts checks every file against parsePolicy.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { allowedText, hostPattern, parsePolicy, type Problem, SETTING_KEYS, SETTINGS, type SettingKey, type Settings } from '../src/core/settings.ts';
import { SETTING_TITLES } from '../src/core/setting-titles.ts';
import { CHROME_MIN_VERSION, isGeckoId, MANAGED_GECKO_ID } from './manifest-variants.ts';

/** What the school's policy holds: the two sections the extension reads (src/core/settings.ts). */
export interface Configuration {
  enforced: Partial<Settings>;
  defaults: Partial<Settings>;
}
export type Section = keyof Configuration;
export const SECTIONS: readonly Section[] = ['enforced', 'defaults'];

export type ExampleKind = 'school' | 'state';

export interface KitInput {
  /** The Jitsi server's host name, e.g. "jitsi.schule.example". */
  host: string;
  /** Chrome/Edge extension id: the store listing's, or the one the school's own CRX key gives. */
  chromeId: string;
  /** Edge Add-ons id; without it Edge installs the Chrome build (same id, same update URL). */
  edgeId?: string;
  chromeUpdateUrl?: string;
  edgeUpdateUrl?: string;
  /** Default: https://<the school's web server, host minus its first label>/jitsi-moderator-companion.xpi */
  firefoxInstallUrl?: string;
  /** The managed Firefox package's add-on id: the project's signed one, or the school's own. */
  firefoxId?: string;
  /** Which example configuration: a school's own server (default) or a state-run service. */
  example?: ExampleKind;
}

/** Stands in for the Chrome/Edge id until it is known (store listing or the school's own CRX key). */
export const EXTENSION_ID_PLACEHOLDER = 'REPLACE-WITH-EXTENSION-ID';
export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';
export const EDGE_ADDONS_UPDATE_URL = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';
export const XPI_FILE_NAME = 'jitsi-moderator-companion.xpi';
export const DEFAULT_OUT_DIR = 'docs/admin/generated';
/** The hosts the shipped examples are generated for. */
export const EXAMPLE_HOST = 'jitsi.schule.example';
export const EXAMPLE_STATE_HOST = 'jitsi.landesschule.example';

/** Longest text a per-language setting accepts, and a URL setting (the checks in src/core/settings.ts). */
export const MAX_TEXT_LENGTH = 4_000;
export const MAX_URL_LENGTH = 2_000;

/** German one-liners next to SETTINGS' English titles (settings.de.md, the de-DE ADML). Every key needs one. */
export const GERMAN_TITLES: { [K in SettingKey]?: string } = {
  hosts: 'Jitsi-Server, auf denen der Companion läuft (Hostnamen, z. B. „jitsi.schule.example“), zusätzlich zu meet.jit.si und 8x8.vc',
  autoLobby: 'Lobby aktivieren, sobald die Lehrkraft Moderationsrechte erhält',
  autoPassword: 'Zufälliges Raumpasswort setzen, sobald die Lehrkraft Moderationsrechte erhält',
  passwordLength: 'Länge erzeugter Raumpasswörter in Zeichen (10–64; bei „words“ mindestens so lang, mindestens 4 Wörter)',
  passwordStyle: 'Art erzeugter Raumpasswörter: „mixed“ (Buchstaben, Ziffern, Zeichen), „digits“ (nur Ziffern) oder „words“ (einfache Wörter in der Sprache der Lehrkraft)',
  roomPassword: 'Raumpasswort: „optional“ (Lobby allein genügt, „bei Bedarf“), „recommended“ (ohne Passwort ein Hinweis) oder „required“ (ohne Passwort ein Regelverstoß)',
  leaveGuard: 'Klasse allein lassen: „warn“ (Warnung) oder „strong“ (die Lehrkraft gibt einen Grund ein)',
  endLessonMode: 'Unterrichtsende: „auto“ (für alle beenden, wo der Server es kann) oder „remove-everyone“ (alle entfernen)',
  autoStartMuted: 'Alle starten stummgeschaltet und ohne Kamera, sobald die Lehrkraft Moderationsrechte erhält',
  recordingReminder: 'Die Lehrkraft erinnern, eine Aufnahme anzukündigen',
  rulesText: 'Verhaltensregeln der Schule, je Sprache (de, nl, en); eine Regel pro Zeile',
  recordingRuleText: 'Regel der Schule vor einer Aufnahme, je Sprache (de, nl, en), z. B. „vorher mit der Schulleitung absprechen“: die Checkliste fragt dann, ob eine geplant ist',
  helpUrl: 'Hilfe-Link (https) im Popup und auf der Einstellungsseite',
  noticeText: 'Hinweis im Popup, je Sprache (z. B. die erlaubte Nutzung des Dienstes)',
  lessonLog: 'Das lokale Unterrichtsprotokoll führen',
  lessonLogDetail: 'Was das Unterrichtsprotokoll festhält: „full“ (auch Jitsi-Server und Raumname sowie eine beim Alleinlassen der Klasse getippte Begründung) oder „counts“ (nur Zeiten, Zahlen und ja/nein)',
  lessonLogDays: 'Tage, die das Unterrichtsprotokoll aufbewahrt wird (1–365)',
  uiLanguage: 'Sprache des Companion: „auto“ (die des Browsers) oder de, nl, en',
};

/** Dutch one-liners next to SETTINGS' English titles (the nl-NL ADML). Every key needs one. */
export const DUTCH_TITLES: { [K in SettingKey]?: string } = {
  hosts: 'Jitsi-servers waarop de Companion werkt (hostnamen, bijv. "jitsi.school.example"), naast meet.jit.si en 8x8.vc',
  autoLobby: 'Wachtruimte inschakelen zodra de docent moderator is',
  autoPassword: 'Een willekeurig wachtwoord voor de ruimte instellen zodra de docent moderator is',
  passwordLength: 'Lengte van gemaakte wachtwoorden in tekens (10–64; bij "words" minstens zo lang, minstens 4 woorden)',
  passwordStyle: 'Soort gemaakte wachtwoorden: "mixed" (letters, cijfers, tekens), "digits" (alleen cijfers) of "words" (eenvoudige woorden in de taal van de docent)',
  roomPassword: 'Wachtwoord voor de ruimte: "optional" (alleen de wachtruimte is in orde), "recommended" (zonder wachtwoord een aandachtspunt) of "required" (zonder wachtwoord een overtreding)',
  leaveGuard: 'De klas alleen laten: "warn" (waarschuwing) of "strong" (de docent geeft een reden op)',
  endLessonMode: 'Einde van de les: "auto" (voor iedereen beëindigen waar de server dat kan) of "remove-everyone" (iedereen verwijderen)',
  autoStartMuted: 'Iedereen begint gedempt en zonder camera zodra de docent moderator is',
  recordingReminder: 'De docent eraan herinneren een opname aan te kondigen',
  rulesText: 'Gedragsregels van de school, per taal (de, nl, en); één regel per lijn',
  recordingRuleText: 'Regel van de school vóór een opname, per taal (de, nl, en), bijv. "eerst met de schoolleiding afstemmen": de checklist vraagt dan of er een gepland is',
  helpUrl: 'Hulplink (https) in de pop-up en op de instellingenpagina',
  noticeText: 'Mededeling in de pop-up, per taal (bijv. het toegestane gebruik van de dienst)',
  lessonLog: 'Het lokale lessenlogboek bijhouden',
  lessonLogDetail: 'Wat het lessenlogboek bewaart: "full" (ook de Jitsi-server en de naam van de ruimte, en een getypte reden om de klas alleen te laten) of "counts" (alleen tijden, aantallen en ja/nee)',
  lessonLogDays: 'Dagen dat het lessenlogboek bewaard wordt (1–365)',
  uiLanguage: 'Taal van de Companion: "auto" (die van de browser) of de, nl, en',
};

/** Setting keys without a Dutch title (the unit test keeps this empty). */
export function missingDutchTitles(keys: readonly string[] = SETTING_KEYS): string[] {
  return keys.filter((key) => !(DUTCH_TITLES as Record<string, string | undefined>)[key]?.trim());
}

/** Setting keys without a German title (the unit test keeps this empty). */
export function missingGermanTitles(keys: readonly string[] = SETTING_KEYS): string[] {
  return keys.filter((key) => !(GERMAN_TITLES as Record<string, string | undefined>)[key]?.trim());
}

// ---------------------------------------------------------------------------------------------------
// Input

export interface ResolvedInput {
  host: string;
  chromeId: string;
  edgeId: string;
  chromeUpdateUrl: string;
  edgeUpdateUrl: string;
  firefoxInstallUrl: string;
  firefoxId: string;
  example: ExampleKind;
}

/** "jitsi.schule.example" → "schule.example": where a school keeps its web pages and the XPI. */
export function schoolWebServer(host: string): string {
  const labels = host.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : host;
}

export function resolveInput(input: KitInput): ResolvedInput {
  const chromeUpdateUrl = input.chromeUpdateUrl ?? CHROME_WEB_STORE_UPDATE_URL;
  return {
    host: input.host.toLowerCase(),
    chromeId: input.chromeId,
    edgeId: input.edgeId ?? input.chromeId,
    chromeUpdateUrl,
    // Without an Edge Add-ons id, Edge takes the Chrome build from where Chrome gets it.
    edgeUpdateUrl: input.edgeUpdateUrl ?? (input.edgeId ? EDGE_ADDONS_UPDATE_URL : chromeUpdateUrl),
    firefoxInstallUrl: input.firefoxInstallUrl ?? `https://${schoolWebServer(input.host.toLowerCase())}/${XPI_FILE_NAME}`,
    firefoxId: input.firefoxId ?? MANAGED_GECKO_ID,
    example: input.example ?? 'school',
  };
}

// ---------------------------------------------------------------------------------------------------
// Example configurations

/** Sensible values for a school's own Jitsi server, or the stricter ones of a state-run service. */
export function exampleConfiguration(kind: ExampleKind, host: string): Configuration {
  const web = schoolWebServer(host);
  if (kind === 'state') {
    return {
      enforced: {
        hosts: [host],
        autoLobby: true,
        autoPassword: true,
        passwordLength: 16,
        leaveGuard: 'strong',
        endLessonMode: 'remove-everyone',
        autoStartMuted: true,
        recordingReminder: true,
        lessonLog: false,
      },
      defaults: {
        helpUrl: `https://${web}/hilfe/videokonferenz`,
        noticeText: {
          de: 'Dieser Videokonferenzdienst des Landes ist nur für Unterricht und schulische Besprechungen bestimmt. Aufzeichnungen sind nicht gestattet.',
          en: 'This state video conferencing service is for lessons and school meetings only. Recording is not permitted.',
          nl: 'Deze videoconferentiedienst van de deelstaat is alleen bedoeld voor lessen en schoolvergaderingen. Opnemen is niet toegestaan.',
        },
      },
    };
  }
  return {
    enforced: { hosts: [host], autoLobby: true, autoPassword: true, leaveGuard: 'strong', recordingReminder: true },
    defaults: {
      autoStartMuted: true,
      lessonLogDays: 14,
      helpUrl: `https://${web}/jitsi-hilfe`,
      rulesText: {
        de: 'Kamera an, wenn die Lehrkraft darum bittet.\nMikrofon aus, solange du nicht sprichst.\nDer Chat ist für Fragen zum Unterricht.\nAufnahmen und Bildschirmfotos sind nicht erlaubt.',
        en: 'Camera on when your teacher asks.\nMicrophone off unless you are speaking.\nThe chat is for questions about the lesson.\nNo recordings or screenshots.',
        nl: 'Camera aan als de docent erom vraagt.\nMicrofoon uit zolang je niet spreekt.\nDe chat is voor vragen over de les.\nOpnames en schermafbeeldingen zijn niet toegestaan.',
      },
    },
  };
}

/** The kit only ever writes configurations the extension takes as they are. */
export function assertValidConfiguration(configuration: Configuration): void {
  const { problems } = parsePolicy(configuration);
  if (problems.length) {
    throw new Error(`The configuration has values the extension would ignore: ${problems.map((p) => `${p.path} (${p.problem})`).join(', ')}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// What each setting is, read from its JSON-schema fragment

export type SettingKind =
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'enum'; options: string[] }
  | { kind: 'string'; maxLength: number }
  | { kind: 'list' }
  | { kind: 'perLanguage'; languages: string[] };

export function settingKind(key: SettingKey): SettingKind {
  const schema = SETTINGS[key].schema as { type?: string; enum?: string[]; minimum?: number; maximum?: number; items?: { type?: string }; properties?: Record<string, { type?: string }> };
  if (schema.type === 'boolean') return { kind: 'boolean' };
  if (schema.type === 'integer' && typeof schema.minimum === 'number' && typeof schema.maximum === 'number') return { kind: 'integer', min: schema.minimum, max: schema.maximum };
  if (schema.type === 'string' && Array.isArray(schema.enum)) return { kind: 'enum', options: schema.enum };
  if (schema.type === 'string') return { kind: 'string', maxLength: MAX_URL_LENGTH };
  if (schema.type === 'array' && schema.items?.type === 'string') return { kind: 'list' };
  if (schema.type === 'object' && schema.properties && Object.values(schema.properties).every((property) => property.type === 'string')) {
    return { kind: 'perLanguage', languages: Object.keys(schema.properties) };
  }
  throw new Error(`scripts/admin-kit.ts cannot write setting "${key}" (schema ${JSON.stringify(schema)}): teach settingKind() and the renderers its shape.`);
}

// ---------------------------------------------------------------------------------------------------
// Browsers

export type Chromium = 'chrome' | 'edge';

interface ChromiumBrowser {
  name: string;
  /** Registry key under HKEY_LOCAL_MACHINE, spelt as the vendor's own ADMX spells it. */
  policyKey: string;
  /** macOS preference domain (the extension's own is `<domain>.extensions.<id>`). */
  macDomain: string;
  admxNamespace: string;
  admxPrefix: string;
  fileBase: string;
}

export const CHROMIUM_BROWSERS: Record<Chromium, ChromiumBrowser> = {
  chrome: {
    name: 'Google Chrome',
    policyKey: 'Software\\Policies\\Google\\Chrome',
    macDomain: 'com.google.Chrome',
    admxNamespace: 'ModeratorCompanion.Policies.Chrome',
    admxPrefix: 'jmcchrome',
    fileBase: 'jitsi-moderator-companion-chrome',
  },
  edge: {
    name: 'Microsoft Edge',
    policyKey: 'Software\\Policies\\Microsoft\\Edge',
    macDomain: 'com.microsoft.Edge',
    admxNamespace: 'ModeratorCompanion.Policies.Edge',
    admxPrefix: 'jmcedge',
    fileBase: 'jitsi-moderator-companion-edge',
  },
};

/** Registry key of the extension's policy (mandatory level: chrome.storage.managed shows no other). */
export function extensionPolicyKey(browser: Chromium, id: string): string {
  return `${CHROMIUM_BROWSERS[browser].policyKey}\\3rdparty\\extensions\\${id}\\policy`;
}

/** Jitsi servers the companion runs on: the built-in two and the configuration's hosts. */
const BUILT_IN_JITSI_HOSTS = ['meet.jit.si', '8x8.vc'];

/**
 * The browser-enforced fence (ExtensionSettings runtime_blocked_hosts / runtime_allowed_hosts): the
 * companion may touch no site but the Jitsi servers. Chrome and Edge honour it for policy-installed
 * extensions; it matters most for the managed build, which holds every https host from install.
 */
export function runtimeAllowedHosts(configuration: Configuration): string[] {
  const patterns = [...(configuration.enforced.hosts ?? []), ...(configuration.defaults.hosts ?? [])];
  const names = patterns.map((entry) => (hostPattern(entry) ?? entry).replace(/^https:\/\//, '').replace(/\/\*$/, ''));
  return [...new Set([...BUILT_IN_JITSI_HOSTS, ...names])].map((name) => `*://${name}`);
}

/**
 * ExtensionSettings entry that force-installs and pins the companion. Edge names the pin toolbar_state.
 * A school's own update server also gets override_update_url: without it the browser asks the update URL
 * in the installed manifest (a store's, or none) for every later update, and the install never moves on.
 */
export function extensionSettingsEntry(browser: Chromium, updateUrl: string, configuration: Configuration): Record<string, string | string[] | boolean> {
  const fence = { runtime_blocked_hosts: ['*://*'], runtime_allowed_hosts: runtimeAllowedHosts(configuration) };
  const selfHosted: { override_update_url?: boolean } = updateUrl !== CHROME_WEB_STORE_UPDATE_URL && updateUrl !== EDGE_ADDONS_UPDATE_URL ? { override_update_url: true } : {};
  return browser === 'chrome'
    ? { installation_mode: 'force_installed', update_url: updateUrl, ...selfHosted, toolbar_pin: 'force_pinned', ...fence }
    : { installation_mode: 'force_installed', update_url: updateUrl, ...selfHosted, toolbar_state: 'force_shown', ...fence };
}

function idAndUrl(input: ResolvedInput, browser: Chromium): { id: string; updateUrl: string } {
  return browser === 'chrome' ? { id: input.chromeId, updateUrl: input.chromeUpdateUrl } : { id: input.edgeId, updateUrl: input.edgeUpdateUrl };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Chrome, Chromium and Edge on Linux: one file in the browser's managed policy folder. */
export function linuxPolicy(input: ResolvedInput, browser: Chromium, configuration: Configuration): string {
  const { id, updateUrl } = idAndUrl(input, browser);
  return json({ ExtensionSettings: { [id]: extensionSettingsEntry(browser, updateUrl, configuration) }, '3rdparty': { extensions: { [id]: configuration } } });
}

/** Google Admin console, "Policy for extensions": each policy's value wrapped as { "Value": … }. */
export function googleAdminPolicy(configuration: Configuration): string {
  return json(Object.fromEntries(SECTIONS.filter((section) => Object.keys(configuration[section]).length).map((section) => [section, { Value: configuration[section] }])));
}

/** Firefox: policies.json with the force-install and the 3rdparty configuration under the gecko id. */
export function firefoxPolicies(input: ResolvedInput, configuration: Configuration): string {
  return json({
    policies: {
      ExtensionSettings: { [input.firefoxId]: { installation_mode: 'force_installed', install_url: input.firefoxInstallUrl, default_area: 'navbar' } },
      '3rdparty': { Extensions: { [input.firefoxId]: configuration } },
    },
  });
}

// ---------------------------------------------------------------------------------------------------
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

const CRLF = '\r\n';

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

// ---------------------------------------------------------------------------------------------------
// XML helpers (ADMX/ADML, plist)

export function escapeXml(text: string): string {
  // XML 1.0 has no way to write most control characters, not even as references.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(text)) throw new Error(`text cannot be written to XML (control character): ${JSON.stringify(text)}`);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const attributes = (values: Record<string, string | number | undefined>): string =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

/** ADMX/ADML identifiers: letters, digits and underscores. */
const admxId = (text: string): string => text.replace(/[^A-Za-z0-9_]/g, '_');

// ---------------------------------------------------------------------------------------------------
// ADMX/ADML (Windows Group Policy): one policy per setting and section, writing exactly what the .reg
// writes. The force-install (ExtensionSettings) is in Google's and Microsoft's own ADMX.

type AdmlLanguage = 'en-US' | 'de-DE' | 'nl-NL';
export const ADML_LANGUAGES: readonly AdmlLanguage[] = ['en-US', 'de-DE', 'nl-NL'];

interface AdmlText {
  productCategory: (browser: string) => string;
  productExplain: string;
  section: Record<Section, { name: string; explain: string }>;
  supported: (browser: string) => string;
  title: (key: SettingKey) => string;
  setting: (section: Section, key: SettingKey) => string;
  builtIn: (value: string) => string;
  kind: (kind: SettingKind) => string;
  registry: string;
  label: (key: SettingKey) => string;
  languageLabel: (language: string) => string;
  description: (browser: string) => string;
}

const LANGUAGE_NAMES: Record<AdmlLanguage, Record<string, string>> = {
  'en-US': { de: 'German', en: 'English', nl: 'Dutch' },
  'de-DE': { de: 'Deutsch', en: 'Englisch', nl: 'Niederländisch' },
  'nl-NL': { de: 'Duits', en: 'Engels', nl: 'Nederlands' },
};

const ADML_TEXT: Record<AdmlLanguage, AdmlText> = {
  'en-US': {
    productCategory: (browser) => `Jitsi Moderator Companion (${browser})`,
    productExplain:
      'Settings of the Jitsi Moderator Companion extension. Force-install it with the browser\'s own policy "Extension management settings" (ExtensionSettings); see docs/admin/README.md.',
    section: {
      enforced: { name: 'Enforced (teachers cannot change)', explain: 'Teachers see these values with a lock, "Your school decides this." and your help link.' },
      defaults: { name: 'School defaults (teachers may change)', explain: 'Teachers start with these values and may change them in the options page.' },
    },
    supported: (browser) => `${browser} ${CHROME_MIN_VERSION} or later, with the Jitsi Moderator Companion extension`,
    title: (key) => SETTING_TITLES[key],
    setting: (section, key) => `Sets "${key}" in the "${section}" section of the companion's policy.`,
    builtIn: (value) => `Built-in default: ${value}.`,
    kind: (kind) => {
      switch (kind.kind) {
        case 'boolean':
          return 'Enabled: on (true). Disabled: off (false). Not configured: this section does not set it.';
        case 'integer':
          return `Enabled: the number you enter (${kind.min}–${kind.max}). Disabled or not configured: this section does not set it.`;
        case 'enum':
          return `Enabled: the value you choose (${kind.options.join(', ')}). Disabled or not configured: this section does not set it.`;
        case 'string':
          return `Enabled: the https address you enter (empty: none; at most ${kind.maxLength} characters). Disabled or not configured: this section does not set it.`;
        case 'list':
          return 'Enabled: one host name per entry, e.g. jitsi.schule.example (https only). Disabled or not configured: this section does not set it.';
        case 'perLanguage':
          return `Enabled: one text per language, at most ${MAX_TEXT_LENGTH} characters; where one is empty the companion shows another language's. The editor takes one line per box; for several lines (one rule per line) use the .reg or JSON files. Disabled or not configured: this section does not set it.`;
      }
    },
    registry: 'Registry',
    label: (key) => key,
    languageLabel: (language) => `${LANGUAGE_NAMES['en-US'][language] ?? language} (${language})`,
    description: (browser) => `Jitsi Moderator Companion settings for ${browser}`,
  },
  'de-DE': {
    productCategory: (browser) => `Jitsi Moderator Companion (${browser})`,
    productExplain:
      'Einstellungen der Erweiterung Jitsi Moderator Companion. Die Zwangsinstallation geschieht über die browsereigene Richtlinie „Einstellungen für die Erweiterungsverwaltung“ (ExtensionSettings); siehe docs/admin/README.de.md.',
    section: {
      enforced: { name: 'Festgelegt (Lehrkräfte können nichts ändern)', explain: 'Lehrkräfte sehen diese Werte mit einem Schloss, „Das legt Ihre Schule fest.“ und Ihrem Hilfe-Link.' },
      defaults: { name: 'Vorgaben der Schule (Lehrkräfte dürfen ändern)', explain: 'Lehrkräfte beginnen mit diesen Werten und können sie auf der Einstellungsseite ändern.' },
    },
    supported: (browser) => `${browser} ${CHROME_MIN_VERSION} oder neuer, mit der Erweiterung Jitsi Moderator Companion`,
    title: (key) => GERMAN_TITLES[key] ?? SETTING_TITLES[key],
    setting: (section, key) => `Setzt „${key}“ im Abschnitt „${section}“ der Richtlinie des Companion.`,
    builtIn: (value) => `Eingebaute Voreinstellung: ${value}.`,
    kind: (kind) => {
      switch (kind.kind) {
        case 'boolean':
          return 'Aktiviert: an (true). Deaktiviert: aus (false). Nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.';
        case 'integer':
          return `Aktiviert: die eingegebene Zahl (${kind.min}–${kind.max}). Deaktiviert oder nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.`;
        case 'enum':
          return `Aktiviert: der gewählte Wert (${kind.options.join(', ')}). Deaktiviert oder nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.`;
        case 'string':
          return `Aktiviert: die eingegebene https-Adresse (leer: keine; höchstens ${kind.maxLength} Zeichen). Deaktiviert oder nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.`;
        case 'list':
          return 'Aktiviert: ein Hostname pro Eintrag, z. B. jitsi.schule.example (nur https). Deaktiviert oder nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.';
        case 'perLanguage':
          return `Aktiviert: ein Text je Sprache, höchstens ${MAX_TEXT_LENGTH} Zeichen; ist einer leer, zeigt der Companion den einer anderen Sprache. Der Editor nimmt eine Zeile pro Feld; für mehrere Zeilen (eine Regel pro Zeile) die .reg- oder JSON-Dateien verwenden. Deaktiviert oder nicht konfiguriert: dieser Abschnitt setzt den Wert nicht.`;
      }
    },
    registry: 'Registrierung',
    label: (key) => key,
    languageLabel: (language) => `${LANGUAGE_NAMES['de-DE'][language] ?? language} (${language})`,
    description: (browser) => `Einstellungen des Jitsi Moderator Companion für ${browser}`,
  },
  'nl-NL': {
    productCategory: (browser) => `Jitsi Moderator Companion (${browser})`,
    productExplain:
      'Instellingen van de extensie Jitsi Moderator Companion. Verplicht installeren gaat met het eigen beleid van de browser "Instellingen voor extensiebeheer" (ExtensionSettings); zie docs/admin/README.md.',
    section: {
      enforced: { name: 'Vastgelegd (leraren kunnen niets wijzigen)', explain: 'Leraren zien deze waarden met een slot, "uw school beslist dit".' },
      defaults: { name: 'Standaardwaarden van de school (leraren mogen wijzigen)', explain: 'Leraren beginnen met deze waarden en kunnen ze op de instellingenpagina wijzigen.' },
    },
    supported: (browser) => `${browser} ${CHROME_MIN_VERSION} of nieuwer, met de extensie Jitsi Moderator Companion`,
    title: (key) => DUTCH_TITLES[key] ?? SETTING_TITLES[key],
    setting: (section, key) => `Stelt "${key}" in, in het deel "${section}" van het beleid van de Companion.`,
    builtIn: (value) => `Ingebouwde standaardwaarde: ${value}.`,
    kind: (kind) => {
      switch (kind.kind) {
        case 'boolean':
          return 'Ingeschakeld: aan (true). Uitgeschakeld: uit (false). Niet geconfigureerd: dit deel stelt de waarde niet in.';
        case 'integer':
          return `Ingeschakeld: het ingevoerde getal (${kind.min}–${kind.max}). Uitgeschakeld of niet geconfigureerd: dit deel stelt de waarde niet in.`;
        case 'enum':
          return `Ingeschakeld: de gekozen waarde (${kind.options.join(', ')}). Uitgeschakeld of niet geconfigureerd: dit deel stelt de waarde niet in.`;
        case 'string':
          return `Ingeschakeld: het ingevoerde https-adres (leeg: geen; hoogstens ${kind.maxLength} tekens). Uitgeschakeld of niet geconfigureerd: dit deel stelt de waarde niet in.`;
        case 'list':
          return 'Ingeschakeld: één hostnaam per regel, bijv. jitsi.school.example (alleen https). Uitgeschakeld of niet geconfigureerd: dit deel stelt de waarde niet in.';
        case 'perLanguage':
          return `Ingeschakeld: één tekst per taal, hoogstens ${MAX_TEXT_LENGTH} tekens; waar er een leeg is, toont de Companion die van een andere taal. De editor neemt één regel per vak; voor meerdere regels (één gedragsregel per regel) gebruikt u de .reg- of JSON-bestanden. Uitgeschakeld of niet geconfigureerd: dit deel stelt de waarde niet in.`;
      }
    },
    registry: 'Register',
    label: (key) => key,
    languageLabel: (language) => `${LANGUAGE_NAMES['nl-NL'][language] ?? language} (${language})`,
    description: (browser) => `Instellingen van de Jitsi Moderator Companion voor ${browser}`,
  },
};

const SUPPORTED_ID = 'SUPPORTED_JMC';
const ROOT_CATEGORY = 'JitsiModeratorCompanion';
const sectionCategory = (section: Section): string => (section === 'enforced' ? 'Enforced' : 'Defaults');
export const admxPolicyName = (section: Section, key: SettingKey): string => admxId(`${section}_${key}`);
const enumItemId = (key: SettingKey, option: string): string => admxId(`${key}_${option}`);

/** Where a policy writes: its key, and the value name for a one-value policy. */
export function admxPolicyKey(browser: Chromium, id: string, section: Section, key: SettingKey): string {
  const sectionKey = `${extensionPolicyKey(browser, id)}\\${section}`;
  const { kind } = settingKind(key);
  return kind === 'list' || kind === 'perLanguage' ? `${sectionKey}\\${key}` : sectionKey;
}

const displayValue = (value: unknown): string => JSON.stringify(value);

export function admx(browser: Chromium, id: string): string {
  const { admxNamespace, admxPrefix } = CHROMIUM_BROWSERS[browser];
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated by "npm run admin-kit" from src/core/settings.ts. Generate it again rather than edit it. -->',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target${attributes({ prefix: admxPrefix, namespace: admxNamespace })}/>`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0"/>',
    '  <supportedOn>',
    '    <definitions>',
    `      <definition${attributes({ name: SUPPORTED_ID, displayName: `$(string.${SUPPORTED_ID})` })}/>`,
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    `    <category${attributes({ name: ROOT_CATEGORY, displayName: `$(string.${ROOT_CATEGORY})`, explainText: `$(string.${ROOT_CATEGORY}_Explain)` })}/>`,
  ];
  for (const section of SECTIONS) {
    const name = sectionCategory(section);
    out.push(
      `    <category${attributes({ name, displayName: `$(string.${name})`, explainText: `$(string.${name}_Explain)` })}>`,
      `      <parentCategory ref="${ROOT_CATEGORY}"/>`,
      '    </category>',
    );
  }
  out.push('  </categories>', '  <policies>');
  for (const section of SECTIONS) {
    for (const key of SETTING_KEYS) {
      const name = admxPolicyName(section, key);
      const kind = settingKind(key);
      const policyKey = admxPolicyKey(browser, id, section, key);
      const common = { name, class: 'Machine', displayName: `$(string.${name})`, explainText: `$(string.${name}_Explain)` };
      const head = [`      <parentCategory ref="${sectionCategory(section)}"/>`, `      <supportedOn ref="${SUPPORTED_ID}"/>`];
      if (kind.kind === 'boolean') {
        out.push(
          `    <policy${attributes({ ...common, key: policyKey, valueName: key })}>`,
          ...head,
          '      <enabledValue><decimal value="1"/></enabledValue>',
          '      <disabledValue><decimal value="0"/></disabledValue>',
          '    </policy>',
        );
        continue;
      }
      out.push(`    <policy${attributes({ ...common, key: policyKey, presentation: `$(presentation.${name})` })}>`, ...head, '      <elements>');
      switch (kind.kind) {
        case 'integer':
          out.push(`        <decimal${attributes({ id: key, valueName: key, minValue: kind.min, maxValue: kind.max })}/>`);
          break;
        case 'enum':
          out.push(`        <enum${attributes({ id: key, valueName: key })}>`);
          for (const option of kind.options) {
            out.push(`          <item displayName="$(string.${enumItemId(key, option)})"><value><string>${escapeXml(option)}</string></value></item>`);
          }
          out.push('        </enum>');
          break;
        case 'string':
          out.push(`        <text${attributes({ id: key, valueName: key, maxLength: kind.maxLength })}/>`);
          break;
        case 'list':
          // valuePrefix="": the values are named 1, 2, … as Chromium reads a list (and Chrome's own ADMX writes them).
          out.push(`        <list${attributes({ id: key, valuePrefix: '' })}/>`);
          break;
        case 'perLanguage':
          for (const language of kind.languages) out.push(`        <text${attributes({ id: admxId(`${key}_${language}`), valueName: language, maxLength: MAX_TEXT_LENGTH })}/>`);
          break;
      }
      out.push('      </elements>', '    </policy>');
    }
  }
  out.push('  </policies>', '</policyDefinitions>', '');
  return out.join(CRLF);
}

export function adml(browser: Chromium, id: string, language: AdmlLanguage): string {
  const text = ADML_TEXT[language];
  const browserName = CHROMIUM_BROWSERS[browser].name;
  const strings: [string, string][] = [
    [ROOT_CATEGORY, text.productCategory(browserName)],
    [`${ROOT_CATEGORY}_Explain`, text.productExplain],
    [SUPPORTED_ID, text.supported(browserName)],
  ];
  for (const section of SECTIONS) strings.push([sectionCategory(section), text.section[section].name], [`${sectionCategory(section)}_Explain`, text.section[section].explain]);
  const presentations: string[] = [];
  for (const section of SECTIONS) {
    for (const key of SETTING_KEYS) {
      const name = admxPolicyName(section, key);
      const kind = settingKind(key);
      const policyKey = admxPolicyKey(browser, id, section, key);
      const where = kind.kind === 'list' || kind.kind === 'perLanguage' ? `HKEY_LOCAL_MACHINE\\${policyKey}` : `HKEY_LOCAL_MACHINE\\${policyKey} → ${key}`;
      strings.push(
        [name, `${text.title(key)} (${key})`],
        [`${name}_Explain`, [text.title(key), '', text.setting(section, key), text.section[section].explain, text.kind(kind), text.builtIn(displayValue(SETTINGS[key].default)), '', `${text.registry}: ${where}`].join('\n')],
      );
      const label = escapeXml(`${text.title(key)} (${key})`);
      switch (kind.kind) {
        case 'boolean':
          continue;
        case 'integer':
          presentations.push(`      <presentation id="${name}">`, `        <decimalTextBox refId="${key}" defaultValue="${String(SETTINGS[key].default)}">${label}</decimalTextBox>`, '      </presentation>');
          break;
        case 'enum': {
          const defaultItem = Math.max(0, kind.options.indexOf(String(SETTINGS[key].default)));
          presentations.push(`      <presentation id="${name}">`, `        <dropdownList refId="${key}" noSort="true" defaultItem="${defaultItem}">${label}</dropdownList>`, '      </presentation>');
          break;
        }
        case 'string':
          presentations.push(`      <presentation id="${name}">`, `        <textBox refId="${key}">`, `          <label>${label}</label>`, '        </textBox>', '      </presentation>');
          break;
        case 'list':
          presentations.push(`      <presentation id="${name}">`, `        <listBox refId="${key}">${label}</listBox>`, '      </presentation>');
          break;
        case 'perLanguage':
          presentations.push(`      <presentation id="${name}">`, `        <text>${label}</text>`);
          for (const code of kind.languages) {
            presentations.push(`        <textBox refId="${admxId(`${key}_${code}`)}">`, `          <label>${escapeXml(text.languageLabel(code))}</label>`, '        </textBox>');
          }
          presentations.push('      </presentation>');
          break;
      }
    }
  }
  for (const key of SETTING_KEYS) {
    const kind = settingKind(key);
    if (kind.kind === 'enum') for (const option of kind.options) strings.push([enumItemId(key, option), option]);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated by "npm run admin-kit" from src/core/settings.ts. Generate it again rather than edit it. -->',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    `  <displayName>${escapeXml(text.productCategory(browserName))}</displayName>`,
    `  <description>${escapeXml(text.description(browserName))}</description>`,
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([stringId, value]) => `      <string id="${stringId}">${escapeXml(value)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ]
    .join(CRLF)
    .replace(/\r?\n/g, CRLF);
}

// ---------------------------------------------------------------------------------------------------
// macOS configuration profile
//
// Chromium on macOS reads an extension's policy from its own preference domain,
// <browser domain>.extensions.<id> (components/policy/core/common/policy_loader_mac.cc,
// LoadPolicyForDomain), not from a "3rdparty" key; ExtensionSettings is in the browser's domain.

function plistValue(value: unknown, indent: string): string[] {
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('plist: only whole numbers are written');
    return [`${indent}<integer>${value}</integer>`];
  }
  if (typeof value === 'string') return [`${indent}<string>${escapeXml(value)}</string>`];
  if (Array.isArray(value)) return [`${indent}<array>`, ...value.flatMap((item) => plistValue(item, `${indent}  `)), `${indent}</array>`];
  if (typeof value === 'object' && value !== null) {
    return [`${indent}<dict>`, ...Object.entries(value).flatMap(([key, item]) => [`${indent}  <key>${escapeXml(key)}</key>`, ...plistValue(item, `${indent}  `)]), `${indent}</dict>`];
  }
  throw new Error(`plist: cannot write ${typeof value}`);
}

/** Stable UUID (name-based, SHA-256) so the profile regenerates identically and updates in place. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(`jitsi-moderator-companion:${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const reverseDns = (host: string): string => host.split('.').reverse().join('.');

export function macProfile(input: ResolvedInput, configuration: Configuration): string {
  const base = `${reverseDns(input.host)}.jitsi-moderator-companion`;
  const seed = `${input.host}|${input.chromeId}|${input.edgeId}`;
  const payload = (identifier: string, type: string, displayName: string, content: Record<string, unknown>) => ({
    PayloadDisplayName: displayName,
    PayloadIdentifier: `${base}.${identifier}`,
    PayloadType: type,
    PayloadUUID: stableUuid(`${seed}|${identifier}`),
    PayloadVersion: 1,
    ...content,
  });
  const payloads = (['chrome', 'edge'] as const).flatMap((browser) => {
    const { id, updateUrl } = idAndUrl(input, browser);
    const { name, macDomain } = CHROMIUM_BROWSERS[browser];
    return [
      payload(browser, macDomain, `${name}: install Jitsi Moderator Companion`, { ExtensionSettings: { [id]: extensionSettingsEntry(browser, updateUrl, configuration) } }),
      payload(`${browser}-extension`, `${macDomain}.extensions.${id}`, `${name}: Jitsi Moderator Companion settings`, { ...configuration }),
    ];
  });
  const profile = {
    PayloadContent: payloads,
    PayloadDescription: `Force-installs Jitsi Moderator Companion in Google Chrome and Microsoft Edge and sets the school's configuration for ${input.host}. Generated by "npm run admin-kit".`,
    PayloadDisplayName: 'Jitsi Moderator Companion',
    PayloadIdentifier: base,
    PayloadOrganization: schoolWebServer(input.host),
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(`${seed}|profile`),
    PayloadVersion: 1,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistValue(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Settings tables (English and German), for the guides

type TableLanguage = 'en' | 'de';

const TABLE_TEXT: Record<TableLanguage, { heading: string; intro: string; columns: string[]; kind: (kind: SettingKind) => string; title: (key: SettingKey) => string }> = {
  en: {
    heading: 'Settings of the Jitsi Moderator Companion',
    intro:
      'Every setting can go in `enforced` (teachers see it with a lock, "Your school decides this." and your help link) or in `defaults` (teachers start with it and may change it). Values the companion cannot use are ignored and listed on its options page.',
    columns: ['Key', 'Value', 'Built-in default', 'What it does'],
    kind: (kind) => {
      switch (kind.kind) {
        case 'boolean':
          return '`true` or `false`';
        case 'integer':
          return `whole number ${kind.min}–${kind.max}`;
        case 'enum':
          return `${kind.options.slice(0, -1).map((o) => `\`"${o}"\``).join(', ')} or \`"${kind.options.at(-1) ?? ''}"\``;
        case 'string':
          return `https address, or empty (at most ${kind.maxLength} characters)`;
        case 'list':
          return 'list of host names (https only), e.g. `["jitsi.schule.example"]`';
        case 'perLanguage':
          return `text per language: ${kind.languages.map((l) => `\`${l}\``).join(', ')} (at most ${MAX_TEXT_LENGTH} characters each)`;
      }
    },
    title: (key) => SETTING_TITLES[key],
  },
  de: {
    heading: 'Einstellungen des Jitsi Moderator Companion',
    intro:
      'Jede Einstellung kann unter `enforced` stehen (Lehrkräfte sehen sie ausgegraut, „von Ihrer Schule festgelegt“) oder unter `defaults` (Lehrkräfte beginnen damit und dürfen sie ändern). Werte, die der Companion nicht verwenden kann, werden ignoriert und auf seiner Einstellungsseite aufgelistet.',
    columns: ['Schlüssel', 'Wert', 'Eingebaute Voreinstellung', 'Wirkung'],
    kind: (kind) => {
      switch (kind.kind) {
        case 'boolean':
          return '`true` oder `false`';
        case 'integer':
          return `ganze Zahl ${kind.min}–${kind.max}`;
        case 'enum':
          return `${kind.options.slice(0, -1).map((o) => `\`"${o}"\``).join(', ')} oder \`"${kind.options.at(-1) ?? ''}"\``;
        case 'string':
          return `https-Adresse oder leer (höchstens ${kind.maxLength} Zeichen)`;
        case 'list':
          return 'Liste von Hostnamen (nur https), z. B. `["jitsi.schule.example"]`';
        case 'perLanguage':
          return `Text je Sprache: ${kind.languages.map((l) => `\`${l}\``).join(', ')} (je höchstens ${MAX_TEXT_LENGTH} Zeichen)`;
      }
    },
    title: (key) => GERMAN_TITLES[key] ?? '',
  },
};

const tableCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function settingsTable(language: TableLanguage): string {
  const text = TABLE_TEXT[language];
  const rows = SETTING_KEYS.map((key) => [`\`${key}\``, text.kind(settingKind(key)), `\`${JSON.stringify(SETTINGS[key].default)}\``, text.title(key)]);
  return [
    `<!-- Generated by "npm run admin-kit" from src/core/settings.ts. Generate it again rather than edit it. -->`,
    `# ${text.heading}`,
    '',
    text.intro,
    '',
    `| ${text.columns.join(' | ')} |`,
    `| ${text.columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(tableCell).join(' | ')} |`),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// The kit

/** Every file of the kit, by path relative to the output folder. */
export function generateKit(kitInput: KitInput, configuration?: Configuration): Map<string, string> {
  const input = resolveInput(kitInput);
  const config = configuration ?? exampleConfiguration(input.example, input.host);
  assertValidConfiguration(config);
  const missing = missingGermanTitles();
  if (missing.length) throw new Error(`GERMAN_TITLES in scripts/admin-kit.ts lacks: ${missing.join(', ')}`);
  const files = new Map<string, string>();
  files.set('configuration.json', json(config));
  files.set('linux/chrome/jitsi-moderator-companion.json', linuxPolicy(input, 'chrome', config));
  files.set('linux/chromium/jitsi-moderator-companion.json', linuxPolicy(input, 'chrome', config));
  files.set('linux/edge/jitsi-moderator-companion.json', linuxPolicy(input, 'edge', config));
  for (const browser of ['chrome', 'edge'] as const) {
    const { id } = idAndUrl(input, browser);
    const { fileBase } = CHROMIUM_BROWSERS[browser];
    files.set(`windows/${browser}.reg`, windowsRegistry(input, browser, config));
    files.set(`windows/admx/${fileBase}.admx`, admx(browser, id));
    for (const language of ADML_LANGUAGES) files.set(`windows/admx/${language}/${fileBase}.adml`, adml(browser, id, language));
  }
  files.set('macos/jitsi-moderator-companion.mobileconfig', macProfile(input, config));
  files.set('google-admin/policy-for-extensions.json', googleAdminPolicy(config));
  files.set('firefox/policies.json', firefoxPolicies(input, config));
  files.set('settings.md', settingsTable('en'));
  files.set('settings.de.md', settingsTable('de'));
  return files;
}

/** docs/admin/generated: the kit for the example school (id placeholder), plus the state-server example. */
export function shippedKit(): Map<string, string> {
  const files = generateKit({ host: EXAMPLE_HOST, chromeId: EXTENSION_ID_PLACEHOLDER });
  const state = exampleConfiguration('state', EXAMPLE_STATE_HOST);
  assertValidConfiguration(state);
  files.set('configuration.state.json', json(state));
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Command line

const PROBLEM_TEXT: Record<Problem, string> = {
  'unknown-key': 'not a setting (see settings.md), the extension would ignore it',
  'wrong-type': 'wrong kind of value (see settings.md)',
  'out-of-range': 'value not allowed (see settings.md)',
  'too-long': 'too long',
  'invalid-host': 'not a host name (https only)',
  'invalid-ip': 'not an IP address the browser can read (each number 0 to 255)',
  'invalid-name': 'not a host name the browser can read (e.g. a broken xn-- part)',
  'invalid-url': 'not an https address',
  'not-an-object': 'must be an object: { "enforced": {…}, "defaults": {…} }',
};

/** Null when fine; else what is wrong, for the admin. */
export function hostProblem(host: string): string | null {
  if (!host) return '--host is missing: give the Jitsi server\'s host name, e.g. --host jitsi.schule.example';
  if (/[/:@]/.test(host)) return `--host "${host}": give the host name only, without https://, port or path, e.g. jitsi.schule.example`;
  const labels = host.toLowerCase().split('.');
  const valid =
    host.length <= 253 && labels.length >= 2 && labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) && !/^[0-9]+$/.test(labels.at(-1) ?? '');
  if (!valid || !hostPattern(host.toLowerCase())) {
    return `--host "${host}": not a host name. Use letters, digits and hyphens in dot-separated parts (a domain, not an IP address), e.g. jitsi.schule.example`;
  }
  return null;
}

export function extensionIdProblem(flag: string, id: string): string | null {
  if (/^[a-p]{32}$/.test(id)) return null;
  return `${flag} "${id}": a Chrome/Edge extension id is 32 letters from a to p (chrome://extensions shows it, with Developer mode on), e.g. abcdefghijklmnopabcdefghijklmnop`;
}

function httpsUrlProblem(flag: string, url: string): string | null {
  try {
    if (new URL(url).protocol === 'https:') return null;
  } catch {
    // reported below
  }
  return `${flag} "${url}": must be an https:// address`;
}

const USAGE = `Usage: npm run admin-kit -- --host <jitsi host> [--chrome-id <id>] [options]

  --host <name>                 the Jitsi server, e.g. jitsi.schule.example (required)
  --chrome-id <id>              Chrome/Edge extension id, 32 letters a–p
                                (default: the placeholder ${EXTENSION_ID_PLACEHOLDER})
  --edge-id <id>                Edge Add-ons id (default: the Chrome id and Chrome's update URL)
  --chrome-update-url <url>     default ${CHROME_WEB_STORE_UPDATE_URL}
  --edge-update-url <url>       default ${EDGE_ADDONS_UPDATE_URL} with --edge-id
  --firefox-install-url <url>   default https://<host without its first part>/${XPI_FILE_NAME}
  --firefox-id <id>             the managed Firefox package's add-on id, if your school signs its own
                                build (JMC_FIREFOX_MANAGED_ID); default ${MANAGED_GECKO_ID}
  --example school|state        example configuration (default: school)
  --config <file.json>          your own configuration, { "enforced": {…}, "defaults": {…} },
                                instead of an example (it is checked as the extension checks it)
  --out <dir>                   where to write the files (default: ${DEFAULT_OUT_DIR})
  --check <file>                check a policy file instead (a Chromium/Chrome/Edge policy .json, a
                                Firefox policies.json, the Google Admin upload, or
                                { "enforced": {…}, "defaults": {…} }): prints
                                every value the extension would ignore, and what is allowed
  --help                        this text`;

/** The companion's configurations in a policy file, by where they sit in it. */
function configurationsIn(file: unknown): Array<{ where: string; configuration: unknown }> {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(file)) return [{ where: '', configuration: file }];
  const found: Array<{ where: string; configuration: unknown }> = [];
  const chromium = isObject(file['3rdparty']) && isObject(file['3rdparty'].extensions) ? file['3rdparty'].extensions : null;
  const policies = isObject(file.policies) ? file.policies : null;
  const firefox = policies && isObject(policies['3rdparty']) && isObject(policies['3rdparty'].Extensions) ? policies['3rdparty'].Extensions : null;
  if (chromium) for (const [id, configuration] of Object.entries(chromium)) found.push({ where: `3rdparty.extensions.${id}.`, configuration });
  if (firefox) for (const [id, configuration] of Object.entries(firefox)) found.push({ where: `policies.3rdparty.Extensions.${id}.`, configuration });
  // The Google Admin console's upload wraps each group: { "enforced": { "Value": {…} } }.
  const unwrapped = Object.fromEntries(
    Object.entries(file).map(([key, value]) => [key, isObject(value) && Object.keys(value).length === 1 && 'Value' in value ? value.Value : value]),
  );
  if (!chromium && !firefox) found.push({ where: '', configuration: unwrapped });
  return found;
}

/**
 * `--check FILE`: every value of a policy file that the extension would ignore, with what is allowed.
 * Chromium (Chrome, Edge) checks only the JSON types of managed_schema.json: a value of the wrong type
 * makes it drop the whole group (enforced or defaults), an unknown setting it drops silently; the options
 * page lists the rest. So a file is fine only when this finds nothing.
 */
export function checkPolicyText(text: string, name = 'the file'): { ok: boolean; lines: string[] } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return { ok: false, lines: [`${name}: not JSON (${(error as Error).message}). Windows .reg, ADMX and macOS profiles: check the settings in chrome://policy or about:policies.`] };
  }
  const lines: string[] = [];
  let ok = true;
  for (const { where, configuration } of configurationsIn(file)) {
    const { enforced, defaults, problems } = parsePolicy(configuration);
    if (problems.length === 0) {
      lines.push(`${name}: ${where || ''}OK (${Object.keys(enforced).length} enforced, ${Object.keys(defaults).length} defaults)`);
      continue;
    }
    ok = false;
    for (const problem of problems) {
      const value = problem.value === undefined ? '' : ` = ${problem.value}`;
      const allowed = problem.key && problem.problem !== 'unknown-key' ? `; allowed: ${allowedText(problem.key)}` : '';
      const group = problem.path.split('.')[0];
      const effect =
        problem.problem === 'wrong-type' || problem.problem === 'not-an-object'
          ? ` (Chrome and Edge drop the whole "${group}" group for this: every setting in it falls back to the built-in defaults)`
          : problem.problem === 'unknown-key'
            ? ' (Chrome and Edge drop it without a word)'
            : ' (ignored, the built-in default applies; the options page lists it)';
      lines.push(`${name}: ${where}${problem.path || '(the configuration)'}${value}: ${PROBLEM_TEXT[problem.problem]}${allowed}${effect}`);
    }
  }
  return { ok, lines };
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
}

const nodeIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, content) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  },
};

/** Runs the command line; returns the exit code (0 written, 1 failed, 2 bad arguments). */
export function runCli(argv: string[], io: CliIo = nodeIo): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        'chrome-id': { type: 'string' },
        'edge-id': { type: 'string' },
        'chrome-update-url': { type: 'string' },
        'edge-update-url': { type: 'string' },
        'firefox-install-url': { type: 'string' },
        'firefox-id': { type: 'string' },
        example: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    io.err(`admin-kit: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
  const checkFile = text('check');
  if (checkFile !== undefined) {
    let content: string;
    try {
      content = io.readFile(checkFile);
    } catch (error) {
      io.err(`admin-kit: --check ${checkFile}: cannot read it (${(error as Error).message})`);
      return 2;
    }
    const { ok, lines } = checkPolicyText(content, checkFile);
    for (const line of lines) (ok ? io.out : io.err)(line);
    if (!ok) io.err('Fix these values, then check again; after deploying, chrome://policy (Chrome, Edge) or about:policies (Firefox) shows what the browser read.');
    return ok ? 0 : 1;
  }
  const host = (text('host') ?? '').toLowerCase();
  const chromeId = text('chrome-id') ?? EXTENSION_ID_PLACEHOLDER;
  const edgeId = text('edge-id');
  const firefoxId = text('firefox-id');
  const example = text('example') ?? 'school';
  const problems = [
    hostProblem(host),
    chromeId === EXTENSION_ID_PLACEHOLDER ? null : extensionIdProblem('--chrome-id', chromeId),
    edgeId === undefined ? null : extensionIdProblem('--edge-id', edgeId),
    firefoxId === undefined || isGeckoId(firefoxId) ? null : `--firefox-id "${firefoxId}": an add-on id looks like name@example.org or {GUID}`,
    ...(['chrome-update-url', 'edge-update-url', 'firefox-install-url'] as const).map((flag) => {
      const url = text(flag);
      return url === undefined ? null : httpsUrlProblem(`--${flag}`, url);
    }),
    example === 'school' || example === 'state' ? null : `--example "${example}": choose school or state`,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length) {
    for (const problem of problems) io.err(`admin-kit: ${problem}`);
    io.err('Run with --help for all options.');
    return 2;
  }
  const input: KitInput = { host, chromeId, example: example as ExampleKind };
  if (edgeId !== undefined) input.edgeId = edgeId;
  if (firefoxId !== undefined) input.firefoxId = firefoxId;
  const chromeUpdateUrl = text('chrome-update-url');
  const edgeUpdateUrl = text('edge-update-url');
  const firefoxInstallUrl = text('firefox-install-url');
  if (chromeUpdateUrl !== undefined) input.chromeUpdateUrl = chromeUpdateUrl;
  if (edgeUpdateUrl !== undefined) input.edgeUpdateUrl = edgeUpdateUrl;
  if (firefoxInstallUrl !== undefined) input.firefoxInstallUrl = firefoxInstallUrl;

  let configuration: Configuration | undefined;
  const configFile = text('config');
  if (configFile !== undefined) {
    try {
      configuration = JSON.parse(io.readFile(configFile)) as Configuration;
    } catch (error) {
      io.err(`admin-kit: --config ${configFile}: cannot read it as JSON (${(error as Error).message})`);
      return 2;
    }
    const { problems } = parsePolicy(configuration);
    if (problems.length) {
      for (const { path, problem } of problems) io.err(`admin-kit: --config ${configFile}: ${path || 'the file'}: ${PROBLEM_TEXT[problem]}`);
      return 2;
    }
    configuration = { enforced: configuration.enforced ?? {}, defaults: configuration.defaults ?? {} };
  }

  let files: Map<string, string>;
  try {
    files = generateKit(input, configuration);
  } catch (error) {
    io.err(`admin-kit: ${(error as Error).message}`);
    return 1;
  }
  const outDir = text('out') || DEFAULT_OUT_DIR;
  for (const [path, content] of files) io.writeFile(join(outDir, path), content);
  io.out(`admin-kit: wrote ${files.size} files for ${host} to ${outDir}/`);
  for (const path of files.keys()) io.out(`  ${path}`);
  const resolved = resolveInput(input);
  if (chromeId === EXTENSION_ID_PLACEHOLDER) {
    io.out(`Note: no --chrome-id given, so the Chrome/Edge files say ${EXTENSION_ID_PLACEHOLDER}. Run again with the id (chrome://extensions shows it; the store listing once published).`);
  }
  if (firefoxInstallUrl === undefined) io.out(`Note: Firefox installs from ${resolved.firefoxInstallUrl}: put the AMO-signed XPI there, or pass --firefox-install-url.`);
  return 0;
}
