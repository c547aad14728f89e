// @jitsi/excalidraw: whiteboard (lazy import, GitHub tarball in jitsi-meet); the whiteboard is disabled
// in tests (config.whiteboard unset).
export const ExcalidrawApp = () => null;
export async function generateCollaborationLinkData() { return { roomId: 'stub', roomKey: 'stub' }; }
export default {};
