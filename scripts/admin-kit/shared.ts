// What every format of the admin kit shares: the school's configuration and the kit's input, the example
// configurations, what kind of value each setting is, the Chromium browsers and their force-install entry.
import { hostPattern, parsePolicy, SETTING_KEYS, SETTINGS, type SettingKey, type Settings } from '../../src/core/settings.ts';
import { MANAGED_GECKO_ID } from '../manifest-variants.ts';

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
  throw new Error(`scripts/admin-kit cannot write setting "${key}" (schema ${JSON.stringify(schema)}): teach settingKind() and the renderers its shape.`);
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
