// The simulator's knobs, read from the room URL's query string (?students=5&app=2021 ...).
// These describe the fake *backend* (Prosody components, Jicofo, who is in the room), so both
// bundles read them from `location.search`; what a real deployment would put in config.js is
// built by server.mjs and inlined as `window.config` instead. Pure: importable from vitest.

export type AppVariant = 'current' | '2021';

export interface SimOptions {
  /** 'current' = SDK 2026 shapes; '2021' = pre-stable/6173 (participants array, no hangup menu ...). */
  app: AppVariant;
  /** Prosody `end_conference` component loaded (facts §7.2). Always false for 2021 (lib lacks end()). */
  endConference: boolean;
  /** The component is advertised but ending does nothing (misconfigured server): `end()` leaves the room as it is. */
  endIgnored: boolean;
  /** Prosody `muc_lobby_rooms` loaded. */
  lobby: boolean;
  /** meet.jit.si-like: every occupant is a moderator. */
  everyoneModerator: boolean;
  /** Prosody allows a moderator to kick another moderator (owner-kick; facts §3.3). */
  ownerKick: boolean;
  /** Students present when the page loads. */
  students: number;
  /** Our role once joined. */
  role: 'moderator' | 'participant';
  lang: 'en' | 'de';
  /** Server round trip before a kicked occupant is gone. */
  kickLatencyMs: number;
  /** LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED noise while the mic is live (facts §5.3). */
  noise: boolean;
  /** A secure domain: only a logged-in teacher opens the room; students wait for the host (`?secure=1`). */
  secureDomain: boolean;
}

function flag(params: URLSearchParams, key: string, fallback: boolean): boolean {
  const value = params.get(key);
  if (value === null) return fallback;
  return value === '1' || value === 'true' || value === '';
}

function integer(params: URLSearchParams, key: string, fallback: number, min: number, max: number): number {
  const parsed = Number.parseInt(params.get(key) ?? '', 10);
  return Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
}

export function parseSimOptions(search: string): SimOptions {
  const params = new URLSearchParams(search);
  const app: AppVariant = params.get('app') === '2021' ? '2021' : 'current';
  return {
    app,
    endConference: app === 'current' && flag(params, 'endConference', true),
    endIgnored: flag(params, 'endIgnored', false),
    lobby: flag(params, 'lobby', true),
    everyoneModerator: flag(params, 'everyoneModerator', false),
    ownerKick: flag(params, 'ownerKick', true),
    students: integer(params, 'students', 0, 0, 200),
    role: params.get('role') === 'participant' ? 'participant' : 'moderator',
    lang: params.get('lang') === 'de' ? 'de' : 'en',
    kickLatencyMs: integer(params, 'kickLatency', 50, 0, 60_000),
    noise: flag(params, 'noise', true),
    secureDomain: flag(params, 'secure', false),
  };
}

/** Plausible first names for a class, used in order so runs are reproducible. */
export const STUDENT_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Emma', 'Finn', 'Greta', 'Hannes', 'Ida', 'Jonas',
  'Kira', 'Leon', 'Mila', 'Noah', 'Olivia', 'Paul', 'Queenie', 'Rafael', 'Sophie', 'Tom',
  'Uma', 'Vincent', 'Wiebke', 'Xaver', 'Yara', 'Zoe', 'Amir', 'Leyla', 'Mats', 'Nele',
] as const;

export function studentName(index: number): string {
  const base = STUDENT_NAMES[index % STUDENT_NAMES.length] ?? 'Student';
  const round = Math.floor(index / STUDENT_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/**
 * Deterministic endpoint-like ids (8 hex digits, as Jitsi's MUC nicks look) from a counter,
 * so runs are reproducible and no Math.random is needed.
 */
export function endpointId(counter: number, salt: number): string {
  const mixed = Math.imul((counter + 1) ^ salt, 2654435761) >>> 0;
  return mixed.toString(16).padStart(8, '0');
}

/** A tiny seeded PRNG (LCG) for the audio-level noise. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
