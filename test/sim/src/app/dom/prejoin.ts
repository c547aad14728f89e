// Prejoin screen (facts §1.2): `[data-testid="prejoin.screen"]` (since ~7001, so not in the 2021
// variant), name input `#premeeting-name-input` in `.prejoin-input-area`, join button
// `[data-testid="prejoin.joinMeeting"]` (since ≤5390).
import type { AppVariant } from '../../shared/sim-options.ts';
import { strings } from '../i18n.ts';
import { activateOnKeys, h } from './h.ts';

export function buildPrejoin(options: { variant: AppVariant; lang: string; roomTitle: string; onJoin: (name: string) => void }): HTMLElement {
  const t = strings(options.lang);
  const input = h('input', {
    id: 'premeeting-name-input',
    class: 'field',
    attrs: { type: 'text', placeholder: t.namePlaceholder, autocomplete: 'name' },
  });
  const join = h('div', {
    class: 'action-btn primary',
    text: t.joinMeeting,
    attrs: { role: 'button', tabindex: '0', 'aria-label': t.joinMeeting, 'data-testid': 'prejoin.joinMeeting' },
  });
  activateOnKeys(join, () => options.onJoin(input.value.trim()));
  input.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') options.onJoin(input.value.trim());
  });
  return h(
    'div',
    {
      class: 'premeeting-screen',
      attrs: options.variant === 'current' ? { 'data-testid': 'prejoin.screen' } : {},
    },
    [h('div', { class: 'content' }, [h('h1', { class: 'title', text: options.roomTitle }), h('div', { class: 'prejoin-input-area' }, [input, join])])],
  );
}
