// `getConferenceNameForTitle` = safeStartCase(safeDecodeURIComponent(room)) (SDK
// base/conference/functions.ts), so the tab title of room "MathLesson" is "Math Lesson | Jitsi Meet".
// This approximates lodash's `words` + upperFirst; pure.

export function startCase(text: string): string {
  const words = text
    .replace(/['\u2019]/g, '')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** safeStartCase(safeDecodeURIComponent(room)) */
export function roomTitle(room: string): string {
  let decoded = room;
  try {
    decoded = decodeURIComponent(room);
  } catch {
    /* safeDecodeURIComponent keeps the raw text */
  }
  return startCase(decoded);
}

export function conferenceTitle(room: string, appName: string): string {
  return `${roomTitle(room)} | ${appName}`;
}
