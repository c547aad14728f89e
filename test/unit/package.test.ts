// The release packager (scripts/package.mjs) run into a temporary folder: what each package holds, that the
// CRX3 parses back and verifies with node:crypto alone, updates.xml, checksums, and what it refuses.
// Uses the release builds in dist/ when they are there and of this version; otherwise (a clean clone: npm test
// runs the unit tests before its build step) it builds them first.
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID, MANAGED_GECKO_ID } from '../../scripts/manifest-variants.ts';
import { changelogSection, packageRelease, PACKAGES } from '../../scripts/package.mjs';
import { createZip, listFiles, readZip } from '../../scripts/zip.mjs';

const VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version;
const PREFIX = `jitsi-moderator-companion-${VERSION}`;
const BASE_URL = 'https://school.example/jmc';

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
  'updates.xml',
].sort();

const temp = mkdtempSync(join(tmpdir(), 'jmc-package-test-'));
const out = join(temp, 'release');
let key: KeyObject;
let result: ReturnType<typeof packageRelease>;
const logged: string[] = [];

function releaseBuildsAreCurrent(): boolean {
  return PACKAGES.every((spec) => {
    const manifest = `dist/${spec.dir}/manifest.json`;
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === VERSION;
  });
}

/** The id Chrome gives a key, computed here independently of scripts/crx3.mjs. */
function chromeIdOf(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => 'abcdefghijklmnop'[Number.parseInt(digit, 16)]).join('');
}

beforeAll(() => {
  if (!releaseBuildsAreCurrent()) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('release build failed');
  }
  // A throw-away key: the school's real one never comes near the repository.
  key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  result = packageRelease({ outDir: out, build: false, lint: false, key, baseUrl: BASE_URL, log: (line) => logged.push(line) });
}, 180_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes exactly the release files, and nothing is left of its staging folder', () => {
    expect(readdirSync(out).sort()).toEqual(RELEASE_FILES);
    expect([...result.files].sort()).toEqual(RELEASE_FILES);
  });

  it.each(PACKAGES.map((spec) => [spec.suffix, spec] as const))('%s holds exactly the build: the named files and hashed chunks', (_suffix, spec) => {
    const entries = readZip(readFileSync(join(out, `${PREFIX}-${spec.suffix}`)));
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual(listFiles(`dist/${spec.dir}`));
    expect(names.filter((name) => !HASHED_ASSET.test(name))).toEqual(NAMED_FILES);
    expect(names.some((name) => HASHED_ASSET.test(name))).toBe(true);
    for (const { name, data } of entries) expect(data.equals(readFileSync(`dist/${spec.dir}/${name}`)), name).toBe(true);
    expect(names.filter((name) => /\.map$|(^|\/)\./.test(name))).toEqual([]);

    const manifest = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.key).toBeUndefined();
    expect(manifest.version).toBe(VERSION);
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1|\.test\//);
    expect((manifest.host_permissions ?? []).includes('https://*/*')).toBe(spec.managed);
    if (spec.target === 'firefox') expect(manifest.browser_specific_settings.gecko.id).toBe(spec.managed ? MANAGED_GECKO_ID : GECKO_ID);
    else expect(manifest.background.service_worker).toBeTruthy();
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

    // The archive inside is byte for byte the managed zip.
    expect(archive.equals(readFileSync(join(out, `${PREFIX}-chrome-managed.zip`)))).toBe(true);
  });

  it('updates.xml names the id, the version and where the CRX is', () => {
    const xml = readFileSync(join(out, 'updates.xml'), 'utf8');
    expect(xml).toContain("<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>");
    expect(xml).toMatch(new RegExp(`<app appid='${chromeIdOf(key)}'>`));
    const check = /<updatecheck codebase='([^']+)' version='([^']+)' \/>/.exec(xml);
    expect(check?.[1]).toBe(`${BASE_URL}/${PREFIX}-chrome-managed.crx`);
    expect(check?.[2]).toBe(VERSION);
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
    for (const name of RELEASE_FILES.filter((file) => file.startsWith(PREFIX) || file === 'updates.xml')) expect(notes).toContain(`\`${name}\``);
  });

  it('is reproducible: the same builds give the same checksums', () => {
    const again = join(temp, 'again');
    packageRelease({ outDir: again, build: false, lint: false, key, baseUrl: `${BASE_URL}/`, log: () => undefined });
    expect(readFileSync(join(again, 'SHA256SUMS'), 'utf8')).toBe(readFileSync(join(out, 'SHA256SUMS'), 'utf8'));
  });

  it('accepts a PKCS#1 PEM key as well, and without a key skips the CRX with a message, not an error', () => {
    const pkcs1 = key.export({ type: 'pkcs1', format: 'pem' }) as string;
    const withPem = packageRelease({ outDir: join(temp, 'pem'), build: false, lint: false, key: pkcs1, baseUrl: BASE_URL, log: () => undefined });
    expect(withPem.crx?.id).toBe(chromeIdOf(key));

    const env = { ...process.env };
    delete env.JMC_CRX_KEY;
    const cli = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--no-lint', '--out', join(temp, 'keyless')], { encoding: 'utf8', env });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('No CRX signing key (--key <school-key.pem> or JMC_CRX_KEY): skipped');
    expect(readdirSync(join(temp, 'keyless')).sort()).toEqual(RELEASE_FILES.filter((name) => !name.endsWith('.crx') && name !== 'updates.xml'));
  });

  it('needs --base-url with a key, and takes the key from JMC_CRX_KEY', () => {
    expect(() => packageRelease({ outDir: join(temp, 'x'), build: false, lint: false, key, log: () => undefined })).toThrow(/--base-url is needed/);
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
  function refuses(change: (dist: string) => void, message: RegExp): void {
    const dist = mkdtempSync(join(temp, 'dist-'));
    for (const spec of PACKAGES) cpSync(`dist/${spec.dir}`, join(dist, spec.dir), { recursive: true });
    change(dist);
    const outDir = join(dist, 'out');
    expect(() => packageRelease({ distDir: dist, outDir, build: false, lint: false, log: () => undefined })).toThrow(message);
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

describe('zip writer', () => {
  it('round-trips names and bytes, stores what does not compress, and is deterministic', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello hello hello hello hello') },
      { name: 'dir/empty', data: Buffer.alloc(0) },
      { name: 'dir/Übung.bin', data: Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 97) % 256)) },
    ];
    const zip = createZip(entries);
    expect(readZip(zip)).toEqual(entries);
    expect(createZip(entries).equals(zip)).toBe(true);
    expect(() => createZip([{ name: '../evil', data: Buffer.alloc(1) }])).toThrow(/bad entry name/);
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
