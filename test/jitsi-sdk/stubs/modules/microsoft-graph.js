// @microsoft/microsoft-graph-client and windows-iana: Outlook calendar sync, disabled without
// config.microsoftApiApplicationID.
export const Client = { init() { throw new Error('microsoft graph client is stubbed'); } };
export function findWindows() { return []; }
export default {};
