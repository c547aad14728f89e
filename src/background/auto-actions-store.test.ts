import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { isSameLesson } = await import('./auto-actions-store.ts');
const { lessonOf } = await import('../shared/auto-actions.ts');

describe('same lesson after a new document', () => {
  const lesson = lessonOf('jitsi.schule.example', 'Mathe7b');
  it('a reload or a rejoin link of the room is the same lesson', () => {
    expect(isSameLesson(lesson, 'https://jitsi.schule.example/Mathe7b')).toBe(true);
    expect(isSameLesson(lesson, 'https://jitsi.schule.example/mathe7b#config.prejoinConfig.enabled=false')).toBe(true);
    expect(isSameLesson(lesson, 'https://jitsi.schule.example/Mathe7b?lang=de')).toBe(true);
    expect(isSameLesson(lessonOf('8x8.vc', 'klasse 7'), 'https://8x8.vc/vpaas-magic-cookie-1/klasse%207')).toBe(true);
  });

  it('another room, another server, no address: not the same lesson', () => {
    expect(isSameLesson(lesson, 'https://jitsi.schule.example/Bio9c')).toBe(false);
    expect(isSameLesson(lesson, 'https://meet.jit.si/Mathe7b')).toBe(false);
    expect(isSameLesson(lesson, 'https://jitsi.schule.example/')).toBe(false);
    expect(isSameLesson(lesson, undefined)).toBe(false);
    expect(isSameLesson(lesson, 'not a url')).toBe(false);
  });
});
