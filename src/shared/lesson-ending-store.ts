// The last lesson ending of a tab, in storage.session until the teacher dismisses it or the tab closes
// (it survives the page leaving the room, so the popup can still say what happened). Counts only.
import browser from 'webextension-polyfill';
import type { LessonEnding } from '../core/lesson-ending.ts';
import { t, tCount } from './i18n.ts';
import { tabKey } from './storage-keys.ts';
import { boundedString, count, isBoolean, object, oneOf, type Guard } from './validate.ts';

export const isLessonEnding: Guard<LessonEnding> = object<LessonEnding>({
  room: boundedString(256),
  at: count(Number.MAX_SAFE_INTEGER),
  removed: count(10_000),
  remaining: count(10_000),
  endedForAll: isBoolean,
  locked: isBoolean,
  left: isBoolean,
}, { fellBack: oneOf([true] as const) });

export async function readEnding(tabId: number): Promise<LessonEnding | null> {
  const stored: unknown = (await browser.storage.session.get(tabKey('ended', tabId)))[tabKey('ended', tabId)];
  return isLessonEnding(stored) ? stored : null;
}

export async function saveEnding(tabId: number, ending: LessonEnding): Promise<void> {
  await browser.storage.session.set({ [tabKey('ended', tabId)]: ending });
}

export async function forgetEnding(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabKey('ended', tabId));
}

/** The ending in sentences, in the companion's language (popup card and notification). */
export function describeEnding(ending: LessonEnding): string[] {
  const time = new Date(ending.at).toLocaleTimeString(t('languageCode'), { hour: '2-digit', minute: '2-digit' });
  const lines = [
    ending.endedForAll
      ? t('endedForAllAt', time)
      : t(ending.locked ? 'endedRemovedLocked' : 'endedRemoved', [time, String(ending.removed)]),
  ];
  // The teacher asked for "end meeting for all"; that it did not happen is part of what they are told.
  if (ending.fellBack) lines.push(t('endForAllFellBack'));
  if (ending.remaining > 0) lines.push(tCount(ending.remaining, { zero: 'endedRemainingOther', one: 'endedRemainingOne', other: 'endedRemainingOther' }));
  return lines;
}
