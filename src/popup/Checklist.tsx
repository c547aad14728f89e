// The lesson checklist as the teacher needs it two minutes before the lesson (issue 25): what needs
// them now first, each row saying its state and, where it is not right, the one-click action; what is
// in order folded into one line; the end of the lesson. Focus is never lost after an action.
import { useEffect, useState } from 'preact/hooks';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import {
  arrangeChecklist,
  type CheckId,
  type ChecklistFix,
  type ChecklistItem,
  type ChecklistPart,
  type FixBlocker,
  type ItemId,
  type ItemStatus,
  type ManualId,
  type ManualTicks,
} from '../core/checklist.ts';
import { serverDigitRule } from '../core/password.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { ruleLines, SETTINGS, textInLanguage, type Settings } from '../core/settings.ts';
import { t, tCount, type MessageKey } from '../shared/i18n.ts';
import { EndLesson } from './EndLesson.tsx';
import { PasswordBox } from './PasswordBox.tsx';
import { FAILURE_TEXT, newRoomPassword, runRoomAction } from './room-actions.ts';
import { ShowPassword } from './ShowPassword.tsx';

type FixKind = ChecklistFix['kind'];

export const STATUS_ICON: Record<ItemStatus, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', na: '–', todo: '', info: '' };

const CHECK_IDS: readonly CheckId[] = ['moderator', 'everyone-moderator', 'lobby', 'password', 'lockout', 'recording', 'knocking'];
const isCheckId = (id: ItemId): id is CheckId => (CHECK_IDS as readonly string[]).includes(id);

const MANUAL_LABEL = {
  blur: 'labelBlur',
  rules: 'labelRules',
  'recording-planned': 'labelRecordingPlanned',
  'recording-announced': 'labelRecordingAnnounced',
} as const satisfies Record<ManualId, MessageKey>;

const FIX_LABEL = { 'enable-lobby': 'fixTurnOn', 'set-password': 'fixSetOne', 'set-start-muted': 'fixMuteArrivals' } as const satisfies Record<FixKind, MessageKey>;
const FIX_DONE = {
  'enable-lobby': 'actionDoneEnableLobby',
  'set-password': 'actionDoneSetPassword',
  'set-start-muted': 'actionDoneStartMuted',
} as const satisfies Record<FixKind, MessageKey>;
const BLOCKED = { 'not-moderator': 'fixBlockedNotModerator', unsupported: 'fixBlockedUnsupported' } as const satisfies Record<FixBlocker, MessageKey>;

/** Which item shows the outcome of a fix (it stays in sight when the fix worked). */
const FIX_HOME: Record<FixKind, ItemId[]> = {
  'enable-lobby': ['lobby', 'lobby-unsupported'],
  'set-password': ['password'],
  'set-start-muted': ['start-muted'],
};

const people = (count: number | undefined): string =>
  count === undefined ? t('statusUnknown') : tCount(count, { zero: 'stateNobody', one: 'stateOnePerson', other: 'statePeople' });

/** A row as "Topic: state" (the state is in the accessible name); manual steps are their own label. */
export function rowText(item: ChecklistItem, room: RoomSnapshot): { topic: string; state: string | null } {
  const { id, status } = item;
  // Before joining nothing can be read yet ("todo"); a fact the page does not give is "unknown".
  const pick = (ok: MessageKey, notOk: MessageKey): string =>
    t(status === 'todo' ? 'stateAfterJoin' : status === 'unknown' ? 'statusUnknown' : status === 'ok' ? ok : notOk);
  switch (id) {
    case 'moderator':
      return { topic: t('rowRole'), state: pick('stateModerator', 'stateNotModerator') };
    case 'everyone-moderator':
      return { topic: t('rowModeratorRights'), state: pick('stateLimited', 'stateEveryone') };
    case 'lobby':
      return { topic: t('rowLobby'), state: pick('stateOn', 'stateOff') };
    case 'lobby-unsupported':
      return { topic: t('rowLobby'), state: t('stateNotOnServer') };
    case 'password':
      return {
        topic: t('rowPassword'),
        // Where the school's rule makes a password optional, none is in order and says so.
        state: status === 'warn' && room.passwordShort === true ? t('stateTooShort') : status === 'ok' && room.passwordSet === false ? t('stateNoneOptional') : pick('stateSet', 'stateNone'),
      };
    case 'lockout':
      return { topic: t('rowDropOut'), state: pick('stateCanRejoin', 'stateLockedOut') };
    case 'start-muted':
      return { topic: t('rowNewArrivals'), state: pick('stateStartMuted', 'stateStartOpen') };
    case 'knocking':
      return { topic: t('rowKnocking'), state: status === 'unknown' ? t('statusUnknown') : people(item.count) };
    case 'recording':
      return { topic: t(room.recording !== true && room.livestream === true ? 'rowLivestream' : 'rowRecording'), state: pick('stateOff', 'stateRunning') };
    case 'remove-everyone':
      return { topic: t('rowStillInLesson'), state: people(item.count) };
    case 'leave-last':
      return { topic: t('labelLeaveLast'), state: null };
    case 'participants':
      return { topic: item.count === undefined ? t('statusUnknown') : tCount(item.count, { zero: 'participantsNone', one: 'participantsOne', other: 'participantsOther' }), state: null };
    case 'blur':
    case 'rules':
    case 'recording-planned':
    case 'recording-announced':
      return { topic: t(MANUAL_LABEL[id]), state: null };
  }
}

/** Why an item matters (or how to do a step): behind a "why?" / "how?" toggle, only while not met. */
function itemHint(item: ChecklistItem): MessageKey | null {
  const { id, status } = item;
  if (status === 'ok') return null;
  const hints: Partial<Record<ItemId, [ItemStatus, MessageKey]>> = {
    moderator: ['fail', 'hintModerator'],
    'everyone-moderator': ['warn', 'hintEveryoneModerator'],
    lobby: ['fail', 'hintLobby'],
    'lobby-unsupported': ['info', 'hintLobbyUnsupported'],
    password: ['warn', 'hintPassword'],
    lockout: ['warn', 'hintLockout'],
    'start-muted': ['warn', 'hintStartMuted'],
    blur: ['todo', 'hintBlur'],
    knocking: ['warn', 'hintKnocking'],
    recording: ['warn', 'hintRecording'],
  };
  const hint = hints[id];
  // A password the school requires: the same hint as a recommended one.
  return hint && (hint[0] === status || (id === 'password' && status === 'fail')) ? hint[1] : null;
}

const RULES: readonly MessageKey[] = ['rules1', 'rules2', 'rules3', 'rules4'];

type FixOutcome = { kind: FixKind; result: ActionResult };

interface FixState {
  running: FixKind | null;
  /** The last outcome of each fix, shown in its item until the popup closes. */
  outcomes: Partial<Record<FixKind, ActionResult>>;
  /** The room password just set, shown once to share with the class. Never stored, never logged. */
  password: string | null;
}

/** Moves the focus to an element by id once it is rendered (after a fix, a hide, a cancel). */
export function focusById(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function FixResult({ outcome, password, onHide }: { outcome: FixOutcome; password: string | null; onHide: () => void }) {
  const { kind, result } = outcome;
  if (result.ok) {
    return (
      <div class="result ok" data-testid={`result-${kind}`} data-result="ok">
        <p>{t(FIX_DONE[kind])}</p>
        {kind === 'set-password' && password !== null && <PasswordBox password={password} onHide={onHide} />}
      </div>
    );
  }
  return (
    <div class="result fail" data-testid={`result-${kind}`} data-result="fail" data-failure={result.failure}>
      <p>{t(FAILURE_TEXT[result.failure])}</p>
      {result.detail && <p class="small detail">{t('actionErrorDetail', result.detail)}</p>}
    </div>
  );
}

/** The rules to read out: the school's own (setting rulesText) or the built-in short ones. */
function Rules({ schoolRules }: { schoolRules: string[] | null }) {
  return (
    <details class="rules">
      <summary data-testid="rules-show">{t(schoolRules ? 'rulesShowSchool' : 'rulesShow')}</summary>
      <ul data-testid="rules-text" data-source={schoolRules ? 'school' : 'built-in'}>
        {schoolRules ? schoolRules.map((line, index) => <li key={index}>{line}</li>) : RULES.map((key) => <li key={key}>{t(key)}</li>)}
      </ul>
    </details>
  );
}

/** "why?": a small toggle that shows the row's hint below it. */
function Why({ id, topic, hint, how }: { id: string; topic: string; hint: MessageKey; how: boolean }) {
  const [open, setOpen] = useState(false);
  const word = t(how ? 'howToggle' : 'whyToggle');
  return (
    <>
      <button
        type="button"
        class="why"
        aria-expanded={open}
        aria-controls={`hint-${id}`}
        aria-label={`${word} ${topic}`}
        data-testid={`why-${id}`}
        onClick={() => setOpen(!open)}
      >
        {word}
      </button>
      <p class="hint" id={`hint-${id}`} data-testid={`hint-${id}`} hidden={!open}>
        {t(hint)}
      </p>
    </>
  );
}

interface RowProps {
  tabId: number;
  offerPassword: boolean;
  item: ChecklistItem;
  schoolRules: string[] | null;
  /** The school's rule before a recording, in the language shown (setting recordingRuleText). */
  recordingRule: string | null;
  room: RoomSnapshot;
  ticks: ManualTicks;
  onTick: (id: ManualId, ticked: boolean) => void;
  fixes: FixState;
  onFix: (kind: FixKind) => void;
  onHide: () => void;
}

function Row({ tabId, offerPassword, item, room, ticks, onTick, fixes, onFix, onHide, schoolRules, recordingRule }: RowProps) {
  const { id, status, fix } = item;
  const hint = itemHint(item);
  const testId = isCheckId(id) ? `check-${id}` : `item-${id}`;
  const { topic, state } = rowText(item, room);
  const loud = id === 'everyone-moderator' && status === 'warn';
  const homeKind = (Object.keys(FIX_HOME) as FixKind[]).find((kind) => FIX_HOME[kind].includes(id));
  const homeResult = homeKind && fixes.outcomes[homeKind];
  const homeOf: FixOutcome | null = homeKind && homeResult ? { kind: homeKind, result: homeResult } : null;
  const labelId = `label-${id}`;
  const blockedId = `blocked-${id}`;
  const label = (
    <>
      {state === null ? topic : `${topic}: `}
      {state !== null && <strong class="state">{state}</strong>}
    </>
  );
  const running = fixes.running !== null;

  return (
    <li class={`item ${status}${loud ? ' loud' : ''}`} data-testid={testId} data-status={status}>
      {item.manual ? (
        <input
          type="checkbox"
          id={`tick-${id}`}
          data-testid={`tick-${id}`}
          checked={ticks[id as ManualId] === true}
          onChange={(event) => onTick(id as ManualId, event.currentTarget.checked)}
        />
      ) : (
        <span class={`icon ${status}`} aria-hidden="true">
          {STATUS_ICON[status]}
        </span>
      )}
      <div class="body">
        {item.manual ? (
          <label for={`tick-${id}`} class="label" id={labelId}>
            {label}
          </label>
        ) : (
          <span class="label" id={labelId} tabIndex={-1}>
            {label}
          </span>
        )}
        {hint && <Why id={id} topic={topic} hint={hint} how={item.manual} />}
        {id === 'rules' && <Rules schoolRules={schoolRules} />}
        {id === 'recording-planned' && recordingRule && (
          <p class="small" data-testid="recording-rule">
            {recordingRule}
          </p>
        )}
        {/* A fix that cannot run is not offered; the row says why to screen readers, and the role row
            (or "not on this server") says it to everyone. */}
        {fix?.blocked && (
          <p class="visually-hidden" id={blockedId} data-testid={`blocked-${fix.kind}`}>
            {t(BLOCKED[fix.blocked])}
          </p>
        )}
        {homeKind && (
          <div role="status" aria-live="polite">
            {homeOf && <FixResult outcome={homeOf} password={fixes.password} onHide={onHide} />}
          </div>
        )}
        {/* A digit rule too short to protect the room (a crafted link can set it) is not followed: say so. */}
        {id === 'password' && !!room.passwordDigits && !serverDigitRule(room.passwordDigits) && (
          <p class="small" data-testid="password-digits-ignored">
            {tCount(room.passwordDigits, { zero: 'passwordDigitsIgnoredOther', one: 'passwordDigitsIgnoredOne', other: 'passwordDigitsIgnoredOther' })}
          </p>
        )}
        {/* The password can be shown again whenever it is needed (read from Jitsi, never stored). */}
        {offerPassword && id === 'password' && status === 'ok' && room.passwordSet === true && room.isModerator === true && fixes.password === null && <ShowPassword tabId={tabId} />}
      </div>
      {fix && !fix.blocked && (
        // While any fix runs the button stays focusable (aria-disabled): a disabled button drops the focus.
        <button
          type="button"
          class="primary fix"
          data-testid={`fix-${fix.kind}`}
          aria-disabled={running ? 'true' : undefined}
          aria-describedby={labelId}
          onClick={() => !running && onFix(fix.kind)}
        >
          {fixes.running === fix.kind ? t('fixRunning') : t(FIX_LABEL[fix.kind])}
        </button>
      )}
    </li>
  );
}

/** Who is here: "12 participants in the room · 2 more in breakout rooms" (in the popup's header). */
export function People({ item, room }: { item: ChecklistItem; room: RoomSnapshot }) {
  return (
    <span data-testid="item-participants" data-status={item.status}>
      <span data-testid={item.count !== undefined ? 'participant-count' : undefined} data-count={item.count}>
        {rowText(item, room).topic}
      </span>
      {item.breakoutCount !== undefined && (
        <span data-testid="breakout-count" data-count={item.breakoutCount}>
          {' · '}
          {tCount(item.breakoutCount, { zero: 'breakoutOther', one: 'breakoutOne', other: 'breakoutOther' })}
        </span>
      )}
    </span>
  );
}

export function Checklist({ tabId, room, parts, ticks, onTick, settings, offerPassword }: {
  tabId: number;
  /** Offer "Show the password" on the password row (not when "Done for you" offers it already). */
  offerPassword: boolean;
  room: RoomSnapshot;
  parts: ChecklistPart[];
  ticks: ManualTicks;
  onTick: (id: ManualId, ticked: boolean) => void;
  settings: Settings | null;
}) {
  const schoolText = settings && textInLanguage(settings.rulesText, t('languageCode'));
  const recordingRule = settings && textInLanguage(settings.recordingRuleText, t('languageCode'));
  const schoolRules = schoolText ? ruleLines(schoolText) : null;
  const [fixes, setFixes] = useState<FixState>({ running: null, outcomes: {}, password: null });
  /** What the teacher changed in this popup stays in sight until it closes. */
  const [keep, setKeep] = useState<ItemId[]>([]);
  const [ending, setEnding] = useState(false);
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const view = arrangeChecklist(parts, { ending, keep });
  const hasEnd = parts.some((part) => part.id === 'end');

  useEffect(() => {
    if (focusAfter === null) return;
    focusById(focusAfter);
    setFocusAfter(null);
  }, [focusAfter]);

  const keepInSight = (id: ItemId): void => setKeep((kept) => (kept.includes(id) ? kept : [...kept, id]));

  const runFix = async (kind: FixKind): Promise<void> => {
    const home = FIX_HOME[kind].find((id) => view.now.some((item) => item.id === id)) ?? FIX_HOME[kind][0]!;
    keepInSight(home);
    // The password lives only in this closure and, once Jitsi took it, in component state.
    const password = kind === 'set-password' ? newRoomPassword(room.passwordDigits, settings?.passwordLength ?? SETTINGS.passwordLength.default, settings?.passwordStyle) : null;
    const action: RoomAction =
      kind === 'enable-lobby'
        ? { kind }
        : kind === 'set-password'
          ? { kind, password: password! }
          : { kind, audio: true, video: true };
    const forget = (outcomes: FixState['outcomes']) => Object.fromEntries(Object.entries(outcomes).filter(([key]) => key !== kind));
    setFixes((state) => ({ ...state, running: kind, outcomes: forget(state.outcomes) }));
    const result = await runRoomAction(tabId, action);
    setFixes((state) => ({
      running: null,
      outcomes: { ...state.outcomes, [kind]: result },
      // A new password replaces the one shown; other fixes leave it.
      password: kind === 'set-password' ? (result.ok ? password : null) : state.password,
    }));
    // Done: the focus goes to the row's new state (its button is gone). Failed: it stays on the button.
    if (result.ok) setFocusAfter(`label-${home}`);
  };

  const hide = (): void => {
    setFixes((state) => ({ ...state, password: null, outcomes: { ...state.outcomes, 'set-password': undefined } }));
    setFocusAfter('label-password');
  };

  const tick = (id: ManualId, ticked: boolean): void => {
    keepInSight(id);
    onTick(id, ticked);
  };

  const row = (item: ChecklistItem) => (
    <Row
      key={item.id}
      tabId={tabId}
      offerPassword={offerPassword}
      item={item}
      room={room}
      ticks={ticks}
      onTick={tick}
      fixes={fixes}
      onFix={(kind) => void runFix(kind)}
      onHide={hide}
      schoolRules={schoolRules}
      recordingRule={recordingRule}
    />
  );

  return (
    <div class="checks" data-testid="checks" role="group" aria-label={t('checksHeading')}>
      {view.now.length > 0 && (
        <ul class="items" data-testid="now-items">
          {view.now.map(row)}
        </ul>
      )}
      {view.done.length > 0 && (
        <details class="done" data-testid="done-items">
          <summary data-testid="done-summary">
            <span class="icon ok" aria-hidden="true">
              ✓
            </span>
            {t('doneCount', String(view.done.length))}
          </summary>
          <ul class="items">{view.done.map(row)}</ul>
        </details>
      )}
      {hasEnd && (
        <section class="part end" data-testid="part-end" aria-label={t('partEnd')}>
          {view.end.length > 0 && <ul class="items">{view.end.map(row)}</ul>}
          <EndLesson tabId={tabId} room={room} mode={settings?.endLessonMode ?? null} onEnding={setEnding} />
        </section>
      )}
    </div>
  );
}
