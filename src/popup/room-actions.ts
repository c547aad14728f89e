// The popup's one way to act on the lesson: through the background to the tab's page script.
import browser from 'webextension-polyfill';
import type { ActionFailure, ActionResult, RoomAction } from '../core/actions.ts';
import { generatePassword } from '../core/password.ts';
import type { MessageKey } from '../shared/i18n.ts';
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

/** A fresh room password from the browser's cryptographic random source (setting passwordLength). Never stored. */
export function newRoomPassword(digitsOnly: number | null, length: number): string {
  return generatePassword((array) => crypto.getRandomValues(array), digitsOnly ? { digitsOnly } : { length });
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
