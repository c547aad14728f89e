// What the page cannot catch (window closed, tab crashed or closed without the prompt): when a lesson tab
// goes away while the teacher was moderator with people in the room, a system notification says so and
// offers to rejoin. The room URL comes from the browser-stamped sender URL of the content script and lives
// in session storage only.
import browser from 'webextension-polyfill';
import { peopleInLesson, shownRoomName, type RoomSnapshot } from '../core/room.ts';
import { t, tCount } from '../shared/i18n.ts';
import { noticeKey, tabKey } from '../shared/storage-keys.ts';

/** Where to rejoin: the page without its #hash (Jitsi's config overrides) and without a login token. */
export async function rememberRoomUrl(tabId: number, senderUrl: string | undefined): Promise<void> {
  if (!senderUrl) return;
  const url = new URL(senderUrl);
  url.hash = '';
  // A login token (JWT) carries the user's name: not kept, even for the session; rejoining asks again.
  url.searchParams.delete('jwt');
  await browser.storage.session.set({ [tabKey('url', tabId)]: url.href });
}

export async function forgetRoomUrl(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabKey('url', tabId));
}

/** Left with people in the lesson (any of its rooms) while being their moderator: only then is there something to warn about. */
export function leftPeopleBehind(room: RoomSnapshot | null): room is RoomSnapshot {
  return Boolean(room && room.isModerator === true && (peopleInLesson(room) ?? 0) > 0);
}

export async function notifyLeftBehind(tabId: number, room: RoomSnapshot): Promise<void> {
  const urlKey = tabKey('url', tabId);
  const url = (await browser.storage.session.get(urlKey))[urlKey];
  const id = `left-behind-${tabId}-${Date.now()}`;
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t('leftBehindTitle', shownRoomName(room.roomName)),
    message: tCount(peopleInLesson(room) ?? 0, { zero: 'leftBehindNone', one: 'leftBehindOne', other: 'leftBehindOther' }),
    // Firefox has no notification buttons: clicking the notification rejoins there.
    ...(typeof url === 'string' && !isFirefox() ? { buttons: [{ title: t('leftBehindRejoin') }] } : {}),
  });
  if (typeof url === 'string') await browser.storage.session.set({ [noticeKey(id)]: url });
  await browser.storage.session.remove(urlKey);
}

function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension:');
}

async function rejoin(notificationId: string): Promise<void> {
  const key = noticeKey(notificationId);
  const url = (await browser.storage.session.get(key))[key];
  if (typeof url === 'string' && /^https?:\/\//.test(url)) await browser.tabs.create({ url });
  await browser.storage.session.remove(key);
  await browser.notifications.clear(notificationId);
}

export function handleLeftBehindNotifications(): void {
  browser.notifications.onButtonClicked?.addListener((id) => void rejoin(id));
  browser.notifications.onClicked.addListener((id) => void rejoin(id));
  browser.notifications.onClosed.addListener((id) => void browser.storage.session.remove(noticeKey(id)));
}
