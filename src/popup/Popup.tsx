import { buildChecklist, checklistHeadline, MANUAL_IDS, type Headline, type ManualId } from '../core/checklist.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { AutoActions, offersPassword, useAutoActions } from './AutoActions.tsx';
import { Checklist } from './Checklist.tsx';
import { LessonEnded } from './LessonEnded.tsx';
import { CheckPage, EnableSite } from './SiteAccess.tsx';
import { useManualTicks } from './useManualTicks.ts';
import { useRoom } from './useRoom.ts';
import { useSettings } from './useSettings.ts';
import { textInLanguage, type Settings } from '../core/settings.ts';

const PHASE_TEXT = {
  welcome: 'phaseWelcome',
  prejoin: 'phasePrejoin',
  joining: 'phaseJoining',
  conference: 'phaseConference',
  leaving: 'phaseLeaving',
  left: 'phaseLeft',
} as const satisfies Record<RoomSnapshot['phase'], MessageKey>;

const HEADLINE: Record<Headline, { title: MessageKey; hint: MessageKey; icon: string }> = {
  danger: { title: 'headlineDanger', hint: 'headlineDangerHint', icon: '✗' },
  attention: { title: 'headlineAttention', hint: 'headlineAttentionHint', icon: '!' },
  todo: { title: 'headlineTodo', hint: 'headlineTodoHint', icon: '✓' },
  ok: { title: 'headlineOk', hint: 'headlineOkHint', icon: '✓' },
  preview: { title: 'headlinePreview', hint: 'headlinePreviewHint', icon: 'i' },
};

const MANUAL_SUMMARY = {
  blur: 'labelBlur',
  rules: 'labelRules',
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
        <p class="headline-hint">{t(hint)}</p>
      </div>
    </div>
  );
}

/** After the lesson: what the companion knows, and what still holds about the room. */
function AfterLesson({ ticks }: { ticks: Partial<Record<ManualId, boolean>> }) {
  const steps = MANUAL_IDS.filter((id) => id !== 'recording-announced' || ticks[id]);
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

/** The school's notice (e.g. what the service may be used for) and its help page, set by policy. */
function SchoolInfo({ settings }: { settings: Settings }) {
  const notice = textInLanguage(settings.noticeText, t('languageCode'));
  if (!notice && !settings.helpUrl) return null;
  return (
    <section class="school-info" data-testid="school-info" aria-labelledby="school-info-heading">
      <h2 id="school-info-heading">{t('schoolInfoHeading')}</h2>
      {notice && (
        <p class="notice" data-testid="school-notice">
          {notice}
        </p>
      )}
      {settings.helpUrl && (
        <p>
          <a href={settings.helpUrl} target="_blank" rel="noopener noreferrer" data-testid="school-help">
            {t('schoolHelpLink')}
          </a>
        </p>
      )}
    </section>
  );
}

function Room({ tabId, room, settings }: { tabId: number | null; room: RoomSnapshot; settings: Settings | null }) {
  const [ticks, setTick] = useManualTicks(tabId, room.roomName);
  const auto = useAutoActions(tabId);
  const parts = buildChecklist(room, ticks, { recordingReminder: settings?.recordingReminder ?? true });
  const showsChecklist = parts.length > 0 && tabId !== null;
  return (
    <section data-testid="room" data-phase={room.phase}>
      <header class="top">
        <h1 data-testid="room-name">{room.roomName ?? t('leftHeading')}</h1>
        <p class="phase" data-testid="phase">
          {t(PHASE_TEXT[room.phase])}
        </p>
      </header>
      {tabId !== null && <EnableSite tabId={tabId} />}
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
  if (room === undefined) return <p class="muted">{t('loading')}</p>;
  const info = settings && <SchoolInfo settings={settings} />;
  const ended = <LessonEnded tabId={tabId} />;
  if (room === null || room.phase === 'welcome' || (room.roomName === null && room.phase !== 'left')) {
    return (
      <>
        {ended}
        <section data-testid="no-room" class="no-room">
          <h1>{t('extName')}</h1>
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
