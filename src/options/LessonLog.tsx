// The local lesson log: counts and times only (no participant names, ever), kept for the days the
// settings say, exportable (JSON; CSV for a spreadsheet in the teacher's language), deletable.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { durationMinutes, flagUse, toCsv, type CsvWords, type FlagUse, type LessonFlag, type LessonOutcome, type LessonRecord } from '../core/lesson-log.ts';
import { t, tCount, type MessageKey } from '../shared/i18n.ts';
import { clearLessonLog, LOG_KEY, readLessonLog } from '../shared/lesson-log-store.ts';

const OUTCOME_TEXT = {
  empty: 'logOutcomeEmpty',
  'ended-for-all': 'logOutcomeEndedForAll',
  'left-with-people': 'logOutcomeLeftWithPeople',
  'closed-with-people': 'logOutcomeClosedWithPeople',
} as const satisfies Record<LessonOutcome, MessageKey>;

const USE_TEXT = {
  lesson: 'logYes',
  'end-only': 'logOnlyAtEnd',
  no: 'logNo',
} as const satisfies Record<FlagUse, MessageKey>;

const outcomeText = (record: LessonRecord): string => (record.outcome ? t(OUTCOME_TEXT[record.outcome], String(record.remaining ?? 0)) : '');

/** The spreadsheet's words, in the language shown. */
function csvWords(): CsvWords {
  return {
    header: {
      start: t('logStart'),
      end: t('logEnd'),
      minutes: t('logMinutes'),
      host: t('logServer'),
      room: t('logRoom'),
      outcome: t('logOutcome'),
      remaining: t('logRemaining'),
      peak: t('logPeak'),
      lobby: t('logLobby'),
      password: t('logPassword'),
      recording: t('logRecording'),
      leaveReason: t('logLeaveReason'),
    },
    outcome: outcomeText,
    use: { lesson: t(USE_TEXT.lesson), 'end-only': t(USE_TEXT['end-only']), no: t(USE_TEXT.no) },
  };
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

const language = (): string => t('languageCode');
const day = (time: number): string => new Date(time).toLocaleDateString(language(), { dateStyle: 'medium' });
const clock = (time: number): string => new Date(time).toLocaleTimeString(language(), { timeStyle: 'short' });

/** "5 Dec 2026, 08:00–08:45 (45 min)": one cell instead of three columns, so the table fits. */
function When({ record }: { record: LessonRecord }) {
  const minutes = durationMinutes(record);
  return (
    <>
      <span class="nowrap">{day(record.start)}</span>{' '}
      <span class="nowrap">
        {clock(record.start)}
        {record.end !== null && `–${clock(record.end)}`}
      </span>
      {minutes !== null && <div class="muted">{t('logDuration', String(minutes))}</div>}
    </>
  );
}

function Use({ record, flag }: { record: LessonRecord; flag: LessonFlag }) {
  const use = flagUse(record, flag);
  return (
    <td data-use={use} data-flag={flag}>
      {t(USE_TEXT[use])}
    </td>
  );
}

export function LessonLog({ days }: { days: number | null }) {
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
  const exportCsv = (): void => {
    // Local time of this computer; ";" for German and Dutch spreadsheets; a BOM so that Excel reads UTF-8.
    download(`lesson-log-${stamp}.csv`, 'text/csv;charset=utf-8', toCsv(log ?? [], csvWords(), { language: language() }));
  };

  return (
    <section id="lesson-log" aria-labelledby="log-heading" data-testid="lesson-log">
      <h2 id="log-heading">{t('logHeading')}</h2>
      <p>{tCount(days ?? 30, { zero: 'logIntroOther', one: 'logIntroOne', other: 'logIntroOther' })}</p>
      {log === null ? (
        <p>{t('loading')}</p>
      ) : log.length === 0 ? (
        <p data-testid="log-empty">{t('logEmpty')}</p>
      ) : (
        <div class="table-wrap" data-testid="log-table-wrap">
          <table data-testid="log-table">
            <thead>
              <tr>
                <th scope="col">{t('logWhen')}</th>
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
                  <td>
                    <When record={record} />
                  </td>
                  <td class="room">
                    {/* A log that keeps counts only (lessonLogDetail) has no room or server. */}
                    {record.room || '—'} {record.host && <span class="muted">({record.host})</span>}
                  </td>
                  <td>
                    {outcomeText(record)}
                    {record.leaveReason && (
                      <div class="muted" data-testid="log-leave-reason">
                        {record.leaveReason}
                      </div>
                    )}
                  </td>
                  <td class="number">{record.peak}</td>
                  <Use record={record} flag="lobby" />
                  <Use record={record} flag="password" />
                  <Use record={record} flag="recording" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="small">{t('logOnlyAtEndExplained')}</p>
      <div class="actions">
        <button type="button" data-testid="log-export-json" disabled={!log?.length} onClick={() => download(`lesson-log-${stamp}.json`, 'application/json', JSON.stringify(log, null, 2))}>
          {t('logExportJson')}
        </button>
        <button type="button" data-testid="log-export-csv" disabled={!log?.length} onClick={exportCsv}>
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
