import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../core/test-snapshots.ts';
import { isContentToBackground, isPageRoomMessage, isRoomSnapshot, PAGE_MESSAGE_SOURCE } from './messages.ts';

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
    ['other version', { ...snapshot, v: 2 }],
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

  it('accepts only the two content messages', () => {
    expect(isContentToBackground({ type: 'room-update', snapshot })).toBe(true);
    expect(isContentToBackground({ type: 'document-start' })).toBe(true);
    expect(isContentToBackground({ type: 'document-start', tabId: 3 })).toBe(false);
    expect(isContentToBackground({ type: 'room-update', snapshot: { ...snapshot, v: 0 } })).toBe(false);
    expect(isContentToBackground('room-update')).toBe(false);
  });
});
