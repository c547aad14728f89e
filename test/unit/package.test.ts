// The release packager (scripts/package.mjs) run into a temporary folder: what each package holds (read back
// with yauzl, apart from the yazl that wrote them), that the CRX3 (written by crx3) parses back and verifies
// with node:crypto alone, the update manifests and the managed manifests' update URLs, checksums, the
// version override of the update test, reproducible bytes, and what it refuses.
// Uses the release builds in dist/ when they are there and of this version; otherwise (a clean clone: npm test
// runs the unit tests before its build step) it builds them first.
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { GECKO_ID, MANAGED_GECKO_ID } from '../../scripts/manifest-variants.ts';
import { changelogSection, createZip, listFiles, nextVersion, packageRelease, PACKAGES } from '../../scripts/package.mjs';

const VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version;
const PREFIX = `jitsi-moderator-companion-${VERSION}`;
const BASE_URL = 'https://school.example/jmc';

interface ZipEntry {
  name: string;
  data: Buffer;
  /** What the entry's header says besides its bytes. */
  method: number;
  mode: number;
  modified: Date;
}

/** The entries of a ZIP, read with yauzl, each checked against its CRC-32. */
async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const entries: ZipEntry[] = [];
  for await (const entry of file.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    expect(crc32(data), entry.fileName).toBe(entry.crc32);
    entries.push({ name: entry.fileName, data, method: entry.compressionMethod, mode: entry.externalFileAttributes >>> 16, modified: entry.getLastModDate({ forceDosFormat: true }) });
  }
  return entries;
}
const manifestOf = async (zip: Buffer): Promise<Record<string, any>> =>
  JSON.parse((await readZip(zip)).find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'));

/** Files every build has, by name. */
const NAMED_FILES = [
  '_locales/de/messages.json',
  '_locales/en/messages.json',
  '_locales/nl/messages.json',
  'icons/icon-128.png',
  'icons/icon-16.png',
  'icons/icon-32.png',
  'icons/icon-48.png',
  'icons/icon-96.png',
  'managed_schema.json',
  'manifest.json',
  'service-worker-loader.js',
  'src/content/index.js',
  'src/options/index.html',
  'src/page/index.js',
  'src/popup/index.html',
];
/** …and besides them only vite's hashed chunks: assets/<name>-<8-character hash>.js|css. */
const HASHED_ASSET = /^assets\/[A-Za-z0-9._-]+-[A-Za-z0-9_-]{8}\.(js|css)$/;

const RELEASE_FILES = [
  'RELEASE-NOTES.md',
  'SHA256SUMS',
  `${PREFIX}-chrome-managed.crx`,
  `${PREFIX}-chrome-managed.zip`,
  `${PREFIX}-chrome.zip`,
  `${PREFIX}-firefox-managed.xpi`,
  `${PREFIX}-firefox.xpi`,
  'updates.json',
  'updates.xml',
].sort();

const temp = mkdtempSync(join(tmpdir(), 'jmc-package-test-'));
const out = join(temp, 'release');
let key: KeyObject;
let result: Awaited<ReturnType<typeof packageRelease>>;
const logged: string[] = [];

function releaseBuildsAreCurrent(): boolean {
  return PACKAGES.every((spec) => {
    const manifest = `dist/${spec.dir}/manifest.json`;
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === VERSION;
  });
}

/** The id Chrome gives a key, computed here independently of scripts/package.mjs and crx3. */
function chromeIdOf(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => 'abcdefghijklmnop'[Number.parseInt(digit, 16)]).join('');
}

beforeAll(async () => {
  if (!releaseBuildsAreCurrent()) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('release build failed');
  }
  // A throw-away key: the school's real one never comes near the repository.
  key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  result = await packageRelease({ outDir: out, build: false, lint: false, key, baseUrl: BASE_URL, log: (line) => logged.push(line) });
}, 180_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes exactly the release files, and nothing is left of its staging folder', () => {
    expect(readdirSync(out).sort()).toEqual(RELEASE_FILES);
    expect([...result.files].sort()).toEqual(RELEASE_FILES);
  });

  it.each(PACKAGES.map((spec) => [spec.suffix, spec] as const))('%s holds exactly the build: the named files and hashed chunks', async (_suffix, spec) => {
    const entries = await readZip(readFileSync(join(out, `${PREFIX}-${spec.suffix}`)));
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual(listFiles(`dist/${spec.dir}`));
    expect(names.filter((name) => !HASHED_ASSET.test(name))).toEqual(NAMED_FILES);
    expect(names.some((name) => HASHED_ASSET.test(name))).toBe(true);
    // Byte for byte the build; only a managed manifest gains its update URL (below).
    for (const { name, data } of entries) if (!(spec.managed && name === 'manifest.json')) expect(data.equals(readFileSync(`dist/${spec.dir}/${name}`)), name).toBe(true);
    expect(names.filter((name) => /\.map$|(^|\/)\./.test(name))).toEqual([]);
    // The dev build's self-timing (src/shared/dev-cost.ts) is not shipped.
    for (const { name, data } of entries) if (name.endsWith('.js')) expect(data.toString('utf8'), name).not.toMatch(/jitsi-moderator-companion\.cost|within-send/);

    const manifest = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.key).toBeUndefined();
    expect(manifest.version).toBe(VERSION);
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1|\.test\//);
    expect((manifest.host_permissions ?? []).includes('https://*/*')).toBe(spec.managed);
    if (spec.target === 'firefox') expect(manifest.browser_specific_settings.gecko.id).toBe(spec.managed ? MANAGED_GECKO_ID : GECKO_ID);
    else expect(manifest.background.service_worker).toBeTruthy();
  });

  it('the managed manifests name the school\'s update manifests (and nothing else changes); the store manifests name none', async () => {
    const built = (dir: string) => JSON.parse(readFileSync(`dist/${dir}/manifest.json`, 'utf8'));
    const chrome = await manifestOf(readFileSync(join(out, `${PREFIX}-chrome-managed.zip`)));
    expect(chrome).toEqual({ ...built('chrome-managed'), update_url: `${BASE_URL}/updates.xml` });
    const firefox = await manifestOf(readFileSync(join(out, `${PREFIX}-firefox-managed.xpi`)));
    const expected = built('firefox-managed');
    expected.browser_specific_settings.gecko.update_url = `${BASE_URL}/updates.json`;
    expect(firefox).toEqual(expected);
    for (const store of [`${PREFIX}-chrome.zip`, `${PREFIX}-firefox.xpi`]) {
      expect(JSON.stringify(await manifestOf(readFileSync(join(out, store))))).not.toContain('update_url');
    }
  });

  it('every entry has the fixed time (1980-01-01 00:00), mode rw-r--r-- and deflate', async () => {
    for (const spec of PACKAGES) {
      for (const entry of await readZip(readFileSync(join(out, `${PREFIX}-${spec.suffix}`)))) {
        expect([entry.modified.getFullYear(), entry.modified.getMonth(), entry.modified.getDate(), entry.modified.getHours(), entry.modified.getMinutes()]).toEqual([1980, 0, 1, 0, 0]);
        expect(entry.mode).toBe(0o100644);
        expect(entry.method).toBe(8);
      }
    }
  });

  it('the CRX3 header parses back, names the key\'s id, and its signature verifies with node:crypto', () => {
    const crx = readFileSync(join(out, `${PREFIX}-chrome-managed.crx`));
    expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const headerLength = crx.readUInt32LE(8);
    const header = crx.subarray(12, 12 + headerLength);

    // CrxFileHeader, decoded by hand: field 2 (sha256_with_rsa) {1: public_key, 2: signature}, then 10000 (signed_header_data).
    const fields = decodeProtobuf(header);
    expect(fields.map((field) => field.number)).toEqual([2, 10000]);
    const proof = decodeProtobuf(fields[0]!.value);
    expect(proof.map((field) => field.number)).toEqual([1, 2]);
    const [publicKey, signature] = [proof[0]!.value, proof[1]!.value];
    const signedHeaderData = fields[1]!.value;
    const signedData = decodeProtobuf(signedHeaderData);
    expect(signedData.map((field) => field.number)).toEqual([1]);
    const crxId = signedData[0]!.value;
    expect(crxId).toHaveLength(16);

    const idString = [...crxId.toString('hex')].map((digit) => 'abcdefghijklmnop'[Number.parseInt(digit, 16)]).join('');
    expect(idString).toBe(chromeIdOf(key));
    expect(result.crx?.id).toBe(idString);
    expect(publicKey.equals(createPublicKey(key).export({ type: 'spki', format: 'der' }))).toBe(true);

    const archive = crx.subarray(12 + headerLength);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(signedHeaderData.length);
    const payload = Buffer.concat([Buffer.from('CRX3 SignedData\0', 'latin1'), length, signedHeaderData, archive]);
    expect(verify('sha256', payload, createPublicKey({ key: publicKey, format: 'der', type: 'spki' }), signature)).toBe(true);
    // Any change to the archive breaks it.
    const tampered = Buffer.from(payload);
    tampered[tampered.length - 30]! ^= 1;
    expect(verify('sha256', tampered, createPublicKey(key), signature)).toBe(false);

    // The archive inside is byte for byte the managed zip (with its update_url).
    expect(archive.equals(readFileSync(join(out, `${PREFIX}-chrome-managed.zip`)))).toBe(true);
    // No ZIP end marker in the header: Chromium's crx_verifier.cc rejects such a file.
    expect(header.includes(Buffer.from('PK\x05\x06', 'latin1'))).toBe(false);
  });

  it('updates.xml names the id, the version and where the CRX is', () => {
    const xml = readFileSync(join(out, 'updates.xml'), 'utf8');
    expect(xml).toContain("<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>");
    expect(xml).toMatch(new RegExp(`<app appid='${chromeIdOf(key)}'>`));
    const check = /<updatecheck codebase='([^']+)' version='([^']+)' \/>/.exec(xml);
    expect(check?.[1]).toBe(`${BASE_URL}/${PREFIX}-chrome-managed.crx`);
    expect(check?.[2]).toBe(VERSION);
  });

  it('updates.json names the managed add-on, the version and where its XPI is', () => {
    expect(JSON.parse(readFileSync(join(out, 'updates.json'), 'utf8'))).toEqual({
      addons: { [MANAGED_GECKO_ID]: { updates: [{ version: VERSION, update_link: `${BASE_URL}/${PREFIX}-firefox-managed.xpi` }] } },
    });
    expect(result.firefox).toEqual({
      id: MANAGED_GECKO_ID,
      file: `${PREFIX}-firefox-managed.xpi`,
      link: `${BASE_URL}/${PREFIX}-firefox-managed.xpi`,
      updateUrl: `${BASE_URL}/updates.json`,
    });
  });

  it('SHA256SUMS lists every other file with its checksum, in sha256sum format', () => {
    const lines = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
    const listed = lines.map((line) => {
      const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(createHash('sha256').update(readFileSync(join(out, match![2]!))).digest('hex'), match![2]).toBe(match![1]);
      return match![2];
    });
    expect(listed.sort()).toEqual(RELEASE_FILES.filter((name) => name !== 'SHA256SUMS'));
  });

  it('RELEASE-NOTES.md is the version\'s CHANGELOG section plus the file list', () => {
    const notes = readFileSync(join(out, 'RELEASE-NOTES.md'), 'utf8');
    expect(notes).toMatch(new RegExp(`^# Jitsi Moderator Companion ${VERSION.replace(/\./g, '\\.')}\n`));
    expect(notes).toContain(changelogSection(readFileSync('CHANGELOG.md', 'utf8'), VERSION).body);
    for (const name of RELEASE_FILES.filter((file) => file.startsWith(PREFIX) || file.startsWith('updates.'))) expect(notes).toContain(`\`${name}\``);
  });

  it('is reproducible: the same builds give the same checksums, in any time zone', async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: a local-time slip would move the entries' date
      const again = join(temp, 'again');
      await packageRelease({ outDir: again, build: false, lint: false, key, baseUrl: `${BASE_URL}/`, log: () => undefined });
      expect(readFileSync(join(again, 'SHA256SUMS'), 'utf8')).toBe(readFileSync(join(out, 'SHA256SUMS'), 'utf8'));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('packages the same build as another version for the update test: names, manifests, update manifests, not release notes of a release', async () => {
    const next = nextVersion(VERSION);
    expect(next).not.toBe(VERSION);
    const dir = join(temp, 'next');
    const packaged = await packageRelease({ outDir: dir, build: false, lint: false, key, baseUrl: BASE_URL, version: next, log: () => undefined });
    expect(packaged.version).toBe(next);
    expect(readdirSync(dir).sort()).toEqual(RELEASE_FILES.map((name) => name.replace(PREFIX, `jitsi-moderator-companion-${next}`)).sort());
    for (const spec of PACKAGES) expect((await manifestOf(readFileSync(join(dir, `jitsi-moderator-companion-${next}-${spec.suffix}`)))).version).toBe(next);
    expect(readFileSync(join(dir, 'updates.xml'), 'utf8')).toContain(`codebase='${BASE_URL}/jitsi-moderator-companion-${next}-chrome-managed.crx' version='${next}'`);
    expect(JSON.parse(readFileSync(join(dir, 'updates.json'), 'utf8')).addons[MANAGED_GECKO_ID].updates[0].version).toBe(next);
    expect(packaged.crx?.id).toBe(chromeIdOf(key));
    expect(readFileSync(join(dir, 'RELEASE-NOTES.md'), 'utf8')).toContain(`Not a release: the build of ${VERSION}, packaged as ${next}`);
  });

  it('accepts a PKCS#1 PEM key as well, and without a key skips the CRX with a message, not an error', async () => {
    const pkcs1 = key.export({ type: 'pkcs1', format: 'pem' }) as string;
    const withPem = await packageRelease({ outDir: join(temp, 'pem'), build: false, lint: false, key: pkcs1, baseUrl: BASE_URL, log: () => undefined });
    expect(withPem.crx?.id).toBe(chromeIdOf(key));

    const env = { ...process.env };
    delete env.JMC_CRX_KEY;
    const cli = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--no-lint', '--out', join(temp, 'keyless')], { encoding: 'utf8', env });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('No CRX signing key (--key <school-key.pem> or JMC_CRX_KEY): skipped');
    // Without --base-url no update manifest either, and the managed manifests name no update URL.
    expect(readdirSync(join(temp, 'keyless')).sort()).toEqual(RELEASE_FILES.filter((name) => !name.endsWith('.crx') && !name.startsWith('updates.')));
    expect(JSON.stringify(await manifestOf(readFileSync(join(temp, 'keyless', `${PREFIX}-firefox-managed.xpi`))))).not.toContain('update_url');
  });

  it('with --base-url but no key: the Firefox update manifest, no CRX', async () => {
    const dir = join(temp, 'firefox-only');
    const packaged = await packageRelease({ outDir: dir, build: false, lint: false, baseUrl: BASE_URL, log: () => undefined });
    expect(packaged.crx).toBeNull();
    expect(readdirSync(dir).sort()).toEqual(RELEASE_FILES.filter((name) => !name.endsWith('.crx') && name !== 'updates.xml'));
  });

  it('takes plain http for this machine only (Firefox disables an add-on whose update address is not https)', async () => {
    await expect(packageRelease({ outDir: join(temp, 'http'), build: false, lint: false, baseUrl: 'http://school.example/jmc/', log: () => undefined })).rejects.toThrow(/must be https/);
    const local = await packageRelease({ outDir: join(temp, 'http-local'), build: false, lint: false, baseUrl: 'http://127.0.0.1:8765/', log: () => undefined });
    expect(local.firefox?.updateUrl).toBe('http://127.0.0.1:8765/updates.json');
  });

  it('needs --base-url with a key, and takes the key from JMC_CRX_KEY', async () => {
    await expect(packageRelease({ outDir: join(temp, 'x'), build: false, lint: false, key, log: () => undefined })).rejects.toThrow(/--base-url is needed/);
    const cli = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--no-lint', '--out', join(temp, 'env'), '--base-url', BASE_URL], {
      encoding: 'utf8',
      env: { ...process.env, JMC_CRX_KEY: key.export({ type: 'pkcs8', format: 'pem' }) as string },
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`ExtensionInstallForcelist entry: ${chromeIdOf(key)};${BASE_URL}/updates.xml`);
  });
});

describe('what the packager refuses', () => {
  /** A copy of the release builds with one change; packaging it must fail with `message`. */
  async function refuses(change: (dist: string) => void, message: RegExp): Promise<void> {
    const dist = mkdtempSync(join(temp, 'dist-'));
    for (const spec of PACKAGES) cpSync(`dist/${spec.dir}`, join(dist, spec.dir), { recursive: true });
    change(dist);
    const outDir = join(dist, 'out');
    await expect(packageRelease({ distDir: dist, outDir, build: false, lint: false, log: () => undefined })).rejects.toThrow(message);
    // Nothing half-written is left behind.
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  }
  const editManifest = (dir: string, edit: (manifest: Record<string, any>) => void) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    edit(manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  };

  it('a manifest with a key', () => refuses((dist) => editManifest(join(dist, 'chrome'), (m) => (m.key = 'MIIB')), /refusing to package .*chrome[\s\S]*"key"/));
  it('a manifest that names localhost', () =>
    refuses((dist) => editManifest(join(dist, 'firefox-managed'), (m) => m.content_scripts[0].matches.push('http://localhost/*')), /local or test host \(localhost\)/));
  it('a source map', () => refuses((dist) => writeFileSync(join(dist, 'chrome', 'assets', 'x.js.map'), '{}'), /source-map file assets\/x\.js\.map/));
  it('a dev file', () => refuses((dist) => writeFileSync(join(dist, 'firefox', '.vite-manifest.json'), '{}'), /hidden\/dev file \.vite-manifest\.json/));
  it('a store build in place of the managed one', () => refuses((dist) => editManifest(join(dist, 'chrome-managed'), (m) => delete m.host_permissions), /not the managed build/));
  it('a build of another version', () => refuses((dist) => editManifest(join(dist, 'chrome'), (m) => (m.version = '0.0.9')), /version 0\.0\.9/));

  it('a version without a CHANGELOG section', () => {
    expect(() => changelogSection('# Changelog\n\n## [Unreleased]\n\n## [0.0.1] - 2026-01-01\n\n- first\n', '0.2.0')).toThrow(/no section for version 0\.2\.0/);
    expect(() => changelogSection('## [0.2.0] - 2026-01-01\n\n## [0.1.0]\n- x\n', '0.2.0')).toThrow(/empty/);
    expect(changelogSection('## [0.2.0] - 2026-02-03\n### Fixed\n- y\n\n## [0.1.0]\n- x\n\n[0.2.0]: https://example.org\n', '0.2.0')).toEqual({
      date: '2026-02-03',
      body: '### Fixed\n- y',
    });
  });
});

describe('zip writer (yazl)', () => {
  it('round-trips names and bytes and is deterministic', async () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello hello hello hello hello') },
      { name: 'dir/empty', data: Buffer.alloc(0) },
      { name: 'dir/Übung.bin', data: Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 97) % 256)) },
    ];
    const zip = await createZip(entries);
    expect((await readZip(zip)).map(({ name, data }) => ({ name, data }))).toEqual(entries);
    expect((await createZip(entries)).equals(zip)).toBe(true);
    await expect(createZip([{ name: '../evil', data: Buffer.alloc(1) }])).rejects.toThrow(/\.\./);
  });
});

/** Length-delimited fields of a protobuf message (all the CRX3 header uses). */
function decodeProtobuf(message: Buffer): { number: number; value: Buffer }[] {
  const fields: { number: number; value: Buffer }[] = [];
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = message[at++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < message.length) {
    const tag = varint();
    expect(tag % 8).toBe(2);
    const length = varint();
    fields.push({ number: Math.floor(tag / 8), value: message.subarray(at, at + length) });
    at += length;
  }
  expect(at).toBe(message.length);
  return fields;
}
