// The lesson checklist in three parts, with the teacher's ticks and the one-click fixes.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ActionResult, RoomAction } from '../core/actions.ts';
import type {
  CheckId,
  ChecklistFix,
  ChecklistItem,
  ChecklistPart,
  FixBlocker,
  ItemId,
  ItemStatus,
  ManualId,
  ManualTicks,
  PartId,
} from '../core/checklist.ts';
import type { RoomSnapshot } from '../core/room.ts';
import { ruleLines, SETTINGS, textInLanguage, type Settings } from '../core/settings.ts';
import { t, tCount, type MessageKey } from '../shared/i18n.ts';
import { EndLesson } from './EndLesson.tsx';
import { PasswordBox } from './PasswordBox.tsx';
import { FAILURE_TEXT, newRoomPassword, runRoomAction } from './room-actions.ts';
import { ShowPassword } from './ShowPassword.tsx';

type FixKind = ChecklistFix['kind'];

const PART_HEADING = { before: 'partBefore', during: 'partDuring', end: 'partEnd' } as const satisfies Record<PartId, MessageKey>;

export const STATUS_LABEL = {
  ok: 'statusOk',
  warn: 'statusWarn',
  fail: 'statusFail',
  unknown: 'statusUnknown',
  na: 'statusNotApplicable',
  todo: 'statusTodo',
  info: 'statusNotApplicable',
} as const satisfies Record<ItemStatus, MessageKey>;

export const STATUS_ICON: Record<ItemStatus, string> = { ok: '✓', warn: '!', fail: '✗', unknown: '?', na: '–', todo: '', info: '' };

const CHECK_IDS: readonly CheckId[] = ['moderator', 'everyone-moderator', 'lobby', 'password', 'lockout', 'recording', 'knocking'];
const isCheckId = (id: ItemId): id is CheckId => (CHECK_IDS as readonly string[]).includes(id);

const MANUAL_LABEL = {
  blur: 'labelBlur',
  rules: 'labelRules',
  'recording-announced': 'labelRecordingAnnounced',
} as const satisfies Record<ManualId, MessageKey>;

const FIX_LABEL = { 'enable-lobby': 'fixEnableLobby', 'set-password': 'fixSetPassword', 'set-start-muted': 'fixStartMuted' } as const satisfies Record<
  FixKind,
  MessageKey
>;
const FIX_DONE = {
  'enable-lobby': 'actionDoneEnableLobby',
  'set-password': 'actionDoneSetPassword',
  'set-start-muted': 'actionDoneStartMuted',
} as const satisfies Record<FixKind, MessageKey>;
const BLOCKED = { 'not-moderator': 'fixBlockedNotModerator', unsupported: 'fixBlockedUnsupported' } as const satisfies Record<FixBlocker, MessageKey>;

/** One sentence per reason an action failed (src/core/actions.ts ActionFailure). */

/** Which item shows the outcome of a fix (it stays in the list when the fix worked). */
const FIX_HOME: Record<FixKind, ItemId[]> = {
  'enable-lobby': ['lobby', 'lobby-unsupported'],
  'set-password': ['password'],
  'set-start-muted': ['start-muted'],
};

function itemLabel(item: ChecklistItem, room: RoomSnapshot): string {
  const { id, status } = item;
  switch (id) {
    case 'moderator':
      return t('checkModerator');
    case 'everyone-moderator':
      return t(status === 'warn' ? 'labelEveryoneModerator' : 'checkEveryoneModerator');
    case 'lobby':
      return t('checkLobby');
    case 'lobby-unsupported':
      return t('labelLobbyUnsupported');
    case 'password':
      return t('checkPassword');
    case 'lockout':
      return t('checkLockout');
    case 'start-muted':
      return t('labelStartMuted');
    case 'blur':
    case 'rules':
    case 'recording-announced':
      return t(MANUAL_LABEL[id]);
    case 'knocking':
      return status === 'warn' && item.count !== undefined
        ? tCount(item.count, { zero: 'checkKnocking', one: 'labelKnockingOne', other: 'labelKnockingOther' })
        : t('checkKnocking');
    case 'recording':
      if (status !== 'warn') return t('checkRecording');
      return t(room.recording === true ? 'labelRecordingOn' : 'labelLivestreamOn');
    case 'participants':
      return item.count === undefined ? t('participantsNone') : tCount(item.count, { zero: 'participantsNone', one: 'participantsOne', other: 'participantsOther' });
    case 'remove-everyone':
      if (item.count === undefined) return t('labelRemoveUnknown');
      return tCount(item.count, { zero: 'labelRemoveEveryone', one: 'labelRemoveOne', other: 'labelRemoveOther' });
    case 'leave-last':
      return t('labelLeaveLast');
  }
}

/** What to do about an item that is not met; manual steps say how. */
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
  return hint && hint[0] === status ? hint[1] : null;
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

function Item({ tabId, offerPassword, item, room, ticks, onTick, fixes, onFix, onHide, schoolRules }: {
  tabId: number;
  offerPassword: boolean;
  item: ChecklistItem;
  schoolRules: string[] | null;
  room: RoomSnapshot;
  ticks: ManualTicks;
  onTick: (id: ManualId, ticked: boolean) => void;
  fixes: FixState;
  onFix: (kind: FixKind) => void;
  onHide: () => void;
}) {
  const { id, status, fix } = item;
  const hint = itemHint(item);
  const testId = isCheckId(id) ? `check-${id}` : `item-${id}`;
  const label = itemLabel(item, room);
  const loud = id === 'everyone-moderator' && status === 'warn';
  const homeKind = (Object.keys(FIX_HOME) as FixKind[]).find((kind) => FIX_HOME[kind].includes(id));
  const homeResult = homeKind && fixes.outcomes[homeKind];
  const homeOf: FixOutcome | null = homeKind && homeResult ? { kind: homeKind, result: homeResult } : null;
  const blockedId = `blocked-${id}`;

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
          <label for={`tick-${id}`} class="label">
            {label}
          </label>
        ) : (
          <span class="label" data-testid={id === 'participants' && item.count !== undefined ? 'participant-count' : undefined} data-count={id === 'participants' ? item.count : undefined}>
            {label}
          </span>
        )}
        {id === 'participants' && item.breakoutCount !== undefined && (
          <span class="small muted" data-testid="breakout-count" data-count={item.breakoutCount}>
            {' · '}
            {tCount(item.breakoutCount, { zero: 'breakoutOther', one: 'breakoutOne', other: 'breakoutOther' })}
          </span>
        )}
        {hint && <p class="hint">{t(hint)}</p>}
        {id === 'rules' && <Rules schoolRules={schoolRules} />}
        {fix && (
          <div class="fix">
            <button
              type="button"
              class="primary"
              data-testid={`fix-${fix.kind}`}
              disabled={fix.blocked !== null || fixes.running !== null}
              aria-describedby={fix.blocked ? blockedId : undefined}
              onClick={() => onFix(fix.kind)}
            >
              {fixes.running === fix.kind ? t('fixRunning') : t(FIX_LABEL[fix.kind])}
            </button>
            {fix.blocked && (
              <p class="small blocked" id={blockedId} data-testid={`blocked-${fix.kind}`}>
                {t(BLOCKED[fix.blocked])}
              </p>
            )}
          </div>
        )}
        {homeKind && (
          <div role="status" aria-live="polite">
            {homeOf && <FixResult outcome={homeOf} password={fixes.password} onHide={onHide} />}
          </div>
        )}
        {/* The password can be shown again whenever it is needed (read from Jitsi, never stored). */}
        {offerPassword && id === 'password' && status === 'ok' && room.isModerator === true && fixes.password === null && <ShowPassword tabId={tabId} />}
      </div>
      {status !== 'info' && !item.manual && <span class={status === 'ok' ? 'status visually-hidden' : 'status'}>{t(STATUS_LABEL[status])}</span>}
    </li>
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
  const schoolRules = schoolText ? ruleLines(schoolText) : null;
  const [fixes, setFixes] = useState<FixState>({ running: null, outcomes: {}, password: null });

  const runFix = async (kind: FixKind): Promise<void> => {
    // The password lives only in this closure and, once Jitsi took it, in component state.
    const password = kind === 'set-password' ? newRoomPassword(room.passwordDigits, settings?.passwordLength ?? SETTINGS.passwordLength.default) : null;
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
  };

  const hide = (): void =>
    setFixes((state) => ({ ...state, password: null, outcomes: { ...state.outcomes, 'set-password': undefined } }));

  return (
    <div class="checks" data-testid="checks" role="group" aria-label={t('checksHeading')}>
      {parts.map((part) => (
        <Part key={part.id} part={part} keepOpen={fixes.password !== null}>
          <ul class="items" id={`items-${part.id}`}>
            {part.items.map((item) => (
              <Item
                key={item.id}
                tabId={tabId}
                offerPassword={offerPassword}
                item={item}
                room={room}
                ticks={ticks}
                onTick={onTick}
                fixes={fixes}
                onFix={(kind) => void runFix(kind)}
                onHide={hide}
                schoolRules={schoolRules}
              />
            ))}
          </ul>
          {part.id === 'end' && <EndLesson tabId={tabId} room={room} mode={settings?.endLessonMode ?? null} />}
        </Part>
      ))}
    </div>
  );
}

/**
 * One part under its heading. A part where everything is done folds to one line (the teacher can open
 * it again), so a secured lesson fits the popup without scrolling; it unfolds by itself when an item
 * stops being done.
 */
function Part({ part, keepOpen, children }: { part: ChecklistPart; keepOpen: boolean; children: ComponentChildren }) {
  // Not while a new password is shown: the teacher still needs it.
  const allDone = part.id === 'before' && !keepOpen && part.items.every((item) => item.status === 'ok');
  const [shownWhenDone, setShownWhenDone] = useState(false);
  const folded = allDone && !shownWhenDone;
  return (
    <section class={`part ${part.id}`} aria-labelledby={`part-${part.id}`} data-testid={`part-${part.id}`} data-folded={folded ? 'true' : 'false'}>
      <div class="part-head">
        <h2 id={`part-${part.id}`}>{t(PART_HEADING[part.id])}</h2>
        {allDone && (
          <button
            type="button"
            class="quiet small toggle"
            aria-expanded={!folded}
            aria-controls={`items-${part.id}`}
            data-testid={`toggle-${part.id}`}
            onClick={() => setShownWhenDone(!shownWhenDone)}
          >
            {folded ? t('partShow') : t('partHide')}
          </button>
        )}
      </div>
      {folded && (
        <p class="part-done" data-testid={`done-${part.id}`}>
          <span class="icon ok" aria-hidden="true">
            ✓
          </span>
          {tCount(part.items.length, { zero: 'partAllDone', one: 'partAllDone', other: 'partAllDoneCount' })}
        </p>
      )}
      <div hidden={folded}>{children}</div>
    </section>
  );
}
