// The visible control panel for humans: `aside#sim-controls`, fixed, outside `#react`, labelled as
// a test double. It uses plain <button>s with data-sim-action and no Jitsi ids, classes or
// aria-labels, so selectors for Jitsi's markers never match it. Mounted by both apps: the hand-written
// double (app.ts) and jitsi-meet's real web UI (test/jitsi-sdk/src/control-panel.ts).
import type { FakeServer } from '../lib/fake-server.ts';
import type { JitsiSimController } from './controller.ts';

/** What the panel needs of the page: the redux store (ours or jitsi-meet's) and the fake server. */
export interface PanelPage {
  readonly store: { getState(): unknown } | undefined;
  readonly server: FakeServer | undefined;
}

const STYLE = `
#sim-controls { position: fixed; top: 8px; right: 8px; z-index: 2147483000; width: 270px; max-height: calc(100vh - 16px);
  overflow: auto; font: 12px/1.35 system-ui, sans-serif; color: #1b1b1b; background: #fff8d6; border: 2px dashed #b58900;
  border-radius: 6px; box-shadow: 0 2px 10px rgba(0,0,0,.35); }
#sim-controls summary { cursor: pointer; padding: 6px 8px; font-weight: 600; }
#sim-controls .sim-body { padding: 0 8px 8px; }
#sim-controls .sim-row { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0; }
#sim-controls button { font: inherit; padding: 2px 6px; border: 1px solid #b58900; background: #fff; border-radius: 3px; cursor: pointer; }
#sim-controls input { font: inherit; width: 110px; }
#sim-controls pre { max-height: 220px; overflow: auto; background: #fff; border: 1px solid #e0d29a; padding: 4px; white-space: pre-wrap; }
`;

export function mountControlPanel(runtime: PanelPage, sim: JitsiSimController): HTMLElement {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);

  const panel = document.createElement('aside');
  panel.id = 'sim-controls';
  panel.setAttribute('aria-label', 'Simulator controls (test double — not part of Jitsi)');
  const details = document.createElement('details');
  details.open = new URLSearchParams(location.search).get('panel') !== 'closed';
  const summary = document.createElement('summary');
  summary.textContent = 'Simulator controls (test double — not part of Jitsi)';
  details.append(summary);
  const body = document.createElement('div');
  body.className = 'sim-body';
  details.append(body);
  panel.append(details);

  const nameInput = document.createElement('input');
  nameInput.placeholder = 'name (optional)';
  const name = () => nameInput.value.trim() || undefined;
  const status = document.createElement('pre');

  const row = (...items: HTMLElement[]) => {
    const div = document.createElement('div');
    div.className = 'sim-row';
    div.append(...items);
    body.append(div);
  };
  const button = (label: string, action: string, run: () => unknown) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.simAction = action;
    b.addEventListener('click', () => {
      try {
        const result = run();
        if (result instanceof Promise) result.catch((error: unknown) => console.warn('[jitsi-sim]', error));
      } catch (error) {
        console.warn('[jitsi-sim]', error);
      }
      refresh();
    });
    return b;
  };
  const firstStudent = () => {
    const summaryState = sim.state() as { occupants: Array<{ id: string; hidden?: string; room: string }> };
    return summaryState.occupants.find((o) => !o.hidden && o.room === 'main')?.id;
  };
  const lastStudent = () => {
    const summaryState = sim.state() as { occupants: Array<{ id: string; hidden?: string }> };
    return summaryState.occupants.filter((o) => !o.hidden).pop()?.id;
  };
  const conference = () =>
    (runtime.store?.getState() as { 'features/base/conference'?: { conference?: { kickParticipant(id: string): void } } } | undefined)?.['features/base/conference']
      ?.conference;

  row(nameInput);
  row(
    button('Student joins', 'join', () => sim.join(name())),
    button('Student knocks', 'knock', () => sim.knock(name())),
    button('Last student leaves', 'leave', () => {
      const id = lastStudent();
      if (id) sim.leave(id);
    }),
  );
  row(
    button('Moderator joins', 'join-moderator', () => sim.join(name(), { moderator: true })),
    button('Recorder (hidden)', 'join-recorder', () => sim.join('Recorder', { hidden: 'recorder' })),
    button('Shared video tile', 'join-shared-video', () => sim.join('Shared video', { fake: 'SharedVideo' })),
  );
  row(
    button('I kick 1st student', 'kick-first', () => {
      const id = firstStudent();
      if (id) conference()?.kickParticipant(id);
    }),
    button('Rejoin after kick: on', 'rejoin-on', () => sim.setRejoinAfterKick(true)),
    button('off', 'rejoin-off', () => sim.setRejoinAfterKick(false)),
  );
  row(
    button('Record (file)', 'record-file', () => sim.startRecording('file')),
    button('Stream', 'record-stream', () => sim.startRecording('stream')),
    button('Stop recording', 'record-stop', () => sim.stopRecording()),
  );
  row(
    button('I am moderator', 'role-moderator', () => sim.setLocalRole('moderator')),
    button('I am participant', 'role-participant', () => sim.setLocalRole('participant')),
  );
  row(
    button('Breakout: first 2 students', 'breakout-open', () => {
      const ids = (sim.state() as { occupants: Array<{ id: string; hidden?: string; room: string }> }).occupants
        .filter((o) => !o.hidden && o.room === 'main')
        .slice(0, 2)
        .map((o) => o.id);
      sim.openBreakoutRoom('Group A', ids);
    }),
    button('Close breakouts', 'breakout-close', () => sim.closeBreakoutRooms()),
  );
  row(
    button('Join (prejoin)', 'join-conference', () => sim.joinConference(name())),
    button('Drop network', 'drop-network', () => sim.dropNetwork()),
    button('Another mod kicks me', 'kick-me', () => sim.kickMe()),
  );
  row(
    button('Noise on', 'noise-on', () => sim.setNoise(true)),
    button('Noise off', 'noise-off', () => sim.setNoise(false)),
  );
  body.append(status);

  let scheduled = false;
  function refresh() {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      try {
        const s = sim.state() as { occupants: Array<{ name: string; role: string; room: string; hidden?: string }>; [key: string]: unknown };
        status.textContent = JSON.stringify(
          {
            occupants: s.occupants.map((o) => `${o.name} (${o.role}${o.hidden ? `, hidden ${o.hidden}` : ''}${o.room === 'main' ? '' : ', breakout'})`),
            local: s.local,
            lobby: s.lobby,
            locked: s.locked,
            password: s.password,
            recording: s.recording,
            breakoutRooms: s.breakoutRooms,
          },
          null,
          1,
        );
      } catch (error) {
        status.textContent = String(error);
      }
    }, 150);
  }
  runtime.server?.on('occupant-joined', refresh);
  runtime.server?.on('occupant-left', refresh);
  runtime.server?.on('role-changed', refresh);
  runtime.server?.on('lock-changed', refresh);
  runtime.server?.on('members-only-changed', refresh);
  runtime.server?.on('lobby-joined', refresh);
  runtime.server?.on('lobby-left', refresh);
  runtime.server?.on('recording-changed', refresh);
  runtime.server?.on('breakout-updated', refresh);
  setInterval(refresh, 2000);
  refresh();
  document.body.append(panel);
  return panel;
}
