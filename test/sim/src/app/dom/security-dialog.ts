// Security options dialog (facts §4.2): root `div.security-dialog`; lobby `#lobby-section` with
// `input[type=checkbox]#lobby-section-switch` (id since 6173: none in the 2021 variant); password
// section `div.security-dialog.password-section`, `#info-password-input`, `.info-password-local`
// (LOCKED_LOCALLY) / `.info-password-remote` (LOCKED_REMOTELY), `.add-password`, `.remove-password`,
// `.copy-password`. Digits-only passwords when config.roomPasswordNumberOfDigits is a number.
import { LOCKED_LOCALLY, LOCKED_REMOTELY, type LockState } from '../../shared/constants.ts';
import type { AppVariant } from '../../shared/sim-options.ts';
import { strings } from '../i18n.ts';
import { h } from './h.ts';

export interface SecurityModel {
  variant: AppVariant;
  lang: string;
  moderator: boolean;
  lobbySupported: boolean;
  lobbyEnabled: boolean;
  locked: LockState;
  password: string | undefined;
  passwordDigits: number | undefined;
  editingPassword: boolean;
}

export interface SecurityActions {
  close(): void;
  toggleLobby(enabled: boolean): void;
  setEditingPassword(editing: boolean): void;
  /** The setPassword(conference, conference.lock, pw) thunk. */
  setPassword(password: string): void;
}

function lobbySection(model: SecurityModel, actions: SecurityActions): HTMLElement {
  const t = strings(model.lang);
  const checkbox = h('input', {
    class: 'toggle',
    attrs: {
      type: 'checkbox',
      ...(model.variant === 'current' ? { id: 'lobby-section-switch' } : {}),
      'aria-label': t.lobbyToggle,
    },
  });
  checkbox.checked = model.lobbyEnabled;
  checkbox.disabled = !model.moderator;
  checkbox.addEventListener('change', () => actions.toggleLobby(checkbox.checked));
  return h('div', { id: 'lobby-section' }, [
    h('p', { class: 'description', text: t.lobbyDescription }),
    h('div', { class: 'control-row' }, [
      h('label', { text: t.lobbyToggle, attrs: model.variant === 'current' ? { for: 'lobby-section-switch' } : {} }),
      h('span', { class: 'toggle-container' }, [checkbox]),
    ]),
  ]);
}

function passwordSection(model: SecurityModel, actions: SecurityActions): HTMLElement {
  const t = strings(model.lang);
  let info: HTMLElement;
  if (model.editingPassword && model.moderator) {
    const digits = model.passwordDigits;
    const input = h('input', {
      id: 'info-password-input',
      attrs: {
        type: 'text',
        autocomplete: 'off',
        'aria-label': t.password,
        ...(digits ? { inputmode: 'numeric', pattern: '^[0-9]+$', maxlength: String(digits), placeholder: '•'.repeat(digits) } : {}),
      },
    });
    const submit = () => {
      const value = input.value;
      // PasswordForm: digits only and at most N of them when roomPasswordNumberOfDigits is set.
      if (!value || (digits && (!/^\d+$/.test(value) || value.length > digits))) return;
      actions.setPassword(value);
    };
    input.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') {
        event.preventDefault();
        submit();
      }
    });
    const form = h('form', { class: 'info-password-form', on: { submit: (e) => { e.preventDefault(); submit(); } } }, [input]);
    info = h('div', { class: 'info-password' }, [h('span', { class: 'info-label', text: `${t.password}:` }), form]);
    setTimeout(() => input.focus(), 0);
  } else if (model.locked === LOCKED_LOCALLY) {
    info = h('div', { class: 'info-password' }, [
      h('span', { class: 'info-label', text: `${t.password}:` }),
      h('span', { class: 'info-password-local', text: model.password ?? '' }),
    ]);
  } else if (model.locked === LOCKED_REMOTELY) {
    info = h('div', { class: 'info-password' }, [
      h('span', { class: 'info-label', text: `${t.password}:` }),
      h('span', { class: 'info-password-remote', text: t.passwordLocked }),
    ]);
  } else {
    info = h('div', { class: 'info-password' });
  }

  const link = (className: string, label: string, action: () => void) =>
    h('button', { class: className, text: label, attrs: { type: 'button' }, on: { click: action } });
  let buttons: HTMLElement[] = [];
  if (model.moderator) {
    if (model.editingPassword) {
      buttons = [link('cancel-password', 'Cancel', () => actions.setEditingPassword(false))];
    } else if (model.locked) {
      buttons = [link('remove-password', t.removePassword, () => actions.setPassword(''))];
      if (model.locked === LOCKED_LOCALLY) {
        buttons.push(link('copy-password', t.copyPassword, () => void navigator.clipboard?.writeText(model.password ?? '').catch(() => undefined)));
      }
    } else {
      buttons = [link('add-password', t.addPassword, () => actions.setEditingPassword(true))];
    }
  }
  return h('div', { class: 'security-dialog password-section' }, [
    h('p', { class: 'description', text: t.passwordDescription }),
    h('div', { class: 'security-dialog password' }, [info, h('div', { class: 'security-dialog password-actions' }, buttons)]),
  ]);
}

export function buildSecurityDialog(model: SecurityModel, actions: SecurityActions): HTMLElement {
  const t = strings(model.lang);
  return h('div', { class: 'dialog-container', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-label': t.security } }, [
    h('div', { class: 'modal-dialog' }, [
      h('div', { class: 'modal-header' }, [
        h('h1', { text: t.security }),
        h('button', { class: 'modal-close', text: '×', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: actions.close } }),
      ]),
      h('div', { class: 'security-dialog' }, [
        model.lobbySupported ? lobbySection(model, actions) : null,
        model.lobbySupported ? h('div', { class: 'separator-line' }) : null,
        passwordSection(model, actions),
      ]),
    ]),
  ]);
}
