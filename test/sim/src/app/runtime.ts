// The page's shared wiring between app.ts, APP.conference, the DOM and the test controller.
import type { FakeServer } from '../lib/fake-server.ts';
import type { FakeJitsiConference } from '../lib/jitsi-conference.ts';
import type { FakeJitsiConnection } from '../lib/jitsi-connection.ts';
import type { SimOptions } from '../shared/sim-options.ts';
import type { SimStore } from './store.ts';

export interface Runtime {
  sim: SimOptions;
  server: FakeServer | undefined;
  store: SimStore | undefined;
  connection: FakeJitsiConnection | undefined;
  /** Raw room segment from the URL (facts §1.3), undefined on the welcome page. */
  room: string | undefined;
  /** Effective config (served + hash overrides), as in 'features/base/config'. */
  config: Record<string, unknown>;
  interfaceConfig: Record<string, unknown>;
  micLive: boolean;
  noise: boolean;
  /** Notices shown in the page (termination, kicked, connection lost). */
  notice: string | undefined;
  securityDialogOpen: boolean;
  /** Listeners for runtime-only changes (dialog open, notice) that do not go through redux. */
  onChange: Set<() => void>;
}

export function changed(runtime: Runtime): void {
  for (const listener of runtime.onChange) listener();
}

export type { FakeJitsiConference };
