// Every key of storage.session that belongs to one tab, in one place: what it holds and who writes it.
// storage.session survives a service-worker restart, is gone when the browser closes, and (at its
// default access level) is readable by extension pages only, never by content scripts. A closed tab takes
// all of its keys with it (background/index.ts, tabs.onRemoved); `isKeyOfTab` tells which those are.
// Pure: no browser API, so the popup, the background and tests share it. (One small function for all
// kinds, not one each: this module is in the popup's bundle, which has a size budget.)

/** The kinds of per-tab keys, `<kind>:<tabId>`. */
const TAB_KEY_KINDS = [
  /** The tab's room as its lesson last reported it (RoomSnapshot; background, room-store.ts). */
  'room',
  /** Which frame of the tab the stored room comes from: 0 for a Jitsi tab, another id for an embedded lesson (room-store.ts). */
  'frame',
  /** Where to rejoin the lesson, without #hash or login token (background, left-behind.ts). */
  'url',
  /** What the school's settings did by themselves in the tab's lesson (auto-actions.ts; shown by the popup). */
  'auto',
  /** The tab's last lesson ending, until dismissed (lesson-ending-store.ts; shown by the popup). */
  'ended',
  /** The lesson log's running record of the tab (background, lesson-tracking.ts). */
  'lesson',
  /** The tab's lesson was ended for everyone: true (lesson-tracking.ts). */
  'endedForAll',
  /** The id of the one log record the tab's current document made (lesson-tracking.ts). */
  'documentLesson',
] as const;

export type TabKeyKind = (typeof TAB_KEY_KINDS)[number];

export const tabKey = (kind: TabKeyKind, tabId: number): string => `${kind}:${tabId}`;

/** The teacher's own ticks for one lesson: tab and room, so another room starts afresh (popup, useManualTicks.ts). */
export const ticksKey = (tabId: number, roomName: string): string => `ticks:${tabId}:${roomName}`;
/** Whether this key holds ticks of one of the tab's lessons. */
export const isTicksKeyOf = (key: string, tabId: number): boolean => key.startsWith(`ticks:${tabId}:`);

/** Not a tab's: the rejoin address behind a "you left people behind" notification, until it is clicked or closed. */
export const noticeKey = (notificationId: string): string => `notice:${notificationId}`;

/** The tab whose room this key holds (null: not a room key). */
export function tabOfRoomKey(key: string): number | null {
  const tabId = Number(key.slice(5));
  return key.startsWith('room:') && Number.isInteger(tabId) ? tabId : null;
}

/** Whether a storage.session key belongs to this tab (any kind above, or its ticks). */
export function isKeyOfTab(key: string, tabId: number): boolean {
  return TAB_KEY_KINDS.some((kind) => tabKey(kind, tabId) === key) || isTicksKeyOf(key, tabId);
}
