// "Lesson ended": what the end of the lesson did, shown on this tab's popup until the teacher dismisses
// it — also after Jitsi has left the room and shows its welcome page.
import { useEffect, useRef } from 'preact/hooks';
import type { LessonEnding } from '../core/lesson-ending.ts';
import { t } from '../shared/i18n.ts';
import { describeEnding, forgetEnding, readEnding } from '../shared/lesson-ending-store.ts';
import { useTabRecord } from './useTabRecord.ts';

export function LessonEnded({ tabId }: { tabId: number | null }) {
  const ending = useTabRecord<LessonEnding>(tabId, 'ended', readEnding);
  const section = useRef<HTMLElement>(null);
  const shown = Boolean(ending && tabId !== null);
  // The lesson view it replaces may have had the focus (e.g. "End the lesson and leave"): take it, also
  // from the heading that held it meanwhile (useFocusKept in Popup.tsx).
  useEffect(() => {
    const at = document.activeElement;
    if (shown && (at === null || at === document.body || (at instanceof HTMLHeadingElement && at.tagName === 'H1'))) section.current?.focus();
  }, [shown]);
  if (!ending || tabId === null) return null;
  const dismiss = (): void => {
    void forgetEnding(tabId).then(() => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus()));
  };
  return (
    <section
      class={`ended ${ending.remaining > 0 ? 'warn' : 'ok'}`}
      data-testid="lesson-ended"
      role="status"
      aria-labelledby="ended-heading"
      tabIndex={-1}
      ref={section}
    >
      <h2 id="ended-heading">
        {t('endedTitle')}
        {ending.room && <span class="muted"> · {ending.room}</span>}
      </h2>
      {describeEnding(ending).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" class="quiet" data-testid="lesson-ended-dismiss" onClick={dismiss}>
        {t('endedDismiss')}
      </button>
    </section>
  );
}
