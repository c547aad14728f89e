// @ts-check
// `npm run package`: the release packages of the version in package.json, in release/.
//   node scripts/package.mjs [--key school-key.pem] [--base-url https://school.example/jmc/] [--out release]
//                            [--no-build] [--no-lint]
// Builds the release builds first (scripts/build.mjs), then writes
//   jitsi-moderator-companion-<v>-chrome.zip            dist/chrome: Chrome Web Store, Microsoft Edge Add-ons
//   jitsi-moderator-companion-<v>-firefox.xpi           dist/firefox: addons.mozilla.org (listed)
//   jitsi-moderator-companion-<v>-chrome-managed.zip    dist/chrome-managed: every https host from install
//   jitsi-moderator-companion-<v>-firefox-managed.xpi   dist/firefox-managed: for unlisted AMO signing (its own add-on id)
//   jitsi-moderator-companion-<v>-chrome-managed.crx    signed CRX3 of the managed zip, with the school's key
//   updates.xml                                          Chrome/Edge update manifest pointing at that CRX
//   updates.json                                         Firefox update manifest pointing at the managed XPI
//   RELEASE-NOTES.md                                     this version's section of CHANGELOG.md
//   SHA256SUMS                                           every file above (sha256sum -c SHA256SUMS)
// --base-url is where the school serves its self-hosted packages: the two managed manifests then name the
// update manifests there (Chrome: update_url; Firefox: browser_specific_settings.gecko.update_url), and
// updates.json is written. The CRX and updates.xml also need the school's key (--key, or JMC_CRX_KEY holding a
// path or the PEM itself); without a key they are skipped. The key is never stored here.
// Refuses a build with a manifest `key`, a local or test host, source maps or dot files, and a version
// without a CHANGELOG.md section. Lints both .xpi with web-ext lint (0 errors). docs/admin/deploy.md says
// what to do with each file. Zip: yazl; CRX3: crx3 (README, "Packaging").
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import crx3 from 'crx3';
import yazl from 'yazl';
import { lintFirefox } from './lint-firefox.mjs';
import { CHROME_UPDATE_MANIFEST, FIREFOX_UPDATE_MANIFEST, updatesJson, updatesXml, withUpdateUrl } from './update-manifests.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_NAME = 'jitsi-moderator-companion';

/**
 * @typedef {{ dir: string, suffix: string, target: 'chrome' | 'firefox', managed: boolean, purpose: string }} PackageSpec
 * @type {readonly PackageSpec[]}
 */
export const PACKAGES = [
  { dir: 'chrome', suffix: 'chrome.zip', target: 'chrome', managed: false, purpose: 'Chrome Web Store and Microsoft Edge Add-ons' },
  { dir: 'firefox', suffix: 'firefox.xpi', target: 'firefox', managed: false, purpose: 'addons.mozilla.org (listed)' },
  { dir: 'chrome-managed', suffix: 'chrome-managed.zip', target: 'chrome', managed: true, purpose: 'the managed build for Chrome/Edge (unsigned zip; the CRX is made of it)' },
  { dir: 'firefox-managed', suffix: 'firefox-managed.xpi', target: 'firefox', managed: true, purpose: 'the managed build for Firefox (its own add-on id), to be signed unlisted on AMO' },
];

/** @param {string} version @param {string} suffix */
export const packageFileName = (version, suffix) => `${PACKAGE_NAME}-${version}-${suffix}`;
/** @param {string} version */
export const crxFileName = (version) => packageFileName(version, 'chrome-managed.crx');

/** The self-hosted Firefox package (the one AMO signs unlisted), named in updates.json. @param {string} version */
export const managedXpiFileName = (version) => packageFileName(version, 'firefox-managed.xpi');

/**
 * Every file below `dir`, as sorted relative paths with forward slashes (directories are implied).
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} under */
  const walk = (under) => {
    for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
      const path = under ? `${under}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
      else throw new Error(`${join(dir, path)}: neither a file nor a folder (${statSync(join(dir, path)).mode.toString(8)})`);
    }
  };
  walk('');
  return files.sort();
}

/**
 * A reproducible ZIP (yazl): the entries in the given order, a fixed time and mode, deflate level 9, no
 * ZIP64 or extra fields. The same entries give the same bytes, so checksums can be compared across rebuilds.
 * @param {{ name: string, data: Buffer }[]} entries
 * @returns {Promise<Buffer>}
 */
export async function createZip(entries) {
  // 1980-01-01 00:00, the first time a ZIP can hold, in local time, made now: yazl writes the DOS date and time
  // from the local-time fields, so every time zone writes the same bytes (forceDosTimestamp: no UTC field).
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const zip = new yazl.ZipFile();
  for (const { name, data } of entries) zip.addBuffer(data, name, { mtime, mode: 0o100644, compressionLevel: 9, forceDosTimestamp: true });
  zip.end();
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of zip.outputStream) chunks.push(/** @type {Buffer} */ (chunk));
  return Buffer.concat(chunks);
}

/** The extension id a key gives (Chromium: the first 16 bytes of SHA-256 of the DER public key, 0–f as a–p). @param {KeyObject} privateKey */
export function extensionIdOf(privateKey) {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

const ZIP_END_MARKERS = [Buffer.from('PK\x05\x06', 'latin1'), Buffer.from('PK\x06\x07', 'latin1')];

/**
 * Signs `zip` into a CRX3 at `crxPath` (crx3) and checks what it wrote: the key's id, the zip unchanged
 * behind the header, and no ZIP end marker in the header (Chromium's crx_verifier rejects such a file).
 * crx3 1.x reads the key from a file only: it goes to a private temporary folder for the moment it takes.
 * @param {Buffer} zip
 * @param {KeyObject} key
 * @param {string} crxPath
 * @returns {Promise<string>} the extension id
 */
export async function signCrx3(zip, key, crxPath) {
  const keyDir = mkdtempSync(join(tmpdir(), 'jmc-crx-key-'));
  try {
    const keyPath = join(keyDir, 'key.pem');
    writeFileSync(keyPath, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const { appId } = await crx3(Readable.from([zip]), { keyPath, crxPath });
    if (appId !== extensionIdOf(key)) throw new Error('crx: the written id is not the key\'s id');
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
  }
  const file = readFileSync(crxPath);
  const headerEnd = 12 + file.readUInt32LE(8);
  if (file.subarray(0, 4).toString('latin1') !== 'Cr24' || !file.subarray(headerEnd).equals(zip)) throw new Error('crx: the CRX does not hold the managed zip');
  // A signature is deterministic (PKCS#1 v1.5), so signing again would not help: say so instead of writing a CRX Chrome rejects.
  if (ZIP_END_MARKERS.some((marker) => file.subarray(12, headerEnd).includes(marker))) {
    throw new Error('crx: the signature happens to contain a ZIP end marker, which Chrome rejects; change any file (e.g. bump the version) and package again');
  }
  return extensionIdOf(key);
}

/** The host names a release must never run on or name: the local simulator and test-only names. */
const LOCAL_HOST = /localhost|127\.0\.0\.1|\[::1\]|\.test[/:'"]/i;
const SOURCE_MAP_COMMENT = /^\s*\/[/*][#@]\s*sourceMappingURL=/m;

/**
 * This version's section of a Keep-a-Changelog file, as release notes. Throws if there is none.
 * @param {string} changelog
 * @param {string} version
 * @returns {{ date: string | null, body: string }}
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^## \\[?${escaped}\\]?(?:\\s+-\\s+(\\S+))?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`CHANGELOG.md has no section for version ${version}: add "## [${version}] - YYYY-MM-DD" with what changed`);
  const date = heading.exec(/** @type {string} */ (lines[start]))?.[1] ?? null;
  let end = lines.findIndex((line, index) => index > start && (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)));
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end).join('\n').trim();
  if (!body) throw new Error(`CHANGELOG.md: the section for version ${version} is empty`);
  return { date, body };
}

/**
 * Checks one build folder before it is packaged; returns its files. Throws on anything a release must not have.
 * @param {string} dir
 * @param {PackageSpec} spec
 * @param {string} version
 * @returns {string[]}
 */
export function checkBuild(dir, spec, version) {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${dir} has no manifest.json: build first (node scripts/build.mjs)`);
  const manifestText = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(manifestText);
  const problems = [];
  if (manifest.version !== version) problems.push(`it is version ${manifest.version}, package.json says ${version}: build again`);
  if ('key' in manifest) problems.push('its manifest has a "key" (test builds only; the stores reject it, and the school\'s key gives the id)');
  const local = LOCAL_HOST.exec(manifestText);
  if (local) problems.push(`its manifest names a local or test host (${local[0]}): a dev build?`);
  if (spec.target === 'chrome' && !manifest.background?.service_worker) problems.push('it is not a Chrome build (no background.service_worker)');
  if (spec.target === 'firefox' && !manifest.browser_specific_settings?.gecko?.id) problems.push('it is not a Firefox build (no gecko id)');
  const allHttps = (manifest.host_permissions ?? []).includes('https://*/*');
  if (spec.managed && !allHttps) problems.push('it is not the managed build (host_permissions lacks https://*/*)');
  if (!spec.managed && allHttps) problems.push('it is the managed build, not the store build (host_permissions has https://*/*)');

  const files = listFiles(dir);
  for (const file of files) {
    if (file.split('/').some((part) => part.startsWith('.'))) problems.push(`it has a hidden/dev file ${file}`);
    else if (/\.(map|ts|tsx)$/.test(file)) problems.push(`it has a source or source-map file ${file}`);
    else if (/\.(js|mjs|css)$/.test(file) && SOURCE_MAP_COMMENT.test(readFileSync(join(dir, file), 'utf8'))) problems.push(`${file} refers to a source map`);
  }
  if (problems.length) throw new Error(`refusing to package ${dir}:\n  - ${problems.join('\n  - ')}`);
  return files;
}

/** Hosts of this machine: plain http is taken for them only (this project's own tests). */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** @param {string} text */
function normaliseBaseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--base-url ${JSON.stringify(text)} is not an address; e.g. https://school.example/jmc/`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.includes(url.hostname))) {
    throw new Error(`--base-url must be https (Firefox disables an add-on whose update address is not, and browsers fetch the packages from it), got ${url.href}`);
  }
  if (url.search || url.hash) throw new Error('--base-url must not have a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** @param {string | Buffer | KeyObject} key */
function loadKey(key) {
  const object = key instanceof KeyObject ? key : createPrivateKey({ key, format: 'pem' });
  if (object.type !== 'private' || object.asymmetricKeyType !== 'rsa') {
    throw new Error(`the CRX key must be an RSA private key, this one is ${object.type === 'private' ? object.asymmetricKeyType : `a ${object.type} key`}`);
  }
  return object;
}

/**
 * The key from --key (a path) or JMC_CRX_KEY (a path, or the PEM text itself, e.g. from a CI secret).
 * @param {string | undefined} keyPath
 * @param {string | undefined} fromEnv
 * @param {(line: string) => void} warn
 * @returns {KeyObject | undefined}
 */
function keyFromCli(keyPath, fromEnv, warn) {
  if (keyPath === undefined && !fromEnv) return undefined;
  if (keyPath === undefined && fromEnv?.includes('-----BEGIN')) return loadKey(fromEnv);
  const path = resolve(/** @type {string} */ (keyPath ?? fromEnv));
  if (!existsSync(path)) throw new Error(`CRX key ${path} does not exist`);
  const inside = relative(ROOT, path);
  if (!inside.startsWith('..') && !isAbsolute(inside)) warn(`note: the key ${inside} is inside the project folder; keep it outside, backed up and private (it decides the extension id)`);
  return loadKey(readFileSync(path));
}

/**
 * The next version after `version` (its last number plus one): what a test of the update path offers.
 * @param {string} version
 */
export function nextVersion(version) {
  const parts = version.split('.').map(Number);
  parts[parts.length - 1] = /** @type {number} */ (parts[parts.length - 1]) + 1;
  return parts.join('.');
}

/**
 * @typedef {{
 *   distDir?: string, outDir?: string, build?: boolean, lint?: boolean,
 *   key?: string | Buffer | KeyObject, baseUrl?: string, log?: (line: string) => void, root?: string,
 *   version?: string,
 * }} PackageOptions
 *   version: package the builds as this version instead of package.json's (every manifest and file name says
 *   it; no CHANGELOG section is needed). Only for trying the update path with one build, e.g. the same build
 *   as N and N+1 (test/e2e/self-hosted-update.spec.ts); a release never uses it.
 * @typedef {{ version: string, outDir: string, files: string[],
 *   crx: { id: string, file: string, codebase: string, updateUrl: string } | null,
 *   firefox: { id: string, file: string, link: string, updateUrl: string } | null }} PackageResult
 */

/**
 * Writes the release packages. Everything is made in a staging folder inside outDir and moved in place only
 * when all checks passed; files of an earlier run (our names only) are replaced.
 * @param {PackageOptions} [options]
 * @returns {Promise<PackageResult>}
 */
export async function packageRelease(options = {}) {
  const root = options.root ?? ROOT;
  const log = options.log ?? ((line) => console.log(line));
  const distDir = resolve(root, options.distDir ?? 'dist');
  const outDir = resolve(root, options.outDir ?? 'release');
  const builtVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const version = options.version ?? builtVersion;
  for (const [what, value] of [['package.json version', builtVersion], ['version', version]]) {
    if (!/^\d+(\.\d+){0,3}$/.test(value)) throw new Error(`${what} ${value}: Chrome needs 1–4 dot-separated numbers`);
  }
  // Cheap checks first: the notes and the key, before a build.
  const notes =
    options.version === undefined
      ? changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version)
      : { date: null, body: `Not a release: the build of ${builtVersion}, packaged as ${version} to try the update path.` };
  const key = options.key === undefined ? undefined : loadKey(options.key);
  const baseUrl = options.baseUrl === undefined ? undefined : normaliseBaseUrl(options.baseUrl);
  if (key && !baseUrl) throw new Error('--base-url is needed with a key: the folder where the school serves the CRX and updates.xml, e.g. https://school.example/jmc/');

  if (options.build !== false) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the release build failed');
  }

  mkdirSync(outDir, { recursive: true });
  const staging = join(outDir, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    /** @type {Map<string, string>} */
    const purposes = new Map();
    /** @type {Map<string, Buffer>} */
    const zips = new Map();
    /** @type {Map<string, Record<string, any>>} */
    const manifests = new Map();
    for (const spec of PACKAGES) {
      const dir = join(distDir, spec.dir);
      const files = checkBuild(dir, spec, builtVersion);
      let manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      if (spec.managed && baseUrl) {
        const updateManifest = spec.target === 'chrome' ? CHROME_UPDATE_MANIFEST : FIREFOX_UPDATE_MANIFEST;
        manifest = withUpdateUrl(manifest, spec.target, new URL(updateManifest, baseUrl).href);
      }
      manifest.version = version;
      // The build's own bytes where nothing changed (a release of the store builds: always).
      const changed = manifest.version !== builtVersion || (spec.managed && baseUrl);
      const entries = files.map((name) => ({
        name,
        data: name === 'manifest.json' && changed ? Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) : readFileSync(join(dir, name)),
      }));
      const zip = await createZip(entries);
      const name = packageFileName(version, spec.suffix);
      writeFileSync(join(staging, name), zip);
      purposes.set(name, spec.purpose);
      zips.set(spec.dir, zip);
      manifests.set(spec.dir, manifest);
    }

    /** @type {PackageResult['crx']} */
    let crx = null;
    if (key && baseUrl) {
      const name = crxFileName(version);
      const id = await signCrx3(/** @type {Buffer} */ (zips.get('chrome-managed')), key, join(staging, name));
      const codebase = new URL(name, baseUrl).href;
      writeFileSync(join(staging, CHROME_UPDATE_MANIFEST), updatesXml({ appId: id, version, codebase }));
      purposes.set(name, 'Chrome/Edge self-hosted force-install: the managed build, signed with the school\'s key');
      purposes.set(CHROME_UPDATE_MANIFEST, `Chrome/Edge update manifest for extension id ${id}`);
      crx = { id, file: name, codebase, updateUrl: new URL(CHROME_UPDATE_MANIFEST, baseUrl).href };
    } else {
      log('No CRX signing key (--key <school-key.pem> or JMC_CRX_KEY): skipped the self-hosted Chrome/Edge CRX and updates.xml. The store and managed packages are written.');
    }

    /** @type {PackageResult['firefox']} */
    let firefox = null;
    if (baseUrl) {
      const id = /** @type {string} */ (manifests.get('firefox-managed')?.browser_specific_settings.gecko.id);
      const file = managedXpiFileName(version);
      const link = new URL(file, baseUrl).href;
      writeFileSync(join(staging, FIREFOX_UPDATE_MANIFEST), updatesJson({ addonId: id, version, link }));
      purposes.set(FIREFOX_UPDATE_MANIFEST, `Firefox update manifest for add-on ${id}: where ${file} (signed by AMO) is`);
      firefox = { id, file, link, updateUrl: new URL(FIREFOX_UPDATE_MANIFEST, baseUrl).href };
    }

    purposes.set('RELEASE-NOTES.md', 'what changed in this version');
    writeFileSync(join(staging, 'RELEASE-NOTES.md'), releaseNotesText(version, notes, purposes));

    if (options.lint !== false) {
      for (const spec of PACKAGES.filter((candidate) => candidate.target === 'firefox')) {
        const name = packageFileName(version, spec.suffix);
        // A self-hosted add-on may name its update address (AMO lints unlisted uploads the same way).
        if (!lintFirefox(join(staging, name), name, { selfHosted: spec.managed }).ok) throw new Error(`web-ext lint failed for ${name}`);
      }
    }

    const names = [...purposes.keys()].sort();
    const sums = names.map((name) => `${createHash('sha256').update(readFileSync(join(staging, name))).digest('hex')}  ${name}\n`).join('');
    writeFileSync(join(staging, 'SHA256SUMS'), sums);
    names.push('SHA256SUMS');

    // In place: our earlier files go, the new ones come; anything else in outDir stays.
    for (const old of readdirSync(outDir)) {
      if (old.startsWith(`${PACKAGE_NAME}-`) || [CHROME_UPDATE_MANIFEST, FIREFOX_UPDATE_MANIFEST, 'RELEASE-NOTES.md', 'SHA256SUMS'].includes(old)) rmSync(join(outDir, old), { force: true });
    }
    for (const name of names) renameSync(join(staging, name), join(outDir, name));
    return { version, outDir, files: names, crx, firefox };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * @param {string} version
 * @param {{ date: string | null, body: string }} notes
 * @param {Map<string, string>} purposes
 */
function releaseNotesText(version, notes, purposes) {
  return [
    `# Jitsi Moderator Companion ${version}`,
    '',
    ...(notes.date ? [`Released ${notes.date}.`, ''] : []),
    notes.body,
    '',
    '## Files',
    '',
    '| file | for |',
    '|---|---|',
    ...[...purposes].filter(([name]) => name !== 'RELEASE-NOTES.md').map(([name, purpose]) => `| \`${name}\` | ${purpose} |`),
    '',
    'Check the downloads with `sha256sum -c SHA256SUMS`. How to deploy them: docs/admin/deploy.md',
    '(German: docs/admin/deploy.de.md) in the source.',
    '',
  ].join('\n');
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ key?: string, baseUrl?: string, out?: string, build: boolean, lint: boolean, help: boolean }} */
  const args = { build: true, lint: true, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = /** @type {string} */ (argv[index]);
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--key') args.key = inline ?? value();
    else if (name === '--base-url') args.baseUrl = inline ?? value();
    else if (name === '--out') args.out = inline ?? value();
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--no-lint') args.lint = false;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown option ${arg} (see --help)`);
  }
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(lines.slice(1, lines.findIndex((line) => !line.startsWith('//'))).map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    }
    const warn = (/** @type {string} */ line) => console.log(line);
    const key = keyFromCli(args.key, process.env.JMC_CRX_KEY, warn);
    const result = await packageRelease({
      key,
      build: args.build,
      lint: args.lint,
      ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
      ...(args.out !== undefined ? { outDir: resolve(args.out) } : {}),
    });
    console.log(`\nrelease ${result.version} in ${relative(process.cwd(), result.outDir) || '.'}/ (${((Date.now() - started) / 1000).toFixed(1)} s):`);
    for (const name of result.files) console.log(`  ${name}`);
    if (result.crx) {
      console.log(`\nChrome/Edge extension id: ${result.crx.id}`);
      console.log(`Upload ${result.crx.file} and updates.xml so that updates.xml is at ${result.crx.updateUrl}`);
      console.log(`Policy ExtensionInstallForcelist entry: ${result.crx.id};${result.crx.updateUrl}`);
      console.log(`Admin kit: npm run admin-kit -- --host <your Jitsi host> --chrome-id ${result.crx.id} --chrome-update-url ${result.crx.updateUrl}`);
    }
    if (result.firefox) {
      console.log(`\nFirefox add-on ${result.firefox.id}: have ${result.firefox.file} signed on AMO (unlisted), upload the signed file under`);
      console.log(`that name so that it is at ${result.firefox.link}, and updates.json so that it is at ${result.firefox.updateUrl}`);
    }
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
