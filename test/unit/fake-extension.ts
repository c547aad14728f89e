// The browser the background's unit tests run against: @webext-core/fake-browser (in-memory storage,
// tabs, notifications, the toolbar action), with what it lacks for our worker added here: ports
// (runtime.onConnect), the content script's answers to tabs.sendMessage, permissions, scripting and the
// manifest. `restartWorker()` does what the browser does to an idle MV3 worker: every listener and all
// memory of the old worker are gone, storage.session stays, and the worker's script runs again.
//
// Use: vi.mock('webextension-polyfill', () => ({ default: (globalThis as any).fakeExtension })) before
// importing anything of the extension, then `await startWorker()`.
import { fakeBrowser } from '@webext-core/fake-browser';
import { vi } from 'vitest';
import type Browser from 'webextension-polyfill';

type Listener = (...args: any[]) => unknown;

/** An event whose listeners a test can fire, awaiting what they return. */
export function fakeEvent() {
  const listeners: Listener[] = [];
  return {
    addListener: (listener: Listener) => void listeners.push(listener),
    removeListener: (listener: Listener) => void listeners.splice(listeners.indexOf(listener) >>> 0, 1),
    hasListener: (listener: Listener) => listeners.includes(listener),
    hasListeners: () => listeners.length > 0,
    removeAllListeners: () => void (listeners.length = 0),
    trigger: (...args: unknown[]) => Promise.all(listeners.map((listener) => listener(...args))),
  };
}

export type FakeEvent = ReturnType<typeof fakeEvent>;

export interface FakePort {
  name: string;
  sender: Browser.Runtime.MessageSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: FakeEvent;
  onDisconnect: FakeEvent;
  /** What the other side (the background) posted to this port. */
  posted: unknown[];
  disconnected: boolean;
}

export const EXTENSION_ID = fakeBrowser.runtime.id;
export const POPUP_URL = `chrome-extension://${EXTENSION_ID}/src/popup/index.html`;
export const OPTIONS_URL = `chrome-extension://${EXTENSION_ID}/src/options/index.html`;

/** How our own popup's messages are stamped by the browser. */
export const popupSender = (): Browser.Runtime.MessageSender => ({ id: EXTENSION_ID, url: POPUP_URL });
/** How our content script's messages in a tab (and frame) are stamped. */
export const contentSender = (tabId: number, url = 'https://meet.jit.si/Math7b', frameId = 0): Browser.Runtime.MessageSender => ({
  id: EXTENSION_ID,
  url,
  frameId,
  tab: { id: tabId, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url },
});

function fakePort(name: string, sender: Browser.Runtime.MessageSender): FakePort {
  const port: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    onMessage: fakeEvent(),
    onDisconnect: fakeEvent(),
    postMessage(message) {
      if (port.disconnected) throw new Error('Attempting to use a disconnected port object');
      port.posted.push(structuredClone(message));
    },
    disconnect() {
      port.disconnected = true;
    },
  };
  return port;
}

/**
 * What the content script of a tab answers to the background's tabs.sendMessage; by default there is
 * none ("Could not establish connection"). Tests replace it.
 */
export type ContentScriptAnswer = (tabId: number, message: unknown, options: { frameId?: number } | undefined) => Promise<unknown>;
const noContentScript: ContentScriptAnswer = async () => {
  throw new Error('Could not establish connection. Receiving end does not exist.');
};

const extra = {
  onConnect: fakeEvent(),
  permissionsAdded: fakeEvent(),
  permissionsRemoved: fakeEvent(),
  registered: [] as Browser.Scripting.RegisteredContentScript[],
  contentScript: noContentScript,
  sentToTabs: [] as Array<{ tabId: number; message: unknown; frameId: number | undefined }>,
};

const runtime = fakeBrowser.runtime as any;
runtime.onConnect = extra.onConnect;
runtime.getManifest = () => ({ manifest_version: 3, name: 'test', version: '0.1.0', content_scripts: [{ matches: ['https://meet.jit.si/*'] }], host_permissions: [] });
(fakeBrowser as any).permissions = {
  contains: async () => true,
  onAdded: extra.permissionsAdded,
  onRemoved: extra.permissionsRemoved,
};
(fakeBrowser as any).scripting = {
  getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) => extra.registered.filter((script) => !ids || ids.includes(script.id)),
  registerContentScripts: async (scripts: Browser.Scripting.RegisteredContentScript[]) => void extra.registered.push(...scripts),
  unregisterContentScripts: async ({ ids }: { ids: string[] }) => void (extra.registered = extra.registered.filter((script) => !ids.includes(script.id))),
  executeScript: async () => [],
};
(fakeBrowser.tabs as any).sendMessage = (tabId: number, message: unknown, options?: { frameId?: number }) => {
  extra.sentToTabs.push({ tabId, message: structuredClone(message), frameId: options?.frameId });
  return extra.contentScript(tabId, structuredClone(message), options).then((answer) => structuredClone(answer));
};

(globalThis as any).fakeExtension = fakeBrowser;
// src/shared/ext.ts (i18n) picks the browser's own API object: a minimal `chrome` whose messages are their
// keys and substitutions (the language code is a real one: dates are formatted with it).
(globalThis as any).chrome = {
  runtime: { id: EXTENSION_ID, connect() {} },
  i18n: { getMessage: (key: string, substitutions?: string | string[]) => (key === 'languageCode' ? 'en' : [key, ...[substitutions ?? []].flat()].join(' ')) },
};

export const browser = fakeBrowser;

/** The content script's answers from now on. */
export function answerAsContentScript(answer: ContentScriptAnswer): void {
  extra.contentScript = answer;
}

/** What the background sent to tabs (content scripts), oldest first. */
export function sentToTabs(): Array<{ tabId: number; message: unknown; frameId: number | undefined }> {
  return extra.sentToTabs;
}

const events = (): Array<{ removeAllListeners(): void }> => [
  fakeBrowser.runtime.onMessage,
  extra.onConnect,
  fakeBrowser.runtime.onInstalled,
  fakeBrowser.runtime.onStartup,
  fakeBrowser.tabs.onUpdated,
  fakeBrowser.tabs.onRemoved,
  fakeBrowser.notifications.onClicked,
  fakeBrowser.notifications.onClosed,
  fakeBrowser.notifications.onButtonClicked,
  fakeBrowser.storage.onChanged,
  extra.permissionsAdded,
  extra.permissionsRemoved,
];

/** Waits until the worker's pending async work (storage, queues) has run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((done) => setTimeout(done, 0));
}

/** A fresh browser: empty storage, no tabs, no listeners, no content script. */
export function resetBrowser(): void {
  for (const event of events()) event.removeAllListeners();
  fakeBrowser.reset();
  extra.registered = [];
  extra.contentScript = noContentScript;
  extra.sentToTabs = [];
}

/** Runs the background's script (src/background/index.ts) as the browser does when the worker starts. */
export async function startWorker(): Promise<void> {
  vi.resetModules();
  await import('../../src/background/index.ts');
  await settle(10);
}

/**
 * The browser stopped the idle worker and starts it again (an event came): listeners and memory are gone,
 * storage stays. Whatever the old worker was still awaiting never finishes from its side.
 */
export async function restartWorker(): Promise<void> {
  for (const event of events()) event.removeAllListeners();
  await startWorker();
}

/** A message to the background's runtime.onMessage as the browser delivers it; resolves to its answer. */
export async function sendToWorker(message: unknown, sender: Browser.Runtime.MessageSender): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(structuredClone(message), sender as any, () => undefined);
  const answer = answers.find((value) => value !== undefined);
  return answer === undefined ? undefined : structuredClone(answer);
}

/** Opens a port to the background as `sender` (runtime.connect). */
export async function connectToWorker(name: string, sender: Browser.Runtime.MessageSender): Promise<FakePort> {
  const port = fakePort(name, sender);
  await extra.onConnect.trigger(port);
  return port;
}
