// Per-tab room state lives in storage.session: it survives a service-worker restart, is gone when the
// browser closes, and (at its default access level) is readable by extension pages only, not content scripts.
import browser from 'webextension-polyfill';
import type { RoomSnapshot } from '../core/room.ts';
import { isRoomSnapshot } from './messages.ts';
import { tabKey, tabOfRoomKey } from './storage-keys.ts';

export async function saveRoom(tabId: number, snapshot: RoomSnapshot, frameId = 0): Promise<void> {
  await browser.storage.session.set({ [tabKey('room', tabId)]: snapshot, [tabKey('frame', tabId)]: frameId });
}

export async function forgetRoom(tabId: number): Promise<void> {
  await browser.storage.session.remove([tabKey('room', tabId), tabKey('frame', tabId)]);
}

/** The frame whose room the tab shows (null: none stored). */
export async function readLessonFrame(tabId: number): Promise<number | null> {
  const key = tabKey('frame', tabId);
  const stored: unknown = (await browser.storage.session.get(key))[key];
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : null;
}

/** The tabs that show a Jitsi page of ours right now. */
export async function tabsWithRooms(): Promise<number[]> {
  const keys = Object.keys(await browser.storage.session.get(null));
  return keys.map(tabOfRoomKey).filter((tabId) => tabId !== null);
}

export async function readRoom(tabId: number): Promise<RoomSnapshot | null> {
  const key = tabKey('room', tabId);
  const stored = (await browser.storage.session.get(key))[key];
  return isRoomSnapshot(stored) ? stored : null;
}
