// "Done for you": what the companion did by itself when the teacher became moderator, because the
// school's (or teacher's) settings say so. A password set that way can be shown here: the popup asks
// the page for it (Jitsi holds it), so it is never stored.
import type { RoomSnapshot } from '../core/room.ts';
import { lessonOf, readAutoActions, type AutoActionKind, type AutoActionsRecord } from '../shared/auto-actions.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { FAILURE_TEXT } from './room-actions.ts';
import { ShowPassword } from './ShowPassword.tsx';
import { useTabRecord } from './useTabRecord.ts';

const DONE_TEXT = {
  'enable-lobby': 'autoDoneLobby',
  'set-password': 'autoDonePassword',
  'set-start-muted': 'autoDoneStartMuted',
} as const satisfies Record<AutoActionKind, MessageKey>;

const FAILED_TEXT = {
  'enable-lobby': 'autoFailedLobby',
  'set-password': 'autoFailedPassword',
  'set-start-muted': 'autoFailedStartMuted',
} as const satisfies Record<AutoActionKind, MessageKey>;

export function useAutoActions(tabId: number | null): AutoActionsRecord | null {
  return useTabRecord(tabId, 'auto', readAutoActions);
}

/** What the school's settings did in this very lesson, if anything. */
function thisLesson(record: AutoActionsRecord | null, room: RoomSnapshot): AutoActionsRecord | null {
  return record && room.roomName !== null && record.lesson === lessonOf(room.host, room.roomName) && record.done.length > 0 ? record : null;
}

/** "Done for you" already offers "Show the password" (the school's settings set it). */
export function offersPassword(record: AutoActionsRecord | null, room: RoomSnapshot): boolean {
  return Boolean(thisLesson(record, room)?.done.some((outcome) => outcome.ok && outcome.kind === 'set-password'));
}

export function AutoActions({ tabId, room, record: anyRecord }: { tabId: number; room: RoomSnapshot; record: AutoActionsRecord | null }) {
  const record = thisLesson(anyRecord, room);
  if (!record) return null;

  // Folded to one line when everything worked (the rows below say the state anyway); open on a failure.
  const failed = record.done.some((outcome) => !outcome.ok);
  const passwordSet = record.done.some((outcome) => outcome.ok && outcome.kind === 'set-password');
  return (
    <section class="auto-actions" data-testid="auto-actions" aria-labelledby="auto-heading">
      <details open={failed}>
        <summary>
          <span class={`icon ${failed ? 'fail' : 'ok'}`} aria-hidden="true">
            {failed ? '✗' : '✓'}
          </span>
          <span id="auto-heading">{t('autoHeading')}</span>
        </summary>
        <ul>
          {record.done.map((outcome) => (
            <li key={outcome.kind} class={outcome.ok ? 'ok' : 'fail'} data-testid={`auto-${outcome.kind}`} data-result={outcome.ok ? 'ok' : 'fail'}>
              <span class={`icon ${outcome.ok ? 'ok' : 'fail'}`} aria-hidden="true">
                {outcome.ok ? '✓' : '✗'}
              </span>
              <div>
                <p>{t(outcome.ok ? DONE_TEXT[outcome.kind] : FAILED_TEXT[outcome.kind])}</p>
                {!outcome.ok && outcome.failure && <p class="small">{t(FAILURE_TEXT[outcome.failure])}</p>}
              </div>
            </li>
          ))}
        </ul>
      </details>
      {passwordSet && <ShowPassword tabId={tabId} />}
    </section>
  );
}
