// Moderator actions the popup can ask for, and how they end. Pure types and guards-free data: the
// validators live with the messages (src/shared/messages.ts).

export type RoomAction =
  | { kind: 'enable-lobby' }
  | { kind: 'set-password'; password: string }
  | { kind: 'set-start-muted'; audio: boolean; video: boolean };

export type RoomActionKind = RoomAction['kind'];

/** Why an action did not happen; each has a sentence for the teacher in _locales (actionError…). */
export type ActionFailure =
  | 'not-moderator' // only a moderator may do this
  | 'not-in-conference' // the teacher is not (yet / any more) in the lesson
  | 'unsupported' // this Jitsi server does not offer it (e.g. no lobby component)
  | 'invalid-password' // does not fit the server's rule (e.g. digits only)
  | 'no-page' // the tab's page did not answer (closed, navigated, extension updated)
  | 'timeout' // Jitsi did not confirm in time
  | 'rejected'; // Jitsi refused; `detail` says what it said

export type ActionResult = { ok: true } | { ok: false; failure: ActionFailure; detail?: string };

export const ACTION_FAILURES: readonly ActionFailure[] = [
  'not-moderator',
  'not-in-conference',
  'unsupported',
  'invalid-password',
  'no-page',
  'timeout',
  'rejected',
];
