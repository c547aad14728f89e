// What the school (or the teacher) wants done as soon as the teacher is moderator of a lesson: lobby on,
// a random password, everyone starts muted. Once per lesson and tab, through the same action path as the
// popup's one-click fixes. The password is not kept: Jitsi's own security dialog shows it to the teacher.
import browser from 'webextension-polyfill';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import { generatePassword } from '../core/password.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { readSettings } from '../shared/settings-store.ts';

const DONE_PREFIX = 'auto:';

export async function applyOnModerator(
  tabId: number,
  room: RoomSnapshot,
  act: (tabId: number, action: RoomAction) => Promise<ActionResult>,
): Promise<void> {
  if (room.phase !== 'conference' || room.isModerator !== true || room.roomName === null) return;
  const key = `${DONE_PREFIX}${tabId}`;
  const lesson = `${room.host}/${room.roomName}`;
  if ((await browser.storage.session.get(key))[key] === lesson) return;
  await browser.storage.session.set({ [key]: lesson });

  const { values } = await readSettings();
  if (values.autoLobby && room.lobbySupported !== false && room.lobbyEnabled !== true) await act(tabId, { kind: 'enable-lobby' });
  if (values.autoPassword && room.passwordSet !== true) {
    const random = (array: Uint32Array<ArrayBuffer>) => crypto.getRandomValues(array);
    const password = generatePassword(random, room.passwordDigits ? { digitsOnly: room.passwordDigits } : { length: values.passwordLength });
    await act(tabId, { kind: 'set-password', password });
  }
  if (values.autoStartMuted && (room.startAudioMuted !== true || room.startVideoMuted !== true)) {
    await act(tabId, { kind: 'set-start-muted', audio: true, video: true });
  }
}

export async function forgetAutoActions(tabId: number): Promise<void> {
  await browser.storage.session.remove(`${DONE_PREFIX}${tabId}`);
}
