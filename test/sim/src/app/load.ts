// A busy lesson at a steady rate, for benchmarks (test-only; the real app has nothing like it).
// Every change goes the way real traffic does: the fake server emits, our fake JitsiConference turns
// it into lib events, conference-listeners dispatch the redux actions (facts §5.1, §5.3):
//   join / leave       USER_JOINED / USER_LEFT        → PARTICIPANT_JOINED / PARTICIPANT_LEFT
//   dominant speaker   DOMINANT_SPEAKER_CHANGED       → DOMINANT_SPEAKER_CHANGED
//   remote mute        TRACK_MUTE_CHANGED (remote)    → PARTICIPANT_UPDATED (see conference-listeners)
//   knock / admit /    LOBBY_USER_JOINED / _LEFT      → KNOCKING_PARTICIPANT_ARRIVED_OR_UPDATED /
//   deny                 (+ USER_JOINED on admit)       KNOCKING_PARTICIPANT_LEFT (+ PARTICIPANT_JOINED)
// Used by both pages: the hand-written double (its own audio-level noise, audio-levels.ts, ~4 dispatches/s,
// keeps running on top) and jitsi-meet's real web UI (test/jitsi-sdk, no media: the load brings the noise).
import type { FakeServer, Occupant } from '../lib/fake-server.ts';
import { seededRandom } from '../shared/sim-options.ts';
import { AUDIO_LEVEL_SAMPLE_MS, audioLevelSampler } from './audio-levels.ts';

export type LoadKind = 'join' | 'leave' | 'knock' | 'admit' | 'deny' | 'dominantSpeaker' | 'mute';
export const LOAD_KINDS: readonly LoadKind[] = ['join', 'leave', 'knock', 'admit', 'deny', 'dominantSpeaker', 'mute'];

export interface LoadOptions {
  /** Redux dispatches per second caused by the load (noise not included). Default 16 (+ ~4 noise ≈ 20). */
  changesPerSecond?: number;
  /** Class size the joins and leaves hover around (±2). Default 60. */
  students?: number;
  /** Switch the lobby on first (when the server supports it) so knocks reach the lobby. Default true. */
  lobby?: boolean;
  /** PRNG seed: the same seed gives the same sequence of events. */
  seed?: number;
  /** Share of events per kind group; normalised. Default speaker 35, mute 30, join/leave 20, lobby 15. */
  mix?: Partial<Record<'dominantSpeaker' | 'mute' | 'joinLeave' | 'lobby', number>>;
  /** Most events kept in the log (oldest dropped). Default 100 000. */
  logLimit?: number;
}

/** One load event, logged right after it ran. */
export interface LoadEvent {
  /** Epoch ms (performance.timeOrigin + performance.now()) just before the event was dispatched. */
  t: number;
  kind: LoadKind;
  /** Redux dispatches it caused (0 = nothing reached redux, e.g. a knock while not moderator). */
  dispatches: number;
  /** Real people in the main room (occupants that are not hidden) and knockers, after the event. */
  participants: number;
  knocking: number;
}

export interface LoadStats {
  running: boolean;
  /** Epoch ms of startLoad / stopLoad (null while not started / still running). */
  startedAt: number | null;
  stoppedAt: number | null;
  options: Required<Omit<LoadOptions, 'mix'>> & { mix: Record<'dominantSpeaker' | 'mute' | 'joinLeave' | 'lobby', number> };
  /** Events run so far, per kind. */
  counts: Record<LoadKind, number>;
  /** Every redux dispatch since startLoad, from any source (load, noise, the app itself). */
  storeDispatches: number;
  /** Dispatches caused by the load's own events. */
  loadDispatches: number;
  /** The event log (only when asked for, it can be long); `since` filters by time. */
  events?: LoadEvent[];
}

export interface LoadController {
  start(options?: LoadOptions): LoadStats;
  stop(): LoadStats;
  stats(query?: { events?: boolean; since?: number }): LoadStats;
}

const now = () => performance.timeOrigin + performance.now();

/** What the load needs from the page, read at startLoad (the room page may not have them yet before). */
export interface LoadPage {
  server(): FakeServer | undefined;
  /** The page's redux store: only subscribed to, to count its dispatches. */
  store(): { subscribe(listener: () => void): () => void } | undefined;
  /**
   * For a page without media of its own: one sample of the local microphone's audio level, fed in the way
   * the page's lib would report it (called every 200 ms while the load runs, only with changed levels).
   */
  localAudioLevel?(level: number): void;
}

export function createLoad(page: LoadPage): LoadController {
  let timer: ReturnType<typeof setInterval> | undefined;
  let noiseTimer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  let startedAt: number | null = null;
  let stoppedAt: number | null = null;
  let storeDispatches = 0;
  let loadDispatches = 0;
  let counts = emptyCounts();
  let log: LoadEvent[] = [];
  let options: LoadStats['options'] = resolveOptions({});

  const stats = (query: { events?: boolean; since?: number } = {}): LoadStats => ({
    running: timer !== undefined,
    startedAt,
    stoppedAt,
    options: { ...options, mix: { ...options.mix } },
    counts: { ...counts },
    storeDispatches,
    loadDispatches,
    ...(query.events ? { events: log.filter((event) => event.t >= (query.since ?? -Infinity)) } : {}),
  });

  const stop = (): LoadStats => {
    if (timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
      stoppedAt = now();
    }
    clearInterval(noiseTimer);
    noiseTimer = undefined;
    unsubscribe?.();
    unsubscribe = undefined;
    return stats();
  };

  const start = (requested: LoadOptions = {}): LoadStats => {
    const server = page.server();
    const store = page.store();
    if (!server || !store) throw new Error('jitsi-sim: startLoad needs a room page with its store (call it after whenJoined())');
    stop();
    options = resolveOptions(requested);
    counts = emptyCounts();
    log = [];
    storeDispatches = loadDispatches = 0;
    unsubscribe = store.subscribe(() => {
      storeDispatches++;
    });
    if (options.lobby && server.options.lobbySupported && !server.membersOnly) server.setMembersOnly(true);

    const random = seededRandom(options.seed);
    const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
    const weights = options.mix;
    const total = weights.dominantSpeaker + weights.mute + weights.joinLeave + weights.lobby;

    const run = (): void => {
      const students = mainRoomStudents(server);
      const roll = random() * total;
      const speakerUpTo = weights.dominantSpeaker;
      const muteUpTo = speakerUpTo + weights.mute;
      const joinLeaveUpTo = muteUpTo + weights.joinLeave;
      const lobbyActive = server.options.lobbySupported && server.membersOnly;
      let kind: LoadKind;
      let act: () => void;
      if (roll < speakerUpTo && students.length > 0) {
        kind = 'dominantSpeaker';
        act = () => {
          const speaker = pick(students);
          if (speaker) server.setDominantSpeaker(speaker.id);
        };
      } else if (roll < muteUpTo && students.length > 0) {
        kind = 'mute';
        act = () => {
          const student = pick(students);
          if (student) server.setMuted(student.id, 'audio', !student.muted?.audio);
        };
      } else if (roll < joinLeaveUpTo || !lobbyActive) {
        const count = students.length;
        const join = count < options.students - 2 || (count <= options.students + 2 && random() < 0.5) || count === 0;
        kind = join ? 'join' : 'leave';
        act = () => {
          if (join) server.addOccupant({});
          else {
            const leaver = pick(students.filter((s) => s.role !== 'moderator'));
            if (leaver) server.removeOccupant(leaver.id);
          }
        };
      } else {
        const waiting = [...server.lobby.keys()];
        const decide = waiting.length >= 3 || (waiting.length > 0 && random() < 0.5);
        const admit = random() < 0.8;
        kind = decide ? (admit ? 'admit' : 'deny') : 'knock';
        act = () => {
          const knocker = waiting[0];
          if (!decide) server.addKnocker();
          else if (knocker && admit) server.admitKnocker(knocker);
          else if (knocker) server.denyKnocker(knocker);
        };
      }
      const t = now();
      const before = storeDispatches;
      act();
      const dispatches = storeDispatches - before;
      loadDispatches += dispatches;
      counts[kind]++;
      log.push({ t, kind, dispatches, participants: mainRoomStudents(server).length, knocking: server.lobby.size });
      if (log.length > options.logLimit) log.splice(0, log.length - options.logLimit);
    };

    // Steady rate: at each tick, run events until the dispatches caused so far catch up with the schedule.
    // A throttled or stalled page does not make up more than one second of backlog.
    startedAt = now();
    stoppedAt = null;
    const rate = options.changesPerSecond;
    let budgetStart = startedAt;
    let spent = 0;
    timer = setInterval(() => {
      const due = ((now() - budgetStart) * rate) / 1000;
      if (due - spent > rate) {
        budgetStart = now() - 1000;
        spent = Math.max(0, rate - 1);
      }
      let guard = 0;
      while (spent < ((now() - budgetStart) * rate) / 1000 && guard++ < rate) {
        const before = loadDispatches;
        run();
        spent += Math.max(1, loadDispatches - before);
      }
    }, Math.max(4, Math.floor(500 / rate)));
    const localAudioLevel = page.localAudioLevel?.bind(page);
    if (localAudioLevel) {
      const sample = audioLevelSampler();
      noiseTimer = setInterval(() => {
        const level = sample();
        if (level !== undefined) localAudioLevel(level);
      }, AUDIO_LEVEL_SAMPLE_MS);
    }
    return stats();
  };

  return { start, stop, stats };
}

function mainRoomStudents(server: FakeServer): Occupant[] {
  const students: Occupant[] = [];
  for (const occupant of server.occupants.values()) {
    if (occupant.roomJid === server.mainRoomJid && !occupant.hidden) students.push(occupant);
  }
  return students;
}

function emptyCounts(): Record<LoadKind, number> {
  return { join: 0, leave: 0, knock: 0, admit: 0, deny: 0, dominantSpeaker: 0, mute: 0 };
}

function resolveOptions(options: LoadOptions): LoadStats['options'] {
  const positive = (value: number | undefined, fallback: number, max: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
  const share = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
  const mix = {
    dominantSpeaker: share(options.mix?.dominantSpeaker, 35),
    mute: share(options.mix?.mute, 30),
    joinLeave: share(options.mix?.joinLeave, 20),
    lobby: share(options.mix?.lobby, 15),
  };
  if (mix.dominantSpeaker + mix.mute + mix.joinLeave + mix.lobby <= 0) mix.joinLeave = 1;
  return {
    changesPerSecond: positive(options.changesPerSecond, 16, 1000),
    students: Math.round(positive(options.students, 60, 200)),
    lobby: options.lobby !== false,
    seed: Number.isInteger(options.seed) ? (options.seed as number) : 0x10ad,
    logLimit: Math.round(positive(options.logLimit, 100_000, 1_000_000)),
    mix,
  };
}
