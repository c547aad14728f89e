// Fake lib-jitsi-meet `JitsiConnection`. The XMPP layer's unload behaviour matters for the extension:
// it disconnects on `beforeunload` *and* `unload` (only `unload` with disableBeforeUnloadHandlers),
// immediately, before any "Leave site?" prompt is answered (facts §4.3; LJM modules/xmpp/xmpp.ts).
import { CONNECTION_ERRORS, CONNECTION_EVENTS } from '../shared/constants.ts';
import { Emitter } from '../shared/emitter.ts';
import { SERVER_EVENTS, type FakeServer } from './fake-server.ts';
import { FakeJitsiConference } from './jitsi-conference.ts';
import { tolerant } from './tolerant.ts';

export interface ConnectionOptions {
  hiddenDomain?: string;
  disableBeforeUnloadHandlers?: boolean;
  [key: string]: unknown;
}

export class FakeJitsiConnection extends Emitter {
  readonly options: ConnectionOptions;
  private readonly server: FakeServer;
  private readonly conferences = new Set<FakeJitsiConference>();
  private connected = false;
  private readonly onUnload = () => this.disconnect();
  private readonly onDropped = () => {
    if (!this.connected) return;
    this.closeConferences();
    this.connected = false;
    this.emit(CONNECTION_EVENTS.CONNECTION_FAILED, CONNECTION_ERRORS.CONNECTION_DROPPED_ERROR, 'connection dropped');
  };

  /** The lib's XMPP layer, which jitsi-meet peeks at (its jid, the focus/moderator helper). */
  readonly xmpp: { connection: { jid: string }; moderator: object };

  constructor(server: FakeServer, _appId: string | null, _token: string | null, options: ConnectionOptions = {}) {
    super();
    this.server = server;
    this.options = options;
    this.xmpp = tolerant({ connection: { jid: this.getJid() }, moderator: tolerant({}, 'Connection.xmpp.moderator') }, 'Connection.xmpp');
  }

  attach(options: unknown = {}): void {
    this.connect(options);
  }

  setToken(_token: string): void {}

  getConnectionTimes(): Record<string, number> {
    return {};
  }

  addFeature(_feature: string): void {}

  removeFeature(_feature: string): void {}

  connect(_options: unknown = {}): void {
    setTimeout(() => {
      this.connected = true;
      const events = this.options.disableBeforeUnloadHandlers ? ['unload'] : ['beforeunload', 'unload'];
      for (const event of events) window.addEventListener(event, this.onUnload);
      this.server.on(SERVER_EVENTS.LOCAL_DROPPED, this.onDropped);
      this.emit(CONNECTION_EVENTS.CONNECTION_ESTABLISHED, `${this.server.options.domain}`);
    }, 20);
  }

  /** Leaves the MUC at once (the server drops our occupant) and reports the disconnect. */
  disconnect(): Promise<void> {
    if (!this.connected) return Promise.resolve();
    this.connected = false;
    for (const event of ['beforeunload', 'unload']) window.removeEventListener(event, this.onUnload);
    this.server.off(SERVER_EVENTS.LOCAL_DROPPED, this.onDropped);
    this.closeConferences();
    this.server.leaveLocal();
    this.emit(CONNECTION_EVENTS.CONNECTION_DISCONNECTED, 'disconnected');
    return Promise.resolve();
  }

  private closeConferences(): void {
    for (const conference of this.conferences) conference.onConnectionClosed();
  }

  isConnected(): boolean {
    return this.connected;
  }

  getJid(): string {
    return `guest@${this.server.options.domain}/sim`;
  }

  /**
   * `name` may be a `String` object with a `domain` (jitsi-meet's `moveToRoom` → `createConference` passes
   * a breakout room that way: the MUC jid is then `<name>@<domain>`); `roomJid` is the double's own shortcut.
   */
  initJitsiConference(name: string | (string & { domain?: string }), _options: unknown = {}, roomJid?: string): FakeJitsiConference {
    const domain = typeof name === 'object' ? (name as { domain?: string }).domain : undefined;
    const jid = roomJid ?? (domain ? `${String(name)}@${domain}` : undefined);
    const conference = new FakeJitsiConference({
      server: this.server,
      connectionOptions: this.options,
      name: String(name),
      ...(jid ? { roomJid: jid } : {}),
    });
    this.conferences.add(conference);
    return conference;
  }
}
