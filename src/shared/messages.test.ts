import { describe, expect, it } from 'vitest';
import { isContentToBackground, isPageRoomMessage, isRoomSnapshot, PAGE_MESSAGE_SOURCE } from './messages.ts';

const snapshot = { v: 1, phase: 'conference', roomName: 'Math7b', participants: 3, jitsiVersion: 'abc' };

describe('room snapshot validation', () => {
  it('accepts a well-formed snapshot', () => {
    expect(isRoomSnapshot(snapshot)).toBe(true);
    expect(isRoomSnapshot({ ...snapshot, roomName: null, participants: null, jitsiVersion: null })).toBe(true);
  });

  it.each([
    ['extra key', { ...snapshot, extra: 1 }],
    ['missing key', { v: 1, phase: 'conference', roomName: 'a', participants: 1 }],
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
