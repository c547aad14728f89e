// Per-tab room state lives in storage.session: it survives a service-worker restart, is gone when the
// browser closes, and (at its default access level) is readable by extension pages only, not content scripts.
import browser from 'webextension-polyfill';
import type { RoomSnapshot } from '../core/room.ts';
import { isRoomSnapshot } from './messages.ts';

const PREFIX = 'room:';

function keyFor(tabId: number): string {
  return `${PREFIX}${tabId}`;
}

export async function saveRoom(tabId: number, snapshot: RoomSnapshot): Promise<void> {
  await browser.storage.session.set({ [keyFor(tabId)]: snapshot });
}

export async function forgetRoom(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
}

export async function readRoom(tabId: number): Promise<RoomSnapshot | null> {
  const key = keyFor(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  return isRoomSnapshot(stored) ? stored : null;
}

/** Calls back with the tab's snapshot (or null) whenever it changes; returns an unsubscribe function. */
export function watchRoom(tabId: number, onChange: (snapshot: RoomSnapshot | null) => void): () => void {
  const key = keyFor(tabId);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string): void => {
    if (area !== 'session' || !(key in changes)) return;
    const value = changes[key]?.newValue;
    onChange(isRoomSnapshot(value) ? value : null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
