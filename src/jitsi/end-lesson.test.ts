// The end-of-lesson sequence against a fake conference and store (no browser): the order of its steps,
// that it never removes the teacher, and how it stops — not moderator (any time), Jitsi refusing a call,
// someone who cannot be removed, the server not ending the meeting for all.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EndLessonOptions } from '../core/actions.ts';
import { runEndLesson, VERIFY_TIMEOUT_MS } from './end-lesson.ts';
import { currentState } from './fixtures.ts';

type Loose = Record<string, unknown>;

interface ClassOptions {
  students?: string[];
  knocking?: string[];
  hidden?: string[];
  /** Who rejoins at once after each removal. */
  stubborn?: string[];
  lobbyEnabled?: boolean;
  passwordSet?: boolean;
  /** The server supports "end meeting for all" and destroys the room when asked. */
  endForAll?: 'destroys' | 'ignores';
  /** Open breakout rooms: jid → participant jids. */
  breakoutRooms?: Record<string, string[]>;
  /** The teacher loses the moderator role after this many isModerator() checks. */
  moderatorFor?: number;
  lockError?: string;
  kickError?: string;
}

function classroom(options: ClassOptions = {}) {
  const people = new Map<string, { id: string; name: string; hidden: boolean }>();
  for (const id of options.students ?? []) people.set(id, { id, name: `Student ${id}`, hidden: false });
  for (const id of options.hidden ?? []) people.set(id, { id, name: id, hidden: true });
  let knocking = (options.knocking ?? []).map((id) => ({ id, name: `Knocker ${id}` }));
  let moderatorChecks = 0;
  const rooms: Loose = {
    main: { id: 'main', jid: 'main@conference', isMainRoom: true, participants: {} },
    ...Object.fromEntries(
      Object.entries(options.breakoutRooms ?? {}).map(([jid, jids]) => [jid, { id: jid, jid, isMainRoom: false, participants: Object.fromEntries(jids.map((j) => [j, { jid: j }])) }]),
    ),
  };
  const calls: string[] = [];
  const listeners = new Map<string, (name: unknown) => void>();
  const helper = {
    isBreakoutRoom: () => false,
    sendParticipantToRoom: vi.fn((jid: string) => calls.push(`send ${jid}`)),
    removeBreakoutRoom: vi.fn((jid: string) => {
      calls.push(`close ${jid}`);
      delete rooms[jid];
    }),
  };
  const conference = {
    isModerator: () => ++moderatorChecks <= (options.moderatorFor ?? Infinity),
    myUserId: () => 'teacher',
    getParticipants: () => [...people.values()].map((p) => ({ getId: () => p.id, getDisplayName: () => p.name, isHidden: () => p.hidden })),
    kickParticipant: vi.fn((id: string) => {
      calls.push(`kick ${id}`);
      if (options.kickError) throw new Error(options.kickError);
      if (!options.stubborn?.includes(id)) people.delete(id);
    }),
    lobbyDenyAccess: vi.fn((id: string) => {
      calls.push(`deny ${id}`);
      knocking = knocking.filter((k) => k.id !== id);
    }),
    isLobbySupported: () => true,
    enableLobby: vi.fn(async () => void calls.push('lobby')),
    lock: vi.fn(async () => {
      calls.push('lock');
      if (options.lockError) throw new Error(options.lockError);
    }),
    isEndConferenceSupported: () => options.endForAll !== undefined,
    end: vi.fn(() => {
      calls.push('end');
      if (options.endForAll === 'destroys') setTimeout(() => listeners.get('conference.failed')?.('conference.destroyed'), 10);
    }),
    on: (event: string, listener: (name: unknown) => void) => listeners.set(event, listener),
    off: (event: string) => listeners.delete(event),
    getBreakoutRooms: () => helper,
  };
  const store = {
    getState: () =>
      currentState({
        conference: { conference, ...(options.passwordSet ? { locked: 'LOCKED_REMOTELY' } : {}) },
        lobby: { lobbyEnabled: options.lobbyEnabled ?? false, knockingParticipants: knocking },
        breakoutRooms: { rooms, roomCounter: 1 },
      }),
    subscribe: () => () => undefined,
    dispatch: vi.fn(),
  };
  const app = { hangup: vi.fn(() => void calls.push('hangup')) };
  return { conference, store, app, calls, helper, people: () => [...people.keys()] };
}

const leaveAfter: EndLessonOptions = { endForAll: false, leave: true, kickReason: 'The lesson is over.' };
const stay: EndLessonOptions = { ...leaveAfter, leave: false };

afterEach(() => {
  vi.useRealTimers();
});

describe('the end of the lesson', () => {
  it('closes breakout rooms, locks the door, removes everyone, turns knockers away, checks, and only then leaves', async () => {
    const lesson = classroom({ students: ['a', 'b'], knocking: ['k'], breakoutRooms: { 'br1@conference': ['br1@conference/c'] } });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    expect(lesson.calls).toEqual(['send br1@conference/c', 'close br1@conference', 'lobby', 'lock', 'kick a', 'kick b', 'deny k', 'hangup']);
    expect(lesson.conference.kickParticipant).toHaveBeenCalledWith('a', 'The lesson is over.');
    expect(lesson.store.dispatch).toHaveBeenCalledWith(expect.objectContaining({ type: 'SET_PASSWORD', method: lesson.conference.lock }));
    expect(result).toEqual({
      ok: true,
      report: {
        steps: [
          { step: 'close-breakouts', outcome: 'done' },
          { step: 'lock', outcome: 'done' },
          { step: 'end-for-all', outcome: 'skipped' },
          { step: 'remove', outcome: 'done' },
          { step: 'deny-knockers', outcome: 'done' },
          { step: 'verify', outcome: 'done' },
          { step: 'leave', outcome: 'done' },
        ],
        remaining: [],
        hiddenRemaining: 0,
        knocking: 0,
        inLessonAtStart: 3,
        endedForAll: false,
        left: true,
      },
    });
  });

  it('staying: nobody is removed twice, hidden participants (recorders) are not removed, and the teacher stays', async () => {
    const lesson = classroom({ students: ['a'], hidden: ['jibri'], lobbyEnabled: true, passwordSet: true });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, stay);
    expect(lesson.calls).toEqual(['kick a']);
    expect(lesson.app.hangup).not.toHaveBeenCalled();
    expect(result.ok && result.report).toMatchObject({ hiddenRemaining: 1, left: false, steps: expect.arrayContaining([{ step: 'leave', outcome: 'skipped' }]) });
  });

  it('ends the meeting for all where the server destroys the room; where it does not, everyone is removed instead', async () => {
    const ending = classroom({ students: ['a'], endForAll: 'destroys' });
    const ended = await runEndLesson(ending.store, ending.conference, ending.app, { ...leaveAfter, endForAll: true });
    expect(ended).toMatchObject({ ok: true, report: { endedForAll: true, left: true } });
    expect(ending.conference.kickParticipant).not.toHaveBeenCalled();

    vi.useFakeTimers();
    const ignoring = classroom({ students: ['a'], endForAll: 'ignores' });
    const running = runEndLesson(ignoring.store, ignoring.conference, ignoring.app, { ...leaveAfter, endForAll: true });
    await vi.advanceTimersByTimeAsync(6_000);
    const result = await running;
    expect(ignoring.calls).toEqual(['lobby', 'lock', 'end', 'kick a', 'hangup']);
    expect(result).toMatchObject({ ok: true, report: { endedForAll: false, steps: expect.arrayContaining([{ step: 'end-for-all', outcome: 'failed' }]) } });
  });
});

describe('the end of the lesson stops, with a report, when', () => {
  it('the teacher is not moderator: nothing is done at all', async () => {
    const lesson = classroom({ students: ['a'], moderatorFor: 0 });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    expect(result).toMatchObject({ ok: false, failure: 'not-moderator', report: { steps: [], remaining: ['Student a'], inLessonAtStart: 1 } });
    expect(lesson.calls).toEqual([]);
  });

  it('the teacher loses the role in the middle: no one else is removed and the teacher does not leave', async () => {
    // Moderator for the first check and the one after the breakout step; gone before the lock is reported.
    const lesson = classroom({ students: ['a', 'b'], moderatorFor: 2 });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    expect(result).toMatchObject({ ok: false, failure: 'not-moderator', report: { remaining: ['Student a', 'Student b'], left: false } });
    expect(lesson.conference.kickParticipant).not.toHaveBeenCalled();
    expect(lesson.app.hangup).not.toHaveBeenCalled();
  });

  it('the role is lost while waiting for someone to leave: stops at once, not after the whole wait', async () => {
    vi.useFakeTimers();
    // Checks: start, after the breakout step, after the lock, first look at the room; gone at the second look.
    const lesson = classroom({ students: ['b'], stubborn: ['b'], moderatorFor: 4 });
    const running = runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    await vi.advanceTimersByTimeAsync(200);
    expect(await Promise.race([running, 'still running'])).toMatchObject({ ok: false, failure: 'not-moderator', report: { remaining: ['Student b'] } });
  });

  it('Jitsi rejects a call: the reason is reported and the teacher stays in the room', async () => {
    const lesson = classroom({ students: ['a'], kickError: 'Not allowed' });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    expect(result).toMatchObject({ ok: false, failure: 'rejected', detail: 'Not allowed', report: { remaining: ['Student a'] } });
    expect(lesson.app.hangup).not.toHaveBeenCalled();
  });

  it('the room cannot be locked: the step says so and the rest still runs', async () => {
    const lesson = classroom({ students: ['a'], lockError: 'password rejected' });
    const result = await runEndLesson(lesson.store, lesson.conference, lesson.app, stay);
    expect(result).toMatchObject({ ok: true, report: { steps: expect.arrayContaining([{ step: 'lock', outcome: 'failed' }]) } });
    expect(lesson.people()).toEqual([]);
  });

  it('someone keeps coming back: asked again only after a while, then named as remaining once the time is up', async () => {
    vi.useFakeTimers();
    const lesson = classroom({ students: ['a', 'b'], stubborn: ['b'] });
    const running = runEndLesson(lesson.store, lesson.conference, lesson.app, leaveAfter);
    await vi.advanceTimersByTimeAsync(500);
    expect(lesson.calls.filter((call) => call === 'kick b')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(VERIFY_TIMEOUT_MS + 1_000);
    const result = await running;
    expect(result).toMatchObject({ ok: false, failure: 'not-empty', report: { remaining: ['Student b'], left: false } });
    // Retried about once a second, not in a tight loop.
    const kicks = lesson.calls.filter((call) => call === 'kick b').length;
    expect(kicks).toBeGreaterThan(5);
    expect(kicks).toBeLessThan(20);
    expect(lesson.app.hangup).not.toHaveBeenCalled();
  });
});
