// One lesson-log record per document (issue 16), against a small fake of the storage the worker uses: a
// page that stages "conference" → "left" again and again amends its one record; a new document starts a
// new one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySnapshot } from '../core/test-snapshots.ts';

const areas = { local: new Map<string, unknown>(), session: new Map<string, unknown>() };
/** The school's policy as the browser hands it over (a test may make it slow, as a first read can be). */
let managedRead = async (): Promise<Record<string, unknown>> => ({});
const area = (map: Map<string, unknown>) => ({
  get: async (keys: string | string[] | null) => {
    const wanted = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(wanted.filter((key) => map.has(key)).map((key) => [key, structuredClone(map.get(key))]));
  },
  set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([key, value]) => map.set(key, structuredClone(value))),
  remove: async (keys: string | string[]) => (typeof keys === 'string' ? [keys] : keys).forEach((key) => map.delete(key)),
});

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: { local: area(areas.local), session: area(areas.session), managed: { get: async () => managedRead() } },
    runtime: { onStartup: { addListener() {} }, onInstalled: { addListener() {} } },
  },
}));

const { endTrackedLesson, followSchoolLogPolicy, noteLeaveReason, trackRoom } = await import('./lesson-tracking.ts');
const { POLICY_WAIT_MS } = await import('../shared/settings-store.ts');
const log = () => (areas.local.get('lessonLog') ?? []) as { id: string; room: string; host: string; end: number | null }[];

beforeEach(() => {
  areas.local.clear();
  areas.session.clear();
  managedRead = async () => ({});
});

describe('when a lesson ended', () => {
  it('is the moment it ended, also when reading the settings takes seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    try {
      vi.setSystemTime(1_000_000);
      await trackRoom(5, { ...emptySnapshot('conference', 'Chemie9'), participants: 2 });
      managedRead = () => new Promise((resolve) => setTimeout(() => resolve({}), 3_000));
      vi.setSystemTime(1_060_000);
      const ended = endTrackedLesson(5, true);
      await vi.advanceTimersByTimeAsync(3_000);
      await ended;
      expect(log()).toMatchObject([{ room: 'Chemie9', end: 1_060_000 }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a browser that never answers the policy read', () => {
  it('still logs the closed lesson (after POLICY_WAIT_MS, with the teacher\'s settings), and asks the browser once while that read waits', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let answer = (_values: Record<string, unknown>): void => undefined;
    const reads = vi.fn(() => new Promise<Record<string, unknown>>((resolve) => (answer = resolve)));
    try {
      await trackRoom(6, { ...emptySnapshot('conference', 'Physik7'), participants: 3 });
      await trackRoom(9, { ...emptySnapshot('conference', 'Musik5'), participants: 1 });
      managedRead = reads;
      const first = endTrackedLesson(6, true);
      const second = endTrackedLesson(9, true);
      await vi.advanceTimersByTimeAsync(POLICY_WAIT_MS - 1);
      expect(log()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all([first, second]);
      expect(log().map((record) => record.room).sort()).toEqual(['Musik5', 'Physik7']);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      answer({}); // the read ends, so the next test asks afresh
      vi.useRealTimers();
    }
  });

  it('once the school\'s policy arrives and switches the log off, what was logged meanwhile is deleted; a school default the teacher may change deletes nothing (a log switched off that way goes at the next browser start, as before)', async () => {
    await trackRoom(4, { ...emptySnapshot('conference', 'Kunst3'), participants: 2 });
    await endTrackedLesson(4, true);
    expect(log()).toHaveLength(1);
    await followSchoolLogPolicy({ enforced: {}, defaults: { lessonLog: false }, problems: [] });
    expect(log()).toHaveLength(1);
    await followSchoolLogPolicy({ enforced: { lessonLog: false }, defaults: {}, problems: [] });
    expect(log()).toEqual([]);
  });
});

describe('one lesson-log record per document (issue 16)', () => {
  it('staged conference/left cycles amend the document\'s one record; a new document makes a new one', async () => {
    for (let n = 0; n < 50; n += 1) {
      await trackRoom(7, { ...emptySnapshot('conference', `Fake${n}`), participants: 3 });
      await trackRoom(7, emptySnapshot('left', `Fake${n}`));
    }
    expect(log()).toHaveLength(1);
    expect(log()[0]).toMatchObject({ room: 'Fake49' });
    expect(log()[0]!.end).not.toBeNull();
    // The tab's next document (a reload, a navigation): its lesson is a record of its own.
    await endTrackedLesson(7, false);
    await trackRoom(7, emptySnapshot('conference', 'Mathe7b'));
    await trackRoom(7, emptySnapshot('left', 'Mathe7b'));
    expect(log().map((record) => record.room).sort()).toEqual(['Fake49', 'Mathe7b']);
    // Another tab is another document.
    await trackRoom(8, emptySnapshot('conference', 'Bio9c'));
    await trackRoom(8, emptySnapshot('left', 'Bio9c'));
    expect(log()).toHaveLength(3);
  });
});

describe('what the log keeps (setting lessonLogDetail)', () => {
  it('"counts": times, counts and yes/no, but no server, no room name and no typed reason', async () => {
    areas.local.set('settings', { lessonLogDetail: 'counts' });
    await trackRoom(9, { ...emptySnapshot('conference', 'Mathe7b'), participants: 4 });
    await noteLeaveReason(9, 'Fire drill');
    await trackRoom(9, emptySnapshot('left', 'Mathe7b'));
    const [record] = log() as unknown as Record<string, unknown>[];
    expect(record).toMatchObject({ room: '', host: '', peak: 4 });
    expect(record).not.toHaveProperty('leaveReason');
    expect(JSON.stringify(areas.local.get('lessonLog'))).not.toMatch(/Mathe7b|Fire drill|meet\.example/);
  });

  it('"full" (the default): the room and the reason too', async () => {
    await trackRoom(9, { ...emptySnapshot('conference', 'Mathe7b'), participants: 4 });
    await noteLeaveReason(9, 'Fire drill');
    await trackRoom(9, emptySnapshot('left', 'Mathe7b'));
    expect(log()[0]).toMatchObject({ room: 'Mathe7b', leaveReason: 'Fire drill' });
  });
});
