// ADMX/ADML (Windows Group Policy) for Chrome and Edge.
import { SETTING_KEYS, SETTINGS, type SettingKey } from '../../src/core/settings.ts';
import { CHROME_MIN_VERSION } from '../manifest-variants.ts';
import { type Chromium, CHROMIUM_BROWSERS, DUTCH_TITLES, extensionPolicyKey, GERMAN_TITLES, SETTING_TITLES, MAX_TEXT_LENGTH, type Section, SECTIONS, type SettingKind, settingKind } from './shared.ts';
import { CRLF } from './windows-reg.ts';
import { admxId, attributes, escapeXml } from './xml.ts';

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
