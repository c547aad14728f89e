// "Show the password": reads the room's current password from Jitsi through the page (never stored by
// the companion) whenever the teacher needs it again, e.g. to read it out after the popup closed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionFailure } from '../core/actions.ts';
import { t } from '../shared/i18n.ts';
import { PasswordBox } from './PasswordBox.tsx';
import { FAILURE_TEXT, runRoomAction } from './room-actions.ts';

type Reveal = { step: 'hidden' } | { step: 'shown'; password: string } | { step: 'none' } | { step: 'failed'; failure: ActionFailure };

export function ShowPassword({ tabId }: { tabId: number }) {
  const [reveal, setReveal] = useState<Reveal>({ step: 'hidden' });
  const button = useRef<HTMLButtonElement>(null);
  // After Hide the focus comes back to this button (Hide itself is gone).
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    if (hidden && reveal.step === 'hidden') button.current?.focus();
  }, [hidden, reveal.step]);
  const show = async (): Promise<void> => {
    const result = await runRoomAction(tabId, { kind: 'read-password' });
    if (!result.ok) setReveal({ step: 'failed', failure: result.failure });
    else setReveal(result.password ? { step: 'shown', password: result.password } : { step: 'none' });
  };
  return (
    <div role="status" aria-live="polite">
      {reveal.step === 'shown' ? (
        <PasswordBox
          password={reveal.password}
          focusCopy
          onHide={() => {
            setHidden(true);
            setReveal({ step: 'hidden' });
          }}
        />
      ) : (
        <button type="button" data-testid="show-password" ref={button} onClick={() => void show()}>
          {t('autoShowPassword')}
        </button>
      )}
      {reveal.step === 'none' && <p class="small">{t('autoNoPassword')}</p>}
      {reveal.step === 'failed' && <p class="small">{t(FAILURE_TEXT[reveal.failure])}</p>}
    </div>
  );
}
