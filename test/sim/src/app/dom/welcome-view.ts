// The welcome page (`/`): same index.html, APP and APP.store exist, but no room (facts §1.2).
import { strings } from '../i18n.ts';
import { h } from './h.ts';

export function mountWelcomeView(root: HTMLElement, lang: string): void {
  const t = strings(lang);
  const input = h('input', { id: 'enter_room_field', attrs: { type: 'text', 'aria-label': t.welcomeTitle, placeholder: 'MathLesson' } });
  const go = () => {
    const room = input.value.trim();
    if (room) location.assign(`/${encodeURIComponent(room)}`);
  };
  input.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') go();
  });
  root.replaceChildren(
    h('div', { id: 'welcome_page', class: 'welcome' }, [
      h('h1', { class: 'header-text-title', text: t.welcomeTitle }),
      h('div', { id: 'enter_room' }, [input, h('button', { id: 'enter_room_button', text: t.welcomeGo, attrs: { type: 'button' }, on: { click: go } })]),
    ]),
  );
}
