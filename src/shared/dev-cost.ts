// Dev builds only: the main-thread time a script of ours spends on the lesson page, summed per entry point
// (a redux listener, a timer, an event listener), for the bench (test/bench/README.md). Subtracting two
// browsers' script time cannot show a fraction of a millisecond beside jitsi-meet's own 50 ms a second.
// Callers use it only under `__DEV_FLAVOUR__ ? … : …`, so release builds keep nothing of it.

/** Entries named `within-…` are parts of another entry (shown apart, not to be added to the sum). */
export type CostTotals = Record<string, { ms: number; calls: number }>;

/** The page script's totals, as a property of the page's window; the content script's, by event. */
export const PAGE_COST_KEY = Symbol.for('jitsi-moderator-companion.cost');
export const CONTENT_COST_QUERY_EVENT = 'jitsi-moderator-companion:cost-query';
export const CONTENT_COST_EVENT = 'jitsi-moderator-companion:cost';

const totals: CostTotals = {};
/** Inside a metered call: a nested one (the content script's listener inside the page's dispatch is not nested here, it is another world) counts once. */
let inside = false;

export function metered<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    if (inside) return fn(...args);
    inside = true;
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      inside = false;
      const entry = (totals[name] ??= { ms: 0, calls: 0 });
      entry.ms += performance.now() - start;
      entry.calls += 1;
    }
  };
}

/** The page script: its totals on window (the bench reads them in the page's own world). */
export function exposeOnPage(): void {
  Object.defineProperty(window, PAGE_COST_KEY, { value: totals });
}

/** The content script: answers the bench's query event with its totals (JSON in the event's detail). */
export function answerCostQueries(): void {
  document.addEventListener(CONTENT_COST_QUERY_EVENT, () => {
    document.dispatchEvent(new CustomEvent(CONTENT_COST_EVENT, { detail: JSON.stringify(totals) }));
  });
}
