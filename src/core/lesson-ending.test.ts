import { describe, expect, it } from 'vitest';
import type { EndLessonReport } from './actions.ts';
import { lessonEnding } from './lesson-ending.ts';

const report = (change: Partial<EndLessonReport>): EndLessonReport => ({
  steps: [
    { step: 'close-breakouts', outcome: 'skipped' },
    { step: 'lock', outcome: 'done' },
  ],
  remaining: [],
  hiddenRemaining: 0,
  knocking: 0,
  inLessonAtStart: 24,
  endedForAll: false,
  left: true,
  ...change,
});

describe('what the teacher is told after the end of a lesson', () => {
  it('counts the people removed and whether the room was locked', () => {
    expect(lessonEnding(report({}), 'Mathe7b', 1_000)).toEqual({ room: 'Mathe7b', at: 1_000, removed: 24, remaining: 0, endedForAll: false, locked: true, left: true });
  });

  it('names who remained apart, and a lock that failed', () => {
    const ending = lessonEnding(report({ remaining: ['Frau Kaya'], steps: [{ step: 'lock', outcome: 'failed' }], left: false }), 'Bio', 2);
    expect(ending).toMatchObject({ removed: 23, remaining: 1, locked: false, left: false });
  });

  it('"end meeting for all" ignored by the server: everyone removed instead, and the teacher is told so', () => {
    const ending = lessonEnding(report({ steps: [{ step: 'end-for-all', outcome: 'failed' }, { step: 'lock', outcome: 'done' }] }), 'Kunst9', 4);
    expect(ending).toMatchObject({ removed: 24, endedForAll: false, fellBack: true });
    expect(lessonEnding(report({}), 'Kunst9', 4)).not.toHaveProperty('fellBack');
  });

  it('"ended for all" counts everyone who was in the lesson', () => {
    expect(lessonEnding(report({ endedForAll: true, steps: [{ step: 'end-for-all', outcome: 'done' }] }), 'X', 3)).toMatchObject({ removed: 24, endedForAll: true });
  });
});
