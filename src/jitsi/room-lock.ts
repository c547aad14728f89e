// Locking the room with a password the way jitsi-meet's own setPassword thunk does (docs/jitsi.md §3.3):
// conference.lock(pw), then the plain SET_PASSWORD action, so that Jitsi's state says LOCKED_LOCALLY and
// keeps the password (the Security dialog can show and copy it, "Show the password" can read it). A bare
// lock() leaves the state at LOCKED_REMOTELY with no password.
import type { JitsiStore, Loose } from './adapter.ts';

export async function lockRoom(store: JitsiStore, conference: Loose, password: string): Promise<void> {
  const lock = conference.lock as (password: string) => unknown;
  await Promise.resolve(lock.call(conference, password));
  // The reducer compares `method` with conference.lock by identity.
  store.dispatch({ type: 'SET_PASSWORD', conference, method: conference.lock, password });
}
