// The one way an extension page asks the background something (messages.ts, BackgroundRequests): typed
// by the request's name, and each reply checked before use. It rejects when the background cannot be
// reached or answers out of shape; the caller says what that means to the teacher.
import browser from 'webextension-polyfill';
import { REPLY_GUARDS, type BackgroundReply, type BackgroundRequests, type BackgroundRequestType } from './messages.ts';

export async function askBackground<K extends BackgroundRequestType>(type: K, request: BackgroundRequests[K]['request']): Promise<BackgroundReply<K>> {
  const reply: unknown = await browser.runtime.sendMessage({ type, ...request });
  if (REPLY_GUARDS[type](reply)) return reply;
  throw new Error(`No valid answer to ${type}`);
}
