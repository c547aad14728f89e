// The local lesson log: counts and times only, 30 days, exportable, deletable by the teacher.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { toCsv, type LessonOutcome, type LessonRecord } from '../core/lesson-log.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { clearLessonLog, LOG_KEY, readLessonLog } from '../shared/lesson-log-store.ts';

const OUTCOME_TEXT = {
  empty: 'logOutcomeEmpty',
  'ended-for-all': 'logOutcomeEndedForAll',
  'left-with-people': 'logOutcomeLeftWithPeople',
  'closed-with-people': 'logOutcomeClosedWithPeople',
} as const satisfies Record<LessonOutcome, MessageKey>;

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function when(time: number): string {
  return new Date(time).toLocaleString(t('languageCode'), { dateStyle: 'short', timeStyle: 'short' });
}

function yesNo(value: boolean): string {
  return value ? t('logYes') : t('logNo');
}

export function LessonLog() {
  const [log, setLog] = useState<LessonRecord[] | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void readLessonLog().then(setLog);
    const listener = (changes: Record<string, unknown>, area: string): void => {
      if (area === 'local' && LOG_KEY in changes) void readLessonLog().then(setLog);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  const stamp = new Date().toISOString().slice(0, 10);
  const deleteAll = async (): Promise<void> => {
    if (!confirm(t('logDeleteConfirm'))) return;
    await clearLessonLog();
    setLog([]);
    setStatus(t('logDeleted'));
  };

  return (
    <section aria-labelledby="log-heading" data-testid="lesson-log">
      <h2 id="log-heading">{t('logHeading')}</h2>
      <p>{t('logIntro')}</p>
      {log === null ? (
        <p>{t('loading')}</p>
      ) : log.length === 0 ? (
        <p data-testid="log-empty">{t('logEmpty')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="log-table">
            <thead>
              <tr>
                <th scope="col">{t('logStart')}</th>
                <th scope="col">{t('logRoom')}</th>
                <th scope="col">{t('logOutcome')}</th>
                <th scope="col">{t('logPeak')}</th>
                <th scope="col">{t('logLobby')}</th>
                <th scope="col">{t('logPassword')}</th>
                <th scope="col">{t('logRecording')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((record) => (
                <tr key={record.id} data-outcome={record.outcome ?? ''}>
                  <td>{when(record.start)}</td>
                  <td>
                    {record.room} <span class="muted">({record.host})</span>
                  </td>
                  <td>
                    {record.outcome ? t(OUTCOME_TEXT[record.outcome], String(record.remaining ?? 0)) : ''}
                    {record.leaveReason && <div class="muted" data-testid="log-leave-reason">{record.leaveReason}</div>}
                  </td>
                  <td>{record.peak}</td>
                  <td>{yesNo(record.lobbyOn)}</td>
                  <td>{yesNo(record.passwordOn)}</td>
                  <td>{yesNo(record.recorded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="actions">
        <button type="button" data-testid="log-export-json" disabled={!log?.length} onClick={() => download(`lesson-log-${stamp}.json`, 'application/json', JSON.stringify(log, null, 2))}>
          {t('logExportJson')}
        </button>
        <button type="button" data-testid="log-export-csv" disabled={!log?.length} onClick={() => download(`lesson-log-${stamp}.csv`, 'text/csv', toCsv(log ?? []))}>
          {t('logExportCsv')}
        </button>
        <button type="button" data-testid="log-delete" disabled={!log?.length} onClick={() => void deleteAll()}>
          {t('logDeleteAll')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
