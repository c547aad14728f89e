import { describe, expect, it } from 'vitest';
import { createSendBudget } from './send-budget.ts';

describe('send budget', () => {
  it('lets single changes through at once and spreads a burst to the rate', () => {
    const budget = createSendBudget({ perSecond: 4, burst: 3 });
    let now = 1_000;
    for (let i = 0; i < 3; i++) {
      expect(budget.waitMs(now)).toBe(0);
      budget.spend(now);
    }
    // The burst is used up: the next one waits for a token (250 ms at 4/s).
    expect(budget.waitMs(now)).toBe(250);
    now += 100;
    expect(budget.waitMs(now)).toBe(150);
    now += 150;
    expect(budget.waitMs(now)).toBe(0);
  });

  it('never sends more than the rate (plus the burst) however many changes come', () => {
    const budget = createSendBudget({ perSecond: 4, burst: 3 });
    let sent = 0;
    // A change every 10 ms for 60 s: send whenever the budget allows.
    for (let now = 0; now < 60_000; now += 10) {
      if (budget.waitMs(now) === 0) {
        budget.spend(now);
        sent++;
      }
    }
    expect(sent).toBeLessThanOrEqual(4 * 60 + 3);
    expect(sent).toBeGreaterThanOrEqual(4 * 60 - 1);
  });

  it('after a quiet time, a change goes out at once again', () => {
    const budget = createSendBudget({ perSecond: 4, burst: 3 });
    for (let i = 0; i < 5; i++) budget.spend(0);
    expect(budget.waitMs(0)).toBeGreaterThan(0);
    expect(budget.waitMs(10_000)).toBe(0);
  });
});
