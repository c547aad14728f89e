// Reducer and store behaviours the extension depends on (facts §2.1, §2.2, §5.1, §8).
import { describe, expect, it } from 'vitest';
import * as A from './src/app/action-types.ts';
import { createSimStore } from './src/app/store.ts';
import type { ParticipantsState, Participant } from './src/app/reducers.ts';
import { applyUrlOverrides, isPrejoinEnabled, parseHashParams } from './src/app/url-config.ts';
import { conferenceTitle } from './src/app/title.ts';
import { parseSimOptions } from './src/shared/sim-options.ts';
import { backendSafeRoomName, parseRoomPath } from './src/shared/room-name.ts';

/** A stand-in JitsiConference: the reducers compare `lock`/`join` by identity and read `room.locked`. */
function fakeConference(locked = false) {
  const kicked: string[] = [];
  return {
    room: { locked },
    lock: () => Promise.resolve(),
    join: () => undefined,
    isE2EESupported: () => false,
    kickParticipant: (id: string) => kicked.push(id),
    kicked,
  };
}

function joinedStore(conference = fakeConference(), remotes = ['a', 'b', 'c']) {
  const store = createSimStore('current');
  store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'local', local: true, name: 'Teacher' } });
  store.dispatch({ type: A.CONFERENCE_WILL_JOIN, conference });
  for (const id of remotes) store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id, name: id.toUpperCase(), role: 'participant', conference } });
  store.dispatch({ type: A.PARTICIPANT_ID_CHANGED, conference, oldValue: 'local', newValue: 'me123' });
  store.dispatch({ type: A.CONFERENCE_JOINED, conference });
  return store;
}

const participants = (store: ReturnType<typeof joinedStore>) => store.getState()['features/base/participants'] as ParticipantsState;

describe('features/base/conference', () => {
  it('SET_PASSWORD with method === conference.lock means LOCKED_LOCALLY with the password', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    store.dispatch({ type: A.SET_PASSWORD, conference, method: conference.lock, password: '1234' });
    expect(store.getState()['features/base/conference']).toMatchObject({ locked: 'LOCKED_LOCALLY', password: '1234' });
    // The lib's later LOCK_STATE_CHANGED keeps LOCKED_LOCALLY.
    store.dispatch({ type: A.LOCK_STATE_CHANGED, conference, locked: true });
    expect(store.getState()['features/base/conference'].locked).toBe('LOCKED_LOCALLY');
  });

  it('SET_PASSWORD with some other function is ignored (identity, not name)', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    store.dispatch({ type: A.SET_PASSWORD, conference, method: () => undefined, password: 'x' });
    expect(store.getState()['features/base/conference'].locked).toBeUndefined();
  });

  it('LOCK_STATE_CHANGED alone means LOCKED_REMOTELY without a password; unlocking clears both', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    store.dispatch({ type: A.LOCK_STATE_CHANGED, conference, locked: true });
    expect(store.getState()['features/base/conference']).toMatchObject({ locked: 'LOCKED_REMOTELY', password: undefined });
    store.dispatch({ type: A.LOCK_STATE_CHANGED, conference, locked: false });
    expect(store.getState()['features/base/conference'].locked).toBeUndefined();
  });

  it('joining a locked room starts LOCKED_REMOTELY (from the private room.locked)', () => {
    const store = joinedStore(fakeConference(true));
    expect(store.getState()['features/base/conference'].locked).toBe('LOCKED_REMOTELY');
  });

  it('CONFERENCE_WILL_LEAVE moves the conference to `leaving`; CONFERENCE_LEFT clears it', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    store.dispatch({ type: A.SET_PASSWORD, conference, method: conference.lock, password: 'pw' });
    store.dispatch({ type: A.CONFERENCE_WILL_LEAVE, conference });
    const leaving = store.getState()['features/base/conference'];
    expect(leaving.conference).toBeUndefined();
    expect(leaving.leaving).toBe(conference);
    expect(leaving.locked).toBeUndefined();
    expect(leaving.password).toBeUndefined();
    store.dispatch({ type: A.CONFERENCE_LEFT, conference });
    expect(store.getState()['features/base/conference'].leaving).toBeUndefined();
  });

  it('SET_START_MUTED_POLICY sets both flags', () => {
    const store = joinedStore();
    store.dispatch({ type: A.SET_START_MUTED_POLICY, startAudioMutedPolicy: true, startVideoMutedPolicy: false });
    expect(store.getState()['features/base/conference']).toMatchObject({ startAudioMutedPolicy: true, startVideoMutedPolicy: false });
  });
});

describe('features/base/participants', () => {
  it('keeps the remote Map identity while replacing the slice object', () => {
    const store = joinedStore();
    const before = participants(store);
    store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'd', name: 'D', role: 'participant', conference: before.remote.get('a')?.conference } });
    const after = participants(store);
    expect(after).not.toBe(before);
    expect(after.remote).toBe(before.remote);
    expect(after.remote.size).toBe(4);
  });

  it('local id changes on join and the role arrives later via PARTICIPANT_UPDATED', () => {
    const store = joinedStore();
    expect(participants(store).local).toMatchObject({ id: 'me123', role: 'none' });
    store.dispatch({ type: A.PARTICIPANT_UPDATED, participant: { id: 'me123', local: true, role: 'moderator' } });
    expect(participants(store).local?.role).toBe('moderator');
    expect(participants(store).numberOfNonModeratorParticipants).toBe(3);
  });

  it('CONFERENCE_WILL_LEAVE drops every remote participant (PARTICIPANT_LEFT each), not because the room emptied', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    let notifications = 0;
    store.subscribe(() => notifications++);
    store.dispatch({ type: A.CONFERENCE_WILL_LEAVE, conference });
    expect(participants(store).remote.size).toBe(0);
    // WILL_LEAVE + one PARTICIPANT_LEFT per remote, each a store notification.
    expect(notifications).toBe(4);
  });

  it('fake participants are in remote and fakeParticipants; sorted map is alphabetical', () => {
    const conference = fakeConference();
    const store = joinedStore(conference, ['z1', 'a1']);
    store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'sv', name: 'Video', fakeParticipant: 'SharedVideo', conference } });
    const slice = participants(store);
    expect(slice.remote.size).toBe(3);
    expect([...slice.fakeParticipants.keys()]).toEqual(['sv']);
    expect([...slice.sortedRemoteParticipants.values()]).toEqual(['A1', 'Video', 'Z1']);
  });

  it('KICK_PARTICIPANT reaches conference.kickParticipant through the middleware', () => {
    const conference = fakeConference();
    const store = joinedStore(conference);
    store.dispatch({ type: A.KICK_PARTICIPANT, id: 'b' });
    expect(conference.kicked).toEqual(['b']);
  });

  it('the 2021 shape is an array with local: true and isFakeParticipant', () => {
    const conference = fakeConference();
    const store = createSimStore('2021');
    store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'local', local: true } });
    store.dispatch({ type: A.CONFERENCE_WILL_JOIN, conference });
    store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'a', name: 'Anna', role: 'participant', conference } });
    store.dispatch({ type: A.PARTICIPANT_JOINED, participant: { id: 'sv', name: 'Video', fakeParticipant: 'SharedVideo', conference } });
    store.dispatch({ type: A.CONFERENCE_JOINED, conference });
    const slice = store.getState()['features/base/participants'] as Participant[];
    expect(Array.isArray(slice)).toBe(true);
    expect(slice.find((p) => p.local)?.id).toBe('local');
    expect(slice.find((p) => p.id === 'sv')).toMatchObject({ isFakeParticipant: true });
    expect('features/av-moderation' in store.getState()).toBe(false);
    store.dispatch({ type: A.CONFERENCE_WILL_LEAVE, conference });
    expect((store.getState()['features/base/participants'] as Participant[]).filter((p) => !p.local)).toEqual([]);
  });
});

describe('features/lobby, recording', () => {
  it('knockers come and go; lobbyEnabled follows SET_LOBBY_MODE_ENABLED', () => {
    const store = joinedStore();
    store.dispatch({ type: A.SET_LOBBY_MODE_ENABLED, enabled: true });
    store.dispatch({ type: A.KNOCKING_PARTICIPANT_ARRIVED_OR_UPDATED, participant: { id: 'k', name: 'Kim' } });
    expect(store.getState()['features/lobby']).toMatchObject({ lobbyEnabled: true, knockingParticipants: [{ id: 'k', name: 'Kim' }] });
    store.dispatch({ type: A.KNOCKING_PARTICIPANT_LEFT, id: 'k' });
    expect(store.getState()['features/lobby'].knockingParticipants).toEqual([]);
  });

  it('sessionDatas is updated by id', () => {
    const store = joinedStore();
    store.dispatch({ type: A.RECORDING_SESSION_UPDATED, sessionData: { id: 's1', mode: 'file', status: 'pending' } });
    store.dispatch({ type: A.RECORDING_SESSION_UPDATED, sessionData: { id: 's1', mode: 'file', status: 'on' } });
    expect(store.getState()['features/recording'].sessionDatas).toEqual([{ id: 's1', mode: 'file', status: 'on' }]);
  });
});

describe('URL handling', () => {
  it('hash overrides are JSON and nest by dots', () => {
    expect(parseHashParams('#config.prejoinConfig.enabled=false&config.subject=%22Hi%22&bad=nojson')).toEqual({
      'config.prejoinConfig.enabled': false,
      'config.subject': 'Hi',
    });
    const served = { prejoinConfig: { enabled: true, hideDisplayName: false } };
    const { config } = applyUrlOverrides(served, {}, '#config.prejoinConfig.enabled=false&config.disableBeforeUnloadHandlers=true');
    expect(config).toEqual({ prejoinConfig: { enabled: false, hideDisplayName: false }, disableBeforeUnloadHandlers: true });
    expect(served.prejoinConfig.enabled).toBe(true); // window.config untouched
    expect(isPrejoinEnabled(config, 'current')).toBe(false);
    expect(isPrejoinEnabled({ prejoinPageEnabled: false }, 'current')).toBe(true); // legacy key dropped 2025-08
    expect(isPrejoinEnabled({ prejoinPageEnabled: true }, '2021')).toBe(true);
  });

  it('room names, tenants and the title', () => {
    expect(parseRoomPath('/school/MathLesson')).toEqual({ room: 'MathLesson', tenant: 'school' });
    expect(parseRoomPath('/')).toEqual({ room: undefined, tenant: undefined });
    expect(backendSafeRoomName('Math%20Lesson')).toBe('math%20lesson');
    expect(conferenceTitle('MathLesson', 'Jitsi Meet')).toBe('Math Lesson | Jitsi Meet');
  });

  it('simulator options have safe defaults', () => {
    expect(parseSimOptions('')).toMatchObject({ app: 'current', endConference: true, lobby: true, students: 0, role: 'moderator', kickLatencyMs: 50, noise: true });
    expect(parseSimOptions('?app=2021&endConference=1').endConference).toBe(false);
    expect(parseSimOptions('?students=7&role=participant&noise=0')).toMatchObject({ students: 7, role: 'participant', noise: false });
  });
});
