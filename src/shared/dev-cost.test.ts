import { afterEach, describe, expect, it, vi } from 'vitest';
import { exposeOnPage, metered, PAGE_COST_KEY, type CostTotals } from './dev-cost.ts';

describe('the dev build’s meter', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sums the time and calls of each entry point, counts a nested metered call once (in its caller), and keeps what the function returns or throws', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const inner = metered('inner-entry', () => {
      now += 2;
      return 'inner';
    });
    const outer = metered('outer-entry', (x: number) => {
      now += 1;
      return `${inner()}+${x}`;
    });
    expect(outer(5)).toBe('inner+5');
    expect(outer(6)).toBe('inner+6');
    expect(inner()).toBe('inner');
    const failing = metered('failing-entry', () => {
      now += 4;
      throw new Error('boom');
    });
    expect(failing).toThrow('boom');
    const totals = {} as Record<symbol, CostTotals>;
    vi.stubGlobal('window', totals);
    exposeOnPage();
    expect(totals[PAGE_COST_KEY]).toEqual({
      'outer-entry': { ms: 6, calls: 2 },
      'inner-entry': { ms: 2, calls: 1 },
      'failing-entry': { ms: 4, calls: 1 },
    });
    // After a throw the next call is an entry of its own again.
    expect(inner()).toBe('inner');
    expect(totals[PAGE_COST_KEY]!['inner-entry']).toEqual({ ms: 4, calls: 2 });
  });
});
