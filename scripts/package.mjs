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
//   RELEASE-NOTES.md                                     this version's section of CHANGELOG.md
//   SHA256SUMS                                           every file above (sha256sum -c SHA256SUMS)
// The CRX and updates.xml need the school's key (--key, or JMC_CRX_KEY holding a path or the PEM itself) and
// --base-url, where the school serves them; without a key they are skipped. The key is never stored here.
// Refuses a build with a manifest `key`, a local or test host, source maps or dot files, and a version
// without a CHANGELOG.md section. Lints both .xpi with web-ext lint (0 errors). docs/admin/deploy.md says
// what to do with each file.
import { spawnSync } from 'node:child_process';
import { createHash, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCrx3, extensionIdOf, rsaPrivateKey, updatesXml, verifyCrx3 } from './crx3.mjs';
import { lintFirefox } from './lint-firefox.mjs';
import { createZip, listFiles } from './zip.mjs';

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

/** @param {string} text */
function normaliseBaseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--base-url ${JSON.stringify(text)} is not an address; e.g. https://school.example/jmc/`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--base-url must be https (or http), got ${url.protocol}`);
  if (url.search || url.hash) throw new Error('--base-url must not have a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** @param {string | Buffer | KeyObject} key */
function loadKey(key) {
  if (key instanceof KeyObject) {
    if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') throw new Error('the CRX key must be an RSA private key');
    return key;
  }
  return rsaPrivateKey(key);
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
 * @typedef {{
 *   distDir?: string, outDir?: string, build?: boolean, lint?: boolean,
 *   key?: string | Buffer | KeyObject, baseUrl?: string, log?: (line: string) => void, root?: string,
 * }} PackageOptions
 * @typedef {{ version: string, outDir: string, files: string[],
 *   crx: { id: string, file: string, codebase: string, updateUrl: string } | null }} PackageResult
 */

/**
 * Writes the release packages. Everything is made in a staging folder inside outDir and moved in place only
 * when all checks passed; files of an earlier run (our names only) are replaced.
 * @param {PackageOptions} [options]
 * @returns {PackageResult}
 */
export function packageRelease(options = {}) {
  const root = options.root ?? ROOT;
  const log = options.log ?? ((line) => console.log(line));
  const distDir = resolve(root, options.distDir ?? 'dist');
  const outDir = resolve(root, options.outDir ?? 'release');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`package.json version ${version}: Chrome needs 1–4 dot-separated numbers`);
  // Cheap checks first: the notes and the key, before a build.
  const notes = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  const key = options.key === undefined ? undefined : loadKey(options.key);
  const baseUrl = options.baseUrl === undefined ? undefined : normaliseBaseUrl(options.baseUrl);
  if (key && !baseUrl) throw new Error('--base-url is needed with a key: the folder where the school serves the CRX and updates.xml, e.g. https://school.example/jmc/');
  if (baseUrl && !key) log('note: --base-url is used only with a key (--key or JMC_CRX_KEY); ignored');
  if (baseUrl?.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(baseUrl.hostname)) {
    log(`warning: ${baseUrl.href} is plain http: serve the CRX and updates.xml over https`);
  }

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
    for (const spec of PACKAGES) {
      const dir = join(distDir, spec.dir);
      const files = checkBuild(dir, spec, version);
      const zip = createZip(files.map((name) => ({ name, data: readFileSync(join(dir, name)) })));
      const name = packageFileName(version, spec.suffix);
      writeFileSync(join(staging, name), zip);
      purposes.set(name, spec.purpose);
      zips.set(spec.dir, zip);
    }

    /** @type {PackageResult['crx']} */
    let crx = null;
    if (key && baseUrl) {
      const name = crxFileName(version);
      const file = createCrx3(/** @type {Buffer} */ (zips.get('chrome-managed')), key);
      const id = verifyCrx3(file);
      if (id !== extensionIdOf(key)) throw new Error('crx: the written id is not the key\'s id');
      const codebase = new URL(name, baseUrl).href;
      writeFileSync(join(staging, name), file);
      writeFileSync(join(staging, 'updates.xml'), updatesXml({ appId: id, version, codebase }));
      purposes.set(name, 'Chrome/Edge self-hosted force-install: the managed build, signed with the school\'s key');
      purposes.set('updates.xml', `Chrome/Edge update manifest for extension id ${id}`);
      crx = { id, file: name, codebase, updateUrl: new URL('updates.xml', baseUrl).href };
    } else {
      log('No CRX signing key (--key <school-key.pem> or JMC_CRX_KEY): skipped the self-hosted Chrome/Edge CRX and updates.xml. The store and managed packages are written.');
    }

    purposes.set('RELEASE-NOTES.md', 'what changed in this version');
    writeFileSync(join(staging, 'RELEASE-NOTES.md'), releaseNotesText(version, notes, purposes));

    if (options.lint !== false) {
      for (const spec of PACKAGES.filter((candidate) => candidate.target === 'firefox')) {
        const name = packageFileName(version, spec.suffix);
        if (!lintFirefox(join(staging, name), name).ok) throw new Error(`web-ext lint failed for ${name}`);
      }
    }

    const names = [...purposes.keys()].sort();
    const sums = names.map((name) => `${createHash('sha256').update(readFileSync(join(staging, name))).digest('hex')}  ${name}\n`).join('');
    writeFileSync(join(staging, 'SHA256SUMS'), sums);
    names.push('SHA256SUMS');

    // In place: our earlier files go, the new ones come; anything else in outDir stays.
    for (const old of readdirSync(outDir)) {
      if (old.startsWith(`${PACKAGE_NAME}-`) || ['updates.xml', 'RELEASE-NOTES.md', 'SHA256SUMS'].includes(old)) rmSync(join(outDir, old), { force: true });
    }
    for (const name of names) renameSync(join(staging, name), join(outDir, name));
    return { version, outDir, files: names, crx };
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
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    }
    const warn = (/** @type {string} */ line) => console.log(line);
    const key = keyFromCli(args.key, process.env.JMC_CRX_KEY, warn);
    const result = packageRelease({
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
    }
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
