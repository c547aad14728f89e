import { assessRoom, type CheckId, type CheckStatus } from '../core/checklist.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { t, tCount, type MessageKey } from '../shared/i18n.ts';
import { CheckPage, EnableSite } from './SiteAccess.tsx';
import { useRoom } from './useRoom.ts';

const PHASE_TEXT = {
  welcome: 'phaseWelcome',
  prejoin: 'phasePrejoin',
  joining: 'phaseJoining',
  conference: 'phaseConference',
  leaving: 'phaseLeaving',
  left: 'phaseLeft',
} as const satisfies Record<RoomSnapshot['phase'], MessageKey>;

const CHECK_LABEL = {
  moderator: 'checkModerator',
  'everyone-moderator': 'checkEveryoneModerator',
  lobby: 'checkLobby',
  password: 'checkPassword',
  lockout: 'checkLockout',
  recording: 'checkRecording',
  knocking: 'checkKnocking',
} as const satisfies Record<CheckId, MessageKey>;

const STATUS_LABEL = {
  ok: 'statusOk',
  warn: 'statusWarn',
  fail: 'statusFail',
  unknown: 'statusUnknown',
  na: 'statusNotApplicable',
} as const satisfies Record<CheckStatus, MessageKey>;

const STATUS_ICON: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', na: '–' };

function Checks({ room }: { room: RoomSnapshot }) {
  const results = assessRoom(room).filter((result) => result.status !== 'na');
  return (
    <ul class="checks" data-testid="checks" aria-label={t('checksHeading')}>
      {results.map(({ id, status }) => (
        <li key={id} class={`check ${status}`} data-testid={`check-${id}`} data-status={status}>
          <span class="icon" aria-hidden="true">
            {STATUS_ICON[status]}
          </span>
          <span class="label">{t(CHECK_LABEL[id])}</span>
          <span class="status">{t(STATUS_LABEL[status])}</span>
        </li>
      ))}
    </ul>
  );
}

export function Popup({ tabId }: { tabId: number | null }) {
  const room = useRoom(tabId);
  if (room === undefined) return <p class="muted">{t('loading')}</p>;
  if (room === null || room.phase === 'welcome' || room.roomName === null) {
    return (
      <section data-testid="no-room">
        <h1>{t('extName')}</h1>
        <p class="muted">{t('noRoomInTab')}</p>
        {tabId !== null && <CheckPage tabId={tabId} />}
      </section>
    );
  }
  return (
    <section data-testid="room" data-phase={room.phase}>
      <h1 data-testid="room-name">{room.roomName}</h1>
      {tabId !== null && <EnableSite tabId={tabId} />}
      <p class="muted" data-testid="phase">
        {t(PHASE_TEXT[room.phase])}
      </p>
      {room.participants !== null && (
        <p class="count" data-testid="participant-count" data-count={room.participants}>
          {tCount(room.participants, { zero: 'participantsNone', one: 'participantsOne', other: 'participantsOther' })}
        </p>
      )}
      {room.phase === 'conference' && <Checks room={room} />}
    </section>
  );
}
