// What the teacher is told, and keeps seeing until they dismiss it, after the end of a lesson: how many
// people were removed, whether the room was locked or closed by the server, and when. Pure.
import type { EndLessonReport } from './actions.ts';

export interface LessonEnding {
  room: string;
  /** When the sequence finished (epoch ms). */
  at: number;
  /** People removed by the sequence, or for whom the server ended the meeting. */
  removed: number;
  /** People still in the room afterwards (could not be removed). */
  remaining: number;
  endedForAll: boolean;
  locked: boolean;
  left: boolean;
}

export function lessonEnding(report: EndLessonReport, room: string, at: number): LessonEnding {
  const remaining = report.remaining.length;
  return {
    room,
    at,
    removed: report.endedForAll ? report.inLessonAtStart : Math.max(0, report.inLessonAtStart - remaining),
    remaining,
    endedForAll: report.endedForAll,
    locked: report.steps.some((step) => step.step === 'lock' && step.outcome === 'done'),
    left: report.left,
  };
}
