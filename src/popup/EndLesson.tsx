// "End the lesson": the end-of-lesson sequence (src/jitsi/end-lesson.ts) from the popup, with a
// confirmation that names how many people will be removed, its progress, and a precise report when
// someone or something remains.
import { useState } from 'preact/hooks';
import type { ActionResult } from '../core/actions.ts';
import { peopleInLesson, type RoomSnapshot } from '../core/room.ts';
import { t, tCount } from '../shared/i18n.ts';
import type { Settings } from '../core/settings.ts';
import { FAILURE_TEXT } from './room-actions.ts';
import { runRoomAction } from './room-actions.ts';

type Step = { name: 'idle' } | { name: 'confirm' } | { name: 'running'; leave: boolean } | { name: 'result'; result: ActionResult; leave: boolean };

/**
 * `mode` is the setting endLessonMode: "auto" ends the meeting for everyone where the server supports
 * it; "remove-everyone" never offers it; null while the settings are still read (nothing offered yet).
 */
export function EndLesson({ tabId, room, mode }: { tabId: number; room: RoomSnapshot; mode: Settings['endLessonMode'] | null }) {
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const canEndForAll = room.endForAllSupported === true && mode === 'auto';
  const [endForAll, setEndForAll] = useState(true);
  const people = peopleInLesson(room) ?? 0;
  const canEnd = room.isModerator === true;

  const run = async (leave: boolean): Promise<void> => {
    setStep({ name: 'running', leave });
    const result = await runRoomAction(tabId, {
      kind: 'end-lesson',
      endForAll: leave && endForAll && canEndForAll,
      leave,
      kickReason: t('kickReason'),
    });
    setStep({ name: 'result', result, leave });
  };

  return (
    <div class="end" data-testid="end-lesson-panel" data-step={step.name}>
      <p class="small">{t('endDeletedNote')}</p>
      {step.name === 'idle' && (
        <>
          <button type="button" data-testid="end-lesson" disabled={!canEnd} aria-describedby={canEnd ? undefined : 'end-blocked'} onClick={() => setStep({ name: 'confirm' })}>
            {t('endLessonButton')}
          </button>
          {!canEnd && (
            <p class="small muted" id="end-blocked">
              {t('fixBlockedNotModerator')}
            </p>
          )}
        </>
      )}
      {step.name === 'confirm' && (
        <div class="confirm" role="group" aria-labelledby="end-confirm-text">
          <p id="end-confirm-text" data-testid="end-confirm-text">
            {tCount(people, { zero: 'endConfirmNone', one: 'endConfirmOne', other: 'endConfirmOther' })}
          </p>
          {canEndForAll && (
            <label class="small">
              <input type="checkbox" data-testid="end-for-all" checked={endForAll} onChange={(event) => setEndForAll(event.currentTarget.checked)} />{' '}
              {t('endForAllOption')}
            </label>
          )}
          <div class="buttons">
            <button type="button" class="primary" data-testid="end-and-leave" onClick={() => void run(true)}>
              {t('endAndLeave')}
            </button>
            {!(endForAll && canEndForAll) && (
              <button type="button" data-testid="end-and-stay" onClick={() => void run(false)}>
                {t('endAndStay')}
              </button>
            )}
            <button type="button" class="quiet" data-testid="end-cancel" onClick={() => setStep({ name: 'idle' })}>
              {t('endCancel')}
            </button>
          </div>
        </div>
      )}
      {step.name === 'running' && (
        <p role="status" data-testid="end-running">
          {t('endRunning')}
        </p>
      )}
      {step.name === 'result' && <EndResult result={step.result} onRetry={() => void run(step.leave)} />}
    </div>
  );
}

function EndResult({ result, onRetry }: { result: ActionResult; onRetry: () => void }) {
  const report = result.report;
  if (result.ok) {
    return (
      <p role="status" data-testid="end-result" data-ok="true">
        {report?.endedForAll ? t('endDoneForAll') : report?.left ? t('endDoneLeft') : t('endDoneStayed')}
        {report?.steps.some((s) => s.step === 'end-for-all' && s.outcome === 'failed') && <> {t('endForAllFellBack')}</>}
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
      {report && report.hiddenRemaining > 0 && <p>{t('endHiddenRemaining', String(report.hiddenRemaining))}</p>}
      <button type="button" data-testid="end-retry" onClick={onRetry}>
        {t('endRetry')}
      </button>
    </div>
  );
}
