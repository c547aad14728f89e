// The popup's one client for the background (src/shared/background-client.ts): every reply is checked
// against its request's declared reply; what is unreachable or out of shape never reaches the UI as if
// it were an answer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answerAsContentScript, browser, popupSender, resetBrowser, sendToWorker, startWorker } from './fake-extension.ts';

vi.mock('webextension-polyfill', () => ({ default: (globalThis as any).fakeExtension }));

const { askBackground } = await import('../../src/shared/background-client.ts');
const { runRoomAction } = await import('../../src/popup/room-actions.ts');

let answer: (message: unknown) => Promise<unknown>;
const sent: unknown[] = [];

beforeEach(() => {
  resetBrowser();
  sent.length = 0;
  (browser.runtime as any).sendMessage = (message: unknown) => {
    sent.push(message);
    return answer(message);
  };
});

describe('asking the background', () => {
  it('sends the request under its name and hands back a reply of the declared shape', async () => {
    answer = async () => ({ enabled: true });
    expect(await askBackground('site-status', { pattern: 'https://meet.jit.si/*' })).toEqual({ enabled: true });
    expect(sent).toEqual([{ type: 'site-status', pattern: 'https://meet.jit.si/*' }]);
  });

  it('rejects a reply out of shape, a missing one, and the reply to another request', async () => {
    for (const reply of [undefined, { enabled: 'yes' }, { enabled: true, extra: 1 }, { ok: true }]) {
      answer = async () => reply;
      await expect(askBackground('site-status', { pattern: 'https://meet.jit.si/*' })).rejects.toThrow('site-status');
    }
  });

  it('a moderator action is "no page" when the background is gone (worker stopped mid-action) or answers out of shape', async () => {
    answer = () => Promise.reject(new Error('The message port closed before a response was received.'));
    expect(await runRoomAction(7, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'no-page' });
    answer = async () => ({ ok: 'yes' });
    expect(await runRoomAction(7, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'no-page' });
    answer = async () => ({ ok: false, failure: 'not-moderator' });
    expect(await runRoomAction(7, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'not-moderator' });
  });

  it('through the real worker: the popup request and its checked reply meet', async () => {
    await startWorker();
    answerAsContentScript(async () => ({ ok: true }));
    answer = (message) => sendToWorker(message, popupSender());
    expect(await runRoomAction(7, { kind: 'enable-lobby' })).toEqual({ ok: true });
    expect(await askBackground('check-page', { tabId: 7 })).toEqual({ ok: true });
  });
});
