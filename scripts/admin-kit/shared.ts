// What every format of the admin kit shares: the school's configuration and the kit's input, the example
// configurations, what kind of value each setting is, the Chromium browsers and their force-install entry.
import { SETTING_TEXTS } from '../../src/core/setting-texts.ts';
import { allowedValues, hostPattern, LANGUAGES, MAX_TEXT_LENGTH, MAX_URL_LENGTH, parsePolicy, SETTING_KEYS, type SettingKey, type Settings } from '../../src/core/settings.ts';
import { readFileSync } from 'node:fs';
import { MANAGED_GECKO_ID } from '../manifest-variants.ts';
import { managedXpiFileName } from '../package.mjs';

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
  /** Default: https://<the school's web server, host minus its first label>/jitsi-moderator-companion-<version>-firefox-managed.xpi */
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
/** The managed Firefox package of this version, as `npm run package` names it (a new version, a new address). */
export const XPI_FILE_NAME = managedXpiFileName(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
export const DEFAULT_OUT_DIR = 'docs/admin/generated';
/** The hosts the shipped examples are generated for. */
export const EXAMPLE_HOST = 'jitsi.schule.example';
export const EXAMPLE_STATE_HOST = 'jitsi.landesschule.example';

/** Longest text a per-language setting accepts, and a URL setting (the checks in src/core/settings.ts). */
export { MAX_TEXT_LENGTH, MAX_URL_LENGTH };

/** The one-liners for school IT in English, German and Dutch (src/core/setting-texts.ts, `policy`). */
const policyTitles = (language: 'en' | 'de' | 'nl'): { [K in SettingKey]?: string } =>
  Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTING_TEXTS[key].policy[language]]));
export const SETTING_TITLES = policyTitles('en') as Record<SettingKey, string>;
/** German one-liners next to the English titles (settings.de.md, the de-DE ADML). Every key needs one. */
export const GERMAN_TITLES = policyTitles('de');
/** Dutch one-liners next to the English titles (the nl-NL ADML). Every key needs one. */
export const DUTCH_TITLES = policyTitles('nl');

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
// What each setting is (its kind in src/core/settings.ts), in the words the formats need

export type SettingKind =
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'enum'; options: string[] }
  | { kind: 'string'; maxLength: number }
  | { kind: 'list' }
  | { kind: 'perLanguage'; languages: string[] };

export function settingKind(key: SettingKey): SettingKind {
  const allowed = allowedValues(key);
  switch (allowed.kind) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'integer', min: allowed.min, max: allowed.max };
    case 'choice':
      return { kind: 'enum', options: allowed.options };
    case 'https-url':
      return { kind: 'string', maxLength: MAX_URL_LENGTH };
    case 'hosts':
      return { kind: 'list' };
    case 'per-language':
      return { kind: 'perLanguage', languages: [...LANGUAGES] };
  }
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

export function idAndUrl(input: ResolvedInput, browser: Chromium): { id: string; updateUrl: string } {
  return browser === 'chrome' ? { id: input.chromeId, updateUrl: input.chromeUpdateUrl } : { id: input.edgeId, updateUrl: input.edgeUpdateUrl };
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
