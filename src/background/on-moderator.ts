// What the school (or the teacher) wants done as soon as the teacher is moderator of a lesson: lobby on,
// a random password, everyone starts muted. Once per lesson and tab, through the same action path as the
// popup's one-click fixes, and never again in that lesson: a teacher who turns the lobby off on purpose
// is not overruled. What was done is recorded for the popup; the password itself is not kept (the popup
// reads it from the page when the teacher asks).
import type { ActionResult, RoomAction } from '../core/actions.ts';
import { roomPassword } from '../core/password-words.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { lessonOf, readAutoActions, type AutoActionKind, type AutoActionsRecord } from '../shared/auto-actions.ts';
import { outcomeOf, saveAutoActions } from './auto-actions-store.ts';
import { t } from '../shared/i18n.ts';
import { readSettings } from '../shared/settings-store.ts';

type Act = (tabId: number, action: RoomAction) => Promise<ActionResult>;

/** One run at a time per tab: a room update and a settings change must not both set a password. */
const runs = new Map<number, Promise<void>>();

/**
 * `again`: the settings changed while the lesson runs — above all at a browser start, when Chromium hands
 * the extension the school's policy only seconds after a restored lesson tab reported its moderator. What
 * the settings now ask for and was not yet tried in this lesson is done; nothing is done twice.
 */
export function applyOnModerator(tabId: number, room: RoomSnapshot, act: Act, { again = false } = {}): Promise<void> {
  const run = () => apply(tabId, room, act, again);
  const next = (runs.get(tabId) ?? Promise.resolve()).then(run, run);
  runs.set(tabId, next);
  void next.finally(() => {
    if (runs.get(tabId) === next) runs.delete(tabId);
  });
  return next;
}

async function apply(tabId: number, room: RoomSnapshot, act: Act, again: boolean): Promise<void> {
  if (room.phase !== 'conference' || room.isModerator !== true || room.roomName === null) return;
  const lesson = lessonOf(room.host, room.roomName);
  const existing = await readAutoActions(tabId);
  if (existing?.lesson === lesson && !again) return;
  const record: AutoActionsRecord = existing?.lesson === lesson ? existing : { lesson, done: [] };
  await saveAutoActions(tabId, record);
  const tried = new Set(record.done.map((outcome) => outcome.kind));

  const { values } = await readSettings();
  const run = async (kind: AutoActionKind, action: RoomAction): Promise<void> => {
    record.done.push(outcomeOf(kind, await act(tabId, action)));
    await saveAutoActions(tabId, record);
  };
  if (values.autoLobby && !tried.has('enable-lobby') && room.lobbySupported !== false && room.lobbyEnabled !== true) await run('enable-lobby', { kind: 'enable-lobby' });
  if (values.autoPassword && !tried.has('set-password') && room.passwordSet !== true) {
    const random = (array: Uint32Array<ArrayBuffer>) => crypto.getRandomValues(array);
    // The school's style and length; words in the language the companion speaks.
    const password = roomPassword(random, values, room.passwordDigits, t('languageCode'));
    await run('set-password', { kind: 'set-password', password });
  }
  if (values.autoStartMuted && !tried.has('set-start-muted') && (room.startAudioMuted !== true || room.startVideoMuted !== true)) {
    await run('set-start-muted', { kind: 'set-start-muted', audio: true, video: true });
  }
}
