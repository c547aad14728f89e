import { describe, expect, it, vi } from 'vitest';
import { currentState, student } from './fixtures.ts';
import { createModeratorHistory, guardLeaving, keepJitsiFromLeavingOnBeforeUnload, leaveInfo, watchRoomSwitches, type LeaveDecision } from './leave-paths.ts';

const slice = (people: Array<{ id: string; role: string }>) => ({ remote: new Map(people.map((p) => [p.id, { ...p, name: p.id }])) });

describe('who was moderator when they joined (co-teacher) and who was made moderator later', () => {
  it('a moderator who arrives after the teacher, or gets the role within seconds of arriving, is a co-teacher', () => {
    const history = createModeratorHistory();
    history.update(slice([]), true, 0);
    history.update(slice([{ id: 'kaya', role: 'moderator' }]), true, 60_000);
    history.update(slice([{ id: 'kaya', role: 'moderator' }, { id: 'auth', role: 'participant' }]), true, 70_000);
    history.update(slice([{ id: 'kaya', role: 'moderator' }, { id: 'auth', role: 'moderator' }]), true, 71_000); // Jicofo's grant
    expect(history.joinedAsModerator('kaya', false)).toBe(true);
    expect(history.joinedAsModerator('auth', false)).toBe(true);
  });

  it('a student promoted during the lesson is not', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'jonas', role: 'participant' }]), true, 0);
    history.update(slice([{ id: 'jonas', role: 'moderator' }]), true, 120_000);
    expect(history.joinedAsModerator('jonas', true)).toBe(false);
    expect(history.joinedAsModerator('unknown', true)).toBe(false);
  });

  it('a moderator already there when the teacher came counts only on a secured server (else auto-owner made them)', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'first', role: 'moderator' }]), true, 1_000);
    expect(history.joinedAsModerator('first', false)).toBe(false);
    expect(history.joinedAsModerator('first', true)).toBe(true);
  });

  it('nothing is learned before the teacher has joined', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'x', role: 'moderator' }]), false, 0);
    history.update(slice([{ id: 'y', role: 'participant' }]), true, 100_000);
    history.update(slice([{ id: 'y', role: 'moderator' }]), true, 200_000);
    expect(history.joinedAsModerator('y', true)).toBe(false);
  });
});

// ── every way out: the guard around Jitsi's hang-up, the hang-up button, room switches, the config trap ──

/** A window that records its capture listeners, and Jitsi's APP.conference with a hangup and leaveRoom. */
function page() {
  const listeners = new Map<string, (event: Event) => void>();
  const win = {
    addEventListener: (type: string, listener: (event: Event) => void) => listeners.set(type, listener),
    document: { querySelector: () => null },
  } as unknown as Window;
  const hangup = vi.fn();
  const legacy: Record<string, unknown> = { hangup };
  return { win, legacy, hangup, listeners };
}

/** The answer the teacher will give, decided by the test when it likes. */
function teacher() {
  const answers: Array<(decision: LeaveDecision) => void> = [];
  const ask = vi.fn(() => new Promise<LeaveDecision>((resolve) => answers.push(resolve)));
  // One dialog: the teacher's answer settles every ask() of it.
  return { ask, answer: (decision: LeaveDecision) => answers.forEach((resolve) => resolve(decision)) };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

describe('the guard around every hang-up', () => {
  it('holds a hang-up with people in the lesson until the teacher answers; "Stay" keeps them in', async () => {
    const { win, legacy, hangup } = page();
    const { ask, answer } = teacher();
    const endAndLeave = vi.fn(async () => undefined);
    guardLeaving(win, legacy, () => true, ask, endAndLeave);
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    expect(ask).toHaveBeenCalledOnce();
    expect(hangup).not.toHaveBeenCalled();
    answer('stay');
    await flush();
    expect(hangup).not.toHaveBeenCalled();
    expect(endAndLeave).not.toHaveBeenCalled();
    // Asked again next time: "Stay" does not switch the guard off.
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('"Leave anyway" lets that same hang-up through, once, with its arguments', async () => {
    const { win, legacy, hangup } = page();
    const { ask, answer } = teacher();
    guardLeaving(win, legacy, () => true, ask, vi.fn());
    (legacy.hangup as (...args: unknown[]) => unknown).call(legacy, true);
    answer('leave');
    await flush();
    expect(hangup).toHaveBeenCalledExactlyOnceWith(true);
    expect(hangup.mock.contexts[0]).toBe(legacy);
    // For a few seconds one more hang-up passes unasked (the button's replayed click, which Jitsi may
    // delay while it stops a local recording); after that one, every hang-up is asked again.
    (legacy.hangup as (...args: unknown[]) => unknown).call(legacy, true);
    expect(hangup).toHaveBeenCalledTimes(2);
    (legacy.hangup as (...args: unknown[]) => unknown).call(legacy, true);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(hangup).toHaveBeenCalledTimes(2);
  });

  it('a question that fails keeps the teacher in, leaves no unhandled rejection, and the next hang-up asks again', async () => {
    const { win, legacy, hangup } = page();
    const failing = vi.fn(async (): Promise<'leave'> => {
      throw new Error('dialog failed');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      guardLeaving(win, legacy, () => true, failing, vi.fn());
      (legacy.hangup as (...args: unknown[]) => unknown)(true);
      await flush();
      await new Promise((done) => setTimeout(done, 0));
      expect(hangup).not.toHaveBeenCalled();
      expect(unhandled).not.toHaveBeenCalled();
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'dialog failed' }));
      (legacy.hangup as (...args: unknown[]) => unknown)(true);
      expect(failing).toHaveBeenCalledTimes(2);
    } finally {
      process.off('unhandledRejection', unhandled);
      logged.mockRestore();
    }
  });

  it('"Remove everyone and leave" runs the end of the lesson instead of hanging up', async () => {
    const { win, legacy, hangup } = page();
    const { ask, answer } = teacher();
    const endAndLeave = vi.fn(async () => undefined);
    guardLeaving(win, legacy, () => true, ask, endAndLeave);
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    answer('end-and-leave');
    await flush();
    expect(endAndLeave).toHaveBeenCalledOnce();
    expect(hangup).not.toHaveBeenCalled();
  });

  it("Jitsi's own hang-ups (kicked, room destroyed: they give a reason) and an empty lesson are never held", () => {
    const { win, legacy, hangup } = page();
    const { ask } = teacher();
    let people = true;
    guardLeaving(win, legacy, () => people, ask, vi.fn());
    (legacy.hangup as (...args: unknown[]) => unknown)(false, 'conference.destroyed');
    people = false;
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    expect(hangup).toHaveBeenCalledTimes(2);
    expect(ask).not.toHaveBeenCalled();
  });

  it('a second attempt while the question is open brings it back; the first answer decides, once', async () => {
    const { win, legacy, hangup } = page();
    const { ask, answer } = teacher();
    guardLeaving(win, legacy, () => true, ask, vi.fn());
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    (legacy.hangup as (...args: unknown[]) => unknown)(true);
    expect(ask).toHaveBeenCalledTimes(2);
    answer('leave');
    await flush();
    expect(hangup).toHaveBeenCalledOnce();
  });

  it("the hang-up button's click is stopped before Jitsi sees it, and replayed after \"Leave\"", async () => {
    const { win, legacy, listeners } = page();
    const { ask, answer } = teacher();
    guardLeaving(win, legacy, () => true, ask, vi.fn());
    const button = { isConnected: true, click: vi.fn(), querySelector: (s: string) => (s === '.hangup-button' ? {} : null), parentElement: null };
    const icon = { closest: (s: string) => (s === '.toolbox-button' ? button : null) };
    const click = { type: 'click', target: icon, stopImmediatePropagation: vi.fn(), preventDefault: vi.fn() };
    listeners.get('click')!(click as unknown as Event);
    expect(click.stopImmediatePropagation).toHaveBeenCalled();
    expect(ask).toHaveBeenCalledOnce();
    answer('leave');
    await flush();
    expect(button.click).toHaveBeenCalledOnce();
    // The replayed click passes: the teacher already answered.
    const replay = { ...click, stopImmediatePropagation: vi.fn() };
    listeners.get('click')!(replay as unknown as Event);
    expect(replay.stopImmediatePropagation).not.toHaveBeenCalled();
    // Other keys on the button are not a hang-up.
    listeners.get('keydown')!({ ...click, type: 'keydown', key: 'Tab' } as unknown as Event);
    expect(ask).toHaveBeenCalledOnce();
  });

  it('does nothing on a page without Jitsi\'s hang-up', () => {
    const { win, listeners } = page();
    guardLeaving(win, {}, () => true, vi.fn(), vi.fn());
    expect(listeners.size).toBe(0);
  });
});

describe('moving between breakout rooms is not leaving', () => {
  it('a room switch is told, a real leave is not, and both still happen', () => {
    const leaveRoom = vi.fn(() => 'left');
    const legacy: Record<string, unknown> = { leaveRoom };
    const onSwitch = vi.fn();
    watchRoomSwitches(legacy, onSwitch);
    expect((legacy.leaveRoom as (...args: unknown[]) => unknown)(false, 'switch_room')).toBe('left');
    expect(onSwitch).toHaveBeenCalledOnce();
    (legacy.leaveRoom as (...args: unknown[]) => unknown)(false);
    expect(onSwitch).toHaveBeenCalledOnce();
    expect(leaveRoom).toHaveBeenCalledTimes(2);
  });
});

describe("Jitsi's own clean-up waits for unload", () => {
  it('config.disableBeforeUnloadHandlers is set on the config the page assigns later, or already has', () => {
    const early: Record<string, unknown> = {};
    keepJitsiFromLeavingOnBeforeUnload(early);
    early.config = { hosts: {} };
    expect(early.config).toEqual({ hosts: {}, disableBeforeUnloadHandlers: true });
    const late: Record<string, unknown> = { config: {} };
    keepJitsiFromLeavingOnBeforeUnload(late);
    expect(late.config).toEqual({ disableBeforeUnloadHandlers: true });
  });
});

describe('what the leave question says', () => {
  const store = (options: Parameters<typeof currentState>[0], moderator = true) => {
    const conference = { isModerator: () => moderator };
    const state = currentState({ ...options, conference: { conference, ...options.conference } });
    return { getState: () => state, subscribe: () => () => undefined, dispatch: () => undefined };
  };

  it('nothing to ask when not moderator or alone', () => {
    expect(leaveInfo(store({ remote: [student('a')] }, false))).toBeNull();
    expect(leaveInfo(store({ remote: [] }))).toBeNull();
  });

  it('counts people in breakout rooms too, and names co-teachers and promoted students apart', () => {
    const history = createModeratorHistory();
    const remote = [student('a'), student('co', { role: 'moderator', name: 'Ms Co' }), student('p', { role: 'moderator', name: 'Promoted' })];
    history.update({ remote: new Map() }, true, 0);
    history.update({ remote: new Map(remote.slice(0, 2).map((p) => [p.id, p])) }, true, 60_000);
    history.update({ remote: new Map([...remote.slice(0, 2), { ...remote[2]!, role: 'participant' }].map((p) => [p.id, p])) }, true, 70_000);
    history.update({ remote: new Map(remote.map((p) => [p.id, p])) }, true, 200_000);
    const breakoutRooms = { rooms: { main: { isMainRoom: true, participants: {} }, br: { isMainRoom: false, participants: { x: {}, y: {} } } } };
    expect(leaveInfo(store({ remote, breakoutRooms }), history)).toEqual({
      remaining: 5,
      elsewhere: 2,
      inBreakoutRoom: false,
      coModerators: ['Ms Co'],
      promotedModerators: ['Promoted'],
      rightsPassToStudent: false,
    });
  });
});
