import { render } from 'preact';
import browser from 'webextension-polyfill';
import { applyDocumentLanguage } from '../shared/i18n.ts';
import { applyPageLanguage } from '../shared/ui-language.ts';
import { Popup } from './Popup.tsx';

/**
 * The tab the popup describes: the active tab, or `?tab=<id>` when the popup is opened as a page
 * (keyboard users, screen readers and the end-to-end tests do that).
 */
async function resolveTabId(): Promise<number | null> {
  const requested = new URLSearchParams(location.search).get('tab');
  if (requested !== null) return /^\d{1,10}$/.test(requested) ? Number(requested) : null;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

void Promise.all([applyPageLanguage(), resolveTabId()]).then(([, tabId]) => {
  applyDocumentLanguage();
  render(<Popup tabId={tabId} />, document.getElementById('app')!);
});
