// Local snapshots of Jitsi's redux state shapes for the adapter's tests (never live sites).
// Current: docs/jitsi.md §2 (remote is a Map, fakeParticipant strings, numberOfNonModeratorParticipants).
// 2021: before stable/6173 the participants slice is an array with `local: true` (§7.1); no A/V moderation
// or breakout-room slices yet.

type Loose = Record<string, unknown>;

/** A JitsiConference with the support checks the adapter asks (§3.1). */
export function fakeConference(options: { lobby?: boolean; end?: boolean; breakout?: boolean } = {}) {
  return {
    isLobbySupported: () => options.lobby ?? true,
    isEndConferenceSupported: () => options.end ?? true,
    getBreakoutRooms: () => ({ isSupported: () => true, isBreakoutRoom: () => options.breakout ?? false }),
  };
}

export function currentState(options: {
  remote?: Loose[];
  conference?: Loose;
  local?: Loose;
  lobby?: Loose;
  recording?: Loose[];
  avModeration?: Loose;
  breakoutRooms?: Loose;
  config?: Loose;
  showPrejoin?: boolean;
}): Loose {
  const remote = new Map((options.remote ?? []).map((p) => [String(p.id), p]));
  const nonModerators = [...remote.values()].filter((p) => p.role !== 'moderator' && !p.fakeParticipant).length;
  return {
    'features/base/conference': { room: 'Math7b', ...options.conference },
    'features/base/participants': {
      local: { id: 'abcd1234', role: 'moderator', name: 'Teacher', ...options.local },
      remote,
      fakeParticipants: new Map(),
      sortedRemoteParticipants: new Map(),
      numberOfNonModeratorParticipants: nonModerators,
    },
    'features/prejoin': { showPrejoin: options.showPrejoin ?? false },
    'features/lobby': { lobbyEnabled: false, knockingParticipants: [], ...options.lobby },
    'features/recording': { sessionDatas: options.recording ?? [] },
    'features/av-moderation': { audioModerationEnabled: false, videoModerationEnabled: false, ...options.avModeration },
    'features/breakout-rooms': options.breakoutRooms ?? { rooms: {}, roomCounter: 0 },
    'features/base/config': { ...options.config },
  };
}

export function legacy2021State(remote: Loose[], conference: Loose, local: Loose = {}): Loose {
  return {
    'features/base/conference': { room: 'Math7b', ...conference },
    'features/base/participants': [{ id: 'local', local: true, role: 'moderator', name: 'Teacher', ...local }, ...remote],
    'features/prejoin': { showPrejoin: false },
    'features/lobby': { lobbyEnabled: true, knockingParticipants: [{ id: 'k1', name: 'Knocker' }] },
    'features/recording': { sessionDatas: [] },
    'features/base/config': {},
  };
}

export const student = (id: string, extra: Loose = {}): Loose => ({ id, name: `Student ${id}`, role: 'participant', ...extra });
