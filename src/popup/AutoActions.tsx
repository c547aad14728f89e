// "Done for you": what the companion did by itself when the teacher became moderator, because the
// school's (or teacher's) settings say so. A password set that way can be shown here: the popup asks
// the page for it (Jitsi holds it), so it is never stored.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ActionFailure } from '../core/actions.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { autoActionsKey, lessonOf, readAutoActions, type AutoActionKind, type AutoActionsRecord } from '../shared/auto-actions.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { FAILURE_TEXT } from './Checklist.tsx';
import { PasswordBox } from './PasswordBox.tsx';
import { runRoomAction } from './room-actions.ts';

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

function useAutoActions(tabId: number): AutoActionsRecord | null {
  const [record, setRecord] = useState<AutoActionsRecord | null>(null);
  useEffect(() => {
    const read = () => void readAutoActions(tabId).then(setRecord);
    read();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && autoActionsKey(tabId) in changes) read();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [tabId]);
  return record;
}

type Reveal = { step: 'hidden' } | { step: 'shown'; password: string } | { step: 'none' } | { step: 'failed'; failure: ActionFailure };

export function AutoActions({ tabId, room }: { tabId: number; room: RoomSnapshot }) {
  const record = useAutoActions(tabId);
  const [reveal, setReveal] = useState<Reveal>({ step: 'hidden' });
  if (!record || room.roomName === null || record.lesson !== lessonOf(room.host, room.roomName) || record.done.length === 0) return null;

  const show = async (): Promise<void> => {
    const result = await runRoomAction(tabId, { kind: 'read-password' });
    if (!result.ok) setReveal({ step: 'failed', failure: result.failure });
    else setReveal(result.password ? { step: 'shown', password: result.password } : { step: 'none' });
  };

  return (
    <section class="auto-actions" data-testid="auto-actions" aria-labelledby="auto-heading">
      <h2 id="auto-heading">{t('autoHeading')}</h2>
      <ul>
        {record.done.map((outcome) => (
          <li key={outcome.kind} class={outcome.ok ? 'ok' : 'fail'} data-testid={`auto-${outcome.kind}`} data-result={outcome.ok ? 'ok' : 'fail'}>
            <span class={`icon ${outcome.ok ? 'ok' : 'fail'}`} aria-hidden="true">
              {outcome.ok ? '✓' : '✗'}
            </span>
            <div>
              <p>{t(outcome.ok ? DONE_TEXT[outcome.kind] : FAILED_TEXT[outcome.kind])}</p>
              {!outcome.ok && outcome.failure && <p class="small">{t(FAILURE_TEXT[outcome.failure])}</p>}
              {outcome.ok && outcome.kind === 'set-password' && (
                <div role="status" aria-live="polite">
                  {reveal.step === 'shown' ? (
                    <PasswordBox password={reveal.password} onHide={() => setReveal({ step: 'hidden' })} />
                  ) : (
                    <button type="button" data-testid="show-password" onClick={() => void show()}>
                      {t('autoShowPassword')}
                    </button>
                  )}
                  {reveal.step === 'none' && <p class="small">{t('autoNoPassword')}</p>}
                  {reveal.step === 'failed' && <p class="small">{t(FAILURE_TEXT[reveal.failure])}</p>}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
