// @ts-check
// The busy lesson's figures: one run's raw data (page posts, worker receipts, popup renders, the load's
// event log, CDP metrics) worked out into messages/s, latencies and main-thread cost (analyse), and the
// runs of a scenario into medians (summarise).
import { median, quantile, round } from './common.mjs';

/**
 * @typedef {{t: number, key: string, participants: number | null, knocking: number | null}} Post
 * @typedef {Post & {tabId?: number, phase?: string, badgeAt: number | null}} Receipt
 * @typedef {{t: number, kind: string, dispatches: number, participants: number, knocking: number}} LoadEvent
 * @typedef {Record<string, {ms: number, calls: number}>} CostTotals one world's meter (src/shared/dev-cost.ts)
 * @typedef {{page: CostTotals | null, content: CostTotals | null}} Meter null: that world has no meter
 * @typedef {{metrics: Record<string, number>, clock: {t: number, load: any, meter?: Meter}}} Mark
 * @typedef {{t: number, participants: number | null, knocking: number | null}} PopupRender
 */

/**
 * Pairs each page post with the worker's receipt of the same snapshot, in order (the content script
 * relays one to one). @param {Post[]} posts @param {Receipt[]} receipts
 */
function matchReceipts(posts, receipts) {
  /** @type {(Receipt | null)[]} */
  const matched = [];
  let next = 0;
  for (const post of posts) {
    let found = null;
    for (let k = next; k < receipts.length && k < next + 50; k++) {
      const receipt = /** @type {Receipt} */ (receipts[k]);
      if (receipt.t < post.t - 5) {
        next = k + 1;
        continue;
      }
      if (receipt.key === post.key) {
        found = receipt;
        next = k + 1;
        break;
      }
    }
    matched.push(found);
  }
  return matched;
}

/**
 * @param {{ws: number, we: number, startExt: Mark | undefined, endExt: Mark | undefined, startPlain: Mark | undefined, endPlain: Mark | undefined,
 *   pageData: {posts: Post[], events: number[], log: LoadEvent[]}, workerData: {receipts: Receipt[], other: number},
 *   popupRenders: PopupRender[] | null, heap: any}} data
 */
export function analyse({ ws, we, startExt, endExt, startPlain, endPlain, pageData, workerData, popupRenders: renders, heap }) {
  // Without the popup's renders (it reloaded), the popup figures of this run are left out, not counted as missed.
  const popupLost = renders === null;
  const popupRenders = renders ?? [];
  const seconds = (we - ws) / 1000;
  const inWindow = (/** @type {number} */ t) => t >= ws && t <= we;
  const { posts, log } = pageData;
  const receipts = workerData.receipts;
  const matched = matchReceipts(posts, receipts);
  const stateKey = (/** @type {{participants: number | null, knocking: number | null}} */ s) => `${s.participants}/${s.knocking}`;

  // Store changes in the window: every redux dispatch (load + noise + the app's own).
  const dispatches = (endExt?.clock.load.storeDispatches ?? 0) - (startExt?.clock.load.storeDispatches ?? 0);
  const dispatchesPlain = (endPlain?.clock.load.storeDispatches ?? 0) - (startPlain?.clock.load.storeDispatches ?? 0);

  // Each post should carry the state after the last load event before it (the page script derives synchronously).
  let consistent = 0;
  let checked = 0;
  for (const post of posts) {
    if (!inWindow(post.t)) continue;
    const last = [...log].reverse().find((event) => event.t < post.t);
    if (!last) continue;
    checked++;
    if (stateKey(last) === stateKey(post)) consistent++;
  }

  // The open popup: which post each of its renders shows — the newest post the worker had received by
  // then with the head count and lobby size the popup's DOM shows (the popup may lag behind the worker,
  // and may skip a state that was replaced before it rendered).
  const shownPost = popupRenders.map((render) => {
    for (let q = posts.length - 1; q >= 0; q--) {
      const receipt = matched[q];
      if (receipt && receipt.t <= render.t && stateKey(/** @type {Post} */ (posts[q])) === stateKey(render)) return q;
    }
    return -1;
  });

  // Latency: from a load event that changed the snapshot (participants or knocking) to the worker's
  // receipt of the first snapshot posted after it. An event whose change was undone before any post
  // (the page's state went back to what the background already had) needs no message: "absorbed".
  // Popup: to the first render of the open popup that shows that post or a later one.
  /** @type {number[]} */ const latency = [];
  /** @type {number[]} */ const wait = [];
  /** @type {number[]} */ const badge = [];
  /** @type {number[]} */ const popupLatency = [];
  /** @type {number[]} */ const backgroundToPopup = [];
  let popupMissed = 0;
  let absorbed = 0;
  let undelivered = 0;
  const kinds = /** @type {Record<string, number>} */ ({});
  let snapshotChanges = 0;
  for (let i = 1; i < log.length; i++) {
    const event = /** @type {LoadEvent} */ (log[i]);
    const before = /** @type {LoadEvent} */ (log[i - 1]);
    if (!inWindow(event.t) || stateKey(event) === stateKey(before)) continue;
    snapshotChanges++;
    const p = posts.findIndex((post) => post.t >= event.t);
    const post = posts[p];
    const previous = posts[p - 1];
    if (!post || !previous) {
      undelivered++;
      continue;
    }
    const undone = log.some((other, j) => j >= i && other.t < post.t && stateKey(other) === stateKey(previous));
    if (undone) {
      absorbed++;
      continue;
    }
    const receipt = matched[p];
    if (!receipt) {
      undelivered++;
      continue;
    }
    kinds[event.kind] = (kinds[event.kind] ?? 0) + 1;
    latency.push(receipt.t - event.t);
    wait.push(post.t - event.t);
    const countChanged = event.participants !== before.participants && post.participants !== previous.participants;
    if (countChanged && receipt.badgeAt !== null) badge.push(receipt.badgeAt - event.t);
    const r = popupRenders.findIndex((render, k) => render.t >= event.t && (shownPost[k] ?? -1) >= p);
    const render = popupRenders[r];
    if (!render) {
      if (!popupLost) popupMissed++;
      continue;
    }
    popupLatency.push(render.t - event.t);
    backgroundToPopup.push(render.t - receipt.t);
  }
  /** @type {number[]} */ const transit = [];
  /** @type {number[]} */ const postToBadge = [];
  posts.forEach((post, p) => {
    const receipt = matched[p];
    if (!receipt || !inWindow(post.t)) return;
    transit.push(receipt.t - post.t);
    const previous = posts[p - 1];
    if (receipt.badgeAt !== null && previous && previous.participants !== post.participants) postToBadge.push(receipt.badgeAt - post.t);
  });

  const delta = (/** @type {Mark | undefined} */ a, /** @type {Mark | undefined} */ b, /** @type {string} */ name) => (b?.metrics[name] ?? NaN) - (a?.metrics[name] ?? NaN);
  const withExt = { ScriptDuration: delta(startExt, endExt, 'ScriptDuration'), TaskDuration: delta(startExt, endExt, 'TaskDuration') };
  const without = { ScriptDuration: delta(startPlain, endPlain, 'ScriptDuration'), TaskDuration: delta(startPlain, endPlain, 'TaskDuration') };
  const stats = (/** @type {number[]} */ values) => ({ samples: values.length, min: round(values.length ? Math.min(...values) : null, 1), median: round(quantile(values, 0.5), 1), p95: round(quantile(values, 0.95), 1), max: round(values.length ? Math.max(...values) : null, 1) });

  return {
    windowSeconds: round(seconds, 2),
    storeChangesPerSecond: { withExtension: round(dispatches / seconds, 2), withoutExtension: round(dispatchesPlain / seconds, 2) },
    loadEventsPerSecond: round(log.filter((event) => inWindow(event.t)).length / seconds, 2),
    snapshotChangingEventsPerSecond: round(snapshotChanges / seconds, 2),
    loadEventsInWindow: log.filter((event) => inWindow(event.t)).reduce((counts, event) => ({ ...counts, [event.kind]: (counts[event.kind] ?? 0) + 1 }), /** @type {Record<string, number>} */ ({})),
    messages: {
      pageToContentPerSecond: round(posts.filter((post) => inWindow(post.t)).length / seconds, 2),
      pageToContentSeenAsMessageEventsPerSecond: round(pageData.events.filter(inWindow).length / seconds, 2),
      contentToBackgroundPerSecond: round(receipts.filter((receipt) => inWindow(receipt.t)).length / seconds, 2),
      otherRuntimeMessagesWholeRun: workerData.other,
      postsMatchedToReceipts: `${matched.filter(Boolean).length}/${posts.length}`,
      postsConsistentWithLoadLog: `${consistent}/${checked}`,
    },
    latencyMs: {
      changeToBackground: stats(latency),
      changeToBadge: stats(badge),
      pageCoalescingWait: stats(wait),
      postToBackgroundTransit: stats(transit),
      postToBadge: stats(postToBadge),
      changeToOpenPopup: stats(popupLatency),
      backgroundToOpenPopup: stats(backgroundToPopup),
      popupRendersInWindow: popupRenders.filter((render) => inWindow(render.t)).length,
      popupMissed,
      popupLost,
      snapshotChangesMeasured: latency.length,
      byKind: kinds,
      absorbedBeforeSending: absorbed,
      undelivered,
    },
    mainThread: {
      seconds: { withExtension: roundAll(withExt, 4), withoutExtension: roundAll(without, 4) },
      // The extension's cost per room change it has to report: script time of each page over the window
      // per snapshot-changing load event, and the difference (page script + content script + what the
      // extension makes the browser do on that thread).
      // The same per snapshot-changing event, subtracted between the two browsers: on the real UI the
      // page's own ≈ 50 ms of script a second varies by more than the extension costs (± 1 ms per event).
      scriptMsPerSnapshotChange: {
        withExtension: round((withExt.ScriptDuration * 1000) / snapshotChanges, 4),
        withoutExtension: round((without.ScriptDuration * 1000) / snapshotChanges, 4),
        added: round(((withExt.ScriptDuration - without.ScriptDuration) * 1000) / snapshotChanges, 4),
      },
      ratio: { ScriptDuration: round(withExt.ScriptDuration / without.ScriptDuration, 3), TaskDuration: round(withExt.TaskDuration / without.TaskDuration, 3) },
      extraMsPerSecond: {
        ScriptDuration: round(((withExt.ScriptDuration - without.ScriptDuration) * 1000) / seconds, 3),
        TaskDuration: round(((withExt.TaskDuration - without.TaskDuration) * 1000) / seconds, 3),
      },
      /** The dev build's own meter (null: the build has none). */
      metered: meteredCost(startExt, endExt, { snapshotChanges, seconds, plainScriptSeconds: without.ScriptDuration }),
    },
    heap,
  };
}

/**
 * The dev build's own meter over the window (src/shared/dev-cost.ts): what each entry point of the page
 * script and the content script spent on the lesson page's main thread, timed by the extension itself, so
 * no difference of two browsers' noisy totals. Entries by world (`page:send`, `content:relay-timer`, …),
 * all of them summed but the `within-…` parts of another entry; null when the build has no meter (release builds, older builds).
 * @param {Mark | undefined} start @param {Mark | undefined} end @param {{snapshotChanges: number, seconds: number, plainScriptSeconds: number}} window
 */
function meteredCost(start, end, { snapshotChanges, seconds, plainScriptSeconds }) {
  const worlds = /** @type {const} */ (['page', 'content']);
  const present = worlds.filter((world) => end?.clock.meter?.[world]);
  if (!present.length) return null;
  /** @type {Record<string, {ms: number | null, calls: number, usPerCall: number | null}>} */
  const entries = {};
  let totalMs = 0;
  for (const world of present) {
    const after = /** @type {CostTotals} */ (end?.clock.meter?.[world]);
    const before = start?.clock.meter?.[world] ?? {};
    for (const [name, { ms, calls }] of Object.entries(after)) {
      const spent = ms - (before[name]?.ms ?? 0);
      const count = calls - (before[name]?.calls ?? 0);
      // `within-…`: a part of another entry, timed apart (the port send inside page:send): shown, not added.
      if (!name.startsWith('within-')) totalMs += spent;
      entries[`${world}:${name}`] = { ms: round(spent, 3), calls: count, usPerCall: count ? round((spent * 1000) / count, 1) : null };
    }
  }
  return {
    worlds: Object.fromEntries(worlds.map((world) => [world, present.includes(world)])),
    totalMs: round(totalMs, 3),
    msPerSnapshotChange: round(totalMs / snapshotChanges, 4),
    msPerSecond: round(totalMs / seconds, 3),
    // The plain page's script time is what the lesson costs without us; ours on top of it.
    ratio: round((plainScriptSeconds * 1000 + totalMs) / (plainScriptSeconds * 1000), 4),
    entries,
  };
}

/** @param {Record<string, number>} values @param {number} digits */
export function roundAll(values, digits) {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value, digits)]));
}

/** @param {any[]} runs */
export function summarise(runs) {
  const pick = (/** @type {(run: any) => number | null | undefined} */ f) => round(median(runs.map(f)), 2);
  const absorbed = runs.reduce((sum, run) => sum + run.latencyMs.absorbedBeforeSending, 0);
  const measured = runs.reduce((sum, run) => sum + run.latencyMs.snapshotChangesMeasured, 0);
  return {
    storeChangesPerSecond: pick((r) => r.storeChangesPerSecond.withExtension),
    snapshotChangingEventsPerSecond: pick((r) => r.snapshotChangingEventsPerSecond),
    pageToContentPerSecond: pick((r) => r.messages.pageToContentPerSecond),
    contentToBackgroundPerSecond: pick((r) => r.messages.contentToBackgroundPerSecond),
    latencyMedianMs: pick((r) => r.latencyMs.changeToBackground.median),
    latencyP95Ms: pick((r) => r.latencyMs.changeToBackground.p95),
    waitMedianMs: pick((r) => r.latencyMs.pageCoalescingWait.median),
    waitP95Ms: pick((r) => r.latencyMs.pageCoalescingWait.p95),
    transitMedianMs: pick((r) => r.latencyMs.postToBackgroundTransit.median),
    transitP95Ms: pick((r) => r.latencyMs.postToBackgroundTransit.p95),
    badgeMedianMs: pick((r) => r.latencyMs.changeToBadge.median),
    badgeP95Ms: pick((r) => r.latencyMs.changeToBadge.p95),
    popupLatencyMedianMs: pick((r) => r.latencyMs.changeToOpenPopup.median),
    popupLatencyP95Ms: pick((r) => r.latencyMs.changeToOpenPopup.p95),
    backgroundToPopupMedianMs: pick((r) => r.latencyMs.backgroundToOpenPopup.median),
    backgroundToPopupP95Ms: pick((r) => r.latencyMs.backgroundToOpenPopup.p95),
    popupMissed: runs.reduce((sum, run) => sum + run.latencyMs.popupMissed, 0),
    popupLostRuns: runs.filter((run) => run.latencyMs.popupLost).length,
    popupOpenMedianMs: pick((r) => r.popupOpen.toChecklistCompleteMs.median),
    popupOpenP95Ms: pick((r) => r.popupOpen.toChecklistCompleteMs.p95),
    popupOpenDomContentLoadedMedianMs: pick((r) => r.popupOpen.toDomContentLoadedMs.median),
    popupOpens: runs.reduce((sum, run) => sum + run.popupOpen.opens, 0),
    endOfLessonMedianMs: round(median(runs.flatMap((r) => r.endOfLesson.map((/** @type {any} */ end) => end.resultMs))), 1),
    endOfLessonLastGoneMedianMs: round(median(runs.flatMap((r) => r.endOfLesson.map((/** @type {any} */ end) => end.lastStudentGoneMs))), 1),
    endOfLessonKicks: runs
      .flatMap((r) => r.endOfLesson)
      .reduce((/** @type {Record<string, number>} */ sum, end) => {
        for (const [outcome, n] of Object.entries(end.kicksByOutcome ?? {})) sum[outcome] = (sum[outcome] ?? 0) + n;
        return sum;
      }, {}),
    endOfLessonEmpty: `${runs.flatMap((r) => r.endOfLesson).filter((end) => end.reportedEmpty).length}/${runs.flatMap((r) => r.endOfLesson).length}`,
    absorbedShare: `${absorbed}/${absorbed + measured}`,
    scriptRatio: round(median(runs.map((r) => r.mainThread.ratio.ScriptDuration)), 3),
    taskRatio: round(median(runs.map((r) => r.mainThread.ratio.TaskDuration)), 3),
    extraScriptMsPerSecond: pick((r) => r.mainThread.extraMsPerSecond.ScriptDuration),
    scriptMsPerChangeWith: round(median(runs.map((r) => r.mainThread.scriptMsPerSnapshotChange?.withExtension)), 3),
    scriptMsPerChangeWithout: round(median(runs.map((r) => r.mainThread.scriptMsPerSnapshotChange?.withoutExtension)), 3),
    addedScriptMsPerChange: round(median(runs.map((r) => r.mainThread.scriptMsPerSnapshotChange?.added)), 3),
    addedScriptMsPerChangeRuns: runs.map((r) => round(r.mainThread.scriptMsPerSnapshotChange?.added, 3)),
    scriptRatioRuns: runs.map((r) => r.mainThread.ratio.ScriptDuration),
    ...summariseMetered(runs),
    profileExtensionOnStackMsPerChange: round(
      median(runs.map((r) => (r.profile?.extensionOnStackMs == null ? null : r.profile.extensionOnStackMs / Math.max(1, r.snapshotChangingEventsPerSecond * r.windowSeconds)))),
      3,
    ),
    workerHeapUsedBytes: median(runs.map((r) => r.heap.worker?.usedBytes)),
    workerHeapAfterGcBytes: median(runs.map((r) => r.heap.worker?.usedAfterGcBytes)),
    pageHeapWithBytes: median(runs.map((r) => r.heap.pageWithExtension.usedBytes)),
    pageHeapWithoutBytes: median(runs.map((r) => r.heap.pageWithoutExtension.usedBytes)),
    pageHeapWithAfterGcBytes: median(runs.map((r) => r.heap.pageWithExtension.usedAfterGcBytes)),
    pageHeapWithoutAfterGcBytes: median(runs.map((r) => r.heap.pageWithoutExtension.usedAfterGcBytes)),
  };
}


/**
 * The meter's medians over runs (null figures: no run had a meter). An entry a metered run never called
 * counts as 0 ms there. @param {any[]} runs
 */
function summariseMetered(runs) {
  const metered = runs.map((r) => r.mainThread.metered ?? null).filter((m) => m !== null);
  if (!metered.length) return { meteredMsPerChange: null, meteredMsPerChangeRuns: runs.map(() => null), meteredMsPerSecond: null, meteredRatio: null, meteredRatioRuns: runs.map(() => null), meteredEntries: null };
  const names = [...new Set(metered.flatMap((m) => Object.keys(m.entries)))].sort();
  const entries = Object.fromEntries(
    names.map((name) => {
      const of = metered.map((m) => m.entries[name] ?? { ms: 0, calls: 0, usPerCall: null });
      return [name, { ms: round(median(of.map((e) => e.ms)), 2), calls: median(of.map((e) => e.calls)), usPerCall: round(median(of.map((e) => e.usPerCall)), 1) }];
    }),
  );
  return {
    meteredMsPerChange: round(median(metered.map((m) => m.msPerSnapshotChange)), 4),
    meteredMsPerChangeRuns: runs.map((r) => round(r.mainThread.metered?.msPerSnapshotChange, 4)),
    meteredMsPerSecond: round(median(metered.map((m) => m.msPerSecond)), 3),
    meteredRatio: round(median(metered.map((m) => m.ratio)), 4),
    meteredRatioRuns: runs.map((r) => round(r.mainThread.metered?.ratio, 4)),
    meteredEntries: entries,
  };
}
