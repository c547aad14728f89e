import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import { readSettings, watchSettings } from '../shared/settings-store.ts';

/** The effective settings, following policy and the teacher's changes; null until first read. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    const take = ({ values }: { values: Settings }) => live && setSettings(values);
    void readSettings().then(take);
    const stop = watchSettings(take);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return settings;
}
