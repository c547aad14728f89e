import { buildChecklist, checklistHeadline, MANUAL_IDS, type Headline, type ManualId } from '../core/checklist.ts';
import { isUnreadable, type RoomSnapshot } from '../core/room.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { AutoActions, offersPassword, useAutoActions } from './AutoActions.tsx';
import { Checklist, People } from './Checklist.tsx';
import { LessonEnded } from './LessonEnded.tsx';
import { CheckPage, EnableSite } from './SiteAccess.tsx';
import { useManualTicks } from './useManualTicks.ts';
import { useRoom } from './useRoom.ts';
import { useSettings } from './useSettings.ts';
import { useEffect, useRef } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { textInLanguage, type Settings } from '../core/settings.ts';

const PHASE_TEXT = {
  welcome: 'phaseWelcome',
  prejoin: 'phasePrejoin',
  joining: 'phaseJoining',
  conference: 'phaseConference',
  leaving: 'phaseLeaving',
  left: 'phaseLeft',
} as const satisfies Record<RoomSnapshot['phase'], MessageKey>;

/** While joining, what Jitsi waits for, and what the teacher does about it. */
const WAITING_TEXT = {
  host: { phase: 'phaseWaitingHost', hint: 'waitingHostHint' },
  password: { phase: 'phaseWaitingPassword', hint: 'waitingPasswordHint' },
  lobby: { phase: 'phaseWaitingLobby', hint: 'waitingLobbyHint' },
} as const satisfies Record<NonNullable<RoomSnapshot['waitingFor']>, { phase: MessageKey; hint: MessageKey }>;

/** What needs the teacher is listed right below, so only "all set" and the preview add a line. */
const HEADLINE: Record<Headline, { title: MessageKey; hint: MessageKey | null; icon: string }> = {
  danger: { title: 'headlineDanger', hint: null, icon: '✗' },
  attention: { title: 'headlineAttention', hint: null, icon: '!' },
  todo: { title: 'headlineTodo', hint: null, icon: '✓' },
  ok: { title: 'headlineOk', hint: 'headlineOkHint', icon: '✓' },
  preview: { title: 'headlinePreview', hint: 'headlinePreviewHint', icon: 'i' },
};

const MANUAL_SUMMARY = {
  blur: 'labelBlur',
  rules: 'labelRules',
  'recording-planned': 'labelRecordingPlanned',
  'recording-announced': 'labelRecordingAnnounced',
} as const satisfies Record<ManualId, MessageKey>;

function HeadlineBanner({ kind }: { kind: Headline }) {
  const { title, hint, icon } = HEADLINE[kind];
  return (
    <div class={`headline ${kind}`} data-testid="headline" data-headline={kind}>
      <span class="headline-icon" aria-hidden="true">
        {icon}
      </span>
      <div>
        <p class="headline-title">{t(title)}</p>
        {hint && <p class="headline-hint">{t(hint)}</p>}
      </div>
    </div>
  );
}

/** After the lesson: what the companion knows, and what still holds about the room. */
function AfterLesson({ ticks }: { ticks: Partial<Record<ManualId, boolean>> }) {
  const steps = MANUAL_IDS.filter((id) => (id !== 'recording-announced' && id !== 'recording-planned') || ticks[id]);
  return (
    <section class="after" data-testid="after-lesson" aria-labelledby="after-heading">
      <h2 id="after-heading">{t('leftHeading')}</h2>
      <p class="note">{t('leftDeleted')}</p>
      <h3>{t('leftYourSteps')}</h3>
      <ul class="summary">
        {steps.map((id) => (
          <li key={id} data-testid={`summary-${id}`} data-done={ticks[id] ? 'true' : 'false'} class={ticks[id] ? 'ok' : 'todo'}>
            <span class="icon" aria-hidden="true">
              {ticks[id] ? '✓' : '–'}
            </span>
            <span>{t(MANUAL_SUMMARY[id])}</span>
            <span class="status">{t(ticks[id] ? 'leftDone' : 'leftNotDone')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A notice up to this long (two lines in the popup) is shown open; a longer one starts folded. */
const NOTICE_SHOWN_UP_TO = 140;

/**
 * The school's notice (e.g. what the service may be used for), set by policy: short, and folded when
 * long, so it never pushes the lesson out of the popup.
 */
function SchoolNotice({ settings }: { settings: Settings }) {
  const notice = textInLanguage(settings.noticeText, t('languageCode'));
  if (!notice) return null;
  return (
    <details class="school-info" data-testid="school-info" open={notice.length <= NOTICE_SHOWN_UP_TO}>
      <summary>{t('schoolInfoHeading')}</summary>
      <p class="notice" data-testid="school-notice">
        {notice}
      </p>
    </details>
  );
}

/** Settings, the lesson log (a section of the options page, #lesson-log) and the school's help. */
function Links({ settings }: { settings: Settings | null }) {
  const options = browser.runtime.getURL('src/options/index.html');
  return (
    <nav class="links" aria-label={t('popupLinks')} data-testid="popup-links">
      <a href={options} target="_blank" data-testid="open-settings">
        {t('linkSettings')}
      </a>
      <a href={`${options}#lesson-log`} target="_blank" data-testid="open-lesson-log">
        {t('linkLessonLog')}
      </a>
      {settings?.helpUrl && (
        <a href={settings.helpUrl} target="_blank" rel="noopener noreferrer" data-testid="school-help" aria-label={t('schoolHelpLink')}>
          {t('linkHelp')}
        </a>
      )}
    </nav>
  );
}

/**
 * The focus is never lost: when the element that had it disappears because the view changed (the
 * lesson ended, the teacher left), it goes to the lasting "Lesson ended" card or the popup's heading.
 */
function useFocusKept(): void {
  // Only once something had the focus: at opening, the popup puts no ring on its heading.
  const had = useRef(false);
  useEffect(() => {
    const note = (): void => void (had.current = true);
    document.addEventListener('focusin', note);
    return () => document.removeEventListener('focusin', note);
  }, []);
  useEffect(() => {
    if (had.current && (document.activeElement === null || document.activeElement === document.body)) {
      (document.querySelector<HTMLElement>('[data-testid="lesson-ended"]') ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    }
  });
}

function Room({ tabId, room, settings }: { tabId: number | null; room: RoomSnapshot; settings: Settings | null }) {
  const [ticks, setTick] = useManualTicks(tabId, room.roomName);
  const auto = useAutoActions(tabId);
  const parts = buildChecklist(room, ticks, { recordingReminder: settings?.recordingReminder ?? true, roomPassword: settings?.roomPassword ?? 'recommended',
    recordingRule: settings ? textInLanguage(settings.recordingRuleText, t('languageCode')) !== null : false,
  });
  const unreadable = isUnreadable(room);
  const showsChecklist = parts.length > 0 && tabId !== null && !unreadable;
  const people = parts.flatMap((part) => part.items).find((item) => item.id === 'participants');
  return (
    <section data-testid="room" data-phase={room.phase}>
      <header class="top">
        <h1 data-testid="room-name" tabIndex={-1}>{room.roomName ?? t('leftHeading')}</h1>
        <p class="phase">
          <span data-testid="phase" data-waiting-for={room.waitingFor ?? undefined}>
            {t(room.waitingFor ? WAITING_TEXT[room.waitingFor].phase : PHASE_TEXT[room.phase])}
          </span>
          {people && tabId !== null && (
            <>
              {' · '}
              <People item={people} room={room} />
            </>
          )}
        </p>
        {room.waitingFor && (
          <p class="note" data-testid="waiting-hint">
            {t(WAITING_TEXT[room.waitingFor].hint)}
          </p>
        )}
      </header>
      {tabId !== null && <EnableSite tabId={tabId} />}
      {unreadable && (
        <section class="notice" data-testid="unsupported-version" role="status">
          <h2>{t('unsupportedVersionTitle')}</h2>
          <p>{t('unsupportedVersionHint')}</p>
        </section>
      )}
      {showsChecklist && <HeadlineBanner kind={checklistHeadline(room, parts)} />}
      {showsChecklist && <AutoActions tabId={tabId} room={room} record={auto} />}
      {showsChecklist && (
        <Checklist tabId={tabId} room={room} parts={parts} ticks={ticks} onTick={setTick} settings={settings} offerPassword={!offersPassword(auto, room)} />
      )}
      {room.phase === 'left' && <AfterLesson ticks={ticks} />}
    </section>
  );
}

export function Popup({ tabId }: { tabId: number | null }) {
  const room = useRoom(tabId);
  const settings = useSettings();
  useFocusKept();
  if (room === undefined) return <p class="muted">{t('loading')}</p>;
  const info = (
    <>
      {settings && <SchoolNotice settings={settings} />}
      <Links settings={settings} />
    </>
  );
  const ended = <LessonEnded tabId={tabId} />;
  if (room === null || room.phase === 'welcome' || (room.roomName === null && room.phase !== 'left')) {
    return (
      <>
        {ended}
        <section data-testid="no-room" class="no-room">
          <h1 tabIndex={-1}>{t('extName')}</h1>
          <p class="muted">{t('noRoomInTab')}</p>
          {tabId !== null && <CheckPage tabId={tabId} />}
        </section>
        {info}
      </>
    );
  }
  return (
    <>
      {ended}
      <Room tabId={tabId} room={room} settings={settings} />
      {info}
    </>
  );
}
