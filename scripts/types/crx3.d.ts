// crx3 1.1.3 ships no type declarations: the part scripts/package.mjs uses (its lib/writeCRX3File.js).
declare module 'crx3' {
  import type { Readable } from 'node:stream';

  interface Crx3Options {
    /** The RSA private key, PEM; crx3 makes a new key there when the file is missing. */
    keyPath: string;
    crxPath: string;
    zipPath?: string;
    xmlPath?: string;
  }
  interface Crx3Result {
    /** The extension id (32 letters a–p). */
    appId: string;
    /** The key file crx3 made, or null when it used the given one. */
    newKey: string | null;
  }
  /** Signs a ZIP (a stream of its bytes) or packs and signs a list of files into a CRX3 at crxPath. */
  export default function crx3(files: string[] | Readable, options: Crx3Options): Promise<Crx3Result>;
}
