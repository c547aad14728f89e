// TEST-ONLY: the simulator's control panel (test/sim/src/app/control-panel.ts, shared with the hand-written
// double) beside jitsi-meet's real web UI, for `npm start` and people trying the companion by hand: only
// with `?panel=open` (the E2E specs click jitsi-meet's own UI and must not find it covered).
import { mountControlPanel } from '../../sim/src/app/control-panel.ts';
import type { FakeServer } from '../../sim/src/lib/fake-server.ts';
import { FAKE_SERVER_SLOT } from '../../sim/src/shared/constants.ts';
import type { JitsiSimController } from '../../sim/src/app/controller.ts';

type Page = { APP?: { store?: { getState(): unknown } }; __jitsiSim?: JitsiSimController; [FAKE_SERVER_SLOT]?: FakeServer };
const page = window as unknown as Page;
// Read now: jitsi-meet takes the query off the address bar once it starts.
const wanted = new URLSearchParams(location.search).get('panel') === 'open';

function mount(): void {
  // Only in a room (the fake server exists) and once the test controller is there.
  if (!wanted || !page[FAKE_SERVER_SLOT] || !page.__jitsiSim || document.getElementById('sim-controls')) return;
  mountControlPanel(
    {
      get store() {
        return page.APP?.store;
      },
      get server() {
        return page[FAKE_SERVER_SLOT];
      },
    },
    page.__jitsiSim,
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
