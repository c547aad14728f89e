// The popup's one way to act on the lesson: through the background to the tab's page script.
import type { ActionFailure, ActionResult, RoomAction } from '../core/actions.ts';
import type { PasswordStyle } from '../core/password.ts';
import { roomPassword } from '../core/password-words.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { askBackground } from '../shared/background-client.ts';

/** Unreachable, or an answer out of shape: the lesson's page did not act. */
export function runRoomAction(tabId: number, action: RoomAction): Promise<ActionResult> {
  return askBackground('room-action', { tabId, action }).catch((): ActionResult => ({ ok: false, failure: 'no-page' }));
}

/** A fresh room password from the browser's cryptographic random source (settings passwordLength, passwordStyle). Never stored. */
export function newRoomPassword(digitsOnly: number | null, length: number, style: PasswordStyle = 'mixed'): string {
  return roomPassword((array) => crypto.getRandomValues(array), { passwordLength: length, passwordStyle: style }, digitsOnly, t('languageCode'));
}

/** The sentence for the teacher when an action did not happen. */
export const FAILURE_TEXT = {
  'not-moderator': 'actionErrorNotModerator',
  'not-in-conference': 'actionErrorNotInConference',
  unsupported: 'actionErrorUnsupported',
  'invalid-password': 'actionErrorInvalidPassword',
  'no-page': 'actionErrorNoPage',
  timeout: 'actionErrorTimeout',
  rejected: 'actionErrorRejected',
  'not-empty': 'actionErrorNotEmpty',
  'room-switch': 'actionErrorRoomSwitch',
} as const satisfies Record<ActionFailure, MessageKey>;
