// The school's (or teacher's) Jitsi servers the browser does not let the companion run on yet: with
// the store build each needs the teacher's permission once (a force-installed managed build holds them
// all). The permission must be asked in the click, so the button does it here.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { hostOfPattern } from '../core/sites.ts';
import { t } from '../shared/i18n.ts';

async function notGranted(hosts: string[]): Promise<string[]> {
  const granted = await Promise.all(hosts.map((origin) => browser.permissions.contains({ origins: [origin] })));
  return hosts.filter((_, index) => !granted[index]);
}

export function HostAccess({ hosts }: { hosts: string[] }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const key = hosts.join(' ');
  useEffect(() => {
    const check = () => void notGranted(hosts).then(setMissing);
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [key]);
  if (missing.length === 0) return null;

  const allow = (): void => {
    // In the click: browsers ask for host permissions only during a user gesture.
    browser.permissions.request({ origins: missing }).then(
      (ok) => setRefused(!ok),
      () => setRefused(true),
    );
  };
  return (
    <div class="host-access" data-testid="host-access" role="status">
      <p>{t('hostAccessMissing', missing.map(hostOfPattern).join(', '))}</p>
      <button type="button" data-testid="host-access-allow" onClick={allow}>
        {t('hostAccessAllow')}
      </button>
      {refused && <p class="small">{t('hostAccessRefused')}</p>}
    </div>
  );
}
