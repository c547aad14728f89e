// One line per setting for school IT: the titles in managed_schema.json and the admin kit's English text.
// Apart from SETTINGS so that the popup and the options page do not carry admin text (bundle budgets).
import type { SettingKey } from './settings.ts';

export const SETTING_TITLES: Record<SettingKey, string> = {
  hosts: 'Jitsi servers where the companion runs (host names, e.g. "jitsi.schule.example"), besides meet.jit.si and 8x8.vc',
  autoLobby: 'Turn the lobby on when the teacher becomes moderator',
  autoPassword: 'Set a random room password when the teacher becomes moderator',
  passwordLength: 'Length of generated room passwords in characters (10–64; "words": at least this long, at least 4 words)',
  passwordStyle: 'Style of generated room passwords: "mixed" (letters, digits, symbols), "digits" (digits only) or "words" (easy words in the teacher\'s language)',
  roomPassword: 'Room password: "optional" (lobby alone is in order), "recommended" (none is worth a look) or "required" (none breaks the school\'s rule)',
  leaveGuard: 'Leaving a class alone: "warn", or "strong" (the teacher types a reason)',
  endLessonMode: 'End of lesson: "auto" (end for all where the server supports it) or "remove-everyone"',
  autoStartMuted: 'Everyone starts muted and with camera off when the teacher becomes moderator',
  recordingReminder: 'Remind the teacher to announce a recording',
  rulesText: 'The school\'s rules of conduct, per language (de, nl, en)',
  recordingRuleText: 'The school\'s rule before a recording, per language (de, nl, en), e.g. "agree it with the school management first": the checklist then asks whether one is planned',
  helpUrl: 'Help link (https) shown in the popup and options page',
  noticeText: 'Notice shown in the popup, per language (e.g. the permitted uses of the service)',
  lessonLog: 'Keep the local lesson log',
  lessonLogDetail: 'What the lesson log keeps: "full" (also the Jitsi server and the room name, and a reason typed for leaving a class alone) or "counts" (times, counts and yes/no only)',
  lessonLogDays: 'Days the lesson log is kept (1–365)',
  uiLanguage: 'Language of the companion: "auto" (the browser\'s) or de, nl, en',
};
