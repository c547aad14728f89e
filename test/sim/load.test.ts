// The busy-lesson load (load.ts) and the media events it uses, through the whole simulated path:
// fake server → fake JitsiConference (lib events) → conference-listeners → redux.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as A from './src/app/action-types.ts';
import { setupConferenceListeners } from './src/app/conference-listeners.ts';
import { createLoad, type LoadPage } from './src/app/load.ts';
import type { ParticipantsState } from './src/app/reducers.ts';
import { createSimStore } from './src/app/store.ts';
import { newTestServer } from './test-server.ts';
import { FakeJitsiConference } from './src/lib/jitsi-conference.ts';
import { CONFERENCE_EVENTS as EVENTS } from './src/shared/constants.ts';

async function joinedLesson(students = 10) {
  const server = newTestServer();
  for (let i = 0; i < students; i++) server.addOccupant({});
  const store = createSimStore('current');
  const actions: string[] = [];
  const conference = new FakeJitsiConference({ server, connectionOptions: {}, name: 'mathlesson' });
  const libEvents: string[] = [];
  for (const name of Object.values(EVENTS)) conference.on(name, () => libEvents.push(name));
  setupConferenceListeners(
    conference,
    (action) => {
      actions.push(action.type);
      return store.dispatch(action);
    },
    () => store.getState(),
    'current',
  );
  store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'local', local: true, name: 'Teacher', role: 'none' } });
  conference.join();
  await vi.advanceTimersByTimeAsync(100);
  const page: LoadPage = { server: () => server, store: () => store };
  return { server, store, conference, actions, libEvents, page };
}

describe('media events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('dominant speaker: lib DOMINANT_SPEAKER_CHANGED → DOMINANT_SPEAKER_CHANGED with previous speakers', async () => {
    const { server, store, actions } = await joinedLesson(3);
    const [a, b] = [...server.occupants.keys()];
    server.setDominantSpeaker(a!);
    server.setDominantSpeaker(b!);
    expect(actions.filter((type) => type === A.DOMINANT_SPEAKER_CHANGED)).toHaveLength(2);
    expect((store.getState()['features/base/participants'] as ParticipantsState).dominantSpeaker).toBe(b);
    expect(server.setDominantSpeaker('nobody')).toBe(false);
  });

  it('remote mute: TRACK_MUTE_CHANGED → PARTICIPANT_UPDATED; unchanged state emits nothing', async () => {
    const { server, store, actions, libEvents } = await joinedLesson(2);
    const [a] = [...server.occupants.keys()];
    expect(server.setMuted(a!, 'audio', true)).toBe(true);
    expect(server.setMuted(a!, 'audio', true)).toBe(false);
    expect(libEvents.filter((e) => e === EVENTS.TRACK_MUTE_CHANGED)).toHaveLength(1);
    expect(actions.at(-1)).toBe(A.PARTICIPANT_UPDATED);
    const remote = (store.getState()['features/base/participants'] as ParticipantsState).remote.get(a!);
    expect(remote?.audioMuted).toBe(true);
  });
});

describe('startLoad', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('dispatches at the requested rate, a realistic mix, through the lib path', async () => {
    const { server, page, actions } = await joinedLesson(20);
    const load = createLoad(page);
    const before = actions.length;
    load.start({ changesPerSecond: 20, students: 20, seed: 7 });
    expect(server.membersOnly).toBe(true); // lobby switched on so knocks reach it
    await vi.advanceTimersByTimeAsync(10_000);
    const stats = load.stop();
    expect(stats.running).toBe(false);
    expect(stats.loadDispatches).toBeGreaterThanOrEqual(190);
    expect(stats.loadDispatches).toBeLessThanOrEqual(210);
    for (const kind of ['join', 'leave', 'knock', 'admit', 'dominantSpeaker', 'mute'] as const) expect(stats.counts[kind]).toBeGreaterThan(0);
    const types = new Set(actions.slice(before));
    for (const type of [A.PARTICIPANT_JOINED, A.PARTICIPANT_LEFT, A.PARTICIPANT_UPDATED, A.DOMINANT_SPEAKER_CHANGED, A.KNOCKING_PARTICIPANT_ARRIVED_OR_UPDATED, A.KNOCKING_PARTICIPANT_LEFT]) {
      expect(types.has(type)).toBe(true);
    }
    const students = [...server.occupants.values()].length;
    expect(Math.abs(students - 20)).toBeLessThanOrEqual(6);
    const log = load.stats({ events: true }).events ?? [];
    expect(log).toHaveLength(Object.values(stats.counts).reduce((sum, n) => sum + n, 0));
    expect(log.at(-1)?.participants).toBe(students);
    // Stopped: nothing more happens.
    const count = actions.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(actions.length).toBe(count);
  });

  it('the same seed gives the same sequence', async () => {
    const sequence = async () => {
      const { page } = await joinedLesson(20);
      const load = createLoad(page);
      load.start({ changesPerSecond: 10, students: 20, seed: 3 });
      await vi.advanceTimersByTimeAsync(3000);
      load.stop();
      return (load.stats({ events: true }).events ?? []).map((e) => e.kind).join(',');
    };
    expect(await sequence()).toBe(await sequence());
  });

  it('a page without media gets ~4 local audio levels/s from the load, only while it runs', async () => {
    const { page, conference, libEvents } = await joinedLesson(5);
    const levels: number[] = [];
    // As the real UI's controller does: the lib reports the local level on the conference.
    const load = createLoad({
      ...page,
      localAudioLevel(level) {
        levels.push(level);
        conference.emit(EVENTS.TRACK_AUDIO_LEVEL_CHANGED, conference.myUserId(), level);
      },
    });
    load.start({ changesPerSecond: 5, students: 5 });
    await vi.advanceTimersByTimeAsync(10_000);
    load.stop();
    expect(levels.length).toBeGreaterThanOrEqual(30);
    expect(levels.length).toBeLessThanOrEqual(50);
    expect(levels.every((level, i) => level >= 0 && level <= 1 && level !== levels[i - 1])).toBe(true);
    expect(libEvents.filter((e) => e === EVENTS.TRACK_AUDIO_LEVEL_CHANGED)).toHaveLength(levels.length);
    const count = levels.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(levels).toHaveLength(count);
  });
});
