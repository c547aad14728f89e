// Background (service worker on Chrome/Edge, event page on Firefox). Keeps each tab's room snapshot
// and shows the participant count on the toolbar badge. Listeners are registered synchronously at the
// top level so a worker woken by an event sees it.
import browser from 'webextension-polyfill';
import { badgeText, type RoomSnapshot } from '../core/room.ts';
import { isContentToBackground } from '../shared/messages.ts';
import { forgetRoom, saveRoom } from '../shared/room-store.ts';
import { t } from '../shared/i18n.ts';

const BADGE_COLOUR = '#1a5fb4';

async function showOnBadge(tabId: number, snapshot: RoomSnapshot | null): Promise<void> {
  const text = badgeText(snapshot);
  const title =
    text && snapshot?.roomName ? t('actionTitleInRoom', [snapshot.roomName, text]) : t('actionTitle');
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR }),
      browser.action.setTitle({ tabId, title }),
    ]);
  } catch {
    // The tab closed in the meantime; nothing to show.
  }
}

async function onRoomUpdate(tabId: number, snapshot: RoomSnapshot): Promise<void> {
  await saveRoom(tabId, snapshot);
  await showOnBadge(tabId, snapshot);
}

async function onTabReset(tabId: number): Promise<void> {
  await forgetRoom(tabId);
  await showOnBadge(tabId, null);
}

// Updates from one tab are applied in order, even though each step is async.
const queues = new Map<number, Promise<void>>();
function enqueue(tabId: number, work: () => Promise<void>): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work).catch((error: unknown) => {
    console.error('[background] tab update failed', error);
  });
  queues.set(tabId, next);
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only our own content scripts, in a tab's top frame, may report room state.
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0) return undefined;
  if (!isContentToBackground(message)) {
    console.warn('[background] dropped a malformed message from tab', tabId);
    return undefined;
  }
  if (message.type === 'document-start') return enqueue(tabId, () => onTabReset(tabId));
  return enqueue(tabId, () => onRoomUpdate(tabId, message.snapshot));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void enqueue(tabId, () => forgetRoom(tabId));
});
