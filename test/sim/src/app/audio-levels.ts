// LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED noise (facts §5.3): the local analyser samples every 200 ms
// and only changed values are dispatched, so ~3–5 dispatches/s while the mic is live. No reducer
// handles it, but every store subscriber runs — which is the point of simulating it.
import { seededRandom } from '../shared/sim-options.ts';
import * as A from './action-types.ts';
import type { Runtime } from './runtime.ts';

const SAMPLE_INTERVAL_MS = 200;
const CHANCE_OF_CHANGE = 0.8; // 5 samples/s × 0.8 ≈ 4 dispatches/s

export function startAudioLevelNoise(runtime: Runtime): () => void {
  const random = seededRandom(20_240_611);
  let lastLevel = 0;
  const timer = setInterval(() => {
    const store = runtime.store;
    if (!store || !runtime.noise || !runtime.micLive) return;
    if (!store.getState()['features/base/conference'].conference) return;
    if (random() > CHANCE_OF_CHANGE) return;
    const level = Math.round(random() * 1000) / 1000;
    if (level === lastLevel) return;
    lastLevel = level;
    store.dispatch({ type: A.LOCAL_PARTICIPANT_AUDIO_LEVEL_CHANGED, level });
  }, SAMPLE_INTERVAL_MS);
  return () => clearInterval(timer);
}
