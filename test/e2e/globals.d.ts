// Test-only globals of the simulated lesson page (test/sim), as the tests use them.
interface JitsiSimController {
  join(name?: string, options?: { moderator?: boolean; hidden?: 'recorder' | 'transcriber'; fake?: 'SharedVideo' | 'Whiteboard'; jigasi?: boolean }): string;
  leave(id: string): void;
  remoteIds(): string[];
  knock(name?: string): string;
  setLocalRole(role: 'moderator' | 'participant'): void;
}

interface Window {
  __jitsiSim: JitsiSimController;
  APP: { conference: { hangup(requestFeedback?: boolean): void }; store: { getState(): any } };
}
