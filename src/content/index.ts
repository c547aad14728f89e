// Isolated-world content script: a validating relay between the untrusted page script and the
// background. It forwards only well-formed room snapshots from this very window.
import browser from 'webextension-polyfill';
import {
  CONTENT_MESSAGE_SOURCE,
  isPageRoomMessage,
  type ContentReadyMessage,
  type ContentToBackground,
} from '../shared/messages.ts';

function send(message: ContentToBackground): void {
  browser.runtime.sendMessage(message).catch(() => {
    // Extension reloaded or updated under this page: this script is orphaned; stop relaying.
    window.removeEventListener('message', onPageMessage);
  });
}

function onPageMessage(event: MessageEvent): void {
  if (event.source !== window || event.origin !== location.origin) return;
  if (!isPageRoomMessage(event.data)) return; // foreign or malformed traffic: ignored
  send({ type: 'room-update', snapshot: event.data.snapshot });
}

/** This document is (again) the one shown in the tab: reset the tab, then ask the page for its room. */
function announce(): void {
  send({ type: 'document-start' });
  // Handshake: should the page script have posted before we listened, it sends its snapshot again.
  const ready: ContentReadyMessage = { source: CONTENT_MESSAGE_SOURCE, type: 'ready' };
  window.postMessage(ready, location.origin);
}

function start(): void {
  window.addEventListener('message', onPageMessage);
  announce();
  // Back from the back/forward cache: the background forgot this document when the tab navigated away.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) announce();
  });
}

// The popup's "check this page" may inject this script into a page that already runs it.
const INSTALLED = Symbol.for('jitsi-moderator-companion.content');
const scope = globalThis as Record<symbol, unknown>;
if (scope[INSTALLED] !== true) {
  scope[INSTALLED] = true;
  start();
}
