// The end-of-lesson sequence (issue 5), with the conference's own methods (docs/jitsi.md §3):
// close breakout rooms → lock the door → end for all, or remove everyone → deny knockers → verify the
// room is empty (re-removing whoever came back) → leave, only then and only if asked.
// It never removes the teacher, and stops with a precise report as soon as the teacher is not moderator.
import type { ActionFailure, ActionResult, EndLessonOptions, EndLessonReport, EndStep, StepOutcome } from '../core/actions.ts';
import { generatePassword, serverDigitRule } from '../core/password.ts';
import { lockRoom } from './room-lock.ts';
import { countPeopleElsewhere, isObject, readPasswordDigits, readSlices, STATE_KEYS, type JitsiStore, type Loose } from './adapter.ts';

/** Kicks are fire-and-forget (§3.1); give the server this long to confirm, re-removing late rejoiners. */
export const VERIFY_TIMEOUT_MS = 15_000;
/** How often the room is looked at while waiting; reading the list is cheap, and the teacher waits. */
const POLL_MS = 50;
/** A kick or a denial takes a server round trip: ask again only if it did not work within this time. */
const RETRY_AFTER_MS = 1_000;
const BREAKOUT_WAIT_MS = 5_000;
/** Closing the teacher's own breakout room moves the teacher back to the main room: a new conference (§9.2). */
const BACK_TO_MAIN_WAIT_MS = 15_000;
/** "End meeting for all" is a message to the server's end_conference component; its answer is the room's destruction. */
const END_FOR_ALL_WAIT_MS = 5_000;
/** lib-jitsi-meet's CONFERENCE_FAILED event and the error that says the server destroyed the room (§3.3, §5.1). */
const CONFERENCE_FAILED_EVENT = 'conference.failed';
const CONFERENCE_DESTROYED = 'conference.destroyed';

type Method = (...args: unknown[]) => unknown;

interface Occupant {
  id: string;
  name: string;
  hidden: boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function call(target: unknown, name: string, ...args: unknown[]): unknown {
  if (!isObject(target) || typeof target[name] !== 'function') throw new Error(`${name} is not available`);
  return (target[name] as Method).apply(target, args);
}

function has(target: unknown, name: string): boolean {
  return isObject(target) && typeof target[name] === 'function';
}

/** Remote occupants as lib-jitsi-meet lists them (§2.2: includes hidden ones, excludes the focus). */
function occupants(conference: Loose): Occupant[] {
  const list = call(conference, 'getParticipants');
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((participant) => ({
    id: String(call(participant, 'getId')),
    name: has(participant, 'getDisplayName') ? String(call(participant, 'getDisplayName') ?? '').slice(0, 256) : '',
    hidden: has(participant, 'isHidden') ? call(participant, 'isHidden') === true : false,
  }));
}

function knockers(store: JitsiStore): Array<{ id: string }> {
  const lobby = (store.getState() as Loose)[STATE_KEYS.lobby];
  const list = isObject(lobby) && Array.isArray(lobby.knockingParticipants) ? lobby.knockingParticipants : [];
  return list.filter(isObject).map((knocker) => ({ id: String(knocker.id) }));
}

function openBreakoutRooms(store: JitsiStore): Array<{ jid: string; participantJids: string[] }> {
  const slice = (store.getState() as Loose)[STATE_KEYS.breakoutRooms];
  if (!isObject(slice) || !isObject(slice.rooms)) return [];
  return Object.values(slice.rooms)
    .filter((room): room is Loose => isObject(room) && !room.isMainRoom)
    .map((room) => ({
      jid: String(room.jid ?? room.id),
      participantJids: isObject(room.participants)
        ? Object.entries(room.participants).map(([occupantJid, p]) => String(isObject(p) && p.jid ? p.jid : occupantJid))
        : [],
    }));
}

function mainRoomJid(store: JitsiStore): string | null {
  const slice = (store.getState() as Loose)[STATE_KEYS.breakoutRooms];
  if (!isObject(slice) || !isObject(slice.rooms)) return null;
  const main = Object.values(slice.rooms).find((room) => isObject(room) && room.isMainRoom);
  return isObject(main) ? String(main.jid ?? main.id) : null;
}

class NotModerator extends Error {}

/** The joined conference in the store right now (§2.1), or null while switching or leaving. */
function joinedConference(store: JitsiStore): Loose | null {
  const slice = (store.getState() as Loose)[STATE_KEYS.conference];
  if (!isObject(slice) || !isObject(slice.conference) || slice.conference === slice.leaving) return null;
  return slice.conference;
}

function inBreakoutRoom(conference: Loose): boolean {
  try {
    const helper = has(conference, 'getBreakoutRooms') ? call(conference, 'getBreakoutRooms') : null;
    return has(helper, 'isBreakoutRoom') && call(helper, 'isBreakoutRoom') === true;
  } catch {
    return false;
  }
}

/**
 * After the teacher's breakout room was closed, Jitsi leaves it and joins the main room as a new
 * JitsiConference (§9.2); acting on the old one does nothing. Waits for the new one, moderator included
 * (the role comes by a separate presence after joining).
 */
async function backInMainRoom(store: JitsiStore, old: Loose): Promise<Loose | null> {
  const deadline = Date.now() + BACK_TO_MAIN_WAIT_MS;
  while (Date.now() < deadline) {
    const now = joinedConference(store);
    if (now && now !== old && !inBreakoutRoom(now) && has(now, 'isModerator') && call(now, 'isModerator') === true) return now;
    await sleep(POLL_MS);
  }
  return null;
}

/**
 * Asks the server to end the meeting for everyone and waits for its answer: the room destroyed, which
 * every occupant (we too) learns as CONFERENCE_FAILED "conference.destroyed" (§3.3). Only that proves the
 * room is gone; a server whose component ignores the request leaves everyone inside.
 */
async function endForAll(store: JitsiStore, conference: Loose): Promise<boolean> {
  let destroyed = false;
  const onFailed = (name: unknown): void => {
    if (name === CONFERENCE_DESTROYED) destroyed = true;
  };
  const listening = has(conference, 'on') && has(conference, 'off');
  if (listening) call(conference, 'on', CONFERENCE_FAILED_EVENT, onFailed);
  try {
    call(conference, 'end');
    const deadline = Date.now() + END_FOR_ALL_WAIT_MS;
    while (!destroyed && Date.now() < deadline) {
      // Also from redux, should the lib's emitter not be reachable: the slice keeps the last failure.
      const slice = (store.getState() as Loose)[STATE_KEYS.conference];
      if (isObject(slice) && isObject(slice.error) && slice.error.name === CONFERENCE_DESTROYED) destroyed = true;
      else await sleep(POLL_MS);
    }
    return destroyed;
  } finally {
    if (listening) call(conference, 'off', CONFERENCE_FAILED_EVENT, onFailed);
  }
}

export async function runEndLesson(
  store: JitsiStore,
  startedIn: Loose,
  legacyApp: unknown,
  options: EndLessonOptions,
): Promise<ActionResult> {
  /** The conference acted on: a new object once a breakout room was left for the main room. */
  let conference = startedIn;
  const steps: EndLessonReport['steps'] = [];
  const record = (step: EndStep, outcome: StepOutcome): void => void steps.push({ step, outcome });
  const assertModerator = (): void => {
    if (call(conference, 'isModerator') !== true) throw new NotModerator();
  };
  const report = (extra: Partial<EndLessonReport> = {}): EndLessonReport => {
    const present = safeOccupants();
    return {
      steps,
      remaining: present.filter((o) => !o.hidden).map((o) => o.name),
      hiddenRemaining: present.filter((o) => o.hidden).length,
      knocking: knockers(store).length,
      inLessonAtStart,
      endedForAll: false,
      left: false,
      ...extra,
    };
  };
  const safeOccupants = (): Occupant[] => {
    try {
      return occupants(conference);
    } catch {
      return [];
    }
  };
  // Everyone the sequence is about: this room's people and those in the lesson's other rooms (§9.2).
  const here = safeOccupants().filter((o) => !o.hidden).length;
  const breakoutSlice = (store.getState() as Loose)[STATE_KEYS.breakoutRooms];
  const inLessonAtStart = here + (countPeopleElsewhere(breakoutSlice, inBreakoutRoom(conference), here + 1) ?? 0);
  const failWith = (failure: ActionFailure, detail?: string): ActionResult =>
    detail ? { ok: false, failure, detail: detail.slice(0, 200), report: report() } : { ok: false, failure, report: report() };

  try {
    assertModerator();

    // 1. Breakout rooms: send everyone back to the main room, then close the rooms (as Jitsi's closeBreakoutRoom).
    // Started inside a breakout room: closing it moves the teacher back too, into a new conference.
    const rooms = openBreakoutRooms(store);
    const helper = has(conference, 'getBreakoutRooms') ? call(conference, 'getBreakoutRooms') : null;
    const main = mainRoomJid(store);
    if (rooms.length && helper && main) {
      const fromBreakoutRoom = inBreakoutRoom(conference);
      // Not ourselves: closing our room moves us back once, by Jitsi's own room switch.
      const me = has(conference, 'myUserId') ? `/${String(call(conference, 'myUserId'))}` : null;
      for (const room of rooms) {
        for (const participantJid of room.participantJids) {
          if (!me || !participantJid.endsWith(me)) call(helper, 'sendParticipantToRoom', participantJid, main);
        }
        call(helper, 'removeBreakoutRoom', room.jid);
      }
      if (fromBreakoutRoom) {
        const mainConference = await backInMainRoom(store, conference);
        if (!mainConference) {
          record('close-breakouts', 'failed');
          return failWith('room-switch');
        }
        conference = mainConference;
      }
      const deadline = Date.now() + BREAKOUT_WAIT_MS;
      while (openBreakoutRooms(store).length && Date.now() < deadline) await sleep(POLL_MS);
      record('close-breakouts', openBreakoutRooms(store).length ? 'failed' : 'done');
    } else record('close-breakouts', 'skipped');
    assertModerator();

    // 2. Lock the door, so that removed students cannot walk back in.
    let locked = true;
    const slices = readSlices(store.getState());
    const lobby = slices.lobby;
    if (has(conference, 'isLobbySupported') && call(conference, 'isLobbySupported') === true && !(isObject(lobby) && lobby.lobbyEnabled)) {
      await Promise.resolve(call(conference, 'enableLobby')).catch(() => (locked = false));
    }
    const conferenceSlice = slices.conference;
    const passwordSet = isObject(conferenceSlice) && (conferenceSlice.locked === 'LOCKED_LOCALLY' || conferenceSlice.locked === 'LOCKED_REMOTELY');
    if (!passwordSet) {
      const digits = serverDigitRule(readPasswordDigits(slices.config));
      const password = generatePassword((array) => crypto.getRandomValues(array), digits ? { digitsOnly: digits } : { length: 16 });
      await lockRoom(store, conference, password).catch(() => (locked = false));
    }
    record('lock', locked ? 'done' : 'failed');
    assertModerator();

    // 3. End for all where the server can (it destroys the room, our own page hangs up too), and only
    // once the server has destroyed it is the lesson "ended for all"; if it did not, remove everyone …
    if (options.endForAll && has(conference, 'isEndConferenceSupported') && call(conference, 'isEndConferenceSupported') === true) {
      if (await endForAll(store, conference)) {
        record('end-for-all', 'done');
        return { ok: true, report: { steps, remaining: [], hiddenRemaining: 0, knocking: 0, inLessonAtStart, endedForAll: true, left: true } };
      }
      record('end-for-all', 'failed');
      assertModerator();
    } else record('end-for-all', 'skipped');

    // … else remove every remote person, never the teacher (getParticipants lists only the others).
    // Each request is asked once and again only if it has not worked after RETRY_AFTER_MS.
    const askedAt = new Map<string, number>();
    const askOnce = (id: string, ask: () => void): void => {
      if (Date.now() - (askedAt.get(id) ?? -Infinity) <= RETRY_AFTER_MS) return;
      ask();
      askedAt.set(id, Date.now());
    };
    const kick = (id: string) => askOnce(`kick:${id}`, () => call(conference, 'kickParticipant', id, options.kickReason));
    const deny = (id: string) => askOnce(`deny:${id}`, () => call(conference, 'lobbyDenyAccess', id));
    for (const occupant of occupants(conference)) if (!occupant.hidden) kick(occupant.id);
    record('remove', 'done');

    // 4. Nobody waiting outside either.
    const waiting = knockers(store);
    for (const knocker of waiting) deny(knocker.id);
    record('deny-knockers', waiting.length ? 'done' : 'skipped');

    // 5. Verify, removing again whoever rejoined or was missed, within a bounded time.
    const deadline = Date.now() + VERIFY_TIMEOUT_MS;
    for (;;) {
      assertModerator();
      const people = occupants(conference).filter((o) => !o.hidden);
      const knocking = knockers(store);
      if (!people.length && !knocking.length) break;
      if (Date.now() > deadline) {
        record('verify', 'failed');
        return failWith('not-empty');
      }
      for (const person of people) kick(person.id);
      for (const knocker of knocking) deny(knocker.id);
      await sleep(POLL_MS);
    }
    record('verify', 'done');

    // 6. Leave last, only now, and only if the teacher chose "end and leave".
    if (options.leave) {
      call(legacyApp, 'hangup', false);
      record('leave', 'done');
    } else record('leave', 'skipped');
    return { ok: true, report: report({ left: options.leave }) };
  } catch (error) {
    if (error instanceof NotModerator) return failWith('not-moderator');
    return failWith('rejected', error instanceof Error ? error.message : String(error));
  }
}
