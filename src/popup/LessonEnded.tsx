// "Lesson ended": what the end of the lesson did, shown on this tab's popup until the teacher dismisses
// it — also after Jitsi has left the room and shows its welcome page.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { LessonEnding } from '../core/lesson-ending.ts';
import { t } from '../shared/i18n.ts';
import { describeEnding, endingKey, forgetEnding, readEnding } from '../shared/lesson-ending-store.ts';

function useEnding(tabId: number | null): LessonEnding | null {
  const [ending, setEnding] = useState<LessonEnding | null>(null);
  useEffect(() => {
    if (tabId === null) return undefined;
    const read = () => void readEnding(tabId).then(setEnding);
    read();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && endingKey(tabId) in changes) read();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [tabId]);
  return ending;
}

export function LessonEnded({ tabId }: { tabId: number | null }) {
  const ending = useEnding(tabId);
  if (!ending || tabId === null) return null;
  return (
    <section class={`ended ${ending.remaining > 0 ? 'warn' : 'ok'}`} data-testid="lesson-ended" role="status" aria-labelledby="ended-heading">
      <h2 id="ended-heading">
        {t('endedTitle')}
        {ending.room && <span class="muted"> · {ending.room}</span>}
      </h2>
      {describeEnding(ending).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" class="quiet" data-testid="lesson-ended-dismiss" onClick={() => void forgetEnding(tabId)}>
        {t('endedDismiss')}
      </button>
    </section>
  );
}
