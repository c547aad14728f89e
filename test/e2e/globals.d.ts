// Test-only globals of the simulated lesson page (jitsi-meet's real UI in test/jitsi-sdk, or the test/sim double), as the tests use them.
interface JitsiSimController {
  join(name?: string, options?: { moderator?: boolean; hidden?: 'recorder' | 'transcriber'; fake?: 'SharedVideo' | 'Whiteboard'; jigasi?: boolean }): string;
  leave(id: string): void;
  remoteIds(): string[];
  knock(name?: string): string;
  setLocalRole(role: 'moderator' | 'participant'): void;
  admit(id: string): void;
  startRecording(mode?: 'file' | 'stream'): string;
  stopRecording(): void;
  openBreakoutRoom(name: string, ids: string[]): string;
  closeBreakoutRooms(): void;
  moveMeToRoom(nameOrJid: string): void;
  setLocalRecording(running: boolean): void;
  grantModerator(id: string): void;
  dropNetwork(): void;
  state(): any;
  whenJoined(timeoutMs?: number): Promise<void>;
  setRejoinAfterKick(rejoin: boolean): void;
}

interface Window {
  __jitsiSim: JitsiSimController;
  APP: { conference: { hangup(requestFeedback?: boolean): void; isJoined(): boolean }; store: { getState(): any } };
}
