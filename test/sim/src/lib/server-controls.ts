// The half of the test controller `window.__jitsiSim` that plays the *server side* (students, lobby,
// Jibri, Jicofo's role grants, breakout rooms, the network): it only touches the FakeServer, so the
// hand-written double (test/sim/src/app/controller.ts) and jitsi-meet's real web UI
// (test/jitsi-sdk/src/test-controller.ts) share it. What happens inside the app (fake tiles, our own
// room switch, local recording, prejoin, whenJoined) is each app's own half. Test-only.
import type { RecordingMode } from '../shared/constants.ts';
import type { FakeServer } from './fake-server.ts';

export interface OccupantOptions {
  moderator?: boolean;
  hidden?: 'recorder' | 'transcriber';
  jigasi?: boolean;
}

export function createServerControls(getServer: () => FakeServer | undefined) {
  const requireServer = () => {
    const server = getServer();
    if (!server) throw new Error('jitsi-sim: no room on this page');
    return server;
  };
  return {
    requireServer,

    /** A student (or bot) enters the main room; returns the endpoint id. */
    addOccupant(name: string | undefined, options: OccupantOptions = {}): string {
      return requireServer().addOccupant({
        ...(name !== undefined ? { name } : {}),
        ...(options.moderator ? { moderator: true } : {}),
        ...(options.hidden ? { hidden: options.hidden } : {}),
        ...(options.jigasi ? { jigasi: true } : {}),
      }).id;
    },

    /** That occupant leaves, or that knocker gives up. */
    removeOccupant(id: string): void {
      const server = requireServer();
      if (!server.removeOccupant(id)) server.denyKnocker(id);
    },

    occupantIds(): string[] {
      return [...requireServer().occupants.keys()];
    },

    knock(name?: string): string {
      const server = requireServer();
      if (server.membersOnly) return server.addKnocker(name).id;
      return server.addOccupant(name === undefined ? {} : { name }).id;
    },

    admit(id: string): void {
      requireServer().admitKnocker(id);
    },

    setRejoinAfterKick(enabled: boolean): void {
      requireServer().rejoinAfterKick = enabled;
    },

    startRecording(mode: RecordingMode = 'file'): string {
      return requireServer().startRecording(mode).id;
    },

    stopRecording(): void {
      requireServer().stopRecording();
    },

    setLocalRole(role: 'moderator' | 'participant'): void {
      const server = requireServer();
      server.options.localRole = role;
      if (server.local) server.setRole(server.local.id, role);
    },

    grantModerator(id: string): void {
      requireServer().setRole(id, 'moderator');
    },

    openBreakoutRoom(name: string, ids: string[]): string {
      const server = requireServer();
      const room = server.createBreakoutRoom(name);
      for (const id of ids) server.moveOccupant(id, room.jid);
      return room.jid;
    },

    /** The jid of a room given by name, jid or 'main'; undefined when there is none. */
    roomJidOf(nameOrJid: string): string | undefined {
      const server = requireServer();
      if (nameOrJid === 'main') return server.mainRoomJid;
      return server.breakoutRooms.get(nameOrJid)?.jid ?? [...server.breakoutRooms.values()].find((r) => r.name === nameOrJid)?.jid;
    },

    /** Everyone else back to the main room, the breakout rooms removed (call after our own switch back). */
    removeBreakoutRooms(): void {
      const server = requireServer();
      for (const jid of [...server.breakoutRooms.keys()]) server.removeBreakoutRoom(jid);
    },

    dropNetwork(): void {
      requireServer().dropLocal();
    },

    kickMe(): void {
      const server = requireServer();
      const other = [...server.occupants.values()].find((o) => o.role === 'moderator' && !o.hidden);
      server.kickLocal(other?.id);
    },

    setDominantSpeaker(id: string): void {
      requireServer().setDominantSpeaker(id);
    },

    setRemoteMuted(id: string, muted: boolean, mediaType: 'audio' | 'video' = 'audio'): void {
      requireServer().setMuted(id, mediaType, muted);
    },

    state(): unknown {
      return JSON.parse(JSON.stringify(requireServer().summary()));
    },
  };
}

export type ServerControls = ReturnType<typeof createServerControls>;
