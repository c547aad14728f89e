// @ts-check
// CRX3 packages (Chrome/Edge self-hosted force-install) written and read in plain Node (node:crypto).
//
// Format, as checked against Chromium's own sources (chromium/chromium, components/crx_file/):
//   crx3.proto        file = "Cr24" | uint32le version (3) | uint32le header length N | N bytes CrxFileHeader | ZIP.
//                     message CrxFileHeader { repeated AsymmetricKeyProof sha256_with_rsa = 2;
//                                             repeated AsymmetricKeyProof sha256_with_ecdsa = 3;
//                                             optional bytes verified_contents = 4;
//                                             optional bytes signed_header_data = 10000; }
//                     message AsymmetricKeyProof { optional bytes public_key = 1; optional bytes signature = 2; }
//                     message SignedData { optional bytes crx_id = 1; }   // exactly 16 bytes
//                     "All proofs … are on the value "CRX3 SignedData\x00" + signed_header_size +
//                     signed_header_data + archive", the size as 4 octets little-endian.
//   crx_file.h        kCrxFileHeaderMagic = "Cr24"; kSignatureContext = "CRX3 SignedData" (signed with its NUL:
//                     std::size() of the char array, 16 bytes).
//   crx_creator.cc    public key = RSAPrivateKey::ExportPublicKey (DER SubjectPublicKeyInfo); crx_id = first 16
//                     bytes of SHA-256 of that key; signer = SignatureCreator SHA256 (RSASSA-PKCS1-v1_5); one
//                     sha256_with_rsa proof {public_key, signature}; header = fields 2 then 10000.
//   crx_verifier.cc   RSA proofs are checked as RSA_PKCS1_SHA256; one proof's key must hash to the declared crx_id;
//                     a header containing a ZIP end-of-central-directory token ("PK\x05\x06" / "PK\x06\x07") is
//                     rejected as ERROR_HEADER_INVALID.
//   id_util.cc        extension id = hex of those 16 bytes with 0-9a-f mapped to a-p.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

const MAGIC = Buffer.from('Cr24', 'ascii');
const VERSION = 3;
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'utf8');
const FIELD_SHA256_WITH_RSA = 2;
const FIELD_SIGNED_HEADER_DATA = 10000;
const FIELD_PUBLIC_KEY = 1;
const FIELD_SIGNATURE = 2;
const FIELD_CRX_ID = 1;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/**
 * The school's signing key from PEM text (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"). RSA only.
 * @param {string | Buffer} pem
 * @returns {import('node:crypto').KeyObject}
 */
export function rsaPrivateKey(pem) {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the CRX key must be an RSA private key, this one is ${key.asymmetricKeyType}`);
  return key;
}

/** DER SubjectPublicKeyInfo of the key's public half (what Chromium hashes and puts in the proof). @param {import('node:crypto').KeyObject} privateKey */
export function publicKeyDer(privateKey) {
  return /** @type {Buffer} */ (createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}

/** The 16 bytes that identify an extension: SHA-256 of the DER public key, first half. @param {Buffer} spkiDer */
export function crxIdBytes(spkiDer) {
  return createHash('sha256').update(spkiDer).digest().subarray(0, 16);
}

/** The extension id as Chrome shows it (32 letters a-p). @param {Buffer} idBytes */
export function crxIdToString(idBytes) {
  return [...idBytes.toString('hex')].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The extension id a key gives, e.g. for a policy's ExtensionInstallForcelist. @param {import('node:crypto').KeyObject} privateKey */
export function extensionIdOf(privateKey) {
  return crxIdToString(crxIdBytes(publicKeyDer(privateKey)));
}

/** @param {number} value */
function varint(value) {
  const bytes = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field. @param {number} field @param {Buffer} bytes */
function bytesField(field, bytes) {
  return Buffer.concat([varint(field * 8 + WIRE_BYTES), varint(bytes.length), bytes]);
}

/**
 * The fields of a protobuf message; length-delimited values as Buffers, other wire types skipped.
 * @param {Buffer} message
 * @returns {{ field: number, value: Buffer }[]}
 */
function decodeFields(message) {
  /** @type {{ field: number, value: Buffer }[]} */
  const fields = [];
  let at = 0;
  const readVarint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= message.length) throw new Error('crx: truncated protobuf varint');
      const byte = /** @type {number} */ (message[at++]);
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return value;
      if (scale > 2 ** 63) throw new Error('crx: protobuf varint too long');
    }
  };
  while (at < message.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === WIRE_BYTES) {
      const length = readVarint();
      if (at + length > message.length) throw new Error('crx: truncated protobuf field');
      fields.push({ field, value: message.subarray(at, at + length) });
      at += length;
    } else if (wire === WIRE_VARINT) readVarint();
    else if (wire === WIRE_FIXED64) at += 8;
    else if (wire === WIRE_FIXED32) at += 4;
    else throw new Error(`crx: unsupported protobuf wire type ${wire}`);
  }
  return fields;
}

/** What is signed: context, uint32le length of the signed header data, the data, the ZIP. @param {Buffer} signedHeaderData @param {Buffer} zip */
export function signedPayload(signedHeaderData, zip) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length);
  return Buffer.concat([SIGNATURE_CONTEXT, length, signedHeaderData, zip]);
}

/**
 * A CRX3 file of `zip`, signed with the RSA key `privateKey` (one sha256_with_rsa proof, as Chromium's
 * crx_creator.cc writes it).
 * @param {Buffer} zip
 * @param {import('node:crypto').KeyObject} privateKey
 * @returns {Buffer}
 */
export function createCrx3(zip, privateKey) {
  const publicKey = publicKeyDer(privateKey);
  const signedHeaderData = bytesField(FIELD_CRX_ID, crxIdBytes(publicKey));
  const signature = sign('sha256', signedPayload(signedHeaderData, zip), privateKey);
  const header = Buffer.concat([
    bytesField(FIELD_SHA256_WITH_RSA, Buffer.concat([bytesField(FIELD_PUBLIC_KEY, publicKey), bytesField(FIELD_SIGNATURE, signature)])),
    bytesField(FIELD_SIGNED_HEADER_DATA, signedHeaderData),
  ]);
  // crx_verifier.cc refuses a header that contains a ZIP end-of-central-directory token. A signature is
  // deterministic (PKCS#1 v1.5), so signing again would not help: say so instead of writing a CRX Chrome rejects.
  if (header.includes(Buffer.from('PK\x05\x06', 'latin1')) || header.includes(Buffer.from('PK\x06\x07', 'latin1'))) {
    throw new Error('crx: the signature happens to contain a ZIP end marker, which Chrome rejects; change any file (e.g. bump the version) and package again');
  }
  const prefix = Buffer.alloc(12);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(VERSION, 4);
  prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([prefix, header, zip]);
}

/**
 * @typedef {{ version: number, proofs: { publicKey: Buffer, signature: Buffer }[], signedHeaderData: Buffer,
 *   crxId: Buffer, id: string, zip: Buffer }} ParsedCrx3
 */

/**
 * Reads a CRX3 file back into its parts (no signature check: see verifyCrx3).
 * @param {Buffer} crx
 * @returns {ParsedCrx3}
 */
export function parseCrx3(crx) {
  if (crx.length < 12 || !crx.subarray(0, 4).equals(MAGIC)) throw new Error('crx: not a CRX file (no "Cr24" magic)');
  const version = crx.readUInt32LE(4);
  if (version !== VERSION) throw new Error(`crx: version ${version}, expected 3`);
  const headerLength = crx.readUInt32LE(8);
  if (12 + headerLength > crx.length) throw new Error('crx: header longer than the file');
  const header = crx.subarray(12, 12 + headerLength);
  const fields = decodeFields(header);
  const proofs = fields
    .filter(({ field }) => field === FIELD_SHA256_WITH_RSA)
    .map(({ value }) => {
      const parts = decodeFields(value);
      const publicKey = parts.find(({ field }) => field === FIELD_PUBLIC_KEY)?.value;
      const signature = parts.find(({ field }) => field === FIELD_SIGNATURE)?.value;
      if (!publicKey || !signature) throw new Error('crx: an RSA proof without key or signature');
      return { publicKey, signature };
    });
  const signedHeaderData = fields.find(({ field }) => field === FIELD_SIGNED_HEADER_DATA)?.value;
  if (!signedHeaderData) throw new Error('crx: no signed_header_data');
  const crxId = decodeFields(signedHeaderData).find(({ field }) => field === FIELD_CRX_ID)?.value;
  if (!crxId || crxId.length !== 16) throw new Error('crx: signed data has no 16-byte crx_id');
  return { version, proofs, signedHeaderData, crxId, id: crxIdToString(crxId), zip: crx.subarray(12 + headerLength) };
}

/**
 * Checks a CRX3 as Chromium's crx_verifier.cc does for a developer-signed file: some RSA proof's key hashes
 * to the declared id, and every RSA proof's signature verifies over the signed payload. Returns the id.
 * @param {Buffer} crx
 * @returns {string}
 */
export function verifyCrx3(crx) {
  const parsed = parseCrx3(crx);
  if (!parsed.proofs.some(({ publicKey }) => crxIdBytes(publicKey).equals(parsed.crxId))) throw new Error('crx: no proof by the key of the declared id');
  const payload = signedPayload(parsed.signedHeaderData, parsed.zip);
  for (const { publicKey, signature } of parsed.proofs) {
    const key = createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
    if (!verify('sha256', payload, key, signature)) throw new Error('crx: a signature does not verify');
  }
  return parsed.id;
}

/** @param {string} text */
function xmlAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/**
 * The update manifest Chrome/Edge fetch from a self-hosted update_url (the "gupdate" XML of Chromium's
 * extension updater): which version is current and where its CRX is.
 * @param {{ appId: string, version: string, codebase: string }} app
 */
export function updatesXml({ appId, version, codebase }) {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xmlAttribute(appId)}'>`,
    `    <updatecheck codebase='${xmlAttribute(codebase)}' version='${xmlAttribute(version)}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
