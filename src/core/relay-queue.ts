// What waits to be relayed from an untrusted source (a page's room updates): bounded, newest wins, and
// never more often than a budget allows. Within a phase only the newest state counts, but the last state
// of each phase is kept ("everyone removed, then leaving, then left" must not arrive as "left while 12
// were inside"), for the last MAX_WAITING phases. So at most that many updates wait, however fast the
// source posts. Pure: the caller passes the time.
import { createSendBudget } from './send-budget.ts';

/** conference → leaving → left → welcome is the longest run of phases a real page goes through at once. */
export const MAX_WAITING = 4;

export interface RelayQueue<T> {
  /** Adds the newest update (replaces a waiting one of the same phase). */
  push(update: T): void;
  /** Milliseconds until the next update may go (0: now; Infinity: nothing waits). */
  waitMs(now: number): number;
  /** The next update to send now, or null (nothing waits, or the budget is spent). */
  next(now: number): T | null;
  /** How many updates wait (at most MAX_WAITING). */
  readonly size: number;
}

export function createRelayQueue<T extends { phase: string }>(budget?: { perSecond: number; burst: number }): RelayQueue<T> {
  const sendBudget = budget ? createSendBudget(budget) : null;
  let waiting: T[] = [];
  return {
    push(update) {
      const last = waiting[waiting.length - 1];
      waiting = last?.phase === update.phase ? [...waiting.slice(0, -1), update] : [...waiting, update].slice(-MAX_WAITING);
    },
    waitMs(now) {
      if (!waiting.length) return Infinity;
      return sendBudget ? sendBudget.waitMs(now) : 0;
    },
    next(now) {
      if (!waiting.length || (sendBudget && sendBudget.waitMs(now) > 0)) return null;
      sendBudget?.spend(now);
      const [first, ...rest] = waiting;
      waiting = rest;
      return first ?? null;
    },
    get size() {
      return waiting.length;
    },
  };
}
