// Fake lib-jitsi-meet `JitsiParticipant`: the remote occupant as our client sees it.
// Method names as in LJM JitsiParticipant.ts (facts §2.2: isHidden = JID domain is hiddenDomain).
import type { ParticipantRole } from '../shared/constants.ts';

export class FakeJitsiParticipant {
  private readonly id: string;
  private displayName: string;
  private role: ParticipantRole;
  private readonly jid: string;
  private readonly hidden: boolean;
  private readonly properties = new Map<string, unknown>();
  private readonly conference: unknown;

  constructor(init: { id: string; name: string; role: ParticipantRole; jid: string; hidden: boolean; jigasi: boolean; conference: unknown }) {
    this.id = init.id;
    this.displayName = init.name;
    this.role = init.role;
    this.jid = init.jid;
    this.hidden = init.hidden;
    this.conference = init.conference;
    // Jigasi advertises itself in presence; jitsi-meet marks such participants `isJigasi`.
    if (init.jigasi) this.properties.set('features_jigasi', true);
  }

  getId(): string {
    return this.id;
  }

  getDisplayName(): string {
    return this.displayName;
  }

  getJid(): string {
    return this.jid;
  }

  getRole(): ParticipantRole {
    return this.role;
  }

  isModerator(): boolean {
    return this.role === 'moderator';
  }

  isHidden(): boolean {
    return this.hidden;
  }

  isHiddenFromRecorder(): boolean {
    return false;
  }

  getStatus(): string | undefined {
    return undefined;
  }

  getBotType(): string | undefined {
    return undefined;
  }

  getConference(): unknown {
    return this.conference;
  }

  getProperty(name: string): unknown {
    return this.properties.get(name);
  }

  getFeatures(): Promise<Set<string>> {
    const features = new Set<string>();
    if (this.properties.get('features_jigasi')) features.add('http://jitsi.org/protocol/jigasi');
    return Promise.resolve(features);
  }

  // What jitsi-meet's web app also asks a remote participant: no media, no E2EE, no replacement.
  getTracks(): unknown[] {
    return [];
  }

  getTracksByMediaType(): unknown[] {
    return [];
  }

  getSources(): Map<string, unknown> {
    return new Map();
  }

  hasFeature(feature: string): boolean {
    return feature === 'http://jitsi.org/protocol/jigasi' && Boolean(this.properties.get('features_jigasi'));
  }

  isReplacing(): boolean {
    return false;
  }

  isReplaced(): boolean {
    return false;
  }

  isPromoted(): boolean {
    return false;
  }

  isSilent(): boolean {
    return false;
  }

  isE2EEEnabled(): boolean {
    return false;
  }

  isE2EESupported(): boolean {
    return false;
  }

  supportsDTMF(): boolean {
    return false;
  }

  getStatsID(): string {
    return this.id;
  }

  getIdentity(): undefined {
    return undefined;
  }

  getConnectionJid(): undefined {
    return undefined;
  }

  /** Library-internal setters (the real ones are also public but meant for the lib only). */
  setRole(role: ParticipantRole): void {
    this.role = role;
  }

  setDisplayName(name: string): void {
    this.displayName = name;
  }
}
