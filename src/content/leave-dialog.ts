// The leave guard: a modal dialog over the Jitsi page, shown when the teacher hangs up while people are
// still in the room (school rule: remove everyone and leave last). Isolated-world content script, plain
// DOM: no Preact, no HTML strings (page data such as display names only ever goes into textContent).
//
// Rendered in a *closed* shadow root on <jmc-leave-guard> appended to <html>: the page's CSS cannot reach
// in, the page's scripts cannot read it. Inside is a native <dialog> opened with showModal(): top layer
// (above Jitsi's overlays and fullscreen), the rest of the page inert, plus our own Tab/Shift+Tab cycle.
// Key events are stopped at the shadow root, so typing the reason never triggers Jitsi's shortcuts
// (as far as Jitsi listens in the bubble phase, which it does).
//
// Tests: Playwright's locators cannot enter a closed shadow root. Open it in open mode instead —
//   showLeaveGuard(info, { shadowMode: 'open' })
// then `page.getByTestId('leave-guard-end')` etc. pierce it (test ids: leave-guard, leave-guard-title,
// leave-guard-end, leave-guard-stay, leave-guard-leave, leave-guard-reason, leave-guard-confirm).
// Only tests may pass 'open' (e.g. the content script behind a dev-build test flag, __DEV_FLAVOUR__);
// test/e2e/leave-dialog.spec.ts bundles this module and runs it in an extension page that way.
import { byCount, t, type MessageKey } from '../shared/i18n.ts';

export type LeaveChoice = 'end-and-leave' | 'stay' | 'leave-anyway';

export interface LeaveGuardInfo {
  /** Real people still in the lesson, in any of its rooms (not the teacher). */
  remaining: number;
  /** Of those, in other rooms than the teacher's (breakout rooms; or the main room). */
  elsewhere: number;
  /** The teacher is in a breakout room. */
  inBreakoutRoom: boolean;
  /** Display names of other moderators who were moderator when they joined (a co-teacher), may be empty. */
  coModerators: string[];
  /** Display names of participants made moderator during the lesson (not co-teachers), may be empty. */
  promotedModerators: string[];
  /** The server makes everyone moderator or hands rights to the next person. */
  rightsPassToStudent: boolean;
  /** Policy "strongly warn": "Leave anyway" needs a second, explicit step. */
  strong: boolean;
  /** The lesson log is on: in strong mode the teacher types a reason, which is kept there. */
  keepsReason: boolean;
}

export interface LeaveGuardResult {
  choice: LeaveChoice;
  /** Only with choice 'leave-anyway' under a strong policy with the lesson log on: the teacher's reason, trimmed. */
  reason?: string;
}

export interface LeaveGuardButton {
  choice: LeaveChoice;
  label: string;
  /** One line under the button: what happens next. */
  consequence: string;
  /** The recommended way out, drawn as the primary button (never the initial focus). */
  primary: boolean;
  testId: string;
}

/** Everything the dialog shows, decided without the DOM (unit-tested). */
export interface LeaveGuardModel {
  /** BCP 47 code of the texts (the dialog's `lang`). */
  lang: string;
  title: string;
  /** The description paragraphs, in order. */
  text: string[];
  /**
   * In screen order. The first is always "Stay" and has the initial focus, so that an accidental
   * hang-up followed by Enter changes nothing; Escape is Stay too (shown on its button).
   */
  buttons: LeaveGuardButton[];
  /** The key hint shown on "Stay" (Escape). */
  stayKey: string;
  /**
   * Set when "Leave anyway" first asks for a second step (strong mode); null when it leaves at once.
   * `label` set: a reason to type (kept in the lesson log, `note` says so); null: only a confirmation.
   */
  reason: { label: string | null; note: string; confirm: string } | null;
}

export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

const REASON_MAX_LENGTH = 500;

/** Names are page data: isolate each from the sentence's direction (an Arabic or Hebrew name, say). */
const isolate = (name: string): string => `\u2068${name}\u2069`;

function joinNames(names: string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

export function buildLeaveGuardModel(info: LeaveGuardInfo, translate: Translate): LeaveGuardModel {
  const lang = translate('languageCode');
  const count = Math.max(0, Math.floor(info.remaining));
  const titleKey = byCount<MessageKey>(count, { zero: 'leaveGuardTitleNone', one: 'leaveGuardTitleOne', other: 'leaveGuardTitleOther' });
  const text = [translate('leaveGuardRoomOpen')];
  // Where they are: a class working in breakout rooms is not in the teacher's room.
  const elsewhere = Math.max(0, Math.floor(info.elsewhere));
  if (elsewhere > 0) {
    const where = info.inBreakoutRoom
      ? byCount<MessageKey>(elsewhere, { zero: 'leaveGuardInOtherRoomsOther', one: 'leaveGuardInOtherRoomsOne', other: 'leaveGuardInOtherRoomsOther' })
      : byCount<MessageKey>(elsewhere, { zero: 'leaveGuardInBreakoutRoomsOther', one: 'leaveGuardInBreakoutRoomsOne', other: 'leaveGuardInBreakoutRoomsOther' });
    text.push(translate(where, String(elsewhere)));
  }
  const coTeacher = info.coModerators.length > 0;
  if (coTeacher) {
    const names = info.coModerators.map(isolate);
    text.push(
      names.length === 1
        ? translate('leaveGuardCoModeratorOne', names[0])
        : translate('leaveGuardCoModeratorOther', joinNames(names, lang)),
    );
  }
  if (info.promotedModerators.length > 0) {
    const names = info.promotedModerators.map(isolate);
    text.push(
      names.length === 1
        ? translate('leaveGuardPromotedOne', names[0])
        : translate('leaveGuardPromotedOther', joinNames(names, lang)),
    );
  }
  if (info.rightsPassToStudent) text.push(translate('leaveGuardRightsPass'));

  const stay: LeaveGuardButton = {
    choice: 'stay',
    label: translate('leaveGuardStay'),
    consequence: translate('leaveGuardStayConsequence'),
    primary: false,
    testId: 'leave-guard-stay',
  };
  const end: LeaveGuardButton = {
    choice: 'end-and-leave',
    label: translate('leaveGuardEnd'),
    consequence: translate('leaveGuardEndConsequence'),
    primary: !coTeacher,
    testId: 'leave-guard-end',
  };
  // A co-teacher stays with the class: leaving is then the ordinary thing to do, no reason asked.
  const leave: LeaveGuardButton = {
    choice: 'leave-anyway',
    label: translate(coTeacher ? 'leaveGuardLeave' : 'leaveGuardLeaveAnyway'),
    consequence: translate(coTeacher ? 'leaveGuardLeaveConsequence' : 'leaveGuardLeaveAnywayConsequence'),
    primary: coTeacher,
    testId: 'leave-guard-leave',
  };
  return {
    lang,
    title: translate(titleKey, String(count)),
    text,
    buttons: coTeacher ? [stay, leave, end] : [stay, end, leave],
    stayKey: translate('leaveGuardEscKey'),
    // Nothing is asked that is then thrown away: a reason only where the lesson log keeps it.
    reason:
      info.strong && !coTeacher
        ? info.keepsReason
          ? { label: translate('leaveGuardReasonLabel'), note: translate('leaveGuardReasonKept'), confirm: translate('leaveGuardReasonConfirm') }
          : { label: null, note: translate('leaveGuardConfirmAlone'), confirm: translate('leaveGuardReasonConfirm') }
        : null,
  };
}

const CSS = `:host{all:initial!important;display:block!important}
dialog{box-sizing:border-box;width:min(440px,calc(100vw - 16px));max-width:none;max-height:calc(100vh - 16px);overflow:auto;margin:auto;padding:20px;border:0;border-radius:12px;background:#fff;color:#1b1b1f;font:16px/1.5 system-ui,sans-serif;overflow-wrap:anywhere;box-shadow:0 8px 32px #0008}
dialog::backdrop{background:#0a0c10b8}
h2{margin:0 0 8px;font-size:20px;line-height:1.3}
p{margin:0 0 8px}
div,form{display:flex;flex-direction:column;gap:8px;margin-top:16px}
[hidden]{display:none!important}
button,input{box-sizing:border-box;width:100%;min-height:44px;margin:0;border:2px solid #50535c;border-radius:8px;background:#fff;color:#1b1b1f;font:inherit}
button{padding:8px 16px;cursor:pointer}
button.p{border-color:#0b57d0;background:#0b57d0;color:#fff;font-weight:600}
button+small{margin:-4px 0 6px;font-size:14px;line-height:1.35;color:#44474e}
kbd{margin-left:8px;padding:0 6px;border:1px solid currentColor;border-radius:4px;font:inherit;font-size:13px;opacity:.8}
button:disabled{opacity:.55;cursor:not-allowed}
input{padding:8px 12px}
label{font-weight:600}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}`;

function add<K extends keyof HTMLElementTagNameMap>(
  parent: Node,
  tag: K,
  text: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text) element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent.appendChild(element);
  return element;
}

interface OpenDialog {
  info: LeaveGuardInfo;
  host: HTMLElement;
  dialog: HTMLDialogElement;
  result: Promise<LeaveGuardResult>;
  /** Redraws the texts and buttons (a language or the school's mode arrived late). */
  refresh(): void;
}

let open: OpenDialog | undefined;

/** Draws the dialog now, synchronously: the teacher sees it in the same frame as the click. */
function render(info: LeaveGuardInfo, shadowMode: ShadowRootMode): OpenDialog {
  const previous = document.activeElement;
  const host = document.createElement('jmc-leave-guard');
  const root = host.attachShadow({ mode: shadowMode });
  add(root, 'style', CSS);
  const dialog = add(root, 'dialog', '', {
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'lg-title',
    'aria-describedby': 'lg-text',
    'data-testid': 'leave-guard',
  });
  let resolve!: (result: LeaveGuardResult) => void;
  const result = new Promise<LeaveGuardResult>((done) => (resolve = done));
  let done = false;
  const finish = (choice: LeaveChoice, reason?: string): void => {
    if (done) return;
    done = true;
    open = undefined;
    host.remove(); // closes the modal dialog with it
    // Back to where the teacher was (Jitsi's hang-up button). Duck-typed: Firefox's content-script
    // Xrays make instanceof checks on page elements unreliable.
    if (previous?.isConnected) (previous as HTMLElement).focus?.({ preventScroll: true });
    resolve(reason === undefined ? { choice } : { choice, reason });
  };

  /** What survives a redraw: the reason being typed, and which control had the focus. */
  let reasonAsked = false;
  let reasonText = '';
  const state: OpenDialog = {
    info,
    host,
    dialog,
    result,
    refresh: () => {
      const focused = (root.activeElement as HTMLElement | null)?.dataset?.testid;
      fill(buildLeaveGuardModel(state.info, t));
      const again = focused && dialog.querySelector<HTMLElement>(`[data-testid="${focused}"]`);
      if (again) again.focus();
    },
  };

  const fill = (model: LeaveGuardModel): void => {
    dialog.replaceChildren();
    dialog.lang = model.lang;
    add(dialog, 'h2', model.title, { id: 'lg-title', 'data-testid': 'leave-guard-title' });
    const text = add(dialog, 'section', '', { id: 'lg-text' });
    for (const line of model.text) add(text, 'p', line);

    const actions = add(dialog, 'div', '');
    const buttons = model.buttons.map((button, index) => {
      const consequenceId = `lg-c${index}`;
      const element = add(actions, 'button', button.label, { type: 'button', 'aria-describedby': consequenceId, 'data-testid': button.testId });
      if (button.primary) element.className = 'p';
      if (button.choice === 'stay') add(element, 'kbd', model.stayKey, { 'aria-hidden': 'true' });
      add(actions, 'small', button.consequence, { id: consequenceId, 'data-testid': `${button.testId}-consequence` });
      element.addEventListener('click', () => (button.choice === 'leave-anyway' && model.reason ? askReason() : finish(button.choice)));
      return element;
    });

    const form = add(dialog, 'form', '', { hidden: '' });
    let input: HTMLInputElement | undefined;
    const askReason = (): void => {
      if (!model.reason) return;
      reasonAsked = true;
      if (form.hidden) {
        const leave = buttons[model.buttons.findIndex((b) => b.choice === 'leave-anyway')];
        leave?.setAttribute('aria-expanded', 'true');
        if (model.reason.label !== null) {
          add(form, 'label', model.reason.label, { for: 'lg-reason' });
          input = add(form, 'input', '', {
            id: 'lg-reason',
            type: 'text',
            required: '',
            autocomplete: 'off',
            maxlength: String(REASON_MAX_LENGTH),
            'aria-describedby': 'lg-reason-note',
            'data-testid': 'leave-guard-reason',
          });
          input.value = reasonText;
        }
        add(form, 'p', model.reason.note, { id: 'lg-reason-note', 'data-testid': 'leave-guard-reason-note' });
        const confirm = add(form, 'button', model.reason.confirm, { type: 'submit', 'data-testid': 'leave-guard-confirm' });
        const field = input;
        const update = (): void => {
          if (!field) return;
          reasonText = field.value;
          confirm.disabled = !field.value.trim();
        };
        update();
        field?.addEventListener('input', update);
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          if (!field) finish('leave-anyway');
          else if (field.value.trim()) finish('leave-anyway', field.value.trim());
        });
        form.hidden = false;
        if (!field) confirm.focus();
      }
      input?.focus();
    };
    if (reasonAsked) askReason();
    else buttons[0]?.focus();
  };

  // Our own events stay ours: Jitsi's keyboard shortcuts must not see the teacher typing.
  for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (event) => event.stopPropagation());
  root.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.key === 'Escape') {
      key.preventDefault();
      finish('stay');
    } else if (key.key === 'Tab') {
      const focusable = [...dialog.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button,input')].filter(
        (element) => !element.disabled && !element.closest('[hidden]'),
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = root.activeElement;
      const outside = !active || !dialog.contains(active);
      if (key.shiftKey && (active === first || outside)) last?.focus();
      else if (!key.shiftKey && (active === last || outside)) first?.focus();
      else return;
      key.preventDefault();
    }
  });
  // Close requests the browser delivers to a modal dialog (Escape, Android's back): also Stay.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    finish('stay');
  });
  dialog.addEventListener('close', () => {
    // Closed by anything but us (e.g. the host was moved): keep asking, never let a leave through.
    if (!done && host.isConnected) dialog.showModal();
  });

  document.documentElement.appendChild(host);
  dialog.showModal();
  fill(buildLeaveGuardModel(info, t));
  return state;
}

/**
 * Shows the dialog over the Jitsi page, synchronously (it is on screen when this returns), and resolves
 * with the teacher's choice (Escape = 'stay'). Throws if it cannot be shown; the caller then lets the
 * page ask in its own way. One dialog at a time: a second call while it is open brings the same dialog
 * back (also if something removed it from the page) and gets the same answer.
 */
export function showLeaveGuard(
  info: LeaveGuardInfo,
  { shadowMode = 'closed' }: { shadowMode?: ShadowRootMode } = {},
): Promise<LeaveGuardResult> {
  if (open) {
    if (!open.host.isConnected) document.documentElement.appendChild(open.host);
    if (!open.dialog.open) open.dialog.showModal();
    return open.result;
  }
  const shown = render(info, shadowMode);
  open = shown;
  return shown.result;
}

/** A late answer (the school's mode, the chosen language) updates an open dialog in place. */
export function updateLeaveGuard(change: Partial<LeaveGuardInfo>): void {
  if (!open) return;
  open.info = { ...open.info, ...change };
  open.refresh();
}
