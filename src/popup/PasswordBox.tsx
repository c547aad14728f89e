// A room password shown to the teacher to share with the class: Copy, Hide. Lives only in this
// component's props; never stored, never logged.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';

/** `focusCopy`: the teacher asked to see it; the focus moves to Copy (the button they pressed is gone). */
export function PasswordBox({ password, onHide, focusCopy = false }: { password: string; onHide: () => void; focusCopy?: boolean }) {
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  const copyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusCopy) copyButton.current?.focus();
  }, []);
  const copyPassword = (): void => {
    // In the click: the clipboard needs the user's gesture.
    navigator.clipboard.writeText(password).then(
      () => setCopy('done'),
      () => setCopy('failed'),
    );
  };
  return (
    <div class="password">
      <output class="password-value" data-testid="new-password" aria-label={t('passwordLabel')}>
        {password}
      </output>
      <button type="button" data-testid="copy-password" ref={copyButton} onClick={copyPassword}>
        {copy === 'done' ? t('copyDone') : t('copyButton')}
      </button>
      <button type="button" class="quiet" data-testid="hide-password" onClick={onHide}>
        {t('hidePasswordButton')}
      </button>
      {copy === 'failed' && <p class="small">{t('copyFailed')}</p>}
      <p class="small muted">{t('passwordNotStored')}</p>
    </div>
  );
}
