// Per-tab room state lives in storage.session: it survives a service-worker restart, is gone when the
// browser closes, and (at its default access level) is readable by extension pages only, not content scripts.
import browser from 'webextension-polyfill';
import type { RoomSnapshot } from '../core/room.ts';
import { isRoomSnapshot } from './messages.ts';

const PREFIX = 'room:';
/** Which frame of the tab the stored room comes from: 0 for a Jitsi tab, another id for an embedded lesson. */
const FRAME_PREFIX = 'frame:';

function keyFor(tabId: number): string {
  return `${PREFIX}${tabId}`;
}

export async function saveRoom(tabId: number, snapshot: RoomSnapshot, frameId = 0): Promise<void> {
  await browser.storage.session.set({ [keyFor(tabId)]: snapshot, [`${FRAME_PREFIX}${tabId}`]: frameId });
}

export async function forgetRoom(tabId: number): Promise<void> {
  await browser.storage.session.remove([keyFor(tabId), `${FRAME_PREFIX}${tabId}`]);
}

/** The frame whose room the tab shows (null: none stored). */
export async function readLessonFrame(tabId: number): Promise<number | null> {
  const key = `${FRAME_PREFIX}${tabId}`;
  const stored: unknown = (await browser.storage.session.get(key))[key];
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : null;
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
