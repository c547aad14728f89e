// The background's side of the record of what the school's settings did by themselves in a tab's lesson
// (shared/auto-actions.ts holds the record, which the popup reads): written once per action, forgotten
// when the lesson ends. Apart from the shared module so that the popup does not load it (size budget).
import browser from 'webextension-polyfill';
import type { ActionResult } from '../core/actions.ts';
import { lessonOf, type AutoActionKind, type AutoActionOutcome, type AutoActionsRecord } from '../shared/auto-actions.ts';
import { tabKey } from '../shared/storage-keys.ts';

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

export async function saveAutoActions(tabId: number, record: AutoActionsRecord): Promise<void> {
  await browser.storage.session.set({ [tabKey('auto', tabId)]: record });
}

export async function forgetAutoActions(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabKey('auto', tabId));
}
