import { describe, expect, it } from 'vitest';
import {
  arrangeChecklist,
  assessRoom,
  buildChecklist,
  checklistHeadline,
  parseTicks,
  roomStatus,
  type ArrangeOptions,
  type CheckId,
  type CheckStatus,
  type ChecklistItem,
  type ItemId,
  type ItemStatus,
  type ManualTicks,
} from './checklist.ts';
import type { RoomSnapshot } from './room.ts';
import { emptySnapshot } from './test-snapshots.ts';

const safeLesson: RoomSnapshot = {
  ...emptySnapshot('conference'),
  isModerator: true,
  everyoneModerator: false,
  participants: 20,
  knocking: 0,
  lobbySupported: true,
  lobbyEnabled: true,
  passwordSet: true,
  recording: false,
  livestream: false,
};

const statusOf = (room: RoomSnapshot, id: CheckId): CheckStatus => assessRoom(room).find((r) => r.id === id)!.status;

describe('checklist from the room state', () => {
  it('a locked-down lesson passes every check and is green', () => {
    expect(assessRoom(safeLesson).every((r) => r.status === 'ok')).toBe(true);
    expect(roomStatus(safeLesson)).toBe('ok');
  });

  it('a password under the school\'s minimum (known only where this browser set it) is "attention" (issue 16)', () => {
    expect(statusOf({ ...safeLesson, passwordShort: true }, 'password')).toBe('warn');
    expect(roomStatus({ ...safeLesson, passwordShort: true })).toBe('attention');
    expect(statusOf({ ...safeLesson, passwordShort: false }, 'password')).toBe('ok');
    expect(statusOf({ ...safeLesson, passwordShort: null }, 'password')).toBe('ok');
  });

  it('lobby off in a lesson is red; a server without lobby is not blamed', () => {
    expect(statusOf({ ...safeLesson, lobbyEnabled: false }, 'lobby')).toBe('fail');
    expect(roomStatus({ ...safeLesson, lobbyEnabled: false })).toBe('danger');
    expect(statusOf({ ...safeLesson, lobbySupported: false, lobbyEnabled: false }, 'lobby')).toBe('na');
  });

  it('not being moderator is red', () => {
    expect(roomStatus({ ...safeLesson, isModerator: false })).toBe('danger');
  });

  it('lobby without password warns of the lock-out', () => {
    const room = { ...safeLesson, passwordSet: false };
    expect(statusOf(room, 'lockout')).toBe('warn');
    expect(statusOf(room, 'password')).toBe('warn');
    expect(roomStatus(room)).toBe('attention');
  });

  it('recording, livestream, knockers and everyone-moderator need attention', () => {
    expect(statusOf({ ...safeLesson, livestream: true }, 'recording')).toBe('warn');
    expect(statusOf({ ...safeLesson, knocking: 2 }, 'knocking')).toBe('warn');
    expect(statusOf({ ...safeLesson, everyoneModerator: true }, 'everyone-moderator')).toBe('warn');
  });

  it('unknown facts stay unknown and outside a lesson there is no status', () => {
    expect(assessRoom(emptySnapshot('conference')).filter((r) => r.status !== 'unknown').map((r) => r.id)).toEqual(['everyone-moderator']);
    expect(roomStatus({ ...safeLesson, phase: 'prejoin' })).toBe('none');
    expect(roomStatus(null)).toBe('none');
  });
});

describe('the lesson checklist in three parts', () => {
  const lesson: RoomSnapshot = { ...safeLesson, startAudioMuted: true, startVideoMuted: true, breakoutParticipants: 0 };
  const allTicked: ManualTicks = { blur: true, rules: true, 'recording-announced': true };
  const item = (room: RoomSnapshot, id: ItemId, ticks: ManualTicks = {}): ChecklistItem | undefined =>
    buildChecklist(room, ticks).flatMap((part) => part.items).find((i) => i.id === id);
  const status = (room: RoomSnapshot, id: ItemId, ticks: ManualTicks = {}) => item(room, id, ticks)?.status ?? 'absent';

  it('in the lesson: before, during, end, each with its items in order', () => {
    const parts = buildChecklist(lesson, allTicked);
    expect(parts.map((part) => [part.id, part.items.map((i) => i.id)])).toEqual([
      ['before', ['moderator', 'everyone-moderator', 'lobby', 'password', 'lockout', 'start-muted', 'blur', 'rules']],
      ['during', ['knocking', 'recording', 'participants']],
      ['end', ['remove-everyone', 'leave-last']],
    ]);
    expect(checklistHeadline(lesson, parts)).toBe('ok');
  });

  it('the automatic safety items agree with assessRoom (the badge) in every state', () => {
    const rooms: RoomSnapshot[] = [
      lesson,
      emptySnapshot('conference'),
      { ...lesson, isModerator: false },
      { ...lesson, everyoneModerator: true },
      { ...lesson, lobbyEnabled: false, passwordSet: false },
      { ...lesson, lobbySupported: false, lobbyEnabled: false },
      { ...lesson, recording: true },
      { ...lesson, knocking: 3 },
    ];
    for (const room of rooms) {
      for (const result of assessRoom(room)) expect(status(room, result.id), result.id).toBe(result.status === 'na' ? 'absent' : result.status);
    }
  });

  it.each<[string, Partial<RoomSnapshot>, ItemId, ItemStatus | 'absent']>([
    ['moderator', {}, 'moderator', 'ok'],
    ['not moderator', { isModerator: false }, 'moderator', 'fail'],
    ['moderator unknown', { isModerator: null }, 'moderator', 'unknown'],
    ['everyone moderator', { everyoneModerator: true }, 'everyone-moderator', 'warn'],
    ['nobody else present', { everyoneModerator: null }, 'everyone-moderator', 'absent'],
    ['lobby off', { lobbyEnabled: false }, 'lobby', 'fail'],
    ['lobby unknown', { lobbyEnabled: null }, 'lobby', 'unknown'],
    ['no lobby on this server', { lobbySupported: false, lobbyEnabled: false }, 'lobby', 'absent'],
    ['no lobby on this server: said so', { lobbySupported: false, lobbyEnabled: false }, 'lobby-unsupported', 'info'],
    ['lobby supported: nothing to say', {}, 'lobby-unsupported', 'absent'],
    ['lobby support unknown: nothing to say', { lobbySupported: null }, 'lobby-unsupported', 'absent'],
    ['no password', { passwordSet: false }, 'password', 'warn'],
    ['password unknown', { passwordSet: null }, 'password', 'unknown'],
    ['lobby without password', { passwordSet: false }, 'lockout', 'warn'],
    ['no lobby, no password: no lock-out', { lobbyEnabled: false, passwordSet: false }, 'lockout', 'ok'],
    ['start muted', {}, 'start-muted', 'ok'],
    ['audio only muted at start', { startVideoMuted: false }, 'start-muted', 'warn'],
    ['video only muted at start', { startAudioMuted: false }, 'start-muted', 'warn'],
    ['start muted unknown', { startAudioMuted: null, startVideoMuted: null }, 'start-muted', 'unknown'],
    ['nobody knocking', {}, 'knocking', 'ok'],
    ['two knocking', { knocking: 2 }, 'knocking', 'warn'],
    ['knocking unknown', { knocking: null }, 'knocking', 'unknown'],
    ['nothing recorded', {}, 'recording', 'ok'],
    ['recording', { recording: true }, 'recording', 'warn'],
    ['livestream', { livestream: true }, 'recording', 'warn'],
    ['recording unknown', { recording: null, livestream: null }, 'recording', 'unknown'],
    ['no recording: nothing to announce', {}, 'recording-announced', 'absent'],
    ['recording not yet announced', { recording: true }, 'recording-announced', 'todo'],
    ['students present', {}, 'participants', 'info'],
    ['count unknown', { participants: null }, 'participants', 'unknown'],
    ['students still in the room', {}, 'remove-everyone', 'todo'],
    ['room empty', { participants: 0 }, 'remove-everyone', 'ok'],
    ['students in breakout rooms only', { participants: 0, breakoutParticipants: 4 }, 'remove-everyone', 'todo'],
    ['count unknown at the end', { participants: null }, 'remove-everyone', 'unknown'],
    ['leave last is always still to do in the lesson', { participants: 0 }, 'leave-last', 'todo'],
  ])('%s → %s', (_name, change, id, expected) => {
    expect(status({ ...lesson, ...change }, id)).toBe(expected);
  });

  it('manual steps are ticked by the teacher only', () => {
    for (const id of ['blur', 'rules'] as const) {
      expect(status(lesson, id)).toBe('todo');
      expect(status(lesson, id, { [id]: true })).toBe('ok');
      expect(item(lesson, id)!.manual).toBe(true);
    }
    expect(status({ ...lesson, recording: true }, 'recording-announced', { 'recording-announced': true })).toBe('ok');
    expect(status({ ...lesson, livestream: true }, 'recording-announced')).toBe('todo');
  });

  it('a school that switched the recording reminder off is not asked about announcing', () => {
    const recorded = { ...lesson, recording: true };
    const ids = (options: { recordingReminder: boolean }) => buildChecklist(recorded, {}, options).flatMap((part) => part.items.map((i) => i.id));
    expect(ids({ recordingReminder: true })).toContain('recording-announced');
    expect(ids({ recordingReminder: false })).not.toContain('recording-announced');
    // The recording itself is still shown as a warning.
    expect(buildChecklist(recorded, {}, { recordingReminder: false })[1]!.items.find((i) => i.id === 'recording')!.status).toBe('warn');
  });

  it('counts: lobby, people present with breakout rooms, people still to remove', () => {
    const room = { ...lesson, knocking: 2, participants: 5, breakoutParticipants: 7 };
    expect(item(room, 'knocking')!.count).toBe(2);
    expect(item(room, 'participants')).toMatchObject({ count: 5, breakoutCount: 7 });
    expect(item(room, 'remove-everyone')!.count).toBe(12);
    expect(item({ ...room, breakoutParticipants: 0 }, 'participants')!.breakoutCount).toBeUndefined();
    expect(item({ ...room, breakoutParticipants: null }, 'participants')!.breakoutCount).toBeUndefined();
  });

  it('one-click fixes are offered only while the item is not met, and blocked with the reason', () => {
    const open = { ...lesson, lobbyEnabled: false, passwordSet: false, startVideoMuted: false };
    expect(item(open, 'lobby')!.fix).toEqual({ kind: 'enable-lobby', blocked: null });
    expect(item(open, 'password')!.fix).toEqual({ kind: 'set-password', blocked: null });
    expect(item(open, 'start-muted')!.fix).toEqual({ kind: 'set-start-muted', blocked: null });
    expect(item(open, 'lockout')!.fix).toBeUndefined();
    expect(item(lesson, 'lobby')!.fix).toBeUndefined();
    expect(item(lesson, 'password')!.fix).toBeUndefined();
    expect(item(lesson, 'start-muted')!.fix).toBeUndefined();
    expect(item({ ...lesson, startAudioMuted: null }, 'start-muted')!.fix).toBeUndefined();

    expect(item({ ...open, lobbySupported: false }, 'lobby-unsupported')!.fix).toEqual({ kind: 'enable-lobby', blocked: 'unsupported' });
    const student = { ...open, isModerator: false };
    for (const id of ['lobby', 'password', 'start-muted'] as const) expect(item(student, id)!.fix!.blocked).toBe('not-moderator');
  });

  it('headline: red for a broken rule, amber for a warning, then open steps, then all done', () => {
    const headline = (room: RoomSnapshot, ticks: ManualTicks = allTicked) => checklistHeadline(room, buildChecklist(room, ticks));
    expect(headline({ ...lesson, isModerator: false })).toBe('danger');
    expect(headline({ ...lesson, lobbyEnabled: false })).toBe('danger');
    expect(headline({ ...lesson, knocking: 1 })).toBe('attention');
    expect(headline({ ...lesson, startAudioMuted: false })).toBe('attention');
    expect(headline(lesson, { blur: true })).toBe('todo');
    expect(headline({ ...lesson, recording: true }, { blur: true, rules: true })).toBe('attention');
    // The end steps are for the end: they do not keep a lesson from being "all set".
    expect(headline({ ...lesson, participants: 25 })).toBe('ok');
    expect(headline({ ...lesson, phase: 'prejoin' })).toBe('preview');
  });

  it('before joining: a preview of the first part; after the lesson: no checklist', () => {
    const preview = buildChecklist(emptySnapshot('prejoin'), { rules: true });
    expect(preview.map((part) => part.id)).toEqual(['before']);
    expect(preview[0]!.items.map((i) => [i.id, i.status])).toEqual([
      ['moderator', 'todo'], ['lobby', 'todo'], ['password', 'todo'], ['start-muted', 'todo'], ['blur', 'todo'], ['rules', 'ok'],
    ]);
    expect(preview[0]!.items.every((i) => i.fix === undefined)).toBe(true);
    expect(buildChecklist(emptySnapshot('joining')).map((part) => part.id)).toEqual(['before']);
    for (const phase of ['welcome', 'leaving', 'left'] as const) expect(buildChecklist(emptySnapshot(phase))).toEqual([]);
  });

  // Their key (tab and room) is src/shared/storage-keys.ts's, tested there.
  it('stored ticks are read defensively', () => {
    expect(parseTicks({ blur: true, rules: 'yes', 'recording-announced': false, other: true })).toEqual({ blur: true });
    expect(parseTicks(null)).toEqual({});
    expect(parseTicks('blur')).toEqual({});
  });
});

describe('the popup arrangement: what needs the teacher first, what is in order folded', () => {
  const lesson: RoomSnapshot = { ...safeLesson, startAudioMuted: true, startVideoMuted: true, breakoutParticipants: 0 };
  const arrange = (room: RoomSnapshot, ticks: ManualTicks = {}, options: Partial<ArrangeOptions> = {}) =>
    arrangeChecklist(buildChecklist(room, ticks), { ending: false, keep: [], ...options });
  const ids = (items: ChecklistItem[]) => items.map((i) => i.id);

  it('the start of a lesson: broken rules first, then warnings, then the teacher\'s steps; the rest folded', () => {
    const start = arrange({ ...lesson, lobbyEnabled: false, passwordSet: false, startAudioMuted: false });
    expect(ids(start.now)).toEqual(['lobby', 'password', 'start-muted', 'blur', 'rules']);
    expect(ids(start.done)).toEqual(['moderator', 'everyone-moderator', 'knocking', 'recording', 'lockout']);
    expect(start.people).toMatchObject({ id: 'participants', count: 20 });
  });

  it('in the middle of a lesson: someone at the door and a recording come before anything else', () => {
    const middle = arrange({ ...lesson, knocking: 1, recording: true, passwordSet: false }, { blur: true, rules: true });
    expect(ids(middle.now)).toEqual(['knocking', 'recording', 'password', 'lockout', 'recording-announced']);
    expect(middle.done.every((i) => i.status === 'ok')).toBe(true);
  });

  it('a lesson in order folds entirely; not being moderator is always first', () => {
    expect(arrange(lesson, { blur: true, rules: true }).now).toEqual([]);
    expect(ids(arrange({ ...lesson, isModerator: false, knocking: 2 }).now)[0]).toBe('moderator');
    // Everyone moderator (shown loud) comes with the broken rules, before a lobby that is off.
    expect(ids(arrange({ ...lesson, everyoneModerator: true, lobbyEnabled: false }).now).slice(0, 2)).toEqual(['everyone-moderator', 'lobby']);
  });

  it('the end steps show only while the teacher is ending the lesson', () => {
    expect(arrange(lesson).end).toEqual([]);
    expect(ids(arrange(lesson, {}, { ending: true }).end)).toEqual(['remove-everyone', 'leave-last']);
    for (const view of [arrange(lesson), arrange(lesson, {}, { ending: true })]) {
      expect(ids([...view.now, ...view.done])).not.toContain('remove-everyone');
    }
  });

  it('what the teacher just changed stays in sight, in place, until the popup closes', () => {
    const before = arrange(lesson);
    expect(ids(before.now)).toEqual(['blur', 'rules']);
    const ticked = arrange(lesson, { blur: true }, { keep: ['blur'] });
    expect(ids(ticked.now)).toEqual(['blur', 'rules']);
    expect(ticked.now[0]!.status).toBe('ok');
    const fixed = arrange(lesson, {}, { keep: ['lobby'] });
    expect(ids(fixed.now)).toEqual(['lobby', 'blur', 'rules']);
    expect(ids(fixed.done)).not.toContain('lobby');
  });

  it('before joining: every step to do, nothing folded, no people yet', () => {
    const preview = arrange(emptySnapshot('prejoin'));
    expect(ids(preview.now)).toEqual(['moderator', 'lobby', 'password', 'start-muted', 'blur', 'rules']);
    expect(preview.done).toEqual([]);
    expect(preview.people).toBeNull();
  });
});

describe("the school's room-password rule (setting roomPassword)", () => {
  const lobbyOnly = { ...emptySnapshot('conference'), isModerator: true, everyoneModerator: false, participants: 3, lobbySupported: true, lobbyEnabled: true, passwordSet: false, knocking: 0, recording: false, livestream: false };
  const status = (rule: 'optional' | 'recommended' | 'required', id: string) => assessRoom(lobbyOnly, { roomPassword: rule }).find((check) => check.id === id)?.status;

  it('optional ("bei Bedarf"): the lobby alone is in order, no lock-out warning, a green badge', () => {
    expect(status('optional', 'password')).toBe('ok');
    expect(status('optional', 'lockout')).toBe('na');
    expect(roomStatus(lobbyOnly, { roomPassword: 'optional' })).toBe('ok');
    const items = buildChecklist(lobbyOnly, {}, { recordingReminder: true, roomPassword: 'optional' }).flatMap((part) => part.items);
    expect(items.find((item) => item.id === 'password')).toMatchObject({ status: 'ok' });
    expect(items.find((item) => item.id === 'password')?.fix).toBeUndefined();
    expect(items.some((item) => item.id === 'lockout')).toBe(false);
  });

  it('recommended (the built-in rule): no password is worth a look, and so is the lock-out', () => {
    expect(status('recommended', 'password')).toBe('warn');
    expect(status('recommended', 'lockout')).toBe('warn');
    expect(roomStatus(lobbyOnly)).toBe('attention');
  });

  it('required: no password breaks the rule (red badge), with the fix offered', () => {
    expect(status('required', 'password')).toBe('fail');
    expect(roomStatus(lobbyOnly, { roomPassword: 'required' })).toBe('danger');
    const items = buildChecklist(lobbyOnly, {}, { recordingReminder: true, roomPassword: 'required' }).flatMap((part) => part.items);
    expect(items.find((item) => item.id === 'password')?.fix).toMatchObject({ kind: 'set-password' });
    expect(roomStatus({ ...lobbyOnly, passwordSet: true }, { roomPassword: 'required' })).toBe('ok');
  });
});
