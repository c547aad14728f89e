// Moderator actions the popup can ask for, and how they end. Pure types and guards-free data: the
// validators live with the messages (src/shared/messages.ts).

export type RoomAction =
  | { kind: 'enable-lobby' }
  | { kind: 'set-password'; password: string }
  | { kind: 'set-start-muted'; audio: boolean; video: boolean }
  /** The room's current password, to show the teacher (e.g. one the school's settings set): never stored. */
  | { kind: 'read-password' }
  | ({ kind: 'end-lesson' } & EndLessonOptions);

export type RoomActionKind = RoomAction['kind'];

/** Why an action did not happen; each has a sentence for the teacher in _locales (actionError…). */
export type ActionFailure =
  | 'not-moderator' // only a moderator may do this
  | 'not-in-conference' // the teacher is not (yet / any more) in the lesson
  | 'unsupported' // this Jitsi server does not offer it (e.g. no lobby component)
  | 'invalid-password' // does not fit the server's rule (e.g. digits only)
  | 'no-page' // the tab's page did not answer (closed, navigated, extension updated)
  | 'timeout' // Jitsi did not confirm in time
  | 'rejected' // Jitsi refused; `detail` says what it said
  | 'not-empty' // end of lesson: people remain after the bounded retries (see the report)
  | 'room-switch'; // end of lesson from a breakout room: Jitsi did not bring the teacher back to the main room

/** `report` comes with the end-of-lesson sequence, also when it fails halfway; `password` with read-password. */
export type ActionResult =
  | { ok: true; report?: EndLessonReport; password?: string }
  | { ok: false; failure: ActionFailure; detail?: string; report?: EndLessonReport };

export const ACTION_FAILURES: readonly ActionFailure[] = [
  'not-moderator',
  'not-in-conference',
  'unsupported',
  'invalid-password',
  'no-page',
  'timeout',
  'rejected',
  'not-empty',
  'room-switch',
];

// ── End of lesson ────────────────────────────────────────────────────────────
/** The end-of-lesson sequence, in order (issue 5): no step leaves the teacher in a half-closed room unreported. */
export type EndStep = 'close-breakouts' | 'lock' | 'end-for-all' | 'remove' | 'deny-knockers' | 'verify' | 'leave';
export const END_STEPS: readonly EndStep[] = ['close-breakouts', 'lock', 'end-for-all', 'remove', 'deny-knockers', 'verify', 'leave'];

export type StepOutcome = 'done' | 'skipped' | 'failed';
export const STEP_OUTCOMES: readonly StepOutcome[] = ['done', 'skipped', 'failed'];

export interface EndStepResult {
  step: EndStep;
  outcome: StepOutcome;
}

export interface EndLessonReport {
  steps: EndStepResult[];
  /** Display names of those still in the room (shown to the teacher once, never stored). */
  remaining: string[];
  /** Hidden occupants (recorder, transcriber) that keep the room alive and cannot be removed from here. */
  hiddenRemaining: number;
  knocking: number;
  /** People in the lesson (every room, not the teacher, not hidden ones) when the sequence started. */
  inLessonAtStart: number;
  endedForAll: boolean;
  left: boolean;
}

export interface EndLessonOptions {
  /** Use "end meeting for all" where the server supports it (the teacher confirmed it). */
  endForAll: boolean;
  /** Hang up once the room is verifiably empty. */
  leave: boolean;
  /** What removed students read, in the teacher's language. */
  kickReason: string;
}
