// A tab's record in storage.session, kept current in the popup (what the school's settings did, how the
// last lesson ended, …): read once, then again whenever its key changes.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { tabKey, type TabKeyKind } from '../shared/storage-keys.ts';

export function useTabRecord<T>(tabId: number | null, kind: TabKeyKind, read: (tabId: number) => Promise<T | null>): T | null {
  const [record, setRecord] = useState<T | null>(null);
  useEffect(() => {
    if (tabId === null) return undefined;
    const load = () => void read(tabId).then(setRecord);
    load();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && tabKey(kind, tabId) in changes) load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
    // kind and read never change for a caller: the record follows the tab alone.
  }, [tabId]);
  return record;
}
