// LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED noise (facts §5.3): the local analyser samples every 200 ms
// and only changed values are dispatched, so ~3–5 dispatches/s while the mic is live. No reducer
// handles it, but every store subscriber runs — which is the point of simulating it.
import { seededRandom } from '../shared/sim-options.ts';
import * as A from './action-types.ts';
import type { Runtime } from './runtime.ts';

export const AUDIO_LEVEL_SAMPLE_MS = 200;
const CHANCE_OF_CHANGE = 0.8; // 5 samples/s × 0.8 ≈ 4 dispatches/s

/** One 200 ms sample of a talking microphone: the new level, or undefined when it did not change. */
export function audioLevelSampler(seed = 20_240_611): () => number | undefined {
  const random = seededRandom(seed);
  let lastLevel = 0;
  return () => {
    if (random() > CHANCE_OF_CHANGE) return undefined;
    const level = Math.round(random() * 1000) / 1000;
    if (level === lastLevel) return undefined;
    lastLevel = level;
    return level;
  };
}

export function startAudioLevelNoise(runtime: Runtime): () => void {
  const sample = audioLevelSampler();
  const timer = setInterval(() => {
    const store = runtime.store;
    if (!store || !runtime.noise || !runtime.micLive) return;
    if (!store.getState()['features/base/conference'].conference) return;
    const level = sample();
    if (level !== undefined) store.dispatch({ type: A.LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED, level });
  }, AUDIO_LEVEL_SAMPLE_MS);
  return () => clearInterval(timer);
}
