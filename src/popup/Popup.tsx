import { useEffect, useState } from 'preact/hooks';
import type { RoomSnapshot } from '../core/room.ts';
import { t, tCount } from '../shared/i18n.ts';
import { readRoom, watchRoom } from '../shared/room-store.ts';

/** undefined while loading; null when the tab has no Jitsi room. */
function useRoom(tabId: number | null): RoomSnapshot | null | undefined {
  const [room, setRoom] = useState<RoomSnapshot | null | undefined>(undefined);
  useEffect(() => {
    if (tabId === null) {
      setRoom(null);
      return undefined;
    }
    let live = true;
    const stop = watchRoom(tabId, (snapshot) => setRoom(snapshot));
    void readRoom(tabId).then((snapshot) => {
      if (live) setRoom((known) => (known === undefined ? snapshot : known));
    });
    return () => {
      live = false;
      stop();
    };
  }, [tabId]);
  return room;
}

const PHASE_TEXT = {
  welcome: 'phaseWelcome',
  prejoin: 'phasePrejoin',
  joining: 'phaseJoining',
  conference: 'phaseConference',
  leaving: 'phaseLeaving',
  left: 'phaseLeft',
} as const;

export function Popup({ tabId }: { tabId: number | null }) {
  const room = useRoom(tabId);
  if (room === undefined) return <p class="muted">{t('loading')}</p>;
  if (room === null || room.phase === 'welcome' || room.roomName === null) {
    return (
      <section data-testid="no-room">
        <h1>{t('extName')}</h1>
        <p class="muted">{t('noRoomInTab')}</p>
      </section>
    );
  }
  return (
    <section data-testid="room" data-phase={room.phase}>
      <h1 data-testid="room-name">{room.roomName}</h1>
      <p class="muted" data-testid="phase">{t(PHASE_TEXT[room.phase])}</p>
      {room.participants !== null && (
        <p class="count" data-testid="participant-count" data-count={room.participants}>
          {tCount(room.participants, { zero: 'participantsNone', one: 'participantsOne', other: 'participantsOther' })}
        </p>
      )}
    </section>
  );
}
