// The school's (or teacher's) Jitsi servers the browser does not let the companion run on yet: with
// the store build each needs the teacher's permission once (a force-installed managed build holds them
// all). The permission must be asked in the click, so the button does it here.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { hostOfPattern } from '../core/sites.ts';
import { t } from '../shared/i18n.ts';

/**
 * The managed build holds every https site from install: no browser prompt asks, so the hosts a teacher
 * typed in (not the school's) run only after the teacher confirms here (issue 16); the background
 * registers what is recorded under this key (site-access.ts).
 */
const CONFIRMED_KEY = 'confirmedSites';
const ownPrompt = (): boolean => (browser.runtime.getManifest().host_permissions ?? []).includes('https://*/*');

async function confirmedSites(): Promise<string[]> {
  const stored: unknown = (await browser.storage.local.get(CONFIRMED_KEY))[CONFIRMED_KEY];
  return Array.isArray(stored) ? stored.filter((site): site is string => typeof site === 'string') : [];
}

async function notGranted(hosts: string[], schoolHosts: string[]): Promise<string[]> {
  if (ownPrompt()) {
    const confirmed = await confirmedSites();
    return hosts.filter((site) => !schoolHosts.includes(site) && !confirmed.includes(site));
  }
  const granted = await Promise.all(hosts.map((origin) => browser.permissions.contains({ origins: [origin] })));
  return hosts.filter((_, index) => !granted[index]);
}

export function HostAccess({ hosts, schoolHosts }: { hosts: string[]; schoolHosts: string[] }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const key = `${hosts.join(' ')}|${schoolHosts.join(' ')}`;
  useEffect(() => {
    const check = () => void notGranted(hosts, schoolHosts).then(setMissing);
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CONFIRMED_KEY in changes) check();
    };
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, [key]);
  if (missing.length === 0) return null;

  if (confirming) {
    const confirm = async (): Promise<void> => {
      const confirmed = await confirmedSites();
      await browser.storage.local.set({ [CONFIRMED_KEY]: [...new Set([...confirmed, ...missing])] });
      setConfirming(false);
    };
    return (
      <div class="host-access" data-testid="host-access" role="status">
        <p>{t('hostAccessConfirm', missing.map(hostOfPattern).join(', '))}</p>
        <button type="button" data-testid="host-access-confirm" onClick={() => void confirm()}>
          {t('hostAccessAllow')}
        </button>{' '}
        <button type="button" onClick={() => setConfirming(false)}>
          {t('endCancel')}
        </button>
      </div>
    );
  }

  const allow = (): void => {
    if (ownPrompt()) return setConfirming(true);
    // In the click: browsers ask for host permissions only during a user gesture.
    browser.permissions.request({ origins: missing }).then(
      (ok) => setRefused(!ok),
      () => setRefused(true),
    );
  };
  return (
    <div class="host-access" data-testid="host-access" role="status">
      <p>{t(ownPrompt() ? 'hostAccessUnconfirmed' : 'hostAccessMissing', missing.map(hostOfPattern).join(', '))}</p>
      <button type="button" data-testid="host-access-allow" onClick={allow}>
        {t('hostAccessAllow')}
      </button>
      {refused && <p class="small">{t('hostAccessRefused')}</p>}
    </div>
  );
}
