// Every way out of a Jitsi lesson that the page can catch (docs/jitsi.md §3.4, §4):
// - the toolbar hang-up button, the "Leave meeting" menu item and any other in-app route all end in
//   APP.conference.hangup(requestFeedback, hangupReason?, notify?) — wrapping it catches them all;
// - tab close, reload and navigation: a beforeunload prompt, which only helps if Jitsi's own beforeunload
//   handlers (which leave at once, §4.3) are moved to `unload` via config.disableBeforeUnloadHandlers.
import { countPeopleElsewhere, countRemotePeople, isObject, readSlices, remotePeople, STATE_KEYS, type JitsiStore, type Loose } from './adapter.ts';

/**
 * Makes Jitsi use `unload` instead of `beforeunload` for its leave-and-disconnect clean-up (§4.3), so that
 * "Stay" in the browser's leave prompt really keeps the teacher in the lesson. Must run before the app
 * reads window.config: config.js is inlined in <head> (§1.1), so a document_start script traps the
 * assignment; the 2026 app assigns window.config itself when it is missing, which the trap catches too.
 * Side effect (documented in the README): Chrome is phasing out `unload`; where it no longer fires, the
 * server notices the teacher's departure only when the connection times out.
 */
export function keepJitsiFromLeavingOnBeforeUnload(win: Loose): void {
  const patch = (config: unknown): unknown => {
    if (isObject(config)) config.disableBeforeUnloadHandlers = true;
    return config;
  };
  if ('config' in win) {
    patch(win.config); // injected late (e.g. "check this page"): best effort
    return;
  }
  let current: unknown;
  try {
    Object.defineProperty(win, 'config', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        current = patch(value);
      },
    });
  } catch {
    // A page that froze window: nothing to do.
  }
}

/** A role that comes this soon after someone joins was given at joining (Jicofo grants it by presence). */
const ROLE_AT_JOIN_MS = 3_000;
/** Who is listed this soon after our own join was already in the room (the lib reports them one by one). */
const ALREADY_THERE_MS = 1_000;

/**
 * Who was moderator when they joined (e.g. an authenticated teacher), as opposed to a participant made
 * moderator during the lesson. Fed with the participants slice on each of its changes (a busy lesson:
 * many a second, mostly mute and speaker updates), so the work per call is small: the whole list is
 * walked only when its size changed (someone came or went); otherwise only those who joined in the last
 * few seconds are looked at, for a role that comes with their join.
 */
export function createModeratorHistory() {
  const seen = new Map<string, { at: number; beforeUs: boolean; atJoin: boolean }>();
  /** Joined within ROLE_AT_JOIN_MS and not yet moderator: their role may still arrive with the join. */
  const recent = new Set<string>();
  let ourJoin: number | null = null;
  let lastSize = -1;
  const look = (id: string, role: unknown, now: number): void => {
    const moderator = role === 'moderator';
    const entry = seen.get(id);
    if (!entry) {
      seen.set(id, { at: now, beforeUs: now - (ourJoin ?? now) < ALREADY_THERE_MS, atJoin: moderator });
      if (!moderator) recent.add(id);
    } else if (now - entry.at > ROLE_AT_JOIN_MS) recent.delete(id);
    else if (moderator && !entry.atJoin) {
      entry.atJoin = true;
      recent.delete(id);
    }
  };
  return {
    update(participantsSlice: unknown, joined: boolean, now: number): void {
      if (!joined) return;
      ourJoin ??= now;
      const remote = isObject(participantsSlice) && participantsSlice.remote instanceof Map ? participantsSlice.remote : null;
      const size = remote ? remote.size : Array.isArray(participantsSlice) ? participantsSlice.length : 0;
      if (size !== lastSize || !remote) {
        lastSize = size;
        for (const person of remotePeople(participantsSlice)) look(String(person.id), person.role, now);
        return;
      }
      for (const id of recent) {
        const person: unknown = remote.get(id);
        if (isObject(person)) look(id, person.role, now);
        else recent.delete(id);
      }
    },
    /**
     * Moderator from the start. Someone already there when we came is trusted only on a secured server:
     * elsewhere Jicofo's auto-owner made the first student to arrive moderator (§0.9).
     */
    joinedAsModerator(id: string, securedServer: boolean): boolean {
      const entry = seen.get(id);
      return Boolean(entry?.atJoin && (securedServer || !entry.beforeUs));
    },
  };
}

export type ModeratorHistory = ReturnType<typeof createModeratorHistory>;

export interface LeaveInfo {
  /** Everyone in the lesson but the teacher: this room and every other room (breakout rooms, §9.2). */
  remaining: number;
  /** Of those, how many are in other rooms than the teacher's. */
  elsewhere: number;
  /** The teacher is in a breakout room (the others are then in the main room or other breakout rooms). */
  inBreakoutRoom: boolean;
  /** Other moderators who were moderator when they joined: co-teachers who stay with the class. */
  coModerators: string[];
  /** Participants made moderator during the lesson: they hold the rights, but are not teachers. */
  promotedModerators: string[];
  rightsPassToStudent: boolean;
}

/**
 * Should leaving be questioned, and what to tell the teacher? Only while the teacher is the moderator of a
 * joined conference with real people in the lesson: in this room, or in any other room of it — a class
 * working in breakout rooms has left the main room's participant list (§9.2). Counted before Jitsi's own
 * clean-up on leaving (§0.5).
 */
export function leaveInfo(store: JitsiStore, history: ModeratorHistory | null = null): LeaveInfo | null {
  const state = store.getState();
  const slices = readSlices(state);
  const conferenceSlice = isObject(slices.conference) ? slices.conference : {};
  const conference = conferenceSlice.conference;
  if (!isObject(conference) || conference === conferenceSlice.leaving) return null;
  if (typeof conference.isModerator !== 'function' || conference.isModerator() !== true) return null;
  const here = countRemotePeople(slices.participants) ?? 0;
  let inBreakoutRoom = false;
  try {
    const helper = typeof conference.getBreakoutRooms === 'function' ? (conference.getBreakoutRooms as () => unknown)() : null;
    inBreakoutRoom = isObject(helper) && typeof helper.isBreakoutRoom === 'function' && helper.isBreakoutRoom() === true;
  } catch {
    // an older lib without breakout rooms
  }
  const elsewhere = countPeopleElsewhere(slices.breakoutRooms, inBreakoutRoom, here + 1) ?? 0;
  const remaining = here + elsewhere;
  if (remaining === 0) return null;

  const humans = remotePeople(slices.participants);
  const moderators = humans.filter((p) => p.role === 'moderator');
  const config = isObject((state as Loose)[STATE_KEYS.config]) ? ((state as Loose)[STATE_KEYS.config] as Loose) : {};
  const hosts = isObject(config.hosts) ? config.hosts : {};
  // With a secure domain only authenticated users get moderator (§7.2); otherwise Jicofo's auto-owner
  // makes the next occupant moderator, and on "everyone is moderator" servers they all already are.
  const securedServer = Boolean(hosts.anonymousdomain) || conferenceSlice.authEnabled === true;
  const everyoneModerator = moderators.length === humans.length;
  // A co-teacher was moderator when they joined, on a server where not everyone is one; a student the
  // teacher made moderator during the lesson is named as such, and does not make leaving the easy choice.
  const names = (people: Loose[]) => people.map((p) => String(p.name ?? '').slice(0, 100)).filter(Boolean).slice(0, 5);
  const coTeachers = everyoneModerator ? [] : moderators.filter((p) => history?.joinedAsModerator(String(p.id), securedServer) ?? true);
  const promoted = everyoneModerator ? [] : moderators.filter((p) => !coTeachers.includes(p));
  return {
    remaining,
    elsewhere,
    inBreakoutRoom,
    coModerators: names(coTeachers),
    promotedModerators: names(promoted),
    rightsPassToStudent: everyoneModerator || (!securedServer && moderators.length === 0),
  };
}

/**
 * Calls `onSwitch` when the teacher moves between the lesson's rooms: jitsi-meet's moveToRoom leaves the
 * current conference with APP.conference.leaveRoom(false, 'switch_room') and joins another one, with a new
 * JitsiConference object, in the same tab (§9.2). That is not leaving the lesson.
 */
export function watchRoomSwitches(legacyConference: unknown, onSwitch: () => void): void {
  if (!isObject(legacyConference) || typeof legacyConference.leaveRoom !== 'function') return;
  const original = legacyConference.leaveRoom as (...args: unknown[]) => unknown;
  legacyConference.leaveRoom = function leaveRoomWatched(this: unknown, ...args: unknown[]): unknown {
    if (args[1] === 'switch_room') onSwitch();
    return original.apply(this, args);
  };
}

export type LeaveDecision = 'leave' | 'stay' | 'end-and-leave';

/**
 * Jitsi's plain hang-up toolbar button (§4.1) around `target`, if it is one: `.toolbox-button` holding
 * `.hangup-button` (stable/6173+; a tooltip wrapper may sit between), or in 2020–21 the second child of
 * `.button-group-center`. Not the moderator's hang-up *menu* toggle (`.hangup-menu-button`): its items
 * are caught at APP.conference.hangup.
 */
export function hangupButtonOf(target: EventTarget | null): HTMLElement | null {
  const element = target as Element | null;
  if (!element || typeof element.closest !== 'function') return null;
  const button = element.closest<HTMLElement>('.toolbox-button');
  if (!button) return null;
  if (button.querySelector('.hangup-button')) return button;
  const group = button.parentElement;
  return group?.classList.contains('button-group-center') && group.children[1] === button ? button : null;
}

/**
 * Guards every way out the page can catch (§3.4, §4.1, §9.1).
 *
 * - Jitsi's plain hang-up button runs its handler only once per button (lodash `once`): if its click got
 *   through and the leave were then held, the button would be dead after "Stay". So its click (and
 *   Enter/Space) is stopped in the capture phase on `window`, before React sees it; after "Leave" the
 *   same click is replayed and let through, so Jitsi leaves in its own way (it stops a local recording
 *   first).
 * - Everything else (the menu's "Leave meeting", other in-app routes) ends in APP.conference.hangup,
 *   which is wrapped. Jitsi's own hang-ups after being kicked or the room being destroyed pass a reason
 *   and are never held up, nor is anything once `shouldAsk` says no.
 *
 * While a question is open, another attempt only brings it back; the first answer decides.
 */
export function guardLeaving(
  win: Window,
  legacyConference: unknown,
  shouldAsk: () => boolean,
  ask: () => Promise<LeaveDecision>,
  endAndLeave: () => Promise<void>,
): void {
  if (!isObject(legacyConference) || typeof legacyConference.hangup !== 'function') return;
  const original = legacyConference.hangup as (...args: unknown[]) => unknown;
  let asking = false;
  /** The teacher said "Leave": the next hang-up (the replayed click's) goes through. */
  let approvedUntil = 0;
  const approved = (): boolean => performance.now() < approvedUntil;

  const decide = (leave: () => void): void => {
    if (asking) {
      void ask(); // brings the open question back; its answer is the first one's
      return;
    }
    asking = true;
    void ask()
      .then(async (decision) => {
        if (decision === 'leave') {
          // Jitsi's web hang-up may first stop a local recording (up to a second) before it calls hangup.
          approvedUntil = performance.now() + 5_000;
          leave();
        } else if (decision === 'end-and-leave') await endAndLeave();
      })
      // No answer (the question or the end of the lesson failed): the teacher stays in, and is asked again.
      .catch(console.error)
      .finally(() => {
        asking = false;
      });
  };

  legacyConference.hangup = function guardedHangup(this: unknown, ...args: unknown[]): unknown {
    const hangupReason = args[1];
    if (hangupReason !== undefined || approved() || !shouldAsk()) {
      approvedUntil = 0;
      return original.apply(this, args);
    }
    decide(() => original.apply(this, args));
    return undefined;
  };

  const onHangupButton = (event: Event): void => {
    if (event.type === 'keydown' && !['Enter', ' '].includes((event as KeyboardEvent).key)) return;
    const button = hangupButtonOf(event.target);
    if (!button || approved() || !shouldAsk()) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    decide(() => {
      // Replay the click on the button (or its successor, if Jitsi re-rendered it meanwhile).
      const target = button.isConnected ? button : hangupButtonOf(win.document.querySelector('.hangup-button'));
      if (target) target.click();
      else original.call(legacyConference, true);
    });
  };
  win.addEventListener('click', onHangupButton, true);
  win.addEventListener('keydown', onHangupButton, true);
}
