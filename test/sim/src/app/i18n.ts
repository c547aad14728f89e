// The few localized strings the DOM markers carry (facts §4.1: toolbar.accessibilityLabel.* in
// lang/main*.json). en/de; where the fact sheet gives no German text the label is marked "unverified".
export type Lang = 'en' | 'de';

const en = {
  hangup: 'Leave the meeting',
  hangup2021: 'Leave the call',
  endConference: 'End meeting for all',
  leaveConference: 'Leave meeting',
  security: 'Security options',
  microphone: 'Mute microphone',
  camera: 'Stop camera',
  joinMeeting: 'Join meeting',
  namePlaceholder: 'Enter your name',
  lobby: 'Lobby',
  lobbyToggle: 'Enable lobby',
  lobbyDescription: 'Protect your meeting by only allowing people to enter after formal approval by a moderator.',
  password: 'Password',
  addPassword: 'Add password',
  removePassword: 'Remove',
  copyPassword: 'Copy',
  passwordLocked: 'Locked',
  passwordDescription: 'Add a password to your meeting. Participants will need to provide the password before they are allowed to join the meeting.',
  admit: 'Admit',
  reject: 'Reject',
  knocking: 'wants to join',
  terminated: 'The meeting has been terminated',
  kicked: 'You have been removed from the meeting',
  connectionLost: 'Your connection was lost.',
  welcomeTitle: 'Start a new meeting',
  welcomeGo: 'Start meeting',
};

type Strings = typeof en;

const de: Strings = {
  hangup: 'Konferenz verlassen',
  hangup2021: 'Anruf beenden',
  endConference: 'Konferenz für alle beenden',
  leaveConference: 'Konferenz verlassen', // unverified
  security: 'Sicherheitsoptionen',
  microphone: 'Mikrofon stummschalten', // unverified
  camera: 'Kamera stoppen', // unverified
  joinMeeting: 'Konferenz beitreten', // unverified
  namePlaceholder: 'Geben Sie Ihren Namen ein', // unverified
  lobby: 'Lobby',
  lobbyToggle: 'Lobby aktivieren', // unverified
  lobbyDescription: 'Schützen Sie Ihre Konferenz, indem Sie Personen erst nach Freigabe durch eine moderierende Person eintreten lassen.',
  password: 'Passwort',
  addPassword: 'Passwort hinzufügen',
  removePassword: 'Entfernen',
  copyPassword: 'Kopieren',
  passwordLocked: 'Gesperrt',
  passwordDescription: 'Fügen Sie Ihrer Konferenz ein Passwort hinzu.',
  admit: 'Annehmen', // unverified
  reject: 'Ablehnen',
  knocking: 'möchte beitreten',
  terminated: 'Die Konferenz wurde beendet',
  kicked: 'Sie wurden aus der Konferenz entfernt',
  connectionLost: 'Ihre Verbindung ist getrennt worden.',
  welcomeTitle: 'Neue Konferenz starten',
  welcomeGo: 'Konferenz starten',
};

export function strings(lang: string | undefined): Strings {
  return lang === 'de' ? de : en;
}
