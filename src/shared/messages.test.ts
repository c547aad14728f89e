import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../core/test-snapshots.ts';
import { SNAPSHOT_VERSION } from '../core/room.ts';
import {
  isContentReadyMessage,
  isContentToBackground,
  isLeaveGuardPrefs,
  isPageRoomMessage,
  isRoomSnapshot,
  PAGE_MESSAGE_SOURCE,
  parseLeaveAttempt,
  parsePageRoomMessage,
} from './messages.ts';

const snapshot = { ...emptySnapshot('conference'), participants: 3, jitsiVersion: 'abc', isModerator: true, lobbyEnabled: false };

describe('room snapshot validation', () => {
  it('accepts a well-formed snapshot', () => {
    expect(isRoomSnapshot(snapshot)).toBe(true);
    expect(isRoomSnapshot({ ...snapshot, roomName: null, participants: null, jitsiVersion: null })).toBe(true);
  });

  it.each([
    ['extra key', { ...snapshot, extra: 1 }],
    ['missing key', { v: 1, phase: 'conference', roomName: 'a', participants: 1 }],
    ['boolean as string', { ...snapshot, lobbyEnabled: 'true' }],
    ['absurd count', { ...snapshot, knocking: 1e9 }],
    ['oversized host', { ...snapshot, host: 'h'.repeat(300) }],
    ['inherited keys only', Object.create(snapshot)],
    ['other version', { ...snapshot, v: SNAPSHOT_VERSION + 1 }],
    ['unknown phase', { ...snapshot, phase: 'party' }],
    ['negative count', { ...snapshot, participants: -1 }],
    ['fractional count', { ...snapshot, participants: 1.5 }],
    ['count as string', { ...snapshot, participants: '3' }],
    ['oversized room name', { ...snapshot, roomName: 'x'.repeat(257) }],
    ['array', [snapshot]],
    ['null', null],
  ])('rejects %s', (_label, value) => {
    expect(isRoomSnapshot(value)).toBe(false);
  });
});

describe('page and content messages', () => {
  it('requires the page tag and exact keys', () => {
    expect(isPageRoomMessage({ source: PAGE_MESSAGE_SOURCE, type: 'room', snapshot })).toBe(true);
    expect(isPageRoomMessage({ source: 'someone-else', type: 'room', snapshot })).toBe(false);
    expect(isPageRoomMessage({ source: PAGE_MESSAGE_SOURCE, type: 'kick-everyone', snapshot })).toBe(false);
    expect(isPageRoomMessage({ source: PAGE_MESSAGE_SOURCE, type: 'room', snapshot, command: 'x' })).toBe(false);
  });

  it('reads a room message from its DOM event detail: JSON text only, bounded, checked', () => {
    const message = { source: PAGE_MESSAGE_SOURCE, type: 'room', snapshot };
    expect(parsePageRoomMessage(JSON.stringify(message))).toEqual(message);
    expect(parsePageRoomMessage(message)).toBeNull(); // an object, not the JSON text
    expect(parsePageRoomMessage(`${JSON.stringify(message)}}`)).toBeNull();
    expect(parsePageRoomMessage(JSON.stringify({ ...message, snapshot: { ...snapshot, participants: -1 } }))).toBeNull();
    expect(parsePageRoomMessage(JSON.stringify({ ...message, padding: 'x'.repeat(5_000) }))).toBeNull();
  });

  it('accepts only the two content messages', () => {
    expect(isContentToBackground({ type: 'room-update', snapshot })).toBe(true);
    expect(isContentToBackground({ type: 'document-start' })).toBe(true);
    expect(isContentToBackground({ type: 'document-start', tabId: 3 })).toBe(false);
    expect(isContentToBackground({ type: 'lesson-ending' })).toBe(true);
    expect(isContentToBackground({ type: 'lesson-ending', at: 1 })).toBe(false);
    expect(isContentToBackground({ type: 'room-update', snapshot: { ...snapshot, v: 0 } })).toBe(false);
    expect(isContentToBackground('room-update')).toBe(false);
  });
});

describe('leave guard messages', () => {
  const attempt = { source: PAGE_MESSAGE_SOURCE, type: 'leave-attempt', id: 'a1', remaining: 3, elsewhere: 1, inBreakoutRoom: false, coModerators: ['Frau Kaya'], promotedModerators: [], rightsPassToStudent: false };

  it('reads a leave attempt from a DOM event detail (JSON text) only when it is well-formed', () => {
    expect(parseLeaveAttempt(JSON.stringify(attempt))).toEqual(attempt);
    expect(parseLeaveAttempt(attempt)).toBeNull(); // an object, not the JSON text the page sends
    expect(parseLeaveAttempt('{"source":')).toBeNull();
    expect(parseLeaveAttempt(JSON.stringify({ ...attempt, remaining: -1 }))).toBeNull();
    expect(parseLeaveAttempt(JSON.stringify({ ...attempt, kick: 'everyone' }))).toBeNull();
    expect(parseLeaveAttempt(JSON.stringify({ ...attempt, coModerators: Array(6).fill('x') }))).toBeNull();
    expect(parseLeaveAttempt(' '.repeat(5_000))).toBeNull();
  });

  it('accepts the leave guard prefs the background keeps ready, and nothing else', () => {
    expect(isLeaveGuardPrefs({ strong: true, keepsReason: true, catalogue: null })).toBe(true);
    expect(isLeaveGuardPrefs({ strong: false, keepsReason: false, catalogue: { leaveGuardStay: 'Bleiben' } })).toBe(true);
    expect(isLeaveGuardPrefs({ strong: 'yes', keepsReason: true, catalogue: null })).toBe(false);
    expect(isLeaveGuardPrefs({ strong: false, keepsReason: true, catalogue: { leaveGuardStay: 3 } })).toBe(false);
    expect(isLeaveGuardPrefs({ strong: false, catalogue: null })).toBe(false);
    expect(isContentToBackground({ type: 'leave-reason', reason: 'Feueralarm' })).toBe(true);
    expect(isContentToBackground({ type: 'leave-reason', reason: '   ' })).toBe(false);
    expect(isContentToBackground({ type: 'leave-reason', reason: 'x'.repeat(501) })).toBe(false);
  });

  it('the "ready" handshake carries the leave question, bounded', () => {
    const ready = { source: 'jitsi-moderator-companion/content', type: 'ready', leaveQuestion: 'People still in the room: $1.' };
    expect(isContentReadyMessage(ready)).toBe(true);
    expect(isContentReadyMessage({ ...ready, leaveQuestion: 'x'.repeat(1_001) })).toBe(false);
    expect(isContentReadyMessage({ source: ready.source, type: 'ready' })).toBe(false);
  });
});
