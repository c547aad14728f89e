// Fake lib-jitsi-meet `BreakoutRooms` helper returned by `conference.getBreakoutRooms()`
// (facts §3.1: isSupported, isBreakoutRoom, getMainRoomJid, sendParticipantToRoom, removeBreakoutRoom).
import type { FakeServer } from './fake-server.ts';

export class FakeBreakoutRooms {
  constructor(
    private readonly server: FakeServer,
    private readonly ownRoomJid: () => string,
    private readonly isModerator: () => boolean,
  ) {}

  isSupported(): boolean {
    return this.server.options.breakoutRoomsSupported;
  }

  isBreakoutRoom(): boolean {
    return this.ownRoomJid() !== this.server.mainRoomJid;
  }

  getMainRoomJid(): string {
    return this.server.mainRoomJid;
  }

  getRooms(): Record<string, unknown> {
    return this.server.breakoutRoomsSnapshot().rooms;
  }

  createBreakoutRoom(subject: string): void {
    if (!this.isModerator() || !this.isSupported()) return;
    this.server.createBreakoutRoom(subject);
  }

  removeBreakoutRoom(breakoutRoomJid: string): void {
    if (!this.isModerator() || !this.isSupported()) return;
    this.server.removeBreakoutRoom(breakoutRoomJid);
  }

  renameBreakoutRoom(_breakoutRoomJid: string, _name: string): void {
    /* renaming is not simulated */
  }

  isFeatureSupported(_feature: string): boolean {
    return false;
  }

  /** `participantJid` is the occupant jid `<room>@<muc>/<endpointId>`, as the real helper expects. */
  sendParticipantToRoom(participantJid: string, roomJid: string): void {
    if (!this.isModerator() || !this.isSupported()) return;
    const endpointId = participantJid.split('/').pop() ?? '';
    this.server.moveOccupant(endpointId, roomJid);
  }
}
