// What the school (or the teacher) wants done as soon as the teacher is moderator of a lesson: lobby on,
// a random password, everyone starts muted. Once per lesson and tab, through the same action path as the
// popup's one-click fixes, and never again in that lesson: a teacher who turns the lobby off on purpose
// is not overruled. What was done is recorded for the popup; the password itself is not kept (the popup
// reads it from the page when the teacher asks).
import type { ActionResult, RoomAction } from '../core/actions.ts';
import { roomPassword } from '../core/password-words.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { lessonOf, outcomeOf, readAutoActions, saveAutoActions, type AutoActionKind, type AutoActionsRecord } from '../shared/auto-actions.ts';
import { t } from '../shared/i18n.ts';
import { readSettings } from '../shared/settings-store.ts';

export async function applyOnModerator(
  tabId: number,
  room: RoomSnapshot,
  act: (tabId: number, action: RoomAction) => Promise<ActionResult>,
): Promise<void> {
  if (room.phase !== 'conference' || room.isModerator !== true || room.roomName === null) return;
  const lesson = lessonOf(room.host, room.roomName);
  if ((await readAutoActions(tabId))?.lesson === lesson) return;
  const record: AutoActionsRecord = { lesson, done: [] };
  await saveAutoActions(tabId, record);

  const { values } = await readSettings();
  const run = async (kind: AutoActionKind, action: RoomAction): Promise<void> => {
    record.done.push(outcomeOf(kind, await act(tabId, action)));
    await saveAutoActions(tabId, record);
  };
  if (values.autoLobby && room.lobbySupported !== false && room.lobbyEnabled !== true) await run('enable-lobby', { kind: 'enable-lobby' });
  if (values.autoPassword && room.passwordSet !== true) {
    const random = (array: Uint32Array<ArrayBuffer>) => crypto.getRandomValues(array);
    // The school's style and length; words in the language the companion speaks.
    const password = roomPassword(random, values, room.passwordDigits, t('languageCode'));
    await run('set-password', { kind: 'set-password', password });
  }
  if (values.autoStartMuted && (room.startAudioMuted !== true || room.startVideoMuted !== true)) {
    await run('set-start-muted', { kind: 'set-start-muted', audio: true, video: true });
  }
}
