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

/** The tabs that show a Jitsi page of ours right now. */
export async function tabsWithRooms(): Promise<number[]> {
  const keys = Object.keys(await browser.storage.session.get(null));
  return keys.filter((key) => key.startsWith(PREFIX)).map((key) => Number(key.slice(PREFIX.length))).filter(Number.isInteger);
}

export async function readRoom(tabId: number): Promise<RoomSnapshot | null> {
  const key = keyFor(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  return isRoomSnapshot(stored) ? stored : null;
}
