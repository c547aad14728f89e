// `#new-toolbox` (facts §4.1). Buttons: `div.toolbox-button[role=button][tabindex=0][aria-label]` >
// `div.toolbox-icon`. Current: `.toolbox-content-items`, plain hangup `.hangup-button`, or for a
// moderator with end support the menu `div.toolbox-button-wth-dialog.context-menu` with toggle
// `.hangup-menu-button` and a popover of two `<button aria-label>`s. 2021: hangup is the 2nd child
// of `.button-group-center`, labelled "Leave the call", no class, no menu.
import type { AppVariant } from '../../shared/sim-options.ts';
import { strings } from '../i18n.ts';
import { activateOnKeys, h } from './h.ts';

export interface ToolboxModel {
  variant: AppVariant;
  lang: string;
  micLive: boolean;
  moderator: boolean;
  /** Moderator, end_conference supported, not in a breakout room (SDK Toolbox.tsx ~l.117). */
  showHangupMenu: boolean;
  hangupMenuVisible: boolean;
  showSecurity: boolean;
}

export interface ToolboxActions {
  toggleMic(): void;
  openSecurity(): void;
  /** The plain hang-up button's handler: once per button instance (facts §9.1), see room-view.ts. */
  hangup(): void;
  /** The hang-up menu's "Leave meeting" (LeaveConferenceButton): acts on every click. */
  leave(): void;
  endForAll(): void;
  setHangupMenuVisible(visible: boolean): void;
}

function toolboxButton(label: string, iconClass: string, glyph: string, onActivate: () => void, extra: Record<string, string> = {}) {
  const button = h('div', { class: 'toolbox-button', attrs: { role: 'button', tabindex: '0', 'aria-label': label, ...extra } }, [
    h('div', { class: `toolbox-icon${iconClass ? ` ${iconClass}` : ''}` }, [h('span', { class: 'jitsi-icon', text: glyph, attrs: { 'aria-hidden': 'true' } })]),
  ]);
  activateOnKeys(button, onActivate);
  return button;
}

function hangupMenu(model: ToolboxModel, actions: ToolboxActions): HTMLElement {
  const t = strings(model.lang);
  const toggle = toolboxButton(t.hangup, 'hangup-menu-button', '✕', () => actions.setHangupMenuVisible(!model.hangupMenuVisible), {
    'aria-expanded': String(model.hangupMenuVisible),
    'aria-haspopup': 'true',
  });
  const menuButton = (label: string, className: string, action: () => void) =>
    h('button', { class: className, attrs: { type: 'button', 'aria-label': label }, on: { click: action } }, [h('span', { text: label })]);
  const popover = model.hangupMenuVisible
    ? h('div', { class: 'popover', attrs: { role: 'dialog' } }, [
        h('div', { id: 'hangup-menu', class: 'hangup-menu', attrs: { role: 'menu' } }, [
          menuButton(t.endConference, 'end-meeting-button destructive', () => {
            actions.setHangupMenuVisible(false);
            actions.endForAll();
          }),
          menuButton(t.leaveConference, 'leave-meeting-button', () => {
            actions.setHangupMenuVisible(false);
            actions.leave();
          }),
        ]),
      ])
    : null;
  return h('div', { class: 'toolbox-button-wth-dialog context-menu' }, [h('div', { class: 'popover-trigger' }, [toggle]), popover]);
}

export function buildToolbox(model: ToolboxModel, actions: ToolboxActions): HTMLElement {
  const t = strings(model.lang);
  const mic = toolboxButton(t.microphone, model.micLive ? 'toggled' : '', 'Mic', actions.toggleMic, { 'aria-pressed': String(!model.micLive) });
  const camera = toolboxButton(t.camera, '', 'Cam', () => undefined, { 'aria-pressed': 'false' });
  const security = model.showSecurity ? toolboxButton(t.security, '', 'Sec', actions.openSecurity) : null;

  if (model.variant === '2021') {
    const hangup = toolboxButton(t.hangup2021, '', '✕', actions.hangup);
    return h('div', { id: 'new-toolbox', class: 'new-toolbox visible' }, [
      h('div', { class: 'toolbox-content' }, [
        h('div', { class: 'button-group-left' }),
        h('div', { class: 'button-group-center' }, [mic, hangup, camera]),
        h('div', { class: 'button-group-right' }, [security]),
      ]),
    ]);
  }

  const hangup = model.showHangupMenu ? hangupMenu(model, actions) : toolboxButton(t.hangup, 'hangup-button', '✕', actions.hangup);
  return h('div', { id: 'new-toolbox', class: 'new-toolbox visible' }, [
    h('div', { class: 'toolbox-content' }, [
      h('div', { class: 'toolbox-content-wrapper' }, [h('div', { class: 'toolbox-content-items' }, [mic, camera, security, hangup])]),
    ]),
  ]);
}
