// "Is this a Jitsi server?" and "enable here": for schools' own Jitsi servers under any domain.
// Checking injects our real bridge into this one tab (allowed by the teacher's click, activeTab);
// enabling asks the browser for the site's host permission and registers the scripts for good.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { hostOfPattern, sitePatternFor } from '../core/sites.ts';
import { askBackground } from '../shared/background-client.ts';
import { t } from '../shared/i18n.ts';

/** APP.store appears shortly after load; a page that shows no room by then is not a Jitsi room. */
const CHECK_TIMEOUT_MS = 3_000;

/** The tab's site pattern (needs activeTab or host access to read the URL); null if none. */
export function useSitePattern(tabId: number | null): string | null | undefined {
  const [pattern, setPattern] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (tabId === null) return setPattern(null);
    browser.tabs.get(tabId).then(
      (tab) => setPattern(tab.url ? sitePatternFor(tab.url) : null),
      () => setPattern(null),
    );
    return undefined;
  }, [tabId]);
  return pattern;
}

/** After a step replaced the button that had the focus, the focus goes to the step's own text. */
function useFocusAfterStep(step: string) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) box.current?.focus();
  }, [step]);
  return box;
}

type CheckState = { step: 'idle' } | { step: 'checking' } | { step: 'not-jitsi' } | { step: 'failed'; detail: string };

/** Shown when the tab has no known room: offers to look for Jitsi on the page. */
export function CheckPage({ tabId }: { tabId: number }) {
  const pattern = useSitePattern(tabId);
  const [state, setState] = useState<CheckState>({ step: 'idle' });
  const box = useFocusAfterStep(state.step);
  if (!pattern) return null;

  const check = async (): Promise<void> => {
    setState({ step: 'checking' });
    const reply = await askBackground('check-page', { tabId }).catch((error: unknown) => ({ ok: false, detail: String(error) }));
    if (!reply.ok) return setState({ step: 'failed', detail: reply.detail ?? '' });
    // If the page is Jitsi, its room arrives through the background and replaces this view.
    setTimeout(() => setState({ step: 'not-jitsi' }), CHECK_TIMEOUT_MS);
  };

  return (
    <div class="site-check" data-testid="site-check" data-step={state.step} tabIndex={-1} ref={box}>
      {state.step === 'idle' && (
        <button type="button" data-testid="check-page" onClick={() => void check()}>
          {t('checkPageButton')}
        </button>
      )}
      {state.step === 'checking' && <p role="status">{t('checkPageRunning')}</p>}
      {state.step === 'not-jitsi' && <p role="status">{t('checkPageNotJitsi', hostOfPattern(pattern))}</p>}
      {state.step === 'failed' && (
        <p role="alert">
          {t('checkPageFailed')} <span class="detail">{state.detail}</span>
        </p>
      )}
    </div>
  );
}

type EnableState =
  | { step: 'unknown' }
  | { step: 'enabled' }
  | { step: 'offer' }
  | { step: 'confirm' }
  | { step: 'just-enabled' }
  | { step: 'refused' }
  | { step: 'failed'; detail: string };

/** Shown in a room on a site the extension does not run on by itself yet. */
export function EnableSite({ tabId }: { tabId: number }) {
  const pattern = useSitePattern(tabId);
  const [state, setState] = useState<EnableState>({ step: 'unknown' });
  const box = useFocusAfterStep(state.step);
  useEffect(() => {
    if (!pattern) return;
    askBackground('site-status', { pattern }).then(
      (reply) => setState({ step: reply.enabled ? 'enabled' : 'offer' }),
      () => setState({ step: 'offer' }),
    );
  }, [pattern]);
  if (!pattern || state.step === 'unknown' || state.step === 'enabled') return null;

  const enable = async (confirmed?: true): Promise<void> => {
    try {
      // Must run in the click: the browser asks the teacher for this one site.
      if (!(await browser.permissions.request({ origins: [pattern] }))) return setState({ step: 'refused' });
      const reply = await askBackground('enable-site', { pattern, ...(confirmed && { confirmed }) });
      // The managed build holds every https site, so no browser prompt asked: the teacher confirms here (issue 16).
      setState(reply.ok ? { step: 'just-enabled' } : reply.reason === 'confirm' ? { step: 'confirm' } : { step: 'failed', detail: reply.reason ?? '' });
    } catch (error) {
      setState({ step: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  };

  const host = hostOfPattern(pattern);
  return (
    <div class="site-enable" data-testid="site-enable" data-step={state.step} tabIndex={-1} ref={box}>
      {(state.step === 'offer' || state.step === 'confirm') && (
        <>
          {/* The confirmation (managed build) is the same button again, under what it means; closing the popup cancels. */}
          <p>{t(state.step === 'offer' ? 'enableSiteOffer' : 'enableSiteConfirm', host)}</p>
          <button type="button" data-testid={`enable-site${state.step === 'offer' ? '' : '-confirm'}`} onClick={() => void enable(state.step === 'confirm' || undefined)}>
            {t('enableSiteButton', host)}
          </button>
        </>
      )}
      {state.step === 'just-enabled' && <p role="status">{t('enableSiteDone', host)}</p>}
      {state.step === 'refused' && <p role="alert">{t('enableSiteRefused', host)}</p>}
      {state.step === 'failed' && (
        <p role="alert">
          {t('enableSiteFailed', host)} <span class="detail">{state.detail}</span>
        </p>
      )}
    </div>
  );
}
