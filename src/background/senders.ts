// Who sent a message or opened a port, from the fields the browser stamps on it (never the message's own
// word). Every check of the background's senders lives here.
import browser from 'webextension-polyfill';

type Sender = browser.Runtime.MessageSender;

/** Our own popup page (also when opened as a tab): it may watch rooms, act on lessons and manage sites. */
export function isOwnPopup(sender: Sender | undefined): boolean {
  return sender?.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('src/popup/'));
}

/**
 * One of our content scripts: the tab and frame it runs in (a tab's top frame, or the frame of an
 * embedded lesson); null for anything else (another extension, one of our pages, no tab).
 */
export interface ContentScript {
  tabId: number;
  frameId: number;
  /** The document's address, as the browser stamped it. */
  url: string | undefined;
}

export function contentScriptOf(sender: Sender | undefined): ContentScript | null {
  if (sender?.id !== browser.runtime.id || isOwnPopup(sender)) return null;
  const tabId = sender.tab?.id;
  return tabId === undefined ? null : { tabId, frameId: sender.frameId ?? 0, url: sender.url };
}
