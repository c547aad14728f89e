// One tile per participant inside #videospace: `span.videocontainer#participant_<id>`, ours
// `#localVideoContainer`, names in `.displayname` via textContent.
import type { Participant } from '../reducers.ts';
import { h } from './h.ts';

export function tilesKey(local: Participant | undefined, remotes: Participant[]): string {
  return JSON.stringify([local?.id, local?.name, local?.role, remotes.map((p) => [p.id, p.name, p.role, p.fakeParticipant ?? p.isFakeParticipant])]);
}

export function buildTiles(local: Participant | undefined, remotes: Participant[]): HTMLElement {
  const tile = (participant: Participant, id: string) =>
    h('span', { id, class: `videocontainer${participant.role === 'moderator' ? ' moderator' : ''}` }, [
      h('span', { class: 'displayname', text: participant.name || 'Fellow Jitster' }),
      participant.fakeParticipant || participant.isFakeParticipant
        ? h('span', { class: 'tile-kind', text: String(participant.fakeParticipant ?? 'fake') })
        : null,
    ]);
  return h('div', { class: 'filmstrip' }, [
    h('div', { id: 'filmstripRemoteVideos' }, [
      h('div', { id: 'filmstripRemoteVideosContainer' }, remotes.map((p) => tile(p, `participant_${p.id}`))),
    ]),
    local ? tile({ ...local, name: local.name ? `${local.name} (me)` : 'Me' }, 'localVideoContainer') : null,
  ]);
}
