import { describe, expect, it, vi } from 'vitest';
import { performAction } from './actions.ts';
import { currentState } from './fixtures.ts';

function lesson(options: { moderator?: boolean; lobbySupported?: boolean; lockError?: string; config?: Record<string, unknown> } = {}) {
  const conference = {
    isModerator: () => options.moderator ?? true,
    isLobbySupported: () => options.lobbySupported ?? true,
    enableLobby: vi.fn(async () => undefined),
    lock: vi.fn(async () => {
      if (options.lockError) throw new Error(options.lockError);
    }),
    setStartMutedPolicy: vi.fn(),
  };
  const dispatched: Array<Record<string, unknown>> = [];
  const state = currentState({ conference: { conference }, config: options.config });
  const store = { getState: () => state, subscribe: () => () => undefined, dispatch: (a: Record<string, unknown>) => dispatched.push(a) };
  return { conference, store, dispatched };
}

describe('moderator actions on the conference', () => {
  it('refuses outside a joined conference and when not moderator', async () => {
    const notJoined = { getState: () => currentState({}), subscribe: () => () => undefined, dispatch: () => undefined };
    expect(await performAction(notJoined, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'not-in-conference' });
    const { store, conference } = lesson({ moderator: false });
    expect(await performAction(store, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'not-moderator' });
    expect(conference.enableLobby).not.toHaveBeenCalled();
  });

  it('enables the lobby with the lib call, or says the server has none', async () => {
    const { store, conference } = lesson();
    expect(await performAction(store, { kind: 'enable-lobby' })).toEqual({ ok: true });
    expect(conference.enableLobby).toHaveBeenCalledOnce();
    const old = lesson({ lobbySupported: false });
    expect(await performAction(old.store, { kind: 'enable-lobby' })).toEqual({ ok: false, failure: 'unsupported' });
  });

  it('locks the room and mirrors the thunk so Jitsi shows the password as set locally (§3.3)', async () => {
    const { store, conference, dispatched } = lesson();
    expect(await performAction(store, { kind: 'set-password', password: 'Kq7-mPx4rT' })).toEqual({ ok: true });
    expect(conference.lock).toHaveBeenCalledWith('Kq7-mPx4rT');
    expect(dispatched).toEqual([{ type: 'SET_PASSWORD', conference, method: conference.lock, password: 'Kq7-mPx4rT' }]);
  });

  it('keeps to the digits-only rule and reports what Jitsi refused', async () => {
    const digits = lesson({ config: { roomPasswordNumberOfDigits: 8 } });
    expect(await performAction(digits.store, { kind: 'set-password', password: 'Kq7-mPx4rT' })).toEqual({ ok: false, failure: 'invalid-password' });
    expect(await performAction(digits.store, { kind: 'set-password', password: '49381726' })).toEqual({ ok: true });
    // A rule under 8 digits is not followed (issue 16), and nothing under the minimum is taken.
    const crafted = lesson({ config: { roomPasswordNumberOfDigits: 1 } });
    expect(await performAction(crafted.store, { kind: 'set-password', password: '4' })).toEqual({ ok: false, failure: 'invalid-password' });
    expect(await performAction(crafted.store, { kind: 'set-password', password: 'Kq7-mPx4rT' })).toEqual({ ok: true });
    const refusing = lesson({ lockError: 'You are not moderator.' });
    expect(await performAction(refusing.store, { kind: 'set-password', password: 'Kq7-mPx4rT' })).toEqual({
      ok: false,
      failure: 'rejected',
      detail: 'You are not moderator.',
    });
    expect(refusing.dispatched).toEqual([]);
  });

  it('sets everyone-starts-muted and mirrors it into redux (§2.6)', async () => {
    const { store, conference, dispatched } = lesson();
    expect(await performAction(store, { kind: 'set-start-muted', audio: true, video: true })).toEqual({ ok: true });
    expect(conference.setStartMutedPolicy).toHaveBeenCalledWith({ audio: true, video: true });
    expect(dispatched).toEqual([{ type: 'SET_START_MUTED_POLICY', startAudioMutedPolicy: true, startVideoMutedPolicy: true }]);
  });
});
