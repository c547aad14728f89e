// What the companion did by itself when the teacher became moderator (school settings autoLobby,
// autoPassword, autoStartMuted): kept per tab in storage.session for that lesson, so the popup can say
// so and the background does it only once per lesson. No password is kept: the popup asks the page.
// What only the background does with the record (write it, forget it) is in background/auto-actions-store.ts.
import browser from 'webextension-polyfill';
import { ACTION_FAILURES, type ActionFailure } from '../core/actions.ts';
import { tabKey } from './storage-keys.ts';
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

/** The record's lesson for a room snapshot. */
export const lessonOf = (host: string, roomName: string): string => `${host}/${roomName}`;

export async function readAutoActions(tabId: number): Promise<AutoActionsRecord | null> {
  const stored: unknown = (await browser.storage.session.get(tabKey('auto', tabId)))[tabKey('auto', tabId)];
  return isAutoActionsRecord(stored) ? stored : null;
}
