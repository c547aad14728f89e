// ts-ebml/dist/EBML.min.js: only used to make a finished local recording seekable.
export class Decoder { decode() { return []; } }
export class Reader { read() {} close() {} }
export const tools = { makeMetadataSeekable() { return new ArrayBuffer(0); } };
