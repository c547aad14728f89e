// Every message that crosses a context, declared once with its direction and its validator.
//   page → content:        window.postMessage, tagged; the page is untrusted
//   content → background:  runtime.sendMessage
//   popup → background:    runtime.sendMessage (none yet; the popup reads session storage)
import { ROOM_PHASES, SNAPSHOT_VERSION, type RoomSnapshot } from '../core/room.ts';
import { hasExactKeys, isBoundedString, isCount, isNullOr, isOneOf, isRecord } from './validate.ts';

/** Tag on page→content messages; other postMessage traffic on the page is ignored. */
export const PAGE_MESSAGE_SOURCE = 'jitsi-moderator-companion/page';
export const MAX_ROOM_NAME_LENGTH = 256;
export const MAX_VERSION_LENGTH = 64;

const SNAPSHOT_KEYS = ['v', 'phase', 'roomName', 'participants', 'jitsiVersion'] as const;

export function isRoomSnapshot(value: unknown): value is RoomSnapshot {
  return (
    isRecord(value) &&
    hasExactKeys(value, SNAPSHOT_KEYS) &&
    value.v === SNAPSHOT_VERSION &&
    isOneOf(value.phase, ROOM_PHASES) &&
    isNullOr(value.roomName, (v): v is string => isBoundedString(v, MAX_ROOM_NAME_LENGTH)) &&
    isNullOr(value.participants, (v): v is number => isCount(v)) &&
    isNullOr(value.jitsiVersion, (v): v is string => isBoundedString(v, MAX_VERSION_LENGTH))
  );
}

// ── page → content ────────────────────────────────────────────────────────────
export interface PageRoomMessage {
  source: typeof PAGE_MESSAGE_SOURCE;
  type: 'room';
  snapshot: RoomSnapshot;
}

export function isPageRoomMessage(value: unknown): value is PageRoomMessage {
  return (
    isRecord(value) &&
    hasExactKeys(value, ['source', 'type', 'snapshot']) &&
    value.source === PAGE_MESSAGE_SOURCE &&
    value.type === 'room' &&
    isRoomSnapshot(value.snapshot)
  );
}

// ── content → background ──────────────────────────────────────────────────────
export interface RoomUpdateMessage {
  type: 'room-update';
  snapshot: RoomSnapshot;
}

/** Sent once per document: a navigation ended whatever the tab showed before. */
export interface DocumentStartMessage {
  type: 'document-start';
}

export type ContentToBackground = RoomUpdateMessage | DocumentStartMessage;

export function isContentToBackground(value: unknown): value is ContentToBackground {
  if (!isRecord(value)) return false;
  if (value.type === 'document-start') return hasExactKeys(value, ['type']);
  return value.type === 'room-update' && hasExactKeys(value, ['type', 'snapshot']) && isRoomSnapshot(value.snapshot);
}
