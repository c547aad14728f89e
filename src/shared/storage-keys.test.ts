import { describe, expect, it } from 'vitest';
import { isKeyOfTab, isTicksKeyOf, noticeKey, tabKey, tabOfRoomKey, ticksKey, type TabKeyKind } from './storage-keys.ts';

const KINDS: TabKeyKind[] = ['room', 'frame', 'url', 'auto', 'ended', 'lesson', 'endedForAll', 'documentLesson'];

describe('per-tab storage keys', () => {
  it('ticks are keyed by tab and room', () => {
    expect(ticksKey(7, 'Mathe7b')).toBe('ticks:7:Mathe7b');
    expect(ticksKey(7, 'Mathe7b')).not.toBe(ticksKey(8, 'Mathe7b'));
    expect(isTicksKeyOf(ticksKey(7, 'Mathe7b'), 7)).toBe(true);
    // Tab 7's ticks are not tab 70's.
    expect(isTicksKeyOf(ticksKey(70, 'Mathe7b'), 7)).toBe(false);
  });

  it('the keys stored before this module keep their names (a worker updated mid-session finds its data)', () => {
    expect(KINDS.map((kind) => tabKey(kind, 3))).toEqual(['room:3', 'frame:3', 'url:3', 'auto:3', 'ended:3', 'lesson:3', 'endedForAll:3', 'documentLesson:3']);
    expect(noticeKey('left-behind-3-1')).toBe('notice:left-behind-3-1');
  });

  it('every key of a tab is distinct, and belongs to that tab only', () => {
    const keys = [...KINDS.map((kind) => tabKey(kind, 12)), ticksKey(12, 'Bio')];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(isKeyOfTab(key, 12)).toBe(true);
      expect(isKeyOfTab(key, 1)).toBe(false);
      expect(isKeyOfTab(key, 120)).toBe(false);
    }
    expect(isKeyOfTab(noticeKey('left-behind-12-5'), 12)).toBe(false);
  });

  it('a room key names its tab; other keys name none', () => {
    expect(tabOfRoomKey(tabKey('room', 42))).toBe(42);
    expect(tabOfRoomKey(tabKey('frame', 42))).toBeNull();
    expect(tabOfRoomKey('room:x')).toBeNull();
  });
});
