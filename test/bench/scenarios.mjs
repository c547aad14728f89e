// @ts-check
// What the bench runs and judges: the budgets (from the briefs and issues) and the scenarios of the busy lesson.
import { BUNDLE_BUDGETS } from '../../scripts/bundle-sizes.mjs';

/** Budgets from the brief; `max` is inclusive. */
export const BUDGETS = {
  pageMessagesPerSecond: 5,
  backgroundMessagesPerSecond: 5,
  latencyMedianMs: 30,
  latencyP95Ms: 100,
  popupLatencyMedianMs: 30,
  popupLatencyP95Ms: 100,
  popupOpenMedianMs: 100,
  mainThreadRatio: 1.02,
  /**
   * The extension's main-thread script time (page + content script) per snapshot-changing event: judged on the
   * dev build's own meter (the difference between two browsers is noisier than the budget on the real UI).
   */
  addedScriptMsPerSnapshotChange: 0.08,
  ...BUNDLE_BUDGETS,
};

/**
 * What kind of traffic the load makes (`mix` of __jitsiSim.startLoad, relative shares) and how much of it
 * (`rate`: load changes/s, i.e. the redux dispatches its events cause at once; null: --rate, 40). Only
 * join/leave and lobby events change the room snapshot the extension sends. On jitsi-meet's real UI an event
 * causes several dispatches (smoke run 2026-12-05: join or leave ≈ 6–7, admit ≈ 10, knock ≈ 2, dominant
 * speaker ≈ 3; a remote mute none, as there are no remote tracks, but it still takes one unit of the rate),
 * so the stress and busy rates are set for their snapshot-changing events/s.
 */
export const SCENARIOS = {
  lesson: {
    mix: { dominantSpeaker: 40, mute: 40, joinLeave: 12, lobby: 8 },
    rate: null, // --rate, 40: ≈ 3 snapshot-changing events/s on the real UI (16 gave 1.3, 36 gave 2.5)
    about: 'a busy but real lesson: mostly talk (dominant speaker) and mute toggles, some comings and goings and knocks',
  },
  stress: {
    mix: { dominantSpeaker: 35, mute: 30, joinLeave: 20, lobby: 15 },
    rate: 56, // ≈ 6 snapshot-changing events/s on the real UI (16 gave 1.8)
    about:
      'the load\'s default mix, a stress test: more snapshot changes than the 5 messages/s budget can carry, so over a minute changes must wait for a send slot and merge; the latency budget is then out of reach by arithmetic, whatever the extension does',
  },
  busy: {
    mix: { dominantSpeaker: 20, mute: 20, joinLeave: 45, lobby: 15 },
    rate: 75, // ≈ 10 snapshot-changing events/s on the real UI (18 gave 2.4)
    about:
      'a busy class (issue 18): about 10 snapshot-changing events/s (mostly joins and leaves, some knocks) among talk and mute changes, 60 students, with the audio-level noise; twice what the 5 messages/s budget carries, so most changes merge',
  },
};
/** @typedef {keyof typeof SCENARIOS} ScenarioName */
