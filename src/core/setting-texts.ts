// Every setting's words, next to its kind, default and limits in settings.ts: where the options page shows it
// (section), its label and the names of its choices in en, de and nl (`key`: the message in _locales, which
// `npm run generate` writes from here), and the one line that tells school IT what it does (`policy`: the
// title in managed_schema.json, the admin kit's ADML and the settings tables). The options page draws its
// sections in this order. Not imported by the popup or the background (bundle budgets).
import type { ChoiceOf, Language, SettingKey } from './settings.ts';

export type SectionId = 'lesson' | 'records' | 'school';

/** A text in each language the companion speaks. */
export type Words = Record<Language, string>;
/** A text of the options page: its message name in _locales and its words. */
export type Text = Words & { key: string };

export type SettingTexts<K extends SettingKey> = {
  section: SectionId;
  label: Text;
  /** One line for school IT: what the setting does and what it takes. */
  policy: Words;
} & ([ChoiceOf<K>] extends [never] ? { choices?: never } : { choices: Record<ChoiceOf<K>, Text> });

export const SETTING_TEXTS: { [K in SettingKey]: SettingTexts<K> } = {
  uiLanguage: {
    section: 'lesson',
    label: { key: 'settingUiLanguage', en: 'Language', de: 'Sprache', nl: 'Taal' },
    choices: {
      auto: { key: 'choiceAuto', en: 'automatic', de: 'automatisch', nl: 'automatisch' },
      de: { key: 'languageDe', en: 'Deutsch', de: 'Deutsch', nl: 'Deutsch' },
      nl: { key: 'languageNl', en: 'Nederlands', de: 'Nederlands', nl: 'Nederlands' },
      en: { key: 'languageEn', en: 'English', de: 'English', nl: 'English' },
    },
    policy: {
      en: 'Language of the companion: "auto" (the browser\'s) or de, nl, en',
      de: 'Sprache des Companion: „auto“ (die des Browsers) oder de, nl, en',
      nl: 'Taal van de Companion: "auto" (die van de browser) of de, nl, en',
    },
  },
  autoLobby: {
    section: 'lesson',
    label: { key: 'settingAutoLobby', en: 'Turn the lobby on when I become moderator', de: 'Lobby aktivieren, sobald ich Moderationsrechte erhalte', nl: 'De wachtruimte inschakelen zodra ik moderator word' },
    policy: {
      en: 'Turn the lobby on when the teacher becomes moderator',
      de: 'Lobby aktivieren, sobald die Lehrkraft Moderationsrechte erhält',
      nl: 'Wachtruimte inschakelen zodra de docent moderator is',
    },
  },
  autoPassword: {
    section: 'lesson',
    label: { key: 'settingAutoPassword', en: 'Set a random room password when I become moderator', de: 'Zufälliges Raumpasswort setzen, sobald ich Moderationsrechte erhalte', nl: 'Een willekeurig wachtwoord instellen zodra ik moderator word' },
    policy: {
      en: 'Set a random room password when the teacher becomes moderator',
      de: 'Zufälliges Raumpasswort setzen, sobald die Lehrkraft Moderationsrechte erhält',
      nl: 'Een willekeurig wachtwoord voor de ruimte instellen zodra de docent moderator is',
    },
  },
  passwordStyle: {
    section: 'lesson',
    label: { key: 'settingPasswordStyle', en: 'Style of generated room passwords', de: 'Art der erzeugten Raumpasswörter', nl: 'Soort gegenereerde wachtwoorden' },
    choices: {
      mixed: { key: 'choiceMixed', en: 'letters, digits and symbols (e.g. Kp7-wQ3x!mRa)', de: 'Buchstaben, Ziffern und Zeichen (z. B. Kp7-wQ3x!mRa)', nl: 'letters, cijfers en tekens (bijv. Kp7-wQ3x!mRa)' },
      digits: { key: 'choiceDigits', en: 'digits only (e.g. 4821993017)', de: 'nur Ziffern (z. B. 4821993017)', nl: 'alleen cijfers (bijv. 4821993017)' },
      words: { key: 'choiceWords', en: 'easy words (e.g. tiger-lemon-harbor-cloud)', de: 'einfache Wörter (z. B. tiger-zitrone-hafen-wolke)', nl: 'makkelijke woorden (bijv. tijger-citroen-haven-wolk)' },
    },
    policy: {
      en: 'Style of generated room passwords: "mixed" (letters, digits, symbols), "digits" (digits only) or "words" (easy words in the teacher\'s language)',
      de: 'Art erzeugter Raumpasswörter: „mixed“ (Buchstaben, Ziffern, Zeichen), „digits“ (nur Ziffern) oder „words“ (einfache Wörter in der Sprache der Lehrkraft)',
      nl: 'Soort gemaakte wachtwoorden: "mixed" (letters, cijfers, tekens), "digits" (alleen cijfers) of "words" (eenvoudige woorden in de taal van de docent)',
    },
  },
  passwordLength: {
    section: 'lesson',
    label: { key: 'settingPasswordLength', en: 'Length of generated room passwords', de: 'Länge erzeugter Raumpasswörter', nl: 'Lengte van gegenereerde wachtwoorden' },
    policy: {
      en: 'Length of generated room passwords in characters (10–64; "words": at least this long, at least 4 words)',
      de: 'Länge erzeugter Raumpasswörter in Zeichen (10–64; bei „words“ mindestens so lang, mindestens 4 Wörter)',
      nl: 'Lengte van gemaakte wachtwoorden in tekens (10–64; bij "words" minstens zo lang, minstens 4 woorden)',
    },
  },
  roomPassword: {
    section: 'lesson',
    label: { key: 'settingRoomPassword', en: 'Room password', de: 'Raumpasswort', nl: 'Wachtwoord voor de ruimte' },
    choices: {
      optional: { key: 'choiceOptional', en: 'optional, where needed (the lobby alone is in order)', de: 'bei Bedarf (die Lobby allein genügt)', nl: 'waar nodig (alleen de wachtruimte is in orde)' },
      recommended: { key: 'choiceRecommended', en: 'recommended', de: 'empfohlen', nl: 'aanbevolen' },
      required: { key: 'choiceRequired', en: 'required', de: 'vorgeschrieben', nl: 'verplicht' },
    },
    policy: {
      en: 'Room password: "optional" (lobby alone is in order), "recommended" (none is worth a look) or "required" (none breaks the school\'s rule)',
      de: 'Raumpasswort: „optional“ (Lobby allein genügt, „bei Bedarf“), „recommended“ (ohne Passwort ein Hinweis) oder „required“ (ohne Passwort ein Regelverstoß)',
      nl: 'Wachtwoord voor de ruimte: "optional" (alleen de wachtruimte is in orde), "recommended" (zonder wachtwoord een aandachtspunt) of "required" (zonder wachtwoord een overtreding)',
    },
  },
  autoStartMuted: {
    section: 'lesson',
    label: { key: 'settingAutoStartMuted', en: 'New arrivals start muted and with camera off when I become moderator', de: 'Neu Eintretende treten stummgeschaltet und ohne Kamera bei, sobald ich Moderationsrechte erhalte', nl: 'Nieuwkomers beginnen gedempt en zonder camera zodra ik moderator word' },
    policy: {
      en: 'Everyone starts muted and with camera off when the teacher becomes moderator',
      de: 'Alle starten stummgeschaltet und ohne Kamera, sobald die Lehrkraft Moderationsrechte erhält',
      nl: 'Iedereen begint gedempt en zonder camera zodra de docent moderator is',
    },
  },
  recordingReminder: {
    section: 'lesson',
    label: { key: 'settingRecordingReminder', en: 'Remind me to announce a recording', de: 'An das Ankündigen einer Aufnahme erinnern', nl: 'Mij eraan herinneren een opname aan te kondigen' },
    policy: {
      en: 'Remind the teacher to announce a recording',
      de: 'Die Lehrkraft erinnern, eine Aufnahme anzukündigen',
      nl: 'De docent eraan herinneren een opname aan te kondigen',
    },
  },
  leaveGuard: {
    section: 'lesson',
    label: { key: 'settingLeaveGuard', en: 'When I leave a class alone', de: 'Wenn ich eine Klasse allein lasse', nl: 'Als ik een klas alleen laat' },
    choices: {
      warn: { key: 'choiceWarn', en: 'warn me', de: 'warnen', nl: 'waarschuwen' },
      strong: { key: 'choiceStrong', en: 'warn me strongly (type a reason)', de: 'deutlich warnen (Grund eingeben)', nl: 'sterk waarschuwen (reden invullen)' },
    },
    policy: {
      en: 'Leaving a class alone: "warn", or "strong" (the teacher types a reason)',
      de: 'Klasse allein lassen: „warn“ (Warnung) oder „strong“ (die Lehrkraft gibt einen Grund ein)',
      nl: 'De klas alleen laten: "warn" (waarschuwing) of "strong" (de docent geeft een reden op)',
    },
  },
  endLessonMode: {
    section: 'lesson',
    label: { key: 'settingEndLessonMode', en: 'End of the lesson', de: 'Unterrichtsende', nl: 'Einde van de les' },
    choices: {
      auto: { key: 'choiceAuto', en: 'automatic', de: 'automatisch', nl: 'automatisch' },
      'remove-everyone': { key: 'choiceRemoveEveryone', en: 'always remove everyone', de: 'immer alle entfernen', nl: 'altijd iedereen verwijderen' },
    },
    policy: {
      en: 'End of lesson: "auto" (end for all where the server supports it) or "remove-everyone"',
      de: 'Unterrichtsende: „auto“ (für alle beenden, wo der Server es kann) oder „remove-everyone“ (alle entfernen)',
      nl: 'Einde van de les: "auto" (voor iedereen beëindigen waar de server dat kan) of "remove-everyone" (iedereen verwijderen)',
    },
  },
  lessonLog: {
    section: 'records',
    label: { key: 'settingLessonLog', en: 'Keep a lesson log in this browser', de: 'Unterrichtsprotokoll in diesem Browser führen', nl: 'Een lessenlogboek in deze browser bijhouden' },
    policy: {
      en: 'Keep the local lesson log',
      de: 'Das lokale Unterrichtsprotokoll führen',
      nl: 'Het lokale lessenlogboek bijhouden',
    },
  },
  lessonLogDetail: {
    section: 'records',
    label: { key: 'settingLessonLogDetail', en: 'What the lesson log keeps', de: 'Was das Unterrichtsprotokoll festhält', nl: 'Wat het lessenlogboek bewaart' },
    choices: {
      full: { key: 'choiceLogFull', en: 'everything listed (also the server and the room name)', de: 'alles Genannte (auch Server und Raumname)', nl: 'alles hierboven (ook de server en de naam van de ruimte)' },
      counts: { key: 'choiceLogCounts', en: 'counts only (times, numbers, yes/no; no server or room name)', de: 'nur Zahlen (Zeiten, Anzahlen, ja/nein; kein Server, kein Raumname)', nl: 'alleen aantallen (tijden, aantallen, ja/nee; geen server of naam van de ruimte)' },
    },
    policy: {
      en: 'What the lesson log keeps: "full" (also the Jitsi server and the room name, and a reason typed for leaving a class alone) or "counts" (times, counts and yes/no only)',
      de: 'Was das Unterrichtsprotokoll festhält: „full“ (auch Jitsi-Server und Raumname sowie eine beim Alleinlassen der Klasse getippte Begründung) oder „counts“ (nur Zeiten, Zahlen und ja/nein)',
      nl: 'Wat het lessenlogboek bewaart: "full" (ook de Jitsi-server en de naam van de ruimte, en een getypte reden om de klas alleen te laten) of "counts" (alleen tijden, aantallen en ja/nee)',
    },
  },
  lessonLogDays: {
    section: 'records',
    label: { key: 'settingLessonLogDays', en: 'Days the lesson log is kept', de: 'Tage, die das Protokoll aufbewahrt wird', nl: 'Dagen dat het logboek bewaard wordt' },
    policy: {
      en: 'Days the lesson log is kept (1–365)',
      de: 'Tage, die das Unterrichtsprotokoll aufbewahrt wird (1–365)',
      nl: 'Dagen dat het lessenlogboek bewaard wordt (1–365)',
    },
  },
  hosts: {
    section: 'school',
    label: { key: 'settingHosts', en: 'Jitsi servers where the companion runs (one host name per line), besides meet.jit.si and 8x8.vc', de: 'Jitsi-Server, auf denen der Companion läuft (ein Hostname pro Zeile), zusätzlich zu meet.jit.si und 8x8.vc', nl: 'Jitsi-servers waarop de Companion draait (één hostnaam per regel), naast meet.jit.si en 8x8.vc' },
    policy: {
      en: 'Jitsi servers where the companion runs (host names, e.g. "jitsi.schule.example"), besides meet.jit.si and 8x8.vc',
      de: 'Jitsi-Server, auf denen der Companion läuft (Hostnamen, z. B. „jitsi.schule.example“), zusätzlich zu meet.jit.si und 8x8.vc',
      nl: 'Jitsi-servers waarop de Companion werkt (hostnamen, bijv. "jitsi.school.example"), naast meet.jit.si en 8x8.vc',
    },
  },
  helpUrl: {
    section: 'school',
    label: { key: 'settingHelpUrl', en: 'Help link (https)', de: 'Hilfe-Link (https)', nl: 'Hulplink (https)' },
    policy: {
      en: 'Help link (https) shown in the popup and options page',
      de: 'Hilfe-Link (https) im Popup und auf der Einstellungsseite',
      nl: 'Hulplink (https) in de pop-up en op de instellingenpagina',
    },
  },
  noticeText: {
    section: 'school',
    label: { key: 'settingNoticeText', en: 'Notice shown in the popup', de: 'Hinweis im Popup', nl: 'Mededeling in de pop-up' },
    policy: {
      en: 'Notice shown in the popup, per language (e.g. the permitted uses of the service)',
      de: 'Hinweis im Popup, je Sprache (z. B. die erlaubte Nutzung des Dienstes)',
      nl: 'Mededeling in de pop-up, per taal (bijv. het toegestane gebruik van de dienst)',
    },
  },
  rulesText: {
    section: 'school',
    label: { key: 'settingRulesText', en: 'Rules of conduct (read out at the start)', de: 'Verhaltensregeln (zu Beginn vorlesen)', nl: 'Gedragsregels (aan het begin voorlezen)' },
    policy: {
      en: 'The school\'s rules of conduct, per language (de, nl, en)',
      de: 'Verhaltensregeln der Schule, je Sprache (de, nl, en); eine Regel pro Zeile',
      nl: 'Gedragsregels van de school, per taal (de, nl, en); één regel per lijn',
    },
  },
  recordingRuleText: {
    section: 'school',
    label: { key: 'settingRecordingRuleText', en: 'Your school\'s rule before a recording (asked before the lesson)', de: 'Regel Ihrer Schule vor einer Aufnahme (wird vor der Stunde abgefragt)', nl: 'Regel van uw school vóór een opname (wordt vóór de les gevraagd)' },
    policy: {
      en: 'The school\'s rule before a recording, per language (de, nl, en), e.g. "agree it with the school management first": the checklist then asks whether one is planned',
      de: 'Regel der Schule vor einer Aufnahme, je Sprache (de, nl, en), z. B. „vorher mit der Schulleitung absprechen“: die Checkliste fragt dann, ob eine geplant ist',
      nl: 'Regel van de school vóór een opname, per taal (de, nl, en), bijv. "eerst met de schoolleiding afstemmen": de checklist vraagt dan of er een gepland is',
    },
  },
};
