import { describe, expect, it } from 'vitest';
import { createRelayQueue, MAX_WAITING } from './relay-queue.ts';

const u = (phase: string, n: number) => ({ phase, n });

describe('relay queue', () => {
  it('keeps only the newest update of a phase', () => {
    const queue = createRelayQueue<ReturnType<typeof u>>();
    for (let n = 0; n < 1000; n += 1) queue.push(u('conference', n));
    expect(queue.size).toBe(1);
    expect(queue.next(0)).toEqual(u('conference', 999));
    expect(queue.next(0)).toBeNull();
    expect(queue.waitMs(0)).toBe(Infinity);
  });

  it('keeps the last state of each phase, in order: "everyone removed, then leaving, then left"', () => {
    const queue = createRelayQueue<ReturnType<typeof u>>();
    queue.push(u('conference', 12));
    queue.push(u('conference', 0));
    queue.push(u('leaving', 0));
    queue.push(u('left', 0));
    expect(queue.size).toBe(3);
    expect([queue.next(0), queue.next(0), queue.next(0)]).toEqual([u('conference', 0), u('leaving', 0), u('left', 0)]);
    queue.push(u('conference', 3));
    queue.push(u('left', 0));
    queue.push(u('left', 1));
    expect([queue.next(0), queue.next(0)]).toEqual([u('conference', 3), u('left', 1)]);
  });

  it('never holds more than MAX_WAITING, however a source alternates phases; the newest are kept', () => {
    const queue = createRelayQueue<ReturnType<typeof u>>();
    for (let n = 0; n < 10_000; n += 1) queue.push(u(n % 2 ? 'left' : 'conference', n));
    expect(queue.size).toBe(MAX_WAITING);
    expect(queue.next(0)).toEqual(u('conference', 9996));
    expect(queue.next(0)).toEqual(u('left', 9997));
  });

  it('with a budget: a burst goes at once, then no more than the rate', () => {
    const queue = createRelayQueue<ReturnType<typeof u>>({ perSecond: 5, burst: 2 });
    let sent = 0;
    for (let ms = 0; ms <= 10_000; ms += 10) {
      queue.push(u(ms % 20 ? 'left' : 'conference', ms));
      while (queue.next(ms)) sent += 1;
    }
    // 2 at once, then 5 per second for 10 s
    expect(sent).toBeGreaterThanOrEqual(50);
    expect(sent).toBeLessThanOrEqual(52);
    expect(queue.waitMs(10_000)).toBeGreaterThan(0);
  });
});
