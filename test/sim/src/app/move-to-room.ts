// moveToRoom (SDK breakout-rooms/actions.ts, web branch; facts §9.2): the teacher switches between the
// lesson's rooms. _RESET_BREAKOUT_ROOMS, then APP.conference.leaveRoom(false, 'switch_room'), then a new
// JitsiConference joined in the target room. The tab, the URL and the XMPP connection stay.
import * as A from './action-types.ts';
import type { LegacyConference } from './legacy-conference.ts';
import type { Runtime } from './runtime.ts';

/** One switch at a time: a second request while one runs is dropped (the first one lands where asked). */
let switching = false;

export function moveToRoom(runtime: Runtime, conference: LegacyConference, roomJid: string): void {
  const server = runtime.server;
  if (!server || switching || server.local?.roomJid === roomJid) return;
  switching = true;
  const displayName = server.local?.name ?? '';
  runtime.store?.dispatch({ type: A._RESET_BREAKOUT_ROOMS });
  void conference
    .leaveRoom(false, 'switch_room')
    .then(() => conference.joinRoom(roomJid, { displayName }))
    .finally(() => (switching = false));
}
