// The teacher's own ticks (background blurred, rules announced, recording announced) for one lesson:
// kept in storage.session under the tab and room name, so they last while the popup closes and
// reopens, are shared by every open popup, and are gone with the browser session.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { parseTicks, type ManualId, type ManualTicks } from '../core/checklist.ts';
import { ticksKey } from '../shared/storage-keys.ts';

export function useManualTicks(tabId: number | null, roomName: string | null): [ManualTicks, (id: ManualId, ticked: boolean) => void] {
  const key = tabId !== null && roomName ? ticksKey(tabId, roomName) : null;
  const [ticks, setTicks] = useState<ManualTicks>({});

  useEffect(() => {
    setTicks({});
    if (key === null) return undefined;
    let live = true;
    browser.storage.session.get(key).then(
      (stored) => {
        if (live) setTicks(parseTicks(stored[key]));
      },
      () => undefined,
    );
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string): void => {
      if (area === 'session' && key in changes) setTicks(parseTicks(changes[key]!.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [key]);

  const setTick = (id: ManualId, ticked: boolean): void => {
    if (key === null) return;
    const next: ManualTicks = { ...ticks };
    if (ticked) next[id] = true;
    else delete next[id];
    setTicks(next);
    // Another popup on the same lesson hears of it through storage.onChanged.
    void browser.storage.session.set({ [key]: next }).catch(() => undefined);
  };
  return [ticks, setTick];
}
