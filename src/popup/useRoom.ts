import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { RoomSnapshot } from '../core/room.ts';
import { isRoomStateMessage, ROOM_PORT, type WatchRoomMessage } from '../shared/messages.ts';

const RECONNECT_MS = 100;

/**
 * The live room of one tab, pushed by the background through a port: undefined while loading, null
 * when the tab has no Jitsi room. The port dies with the service worker; reconnecting wakes it.
 */
export function useRoom(tabId: number | null): RoomSnapshot | null | undefined {
  const [room, setRoom] = useState<RoomSnapshot | null | undefined>(undefined);
  useEffect(() => {
    if (tabId === null) {
      setRoom(null);
      return undefined;
    }
    let closed = false;
    let port: browser.Runtime.Port | null = null;
    const connect = (): void => {
      port = browser.runtime.connect({ name: ROOM_PORT });
      port.onMessage.addListener((message: unknown) => {
        if (isRoomStateMessage(message) && message.tabId === tabId) setRoom(message.snapshot);
      });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(connect, RECONNECT_MS);
      });
      const watch: WatchRoomMessage = { type: 'watch-room', tabId };
      port.postMessage(watch);
    };
    connect();
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, [tabId]);
  return room;
}
