import { describe, expect, it } from 'vitest';
import {
  countRemotePeople,
  derivePhase,
  deriveSnapshot,
  findJitsiStore,
  hasJitsiGlobals,
  readRoomName,
  readSlices,
  sameParticipantFacts,
  sameParticipantShape,
  sameSlices,
  slicesChanged,
  unknownParticipantShape,
} from './adapter.ts';
import { currentState, fakeConference, legacy2021State, student } from './fixtures.ts';

const joined = { conference: fakeConference() };
const page = { host: 'jitsi.schule.example', jitsiVersion: '3cf3db1a' };

function jitsiWindow(state: unknown) {
  return {
    JitsiMeetJS: { version: '3cf3db1a', events: { conference: {} } },
    APP: { conference: {}, store: { getState: () => state, subscribe: () => () => undefined, dispatch: () => undefined } },
  };
}

describe('Jitsi detection', () => {
  it('accepts the real globals with a store that has Jitsi feature keys', () => {
    const win = jitsiWindow(currentState({ conference: joined }));
    expect(hasJitsiGlobals(win)).toBe(true);
    expect(findJitsiStore(win)).not.toBeNull();
  });

  it('rejects a lookalike window.APP without lib-jitsi-meet', () => {
    const win = { APP: { conference: {}, store: { getState: () => ({}), subscribe: () => () => undefined } } };
    expect(hasJitsiGlobals(win)).toBe(false);
    expect(findJitsiStore(win)).toBeNull();
  });

  it('rejects a store without Jitsi state keys, and the welcome page before APP.store exists', () => {
    expect(findJitsiStore(jitsiWindow({ counter: 1 }))).toBeNull();
    const noStore = { JitsiMeetJS: { version: 'x', events: {} }, APP: { conference: {} } };
    expect(hasJitsiGlobals(noStore)).toBe(true);
    expect(findJitsiStore(noStore)).toBeNull();
  });

  it('survives hostile getters', () => {
    const win = Object.defineProperty({}, 'APP', { get() { throw new Error('no'); } });
    expect(hasJitsiGlobals(win)).toBe(false);
    expect(findJitsiStore(win)).toBeNull();
  });
});

describe('counting real people', () => {
  it('counts remote humans and skips shared-video/whiteboard tiles and bots (current shape)', () => {
    const state = currentState({
      conference: joined,
      remote: [
        student('a'),
        student('b', { isJigasi: true }), // phone dial-in is a person
        student('v', { fakeParticipant: 'SharedVideo' }),
        student('w', { fakeParticipant: 'Whiteboard' }),
        student('s', { fakeParticipant: 'RemoteScreenShare' }),
        student('p', { botType: 'poltergeist' }),
      ],
    });
    expect(countRemotePeople(state['features/base/participants'])).toBe(2);
  });

  it('counts the 2021 array shape without our own entry', () => {
    const state = legacy2021State([student('a'), student('b'), student('v', { isFakeParticipant: true })], joined);
    expect(countRemotePeople(state['features/base/participants'])).toBe(2);
  });

  it('says unknown for a shape it does not know', () => {
    expect(countRemotePeople({ remote: {} })).toBeNull();
    expect(countRemotePeople(undefined)).toBeNull();
  });
});

describe('skipping work on store changes that cannot change the room', () => {
  it('notices a replaced slice of ours, not a change elsewhere in the state', () => {
    const state = currentState({ conference: joined, remote: [student('a')] });
    const slices = readSlices(state);
    expect(slicesChanged({ ...state, 'features/toolbox': { hovered: true } }, slices)).toBe(false);
    expect(slicesChanged({ ...state, 'features/lobby': { lobbyEnabled: true } }, slices)).toBe(true);
    expect(slicesChanged(null, slices)).toBe(true);
  });

  it('a participants slice with the same size, local entry and moderator count keeps its shape (mute, dominant speaker); a join, a role change or a new local entry does not', () => {
    const seen = unknownParticipantShape();
    const state = currentState({ conference: joined, remote: [student('a'), student('b')] });
    const slice = state['features/base/participants'] as Record<string, unknown>;
    const remote = slice.remote as Map<string, unknown>;
    expect(sameParticipantShape(slice, seen)).toBe(false); // nothing seen yet
    // jitsi-meet updates an entry in place and hands out a new slice object (§2.2).
    remote.set('a', { ...student('a'), dominantSpeaker: true });
    expect(sameParticipantShape({ ...slice }, seen)).toBe(true);
    remote.set('c', student('c'));
    expect(sameParticipantShape({ ...slice }, seen)).toBe(false);
    expect(sameParticipantShape({ ...slice }, seen)).toBe(true);
    expect(sameParticipantShape({ ...slice, numberOfNonModeratorParticipants: 7 }, seen)).toBe(false);
    expect(sameParticipantShape({ ...slice, numberOfNonModeratorParticipants: 7, local: { ...(slice.local as object), role: 'participant' } }, seen)).toBe(false);
    // The 2021 array shape is always counted.
    const legacy = legacy2021State([student('a')], joined)['features/base/participants'];
    expect(sameParticipantShape(legacy, seen)).toBe(false);
    expect(sameParticipantShape(legacy, seen)).toBe(false);
  });
});

describe('phase and snapshot', () => {
  it('derives prejoin, joining, conference, leaving and left', () => {
    const slices = (state: unknown) => readSlices(state);
    expect(derivePhase(slices(currentState({ showPrejoin: true })), null)).toBe('prejoin');
    expect(derivePhase(slices(currentState({ conference: { joining: {} } })), 'prejoin')).toBe('joining');
    expect(derivePhase(slices(currentState({ conference: joined })), 'joining')).toBe('conference');
    expect(derivePhase(slices(currentState({ conference: { leaving: {} } })), 'conference')).toBe('leaving');
    expect(derivePhase(slices(currentState({})), 'leaving')).toBe('left');
    expect(derivePhase(slices(currentState({ conference: { room: undefined } })), null)).toBe('welcome');
  });

  it('reports no count while leaving: Jitsi empties its own list then (facts §0.5)', () => {
    const leaving = currentState({ conference: { leaving: {} }, remote: [] });
    const snapshot = deriveSnapshot(readSlices(leaving), 'conference', page);
    expect(snapshot).toMatchObject({ phase: 'leaving', roomName: 'Math7b', participants: null, isModerator: null, lobbyEnabled: null });
  });

  it('says what Jitsi waits for while joining: the host (secure domain), a password, the lobby', () => {
    const waiting = (conference: Record<string, unknown>, lobby: Record<string, unknown> = {}) =>
      deriveSnapshot(readSlices(currentState({ conference, lobby })), null, page).waitingFor;
    expect(waiting({ authRequired: {} })).toBe('host');
    expect(waiting({ passwordRequired: {} })).toBe('password');
    expect(waiting({ membersOnly: {} }, { knocking: true })).toBe('lobby');
    expect(waiting({ joining: {} })).toBeNull();
    expect(deriveSnapshot(readSlices(currentState({ conference: joined })), 'joining', page).waitingFor).toBeNull();
  });

  it('decodes the room name from the URL segment', () => {
    expect(readRoomName({ room: 'Mathe%20Klasse%207b' })).toBe('Mathe Klasse 7b');
    expect(readRoomName({ room: '%E0%A4%A' })).toBe('%E0%A4%A');
    expect(readRoomName({})).toBeNull();
  });

  it('compares slices by reference, so unchanged dispatches cost nothing', () => {
    const state = currentState({ conference: joined });
    expect(sameSlices(readSlices(state), readSlices({ ...state }))).toBe(true);
    expect(sameSlices(readSlices(state), readSlices({ ...state, 'features/base/participants': {} }))).toBe(false);
    expect(sameSlices(readSlices(state), readSlices({ ...state, 'features/base/participants': {} }), 'participants')).toBe(true);
    expect(sameSlices(readSlices(state), readSlices({ ...state, 'features/lobby': {} }), 'participants')).toBe(false);
  });

  it('tells a mute or speaker change (same people, same roles) from one the snapshot must show', () => {
    const state = currentState({ conference: joined, remote: [student('a'), student('b')] });
    const snapshot = deriveSnapshot(readSlices(state), null, page);
    const participants = (remote: ReturnType<typeof student>[], local = {}) =>
      currentState({ conference: joined, remote, local })['features/base/participants'];
    expect(sameParticipantFacts(participants([student('a', { muted: true }), student('b')]), snapshot)).toBe(true);
    expect(sameParticipantFacts(participants([student('a')]), snapshot)).toBe(false); // someone left
    expect(sameParticipantFacts(participants([student('a'), student('b'), student('w', { fakeParticipant: 'Whiteboard' })]), snapshot)).toBe(true);
    expect(sameParticipantFacts(participants([student('a'), student('b', { role: 'moderator' })]), snapshot)).toBe(true); // not everyone yet
    expect(sameParticipantFacts(participants([student('a', { role: 'moderator' }), student('b', { role: 'moderator' })]), snapshot)).toBe(false);
    expect(sameParticipantFacts(participants([student('a'), student('b')], { role: 'participant' }), snapshot)).toBe(false); // we lost the role
  });
});

describe('the full snapshot', () => {
  it('reads every fact of a current-shape lesson', () => {
    const state = currentState({
      conference: { ...joined, locked: 'LOCKED_LOCALLY', password: 'secret', startAudioMutedPolicy: true, startVideoMutedPolicy: false },
      remote: [student('a'), student('b'), student('c', { role: 'moderator' })],
      lobby: { lobbyEnabled: true, knockingParticipants: [{ id: 'k1', name: 'Knocker' }, { id: 'k2', name: 'Late' }] },
      recording: [{ id: 'r1', mode: 'file', status: 'on' }, { id: 's1', mode: 'stream', status: 'off' }],
      avModeration: { audioModerationEnabled: true },
      breakoutRooms: {
        rooms: {
          main: { id: 'main', isMainRoom: true, participants: { x: {}, y: {} } },
          br1: { id: 'br1', participants: { s1: {}, s2: {} } },
          br2: { id: 'br2', participants: { s3: {} } },
        },
      },
      config: { roomPasswordNumberOfDigits: 6 },
    });
    expect(deriveSnapshot(readSlices(state), 'joining', page)).toEqual({
      v: 2,
      host: 'jitsi.schule.example',
      phase: 'conference',
      roomName: 'Math7b',
      jitsiVersion: '3cf3db1a',
      isModerator: true,
      everyoneModerator: false,
      participants: 3,
      breakoutParticipants: 3,
      inBreakoutRoom: false,
      knocking: 2,
      lobbySupported: true,
      lobbyEnabled: true,
      passwordSet: true,
      // Locked here with a 6-digit password: under the minimum (issue 16).
      passwordShort: true,
      passwordDigits: 6,
      recording: true,
      livestream: false,
      endForAllSupported: true,
      startAudioMuted: true,
      startVideoMuted: false,
      audioModeration: true,
      videoModeration: false,
      waitingFor: null,
    });
  });

  it('says "unknown" for what the 2021 app does not have, and reads what it has', () => {
    const state = legacy2021State([student('a'), student('b', { role: 'moderator' })], { conference: fakeConference({ end: false }) }, { role: 'participant' });
    const snapshot = deriveSnapshot(readSlices(state), 'joining', page);
    expect(snapshot).toMatchObject({
      phase: 'conference',
      participants: 2,
      isModerator: false,
      everyoneModerator: false,
      knocking: 1,
      lobbyEnabled: true,
      endForAllSupported: false,
      breakoutParticipants: null,
      audioModeration: null,
      videoModeration: null,
      // "Everyone starts muted" exists since 2016; its key stays undefined until a moderator sets it: off.
      startAudioMuted: false,
      passwordSet: false,
      passwordDigits: 0,
    });
  });

  it('counts a local recording (a file on the teacher\'s computer, §9.3) as recording', () => {
    const recording = (slice: Record<string, unknown>) => deriveSnapshot(readSlices({ ...currentState({ conference: joined }), 'features/recording': slice }), 'conference', page).recording;
    expect(recording({ sessionDatas: [], localRecordingRunning: true })).toBe(true);
    expect(recording({ sessionDatas: [], localRecordingRunning: false })).toBe(false);
    expect(recording({ sessionDatas: [] })).toBe(false);
    expect(recording({ sessionDatas: [{ mode: 'file', status: 'on' }], localRecordingRunning: false })).toBe(true);
  });

  it('sees everyone-is-moderator rooms (meet.jit.si) and a remotely set password', () => {
    const state = currentState({
      conference: { ...joined, locked: 'LOCKED_REMOTELY' },
      remote: [student('a', { role: 'moderator' }), student('b', { role: 'moderator' })],
    });
    expect(deriveSnapshot(readSlices(state), 'conference', page)).toMatchObject({ everyoneModerator: true, passwordSet: true });
    const alone = currentState({ conference: joined });
    expect(deriveSnapshot(readSlices(alone), 'conference', page).everyoneModerator).toBeNull();
  });

  it('treats failing support checks as unknown, and a pending recording as running', () => {
    const throwing = { isLobbySupported: () => { throw new Error('x'); }, isEndConferenceSupported: () => 'yes' };
    const state = currentState({ conference: { conference: throwing }, recording: [{ mode: 'stream', status: 'pending' }] });
    expect(deriveSnapshot(readSlices(state), 'conference', page)).toMatchObject({
      lobbySupported: null, endForAllSupported: null, inBreakoutRoom: null, livestream: true, recording: false,
    });
  });

  it('knows when the teacher sits in a breakout room, and counts the people in all the other rooms', () => {
    const state = currentState({
      conference: { conference: fakeConference({ breakout: true }) },
      remote: [student('s1'), student('s2')], // with the teacher in breakout room br1
      breakoutRooms: {
        rooms: {
          main: { id: 'main', isMainRoom: true, participants: { a: {}, b: {}, c: {} } },
          br1: { id: 'br1', participants: { s1: {}, s2: {}, teacher: {} } },
          br2: { id: 'br2', participants: { s3: {} } },
        },
      },
    });
    expect(deriveSnapshot(readSlices(state), 'conference', page)).toMatchObject({ inBreakoutRoom: true, participants: 2, breakoutParticipants: 4 });
  });

  it('reads the digits-only password rule from the effective config', () => {
    const digits = (config: unknown) => deriveSnapshot(readSlices(currentState({ conference: joined, config: config as never })), 'conference', page).passwordDigits;
    expect(digits({})).toBe(0);
    expect(digits({ roomPasswordNumberOfDigits: false })).toBe(0);
    expect(digits({ roomPasswordNumberOfDigits: 10 })).toBe(10);
    expect(digits({ roomPasswordNumberOfDigits: 'ten' })).toBeNull();
  });
});
