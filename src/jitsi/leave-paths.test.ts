import { describe, expect, it } from 'vitest';
import { createModeratorHistory } from './leave-paths.ts';

const slice = (people: Array<{ id: string; role: string }>) => ({ remote: new Map(people.map((p) => [p.id, { ...p, name: p.id }])) });

describe('who was moderator when they joined (co-teacher) and who was made moderator later', () => {
  it('a moderator who arrives after the teacher, or gets the role within seconds of arriving, is a co-teacher', () => {
    const history = createModeratorHistory();
    history.update(slice([]), true, 0);
    history.update(slice([{ id: 'kaya', role: 'moderator' }]), true, 60_000);
    history.update(slice([{ id: 'kaya', role: 'moderator' }, { id: 'auth', role: 'participant' }]), true, 70_000);
    history.update(slice([{ id: 'kaya', role: 'moderator' }, { id: 'auth', role: 'moderator' }]), true, 71_000); // Jicofo's grant
    expect(history.joinedAsModerator('kaya', false)).toBe(true);
    expect(history.joinedAsModerator('auth', false)).toBe(true);
  });

  it('a student promoted during the lesson is not', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'jonas', role: 'participant' }]), true, 0);
    history.update(slice([{ id: 'jonas', role: 'moderator' }]), true, 120_000);
    expect(history.joinedAsModerator('jonas', true)).toBe(false);
    expect(history.joinedAsModerator('unknown', true)).toBe(false);
  });

  it('a moderator already there when the teacher came counts only on a secured server (else auto-owner made them)', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'first', role: 'moderator' }]), true, 1_000);
    expect(history.joinedAsModerator('first', false)).toBe(false);
    expect(history.joinedAsModerator('first', true)).toBe(true);
  });

  it('nothing is learned before the teacher has joined', () => {
    const history = createModeratorHistory();
    history.update(slice([{ id: 'x', role: 'moderator' }]), false, 0);
    history.update(slice([{ id: 'y', role: 'participant' }]), true, 100_000);
    history.update(slice([{ id: 'y', role: 'moderator' }]), true, 200_000);
    expect(history.joinedAsModerator('y', true)).toBe(false);
  });
});
