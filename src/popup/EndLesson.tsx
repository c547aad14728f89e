// "End the lesson": the end-of-lesson sequence (src/jitsi/end-lesson.ts) from the popup. The
// confirmation is one sentence and two buttons; how the lesson ends (the meeting ended for all, or
// everyone removed one by one) is the school's or teacher's setting endLessonMode, not a question here.
// The focus moves into the confirmation, back to the button on Cancel, and onto the outcome.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionResult } from '../core/actions.ts';
import { endForAllFellBack } from '../core/lesson-ending.ts';
import { peopleInLesson, type RoomSnapshot } from '../core/room.ts';
import { t, tCount } from '../shared/i18n.ts';
import type { Settings } from '../core/settings.ts';
import { FAILURE_TEXT } from './room-actions.ts';
import { runRoomAction } from './room-actions.ts';

type Step = { name: 'idle' } | { name: 'confirm' } | { name: 'running'; leave: boolean } | { name: 'result'; result: ActionResult; leave: boolean };

/**
 * `mode` is the setting endLessonMode: "auto" ends the meeting for everyone where the server supports
 * it; "remove-everyone" removes everyone one by one; null while the settings are still read.
 * `onEnding` tells the checklist when the teacher is ending the lesson (its end steps show then).
 */
export function EndLesson({ tabId, room, mode, onEnding }: {
  tabId: number;
  room: RoomSnapshot;
  mode: Settings['endLessonMode'] | null;
  onEnding?: (ending: boolean) => void;
}) {
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [why, setWhy] = useState(false);
  const endForAll = room.endForAllSupported === true && mode === 'auto';
  const people = peopleInLesson(room) ?? 0;
  const canEnd = room.isModerator === true;
  /** Where the focus goes after the next render: the step's own element. */
  const focusNext = useRef<'confirm' | 'button' | 'outcome' | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The end steps (who is still here, leave last) show once the sequence runs, not over the question.
    onEnding?.(step.name === 'running' || step.name === 'result');
    const target = focusNext.current === 'confirm' ? confirmRef : focusNext.current === 'button' ? buttonRef : focusNext.current === 'outcome' ? outcomeRef : null;
    focusNext.current = null;
    target?.current?.focus();
  }, [step]);

  const go = (next: Step, focus: 'confirm' | 'button' | 'outcome'): void => {
    focusNext.current = focus;
    setStep(next);
  };

  const run = async (leave: boolean): Promise<void> => {
    go({ name: 'running', leave }, 'outcome');
    const result = await runRoomAction(tabId, { kind: 'end-lesson', endForAll: leave && endForAll, leave, kickReason: t('kickReason') });
    go({ name: 'result', result, leave }, 'outcome');
  };

  const sentence = endForAll
    ? tCount(people, { zero: 'endConfirmNone', one: 'endForAllConfirmOne', other: 'endForAllConfirmOther' })
    : tCount(people, { zero: 'endConfirmNone', one: 'endConfirmOne', other: 'endConfirmOther' });

  return (
    <div class="end" data-testid="end-lesson-panel" data-step={step.name}>
      {step.name === 'idle' && (
        <>
          <div class="end-line">
            <button
              type="button"
              ref={buttonRef}
              data-testid="end-lesson"
              disabled={!canEnd}
              aria-describedby={canEnd ? undefined : 'end-blocked'}
              onClick={() => go({ name: 'confirm' }, 'confirm')}
            >
              {t('endLessonButton')}
            </button>
            <button type="button" class="why" aria-expanded={why} aria-controls="end-why" aria-label={`${t('whyToggle')} ${t('endLessonButton')}`} onClick={() => setWhy(!why)}>
              {t('whyToggle')}
            </button>
          </div>
          <p class="hint" id="end-why" data-testid="end-why" hidden={!why}>
            {t('endDeletedNote')}
          </p>
          {/* The role row says it to everyone; here for screen readers, on the disabled button. */}
          {!canEnd && (
            <p class="visually-hidden" id="end-blocked">
              {t('fixBlockedNotModerator')}
            </p>
          )}
        </>
      )}
      {step.name === 'confirm' && (
        <div
          class="confirm"
          role="group"
          aria-labelledby="end-confirm-text"
          tabIndex={-1}
          ref={confirmRef}
          data-testid="end-confirm"
          data-mechanism={endForAll ? 'end-for-all' : 'remove-everyone'}
        >
          <p id="end-confirm-text" data-testid="end-confirm-text">
            {sentence}
          </p>
          <div class="buttons">
            <button type="button" class="primary" data-testid="end-and-leave" onClick={() => void run(true)}>
              {t(endForAll ? 'endForAllButton' : 'endAndLeave')}
            </button>
            <button type="button" data-testid="end-cancel" onClick={() => go({ name: 'idle' }, 'button')}>
              {t('endCancel')}
            </button>
          </div>
          {/* Removing everyone one by one can also keep the teacher in the empty room (to check it, or to go on). */}
          {!endForAll && (
            <button type="button" class="quiet small stay" data-testid="end-and-stay" onClick={() => void run(false)}>
              {t('endAndStay')}
            </button>
          )}
        </div>
      )}
      {step.name === 'running' && (
        <div role="status" tabIndex={-1} ref={outcomeRef}>
          <p data-testid="end-running">{t('endRunning')}</p>
        </div>
      )}
      {step.name === 'result' && (
        <div tabIndex={-1} ref={outcomeRef} class="outcome">
          <EndResult result={step.result} onRetry={() => void run(step.leave)} />
        </div>
      )}
    </div>
  );
}

function EndResult({ result, onRetry }: { result: ActionResult; onRetry: () => void }) {
  const report = result.report;
  if (result.ok) {
    return (
      <p role="status" data-testid="end-result" data-ok="true">
        {report?.endedForAll ? t('endDoneForAll') : report?.left ? t('endDoneLeft') : t('endDoneStayed')}
        {report && endForAllFellBack(report) && <> {t('endForAllFellBack')}</>}
      </p>
    );
  }
  return (
    <div role="alert" data-testid="end-result" data-ok="false">
      <p>
        {t(FAILURE_TEXT[result.failure])}
        {result.detail && (
          <>
            {' '}
            <span class="detail">{t('actionErrorDetail', result.detail)}</span>
          </>
        )}
      </p>
      {report && report.remaining.length > 0 && <p data-testid="end-remaining">{t('endRemaining', report.remaining.join(', '))}</p>}
      {report && report.knocking > 0 && <p>{tCount(report.knocking, { zero: 'endKnockingNone', one: 'endKnockingOne', other: 'endKnockingOther' })}</p>}
      {report && report.hiddenRemaining > 0 && <p>{tCount(report.hiddenRemaining, { zero: 'endHiddenRemainingOther', one: 'endHiddenRemainingOne', other: 'endHiddenRemainingOther' })}</p>}
      <button type="button" data-testid="end-retry" onClick={onRetry}>
        {t('endRetry')}
      </button>
    </div>
  );
}
