import { describe, expect, it } from 'vitest';
import {
  countRemotePeople,
  derivePhase,
  deriveSnapshot,
  findJitsiStore,
  hasJitsiGlobals,
  readRoomName,
  readSlices,
  sameSlices,
} from './adapter.ts';
import { currentState, legacy2021State, student } from './fixtures.ts';

const joined = { conference: { id: 'conf' } };

function jitsiWindow(state: unknown) {
  return {
    JitsiMeetJS: { version: '3cf3db1a', events: { conference: {} } },
    APP: { conference: {}, store: { getState: () => state, subscribe: () => () => undefined } },
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
    expect(deriveSnapshot(readSlices(leaving), 'conference', 'v1')).toEqual({
      v: 1, phase: 'leaving', roomName: 'Math7b', participants: null, jitsiVersion: 'v1',
    });
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
  });
});
