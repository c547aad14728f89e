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
  /** "End meeting for all" was asked and the server did not close the room: everyone was removed instead. */
  fellBack?: true;
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
    ...(endForAllFellBack(report) ? { fellBack: true as const } : {}),
  };
}

/** The server ignored "end meeting for all", and the sequence removed everyone one by one instead. */
export function endForAllFellBack(report: EndLessonReport): boolean {
  return report.steps.some((step) => step.step === 'end-for-all' && step.outcome === 'failed');
}
