// How often the page script may post a room update: a token bucket. Single changes (a student joins,
// someone knocks) go out at once; a burst (a class arriving together) is spread out so a busy lesson
// never sends more than `perSecond` on average. Pure: the caller passes the time.

export interface SendBudget {
  /** Milliseconds until a message may be sent (0: now). */
  waitMs(now: number): number;
  /** Takes one message's worth; call when sending. */
  spend(now: number): void;
}

export function createSendBudget({ perSecond, burst }: { perSecond: number; burst: number }): SendBudget {
  let tokens = burst;
  let updatedAt = -Infinity;
  const refill = (now: number): void => {
    tokens = Math.min(burst, tokens + ((now - updatedAt) * perSecond) / 1000);
    updatedAt = now;
  };
  return {
    waitMs(now) {
      refill(now);
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / perSecond);
    },
    spend(now) {
      refill(now);
      tokens -= 1;
    },
  };
}
