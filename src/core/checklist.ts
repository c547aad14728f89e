// What the live room state says about the school's rules. Pure: the popup lists these results and the
// background colours the badge from them. Manual ticks (things only a person can confirm) come on top.
import type { RoomSnapshot } from './room.ts';

/** ok: rule holds · warn: needs a look · fail: breaks a rule · unknown: the page does not say · na: does not apply */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown' | 'na';

export type CheckId =
  | 'moderator' // I am the moderator
  | 'everyone-moderator' // every participant is moderator (e.g. meet.jit.si): anyone can kick or end
  | 'lobby' // lobby on
  | 'password' // room password set
  | 'lockout' // lobby on without password: a teacher who drops out cannot get back in
  | 'recording' // recording or livestream running
  | 'knocking'; // people waiting in the lobby

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
}

const fromBoolean = (value: boolean | null, whenTrue: CheckStatus, whenFalse: CheckStatus): CheckStatus =>
  value === null ? 'unknown' : value ? whenTrue : whenFalse;

/** The school's rules the checks follow (settings). */
export interface SchoolRules {
  /** optional: no password is in order (lobby alone; "bei Bedarf"); recommended: worth a look; required: a broken rule. */
  roomPassword: 'optional' | 'recommended' | 'required';
}

export const DEFAULT_RULES: SchoolRules = { roomPassword: 'recommended' };

const NO_PASSWORD: Record<SchoolRules['roomPassword'], CheckStatus> = { optional: 'ok', recommended: 'warn', required: 'fail' };

export function assessRoom(room: RoomSnapshot, rules: SchoolRules = DEFAULT_RULES): CheckResult[] {
  const lobbyApplies = room.lobbySupported !== false;
  const recordingOn = room.recording === true || room.livestream === true;
  const recordingKnown = room.recording !== null || room.livestream !== null;
  return [
    { id: 'moderator', status: fromBoolean(room.isModerator, 'ok', 'fail') },
    { id: 'everyone-moderator', status: room.everyoneModerator === null ? 'na' : room.everyoneModerator ? 'warn' : 'ok' },
    { id: 'lobby', status: lobbyApplies ? fromBoolean(room.lobbyEnabled, 'ok', 'fail') : 'na' },
    // A password below the school's minimum (known only for one this browser set) is no better than none.
    { id: 'password', status: room.passwordShort === true ? 'warn' : fromBoolean(room.passwordSet, 'ok', NO_PASSWORD[rules.roomPassword]) },
    // Where the school asks for no password, the lobby alone is its rule: no lock-out warning then.
    {
      id: 'lockout',
      status:
        rules.roomPassword === 'optional'
          ? 'na'
          : room.lobbyEnabled === true && room.passwordSet === false
            ? 'warn'
            : room.lobbyEnabled === null || room.passwordSet === null
              ? 'unknown'
              : 'ok',
    },
    { id: 'recording', status: recordingOn ? 'warn' : recordingKnown ? 'ok' : 'unknown' },
    { id: 'knocking', status: room.knocking === null ? 'unknown' : room.knocking > 0 ? 'warn' : 'ok' },
  ];
}

/** The badge's colour class: only a lesson in progress has one. */
export type RoomStatus = 'none' | 'ok' | 'attention' | 'danger';

export function roomStatus(room: RoomSnapshot | null, rules: SchoolRules = DEFAULT_RULES): RoomStatus {
  if (!room || room.phase !== 'conference') return 'none';
  const results = assessRoom(room, rules);
  if (results.some((result) => result.status === 'fail')) return 'danger';
  if (results.some((result) => result.status === 'warn')) return 'attention';
  return 'ok';
}

// ---------------------------------------------------------------------------------------------------
// The popup's lesson checklist: the school rules in three parts, each item ticked from the room state
// where the page can tell, by the teacher where only a person can (manual ticks, this lesson only).
// Kept apart from assessRoom on purpose: the badge colour is decided by the safety checks alone.

/** Beyond a check's status: `todo` = a step still to do (or not yet due); `info` = a fact, no judgement. */
export type ItemStatus = CheckStatus | 'todo' | 'info';

export type PartId = 'before' | 'during' | 'end';

/** Steps only the teacher can confirm. */
export type ManualId = 'blur' | 'rules' | 'recording-planned' | 'recording-announced';
export const MANUAL_IDS: readonly ManualId[] = ['blur', 'rules', 'recording-planned', 'recording-announced'];

export type ItemId = CheckId | ManualId | 'lobby-unsupported' | 'start-muted' | 'participants' | 'remove-everyone' | 'leave-last';

/** The teacher's ticks for one lesson. */
export type ManualTicks = Partial<Record<ManualId, boolean>>;

/** Why a one-click fix cannot run right now (shown next to the disabled button). */
export type FixBlocker = 'not-moderator' | 'unsupported';

export interface ChecklistFix {
  kind: 'enable-lobby' | 'set-password' | 'set-start-muted';
  blocked: FixBlocker | null;
}

export interface ChecklistItem {
  id: ItemId;
  status: ItemStatus;
  manual: boolean;
  /** People counted by the item (waiting in the lobby, present, still in the room). */
  count?: number;
  /** People in breakout rooms, where Jitsi tells. */
  breakoutCount?: number;
  /** Only while the check is not met. */
  fix?: ChecklistFix;
}

export interface ChecklistPart {
  id: PartId;
  items: ChecklistItem[];
}

/** Reads stored ticks defensively: anything but `true` for a known step is "not ticked". */
export function parseTicks(value: unknown): ManualTicks {
  const ticks: ManualTicks = {};
  if (typeof value !== 'object' || value === null) return ticks;
  for (const id of MANUAL_IDS) if ((value as Record<string, unknown>)[id] === true) ticks[id] = true;
  return ticks;
}

const manualItem = (id: ManualId, ticks: ManualTicks): ChecklistItem => ({ id, status: ticks[id] ? 'ok' : 'todo', manual: true });

function fixFor(room: RoomSnapshot, kind: ChecklistFix['kind']): ChecklistFix {
  const blocked: FixBlocker | null =
    kind === 'enable-lobby' && room.lobbySupported === false ? 'unsupported' : room.isModerator === false ? 'not-moderator' : null;
  return { kind, blocked };
}

const needsFix = (status: ItemStatus): boolean => status === 'fail' || status === 'warn';

/** Before students arrive: what the teacher sets up, live in the lesson, or as a preview before joining. */
function beforePart(room: RoomSnapshot, ticks: ManualTicks, rules: SchoolRules, options: ChecklistOptions): ChecklistPart {
  // The school's rule before a recording (e.g. agree it with the school management): asked before it starts.
  const recordingPlanned = options.recordingRule === true ? [manualItem('recording-planned', ticks)] : [];
  if (room.phase !== 'conference') {
    // Nothing can be read before joining: the preview lists what to do, and the teacher's own steps.
    const todo = (id: ItemId): ChecklistItem => ({ id, status: 'todo', manual: false });
    return {
      id: 'before',
      items: [todo('moderator'), todo('lobby'), todo('password'), todo('start-muted'), manualItem('blur', ticks), manualItem('rules', ticks), ...recordingPlanned],
    };
  }
  const checks = new Map(assessRoom(room, rules).map((result) => [result.id, result.status]));
  const check = (id: CheckId, fix?: ChecklistFix['kind']): ChecklistItem => {
    const status = checks.get(id)!;
    return { id, status, manual: false, ...(fix && needsFix(status) ? { fix: fixFor(room, fix) } : {}) };
  };
  const startMuted: ItemStatus =
    room.startAudioMuted === true && room.startVideoMuted === true
      ? 'ok'
      : room.startAudioMuted === false || room.startVideoMuted === false
        ? 'warn'
        : 'unknown';
  const items: ChecklistItem[] = [
    check('moderator'),
    check('everyone-moderator'),
    check('lobby', 'enable-lobby'),
    // The lobby check does not apply here; say why there is no lobby to turn on.
    ...(room.lobbySupported === false
      ? [{ id: 'lobby-unsupported', status: 'info', manual: false, fix: fixFor(room, 'enable-lobby') } satisfies ChecklistItem]
      : []),
    check('password', 'set-password'),
    check('lockout'), // its fix is the password item's
    { id: 'start-muted', status: startMuted, manual: false, ...(needsFix(startMuted) ? { fix: fixFor(room, 'set-start-muted') } : {}) },
    manualItem('blur', ticks),
    manualItem('rules', ticks),
    ...recordingPlanned,
  ];
  return { id: 'before', items: items.filter((item) => item.status !== 'na') };
}

/** What the school's settings change in the checklist. */
export interface ChecklistOptions extends Partial<SchoolRules> {
  /** Ask the teacher to announce a recording (setting `recordingReminder`). */
  recordingReminder: boolean;
  /** The school has a rule before recording (setting `recordingRuleText`): ask whether one is planned. */
  recordingRule?: boolean;
}

/** During the lesson: who is waiting, what is recorded, who is here. */
function duringPart(room: RoomSnapshot, ticks: ManualTicks, options: ChecklistOptions): ChecklistPart {
  const checks = new Map(assessRoom(room).map((result) => [result.id, result.status]));
  const recordingOn = room.recording === true || room.livestream === true;
  const items: ChecklistItem[] = [
    { id: 'knocking', status: checks.get('knocking')!, manual: false, ...(room.knocking !== null ? { count: room.knocking } : {}) },
    { id: 'recording', status: checks.get('recording')!, manual: false },
  ];
  // Announcing and asking consent matters while something is recorded.
  if (recordingOn && options.recordingReminder) items.push(manualItem('recording-announced', ticks));
  items.push({
    id: 'participants',
    status: room.participants === null ? 'unknown' : 'info',
    manual: false,
    ...(room.participants !== null ? { count: room.participants } : {}),
    ...(room.breakoutParticipants ? { breakoutCount: room.breakoutParticipants } : {}),
  });
  return { id: 'during', items };
}

/** End of the lesson: remove everyone, then leave last (the room and its chat go with the last person). */
function endPart(room: RoomSnapshot): ChecklistPart {
  const people = room.participants === null ? null : room.participants + (room.breakoutParticipants ?? 0);
  return {
    id: 'end',
    items: [
      {
        id: 'remove-everyone',
        status: people === null ? 'unknown' : people === 0 ? 'ok' : 'todo',
        manual: false,
        ...(people !== null ? { count: people } : {}),
      },
      { id: 'leave-last', status: 'todo', manual: false },
    ],
  };
}

/**
 * The checklist for the popup. In the lesson all three parts; before joining (prejoin, joining) only
 * the preview of the first part; after the lesson nothing (the popup summarises instead).
 */
export function buildChecklist(room: RoomSnapshot, ticks: ManualTicks = {}, options: ChecklistOptions = { recordingReminder: true }): ChecklistPart[] {
  const rules: SchoolRules = { roomPassword: options.roomPassword ?? DEFAULT_RULES.roomPassword };
  if (room.phase === 'prejoin' || room.phase === 'joining') return [beforePart(room, ticks, rules, options)];
  if (room.phase !== 'conference') return [];
  return [beforePart(room, ticks, rules, options), duringPart(room, ticks, options), endPart(room)];
}

/** One headline for the whole lesson: the worst automatic status, then open steps. */
export type Headline = 'danger' | 'attention' | 'todo' | 'ok' | 'preview';

export function checklistHeadline(room: RoomSnapshot, parts: ChecklistPart[]): Headline {
  if (room.phase !== 'conference') return 'preview';
  const items = parts.flatMap((part) => part.items).filter((item) => item.id !== 'remove-everyone' && item.id !== 'leave-last');
  if (items.some((item) => item.status === 'fail')) return 'danger';
  if (items.some((item) => item.status === 'warn')) return 'attention';
  if (items.some((item) => item.status === 'todo')) return 'todo';
  return 'ok';
}

// ---------------------------------------------------------------------------------------------------
// The popup's arrangement of the checklist (issue 25: a teacher two minutes before the lesson): what
// needs the teacher now comes first, most urgent first; what is in order folds into one line; the end
// steps show only once the teacher is ending the lesson. Everything fits a 600 px popup this way.

/** The checklist as the popup shows it. */
export interface LessonView {
  /** Needs the teacher (or cannot be told yet), most urgent first. */
  now: ChecklistItem[];
  /** In order: folded into one "N in order" line. */
  done: ChecklistItem[];
  /** Who is here (the participants line), when in a lesson. */
  people: ChecklistItem | null;
  /** Remove everyone, leave last: only while the teacher is ending the lesson. */
  end: ChecklistItem[];
}

/** Worst first: a broken rule, then a warning, then a step to do, then what cannot be told, then facts. */
const STATUS_RANK: Record<ItemStatus, number> = { fail: 0, warn: 1, todo: 2, unknown: 3, info: 4, ok: 5, na: 6 };

/** Among equals: what cannot wait (a role, someone at the door, a recording) before the set-up steps. */
const URGENCY: readonly ItemId[] = [
  'moderator',
  'everyone-moderator',
  'knocking',
  'recording',
  'recording-announced',
  'recording-planned',
  'lobby',
  'lobby-unsupported',
  'password',
  'lockout',
  'start-muted',
  'blur',
  'rules',
];

export interface ArrangeOptions {
  /** The teacher has started ending the lesson (the end confirmation is open, or the sequence runs). */
  ending: boolean;
  /**
   * Items the teacher changed in this popup (a fix, a tick): they stay where they are, in their new
   * state, until the popup closes, so neither the focus nor the teacher's eye loses them.
   */
  keep: readonly ItemId[];
}

export function arrangeChecklist(parts: ChecklistPart[], options: ArrangeOptions): LessonView {
  const items = parts.flatMap((part) => (part.id === 'end' ? [] : part.items));
  const checks = items.filter((item) => item.id !== 'participants');
  // A kept item that is now in order ranks with the steps to do: the teacher's ticks stay in place.
  // Everyone being moderator is shown loud (any student can end the lesson): it ranks with broken rules.
  const tier = (item: ChecklistItem): ItemStatus =>
    item.status === 'ok' ? 'todo' : item.id === 'everyone-moderator' && item.status === 'warn' ? 'fail' : item.status;
  const rank = (item: ChecklistItem): number => STATUS_RANK[tier(item)] * 100 + URGENCY.indexOf(item.id);
  const urgent = (item: ChecklistItem): boolean => item.status !== 'ok' || options.keep.includes(item.id);
  return {
    now: checks.filter(urgent).sort((a, b) => rank(a) - rank(b)),
    done: checks.filter((item) => !urgent(item)).sort((a, b) => URGENCY.indexOf(a.id) - URGENCY.indexOf(b.id)),
    people: items.find((item) => item.id === 'participants') ?? null,
    end: options.ending ? (parts.find((part) => part.id === 'end')?.items ?? []) : [],
  };
}
