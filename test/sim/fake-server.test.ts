// The fake backend + fake JitsiConference, without a browser (facts §3.1, §3.3).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeServer } from './src/lib/fake-server.ts';
import { newTestServer } from './test-server.ts';
import { FakeJitsiConference } from './src/lib/jitsi-conference.ts';
import { CONFERENCE_EVENTS as EVENTS } from './src/shared/constants.ts';

function setup(overrides: Partial<ConstructorParameters<typeof FakeServer>[0]> = {}) {
  const server = newTestServer(overrides);
  for (let i = 0; i < 3; i++) server.addOccupant({});
  const conference = new FakeJitsiConference({ server, connectionOptions: { hiddenDomain: 'recorder.meet.test' }, name: 'mathlesson' });
  const events: string[] = [];
  for (const name of Object.values(EVENTS)) conference.on(name, (...args: never[]) => events.push(name === EVENTS.CONFERENCE_FAILED ? `${name}:${String(args[0])}` : name));
  return { server, conference, events };
}

async function joined(overrides: Parameters<typeof setup>[0] = {}) {
  const result = setup(overrides);
  result.conference.join();
  await vi.advanceTimersByTimeAsync(100);
  return result;
}

describe('FakeJitsiConference', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins: USER_JOINED for those present, then CONFERENCE_JOINED, then our role', async () => {
    const { conference, events } = await joined();
    const order = events.filter((e) => [EVENTS.USER_JOINED, EVENTS.CONFERENCE_JOINED, EVENTS.USER_ROLE_CHANGED].includes(e as never));
    expect(order).toEqual([EVENTS.USER_JOINED, EVENTS.USER_JOINED, EVENTS.USER_JOINED, EVENTS.CONFERENCE_JOINED, EVENTS.USER_ROLE_CHANGED]);
    expect(conference.isModerator()).toBe(true);
    expect(conference.getParticipantCount()).toBe(4);
  });

  it('kickParticipant is void, removes after the latency, ignores unknown ids', async () => {
    const { conference, events } = await joined();
    const [target] = conference.getParticipants();
    expect(conference.kickParticipant(target!.getId())).toBeUndefined();
    conference.kickParticipant('nobody');
    await vi.advanceTimersByTimeAsync(40);
    expect(conference.getParticipantById(target!.getId())).toBeDefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(conference.getParticipantById(target!.getId())).toBeUndefined();
    expect(events).toContain(EVENTS.PARTICIPANT_KICKED);
  });

  it('kicking a moderator fails silently without owner-kick', async () => {
    const { server, conference } = await joined({ ownerKickAllowed: false });
    const mod = server.addOccupant({ name: 'Co-teacher', moderator: true });
    conference.kickParticipant(mod.id);
    await vi.advanceTimersByTimeAsync(100);
    expect(conference.getParticipantById(mod.id)).toBeDefined();
    expect(server.kickLog.at(-1)).toMatchObject({ targetId: mod.id, result: 'owner-kick-refused' });
  });

  it('a kicked student rejoins once when asked to', async () => {
    const { server, conference } = await joined();
    server.rejoinAfterKick = true;
    const name = conference.getParticipants()[0]!.getDisplayName();
    const kickByName = async () => {
      const current = conference.getParticipants().find((p) => p.getDisplayName() === name);
      if (current) conference.kickParticipant(current.getId());
      await vi.advanceTimersByTimeAsync(400);
    };
    await kickByName();
    expect(conference.getParticipants().map((p) => p.getDisplayName())).toContain(name);
    await kickByName();
    expect(conference.getParticipants().map((p) => p.getDisplayName())).not.toContain(name);
  });

  it('a kicked student cannot rejoin a locked room, and knocks when the lobby is on', async () => {
    const { server, conference } = await joined();
    server.rejoinAfterKick = true;
    const locking = conference.lock('secret');
    await vi.advanceTimersByTimeAsync(50);
    await locking;
    const [first, second] = conference.getParticipants();
    conference.kickParticipant(first!.getId());
    await vi.advanceTimersByTimeAsync(400);
    expect(conference.getParticipants().map((p) => p.getDisplayName())).not.toContain(first!.getDisplayName());
    const unlocking = conference.unlock();
    const lobby = conference.enableLobby();
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all([unlocking, lobby]);
    conference.kickParticipant(second!.getId());
    await vi.advanceTimersByTimeAsync(400);
    expect([...server.lobby.values()].map((k) => k.name)).toEqual([second!.getDisplayName()]);
  });

  it('lock rejects for non-moderators; enableLobby rejects when unsupported; disableLobby is silent', async () => {
    const participant = await joined({ localRole: 'participant' });
    await expect(participant.conference.lock('x')).rejects.toThrow('You are not moderator.');
    await expect(participant.conference.enableLobby()).rejects.toThrow();
    const noLobby = await joined({ lobbySupported: false });
    await expect(noLobby.conference.enableLobby()).rejects.toThrow('Lobby not supported!');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(participant.conference.disableLobby()).toBeUndefined();
  });

  it('end() destroys the room: CONFERENCE_FAILED conference.destroyed; warns when unsupported', async () => {
    const { server, conference, events } = await joined();
    conference.end();
    await vi.advanceTimersByTimeAsync(50);
    expect(events).toContain('conference.failed:conference.destroyed');
    expect(server.occupants.size).toBe(0);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const old = await joined({ endConferenceSupported: false });
    expect(old.conference.isEndConferenceSupported()).toBe(false);
    old.conference.end();
    expect(warn).toHaveBeenCalled();
  });

  it('hidden recorders count only with countHidden', async () => {
    const { server, conference } = await joined();
    server.addOccupant({ name: 'Recorder', hidden: 'recorder' });
    expect(conference.getParticipants()).toHaveLength(4);
    expect(conference.getParticipantCount()).toBe(4);
    expect(conference.getParticipantCount(true)).toBe(5);
  });

  it('leave() resolves with CONFERENCE_LEFT, rejects the second time; auto-owner promotes a student', async () => {
    const { server, conference, events } = await joined();
    const leaving = conference.leave();
    await vi.advanceTimersByTimeAsync(50);
    await leaving;
    expect(events.at(-1)).toBe(EVENTS.CONFERENCE_LEFT);
    await expect(conference.leave()).rejects.toThrow();
    expect([...server.occupants.values()].filter((o) => o.role === 'moderator')).toHaveLength(1);
  });

  it('setStartMutedPolicy after join does not emit START_MUTED_POLICY_CHANGED', async () => {
    const { conference, events } = await joined();
    conference.setStartMutedPolicy({ audio: true, video: false });
    expect(events).not.toContain(EVENTS.START_MUTED_POLICY_CHANGED);
  });

  it('breakout rooms move occupants out of our room', async () => {
    const { server, conference } = await joined();
    const id = conference.getParticipants()[0]!.getId();
    const room = server.createBreakoutRoom('Group A');
    conference.getBreakoutRooms()!.sendParticipantToRoom(`${server.mainRoomJid}/${id}`, room.jid);
    await vi.advanceTimersByTimeAsync(10);
    expect(conference.getParticipantById(id)).toBeUndefined();
    expect(conference.getBreakoutRooms()!.isBreakoutRoom()).toBe(false);
  });
});
