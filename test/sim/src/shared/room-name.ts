// Room names from the URL (facts §1.3; SDK base/util/uri.ts parseURIString, getBackendSafeRoomName).

/** Last path segment = room (raw, case kept, maybe %-encoded); the part before it = tenant. */
export function parseRoomPath(pathname: string): { room: string | undefined; tenant: string | undefined } {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length === 0) return { room: undefined, tenant: undefined };
  const room = segments[segments.length - 1];
  const tenant = segments.length > 1 ? segments.slice(0, -1).join('/') : undefined;
  return { room, tenant };
}

/** Decoded, NFKC-normalised, lower-cased, re-encoded lower-case. */
export function backendSafeRoomName(room: string): string {
  let name = room;
  try {
    name = decodeURIComponent(name);
  } catch {
    /* keep as is, like Jitsi */
  }
  return encodeURIComponent(name.normalize('NFKC').toLowerCase()).toLowerCase();
}
