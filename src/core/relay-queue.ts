// What waits to be relayed from an untrusted source (a page's room updates): bounded, newest wins, and
// never more often than a budget allows. Only the newest state counts, except that the last state
// before a change of phase is kept ("everyone removed, then I left" must not arrive as "left while 12
// were inside"). So at most two updates wait, however fast the source posts. Pure: the caller passes
// the time.
import { createSendBudget } from './send-budget.ts';

export interface RelayQueue<T> {
  /** Adds the newest update (replaces a waiting one of the same phase). */
  push(update: T): void;
  /** Milliseconds until the next update may go (0: now; Infinity: nothing waits). */
  waitMs(now: number): number;
  /** The next update to send now, or null (nothing waits, or the budget is spent). */
  next(now: number): T | null;
  /** How many updates wait (at most 2). */
  readonly size: number;
}

export function createRelayQueue<T extends { phase: string }>(budget?: { perSecond: number; burst: number }): RelayQueue<T> {
  const sendBudget = budget ? createSendBudget(budget) : null;
  let waiting: T[] = [];
  return {
    push(update) {
      const last = waiting[waiting.length - 1];
      waiting = last === undefined ? [update] : last.phase === update.phase ? [...waiting.slice(0, -1), update] : [last, update];
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
