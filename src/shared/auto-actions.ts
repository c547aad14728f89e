// What the companion did by itself when the teacher became moderator (school settings autoLobby,
// autoPassword, autoStartMuted): kept per tab in storage.session for that lesson, so the popup can say
// so and the background does it only once per lesson. No password is kept: the popup asks the page.
import browser from 'webextension-polyfill';
import { ACTION_FAILURES, type ActionFailure, type ActionResult } from '../core/actions.ts';
import { arrayOf, boundedString, isBoolean, object, oneOf, type Guard } from './validate.ts';

export type AutoActionKind = 'enable-lobby' | 'set-password' | 'set-start-muted';
export const AUTO_ACTION_KINDS: readonly AutoActionKind[] = ['enable-lobby', 'set-password', 'set-start-muted'];

export interface AutoActionOutcome {
  kind: AutoActionKind;
  ok: boolean;
  failure?: ActionFailure;
  detail?: string;
}

export interface AutoActionsRecord {
  /** host/room of the lesson they belong to. */
  lesson: string;
  done: AutoActionOutcome[];
}

const isOutcome = object<AutoActionOutcome>(
  { kind: oneOf(AUTO_ACTION_KINDS), ok: isBoolean },
  { failure: oneOf(ACTION_FAILURES), detail: boundedString(200) },
);

export const isAutoActionsRecord: Guard<AutoActionsRecord> = object<AutoActionsRecord>({
  lesson: boundedString(600),
  done: arrayOf(isOutcome, AUTO_ACTION_KINDS.length),
});

export const autoActionsKey = (tabId: number): string => `auto:${tabId}`;

/** The record's lesson for a room snapshot. */
export const lessonOf = (host: string, roomName: string): string => `${host}/${roomName}`;

/**
 * Is a new document at `url` the same lesson again (a reload, a rejoin link)? Jitsi's room is the
 * path's last part (a tenant may come before it); the comparison ignores case, as Jitsi's room names do.
 */
export function isSameLesson(lesson: string, url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { host, pathname } = new URL(url);
    const room = decodeURIComponent(pathname.split('/').filter(Boolean).at(-1) ?? '');
    return room !== '' && lessonOf(host, room).toLowerCase() === lesson.toLowerCase();
  } catch {
    return false;
  }
}

export function outcomeOf(kind: AutoActionKind, result: ActionResult): AutoActionOutcome {
  if (result.ok) return { kind, ok: true };
  return { kind, ok: false, failure: result.failure, ...(result.detail ? { detail: result.detail } : {}) };
}

export async function readAutoActions(tabId: number): Promise<AutoActionsRecord | null> {
  const stored: unknown = (await browser.storage.session.get(autoActionsKey(tabId)))[autoActionsKey(tabId)];
  return isAutoActionsRecord(stored) ? stored : null;
}

export async function saveAutoActions(tabId: number, record: AutoActionsRecord): Promise<void> {
  await browser.storage.session.set({ [autoActionsKey(tabId)]: record });
}

export async function forgetAutoActions(tabId: number): Promise<void> {
  await browser.storage.session.remove(autoActionsKey(tabId));
}
