// A fake backend with every feature on and the teacher as moderator, for the simulator's unit tests.
import { FakeServer } from './src/lib/fake-server.ts';

export function newTestServer(overrides: Partial<ConstructorParameters<typeof FakeServer>[0]> = {}): FakeServer {
  return new FakeServer({
    roomName: 'mathlesson',
    domain: 'meet.test',
    lobbySupported: true,
    endConferenceSupported: true,
    avModerationSupported: true,
    breakoutRoomsSupported: true,
    everyoneModerator: false,
    ownerKickAllowed: true,
    kickLatencyMs: 50,
    localRole: 'moderator',
    ...overrides,
  });
}
