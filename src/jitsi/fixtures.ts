// Local snapshots of Jitsi's redux state shapes for the adapter's tests (never live sites).
// Current: jitsi-facts.md §2.1–2.2 (remote is a Map, fakeParticipant strings).
// 2021: before stable/6173 the participants slice is an array with `local: true` (§7.1).

export function currentState(options: {
  remote?: Array<Record<string, unknown>>;
  conference?: Record<string, unknown>;
  showPrejoin?: boolean;
}) {
  const remote = new Map((options.remote ?? []).map((p) => [String(p.id), p]));
  return {
    'features/base/conference': { room: 'Math7b', ...options.conference },
    'features/base/participants': {
      local: { id: 'abcd1234', role: 'moderator', name: 'Teacher' },
      remote,
      fakeParticipants: new Map(),
      sortedRemoteParticipants: new Map(),
      numberOfNonModeratorParticipants: remote.size,
    },
    'features/prejoin': { showPrejoin: options.showPrejoin ?? false },
    'features/base/config': {},
  };
}

export function legacy2021State(remote: Array<Record<string, unknown>>, conference: Record<string, unknown>) {
  return {
    'features/base/conference': { room: 'Math7b', ...conference },
    'features/base/participants': [{ id: 'local', local: true, role: 'moderator', name: 'Teacher' }, ...remote],
    'features/prejoin': { showPrejoin: false },
  };
}

export const student = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Student ${id}`, role: 'participant', ...extra });
