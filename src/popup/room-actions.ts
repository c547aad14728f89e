// The popup's one way to act on the lesson: through the background to the tab's page script.
import browser from 'webextension-polyfill';
import type { ActionFailure, ActionResult, RoomAction } from '../core/actions.ts';
import type { PasswordStyle } from '../core/password.ts';
import { roomPassword } from '../core/password-words.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { isActionResult, type RoomActionMessage } from '../shared/messages.ts';

export async function runRoomAction(tabId: number, action: RoomAction): Promise<ActionResult> {
  const message: RoomActionMessage = { type: 'room-action', tabId, action };
  try {
    const reply: unknown = await browser.runtime.sendMessage(message);
    return isActionResult(reply) ? reply : { ok: false, failure: 'no-page' };
  } catch {
    return { ok: false, failure: 'no-page' };
  }
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
