// A minimal event emitter with lib-jitsi-meet's listener method names (on/off/addEventListener/
// removeEventListener). Listener errors are reported, not thrown, so one bad listener (say, an
// extension's) cannot break the simulated backend — the real lib uses Node's EventEmitter, which
// would throw; we prefer a double that keeps running and logs loudly.
export type Listener = (...args: never[]) => void;

export class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  addEventListener(event: string, listener: Listener): void {
    this.on(event, listener);
  }

  removeEventListener(event: string, listener: Listener): void {
    this.off(event, listener);
  }

  /** Node EventEmitter names, which jitsi-meet's code also uses on lib objects. */
  addListener(event: string, listener: Listener): void {
    this.on(event, listener);
  }

  removeListener(event: string, listener: Listener): void {
    this.off(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (error) {
        console.error(`[jitsi-sim] listener for ${event} threw`, error);
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}
