// Moderator actions on the live conference, as Jitsi's own UI does them (docs/jitsi.md §3). Every action
// re-checks the live state first: the page script never trusts that the popup's view is still current.
import type { ActionFailure, ActionResult, RoomAction } from '../core/actions.ts';
import { fitsPasswordRule } from '../core/password.ts';
import { readPasswordDigits, readSlices, type JitsiStore } from './adapter.ts';
import { runEndLesson } from './end-lesson.ts';
import { lockRoom } from './room-lock.ts';

/** Jitsi's lib calls answer within seconds; enableLobby waits for the room's disco info (§3.1). */
const CALL_TIMEOUT_MS = 12_000;

type Loose = Record<string, unknown>;
type Method = (...args: unknown[]) => unknown;

const fail = (failure: ActionFailure, detail?: string): ActionResult =>
  detail ? { ok: false, failure, detail: detail.slice(0, 200) } : { ok: false, failure };

function method(target: Loose, name: string): Method | null {
  return typeof target[name] === 'function' ? (target[name] as Method) : null;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), CALL_TIMEOUT_MS);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

/** The joined JitsiConference (§1.4, §2.1): `conference` set and not the one we are leaving. */
function joinedConference(conferenceSlice: unknown): Loose | null {
  if (typeof conferenceSlice !== 'object' || conferenceSlice === null) return null;
  const { conference, leaving } = conferenceSlice as Loose;
  return typeof conference === 'object' && conference !== null && conference !== leaving ? (conference as Loose) : null;
}

/** `legacyApp` is `APP.conference` (§1.1), whose hangup is how Jitsi itself leaves (§3.4). */
export async function performAction(store: JitsiStore, action: RoomAction, legacyApp?: unknown): Promise<ActionResult> {
  const slices = readSlices(store.getState());
  const conference = joinedConference(slices.conference);
  if (!conference) return fail('not-in-conference');
  const isModerator = method(conference, 'isModerator');
  if (!isModerator || isModerator.call(conference) !== true) return fail('not-moderator');

  try {
    switch (action.kind) {
      case 'enable-lobby': {
        const supported = method(conference, 'isLobbySupported');
        const enable = method(conference, 'enableLobby');
        if (!enable || (supported && supported.call(conference) === false)) return fail('unsupported');
        // Same call as Jitsi's toggleLobbyMode thunk; redux follows through MEMBERS_ONLY_CHANGED (§3.3).
        await withTimeout(Promise.resolve(enable.call(conference)));
        return { ok: true };
      }
      case 'set-password': {
        if (!fitsPasswordRule(action.password, readPasswordDigits(slices.config))) return fail('invalid-password');
        if (!method(conference, 'lock')) return fail('unsupported');
        await withTimeout(lockRoom(store, conference, action.password));
        return { ok: true };
      }
      case 'read-password': {
        // Jitsi keeps the password it locked the room with in its state (SET_PASSWORD, §3.3); none: not set here.
        const { password } = slices.conference as Loose;
        return typeof password === 'string' && password.length > 0 && password.length <= 128 ? { ok: true, password } : { ok: true };
      }
      case 'end-lesson':
        return await runEndLesson(store, conference, legacyApp, action);
      case 'set-start-muted': {
        const setPolicy = method(conference, 'setStartMutedPolicy');
        if (!setPolicy) return fail('unsupported');
        setPolicy.call(conference, { audio: action.audio, video: action.video });
        // The lib no longer reports the change after join (§2.6): mirror the thunk's plain action.
        store.dispatch({
          type: 'SET_START_MUTED_POLICY',
          startAudioMutedPolicy: action.audio,
          startVideoMutedPolicy: action.video,
        });
        return { ok: true };
      }
    }
  } catch (error) {
    const detail = describe(error);
    return detail === 'timeout' ? fail('timeout') : fail('rejected', detail);
  }
}
