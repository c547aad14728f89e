// dropbox: recording upload to Dropbox, disabled without config.dropbox.appKey.
export class Dropbox { constructor() { throw new Error('dropbox is stubbed'); } }
export class DropboxAuth { constructor() { throw new Error('dropbox is stubbed'); } }
export default {};
