// Open popups watch one tab each through a port; every change of that tab's room is pushed at once.
// Ports die with the service worker; the popup reconnects and asks again.
import browser from 'webextension-polyfill';
import type { RoomSnapshot } from '../core/room.ts';
import { isWatchRoomMessage, ROOM_PORT, type RoomStateMessage } from '../shared/messages.ts';
import { readRoom } from '../shared/room-store.ts';
import { isOwnPopup } from './senders.ts';

const watchers = new Map<number, Set<browser.Runtime.Port>>();

export function pushRoom(tabId: number, snapshot: RoomSnapshot | null): void {
  const message: RoomStateMessage = { type: 'room-state', tabId, snapshot };
  for (const port of watchers.get(tabId) ?? []) {
    try {
      port.postMessage(message);
    } catch {
      // The popup closed between the change and the push.
    }
  }
}

export function acceptWatchers(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ROOM_PORT) return;
    // Only our own popup page may watch (it is an extension page; content scripts are not).
    if (!isOwnPopup(port.sender)) {
      port.disconnect();
      return;
    }
    let watchedTab: number | null = null;
    port.onMessage.addListener((message: unknown) => {
      if (!isWatchRoomMessage(message) || watchedTab !== null) return;
      const tabId = message.tabId;
      watchedTab = tabId;
      const set = watchers.get(tabId) ?? new Set();
      set.add(port);
      watchers.set(tabId, set);
      void readRoom(tabId).then((snapshot) => {
        const reply: RoomStateMessage = { type: 'room-state', tabId, snapshot };
        port.postMessage(reply);
      });
    });
    port.onDisconnect.addListener(() => {
      if (watchedTab === null) return;
      const set = watchers.get(watchedTab);
      set?.delete(port);
      if (set?.size === 0) watchers.delete(watchedTab);
    });
  });
}
