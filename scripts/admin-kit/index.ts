// The admin kit: every file a school's IT needs to force-install the companion and configure it by
// policy, generated from the settings model (src/core/settings.ts), so no template can drift from it.
//   npm run admin-kit -- --host jitsi.schule.example --chrome-id <32 letters a–p> [--edge-id …] [--out dir]
// The generators are pure (configuration in, file text out); runCli() at the end is the only part that
// touches the file system. docs/admin/README.md says where each file goes and cites the browser sources
// the formats follow; test/unit/admin-kit/ checks every file against parsePolicy (a test file per format).
// This is the entry point: generateKit() puts the files of every format (one module each: chromium-json,
// windows-reg, admx, macos, google-admin, firefox, settings-table) together, and runCli() is the command line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { allowedText, hostPattern, parsePolicy, type Problem } from '../../src/core/settings.ts';
import { isGeckoId, MANAGED_GECKO_ID } from '../manifest-variants.ts';
import { ADML_LANGUAGES, adml, admx } from './admx.ts';
import { linuxPolicy } from './chromium-json.ts';
import { firefoxPolicies } from './firefox.ts';
import { googleAdminPolicy } from './google-admin.ts';
import { macProfile } from './macos.ts';
import { settingsTable } from './settings-table.ts';
import {
  assertValidConfiguration,
  CHROME_WEB_STORE_UPDATE_URL,
  CHROMIUM_BROWSERS,
  type Configuration,
  DEFAULT_OUT_DIR,
  EDGE_ADDONS_UPDATE_URL,
  EXAMPLE_HOST,
  EXAMPLE_STATE_HOST,
  exampleConfiguration,
  type ExampleKind,
  EXTENSION_ID_PLACEHOLDER,
  idAndUrl,
  json,
  type KitInput,
  missingGermanTitles,
  resolveInput,
  XPI_FILE_NAME,
} from './shared.ts';
import { windowsRegistry } from './windows-reg.ts';

export * from './admx.ts';
export * from './chromium-json.ts';
export * from './firefox.ts';
export * from './google-admin.ts';
export * from './macos.ts';
export * from './settings-table.ts';
export * from './shared.ts';
export * from './windows-reg.ts';
export * from './xml.ts';

// The kit

/** Every file of the kit, by path relative to the output folder. */
export function generateKit(kitInput: KitInput, configuration?: Configuration): Map<string, string> {
  const input = resolveInput(kitInput);
  const config = configuration ?? exampleConfiguration(input.example, input.host);
  assertValidConfiguration(config);
  const missing = missingGermanTitles();
  if (missing.length) throw new Error(`src/core/setting-texts.ts has no German line for school IT (policy.de) for: ${missing.join(', ')}`);
  const files = new Map<string, string>();
  files.set('configuration.json', json(config));
  files.set('linux/chrome/jitsi-moderator-companion.json', linuxPolicy(input, 'chrome', config));
  files.set('linux/chromium/jitsi-moderator-companion.json', linuxPolicy(input, 'chrome', config));
  files.set('linux/edge/jitsi-moderator-companion.json', linuxPolicy(input, 'edge', config));
  for (const browser of ['chrome', 'edge'] as const) {
    const { id } = idAndUrl(input, browser);
    const { fileBase } = CHROMIUM_BROWSERS[browser];
    files.set(`windows/${browser}.reg`, windowsRegistry(input, browser, config));
    files.set(`windows/admx/${fileBase}.admx`, admx(browser, id));
    for (const language of ADML_LANGUAGES) files.set(`windows/admx/${language}/${fileBase}.adml`, adml(browser, id, language));
  }
  files.set('macos/jitsi-moderator-companion.mobileconfig', macProfile(input, config));
  files.set('google-admin/policy-for-extensions.json', googleAdminPolicy(config));
  files.set('firefox/policies.json', firefoxPolicies(input, config));
  files.set('settings.md', settingsTable('en'));
  files.set('settings.de.md', settingsTable('de'));
  return files;
}

/** docs/admin/generated: the kit for the example school (id placeholder), plus the state-server example. */
export function shippedKit(): Map<string, string> {
  const files = generateKit({ host: EXAMPLE_HOST, chromeId: EXTENSION_ID_PLACEHOLDER });
  const state = exampleConfiguration('state', EXAMPLE_STATE_HOST);
  assertValidConfiguration(state);
  files.set('configuration.state.json', json(state));
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Command line

const PROBLEM_TEXT: Record<Problem, string> = {
  'unknown-key': 'not a setting (see settings.md), the extension would ignore it',
  'wrong-type': 'wrong kind of value (see settings.md)',
  'out-of-range': 'value not allowed (see settings.md)',
  'too-long': 'too long',
  'invalid-host': 'not a host name (https only)',
  'invalid-ip': 'not an IP address the browser can read (each number 0 to 255)',
  'invalid-name': 'not a host name the browser can read (e.g. a broken xn-- part)',
  'invalid-url': 'not an https address',
  'not-an-object': 'must be an object: { "enforced": {…}, "defaults": {…} }',
};

/** Null when fine; else what is wrong, for the admin. */
export function hostProblem(host: string): string | null {
  if (!host) return '--host is missing: give the Jitsi server\'s host name, e.g. --host jitsi.schule.example';
  if (/[/:@]/.test(host)) return `--host "${host}": give the host name only, without https://, port or path, e.g. jitsi.schule.example`;
  const labels = host.toLowerCase().split('.');
  const valid =
    host.length <= 253 && labels.length >= 2 && labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) && !/^[0-9]+$/.test(labels.at(-1) ?? '');
  if (!valid || !hostPattern(host.toLowerCase())) {
    return `--host "${host}": not a host name. Use letters, digits and hyphens in dot-separated parts (a domain, not an IP address), e.g. jitsi.schule.example`;
  }
  return null;
}

export function extensionIdProblem(flag: string, id: string): string | null {
  if (/^[a-p]{32}$/.test(id)) return null;
  return `${flag} "${id}": a Chrome/Edge extension id is 32 letters from a to p (chrome://extensions shows it, with Developer mode on), e.g. abcdefghijklmnopabcdefghijklmnop`;
}

function httpsUrlProblem(flag: string, url: string): string | null {
  try {
    if (new URL(url).protocol === 'https:') return null;
  } catch {
    // reported below
  }
  return `${flag} "${url}": must be an https:// address`;
}

const USAGE = `Usage: npm run admin-kit -- --host <jitsi host> [--chrome-id <id>] [options]

  --host <name>                 the Jitsi server, e.g. jitsi.schule.example (required)
  --chrome-id <id>              Chrome/Edge extension id, 32 letters a–p
                                (default: the placeholder ${EXTENSION_ID_PLACEHOLDER})
  --edge-id <id>                Edge Add-ons id (default: the Chrome id and Chrome's update URL)
  --chrome-update-url <url>     default ${CHROME_WEB_STORE_UPDATE_URL}
  --edge-update-url <url>       default ${EDGE_ADDONS_UPDATE_URL} with --edge-id
  --firefox-install-url <url>   default https://<host without its first part>/${XPI_FILE_NAME}
  --firefox-id <id>             the managed Firefox package's add-on id, if your school signs its own
                                build (JMC_FIREFOX_MANAGED_ID); default ${MANAGED_GECKO_ID}
  --example school|state        example configuration (default: school)
  --config <file.json>          your own configuration, { "enforced": {…}, "defaults": {…} },
                                instead of an example (it is checked as the extension checks it)
  --out <dir>                   where to write the files (default: ${DEFAULT_OUT_DIR})
  --check <file>                check a policy file instead (a Chromium/Chrome/Edge policy .json, a
                                Firefox policies.json, the Google Admin upload, or
                                { "enforced": {…}, "defaults": {…} }): prints
                                every value the extension would ignore, and what is allowed
  --help                        this text`;

/** The companion's configurations in a policy file, by where they sit in it. */
function configurationsIn(file: unknown): Array<{ where: string; configuration: unknown }> {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(file)) return [{ where: '', configuration: file }];
  const found: Array<{ where: string; configuration: unknown }> = [];
  const chromium = isObject(file['3rdparty']) && isObject(file['3rdparty'].extensions) ? file['3rdparty'].extensions : null;
  const policies = isObject(file.policies) ? file.policies : null;
  const firefox = policies && isObject(policies['3rdparty']) && isObject(policies['3rdparty'].Extensions) ? policies['3rdparty'].Extensions : null;
  if (chromium) for (const [id, configuration] of Object.entries(chromium)) found.push({ where: `3rdparty.extensions.${id}.`, configuration });
  if (firefox) for (const [id, configuration] of Object.entries(firefox)) found.push({ where: `policies.3rdparty.Extensions.${id}.`, configuration });
  // The Google Admin console's upload wraps each group: { "enforced": { "Value": {…} } }.
  const unwrapped = Object.fromEntries(
    Object.entries(file).map(([key, value]) => [key, isObject(value) && Object.keys(value).length === 1 && 'Value' in value ? value.Value : value]),
  );
  if (!chromium && !firefox) found.push({ where: '', configuration: unwrapped });
  return found;
}

/**
 * `--check FILE`: every value of a policy file that the extension would ignore, with what is allowed.
 * Chromium (Chrome, Edge) checks only the JSON types of managed_schema.json: a value of the wrong type
 * makes it drop the whole group (enforced or defaults), an unknown setting it drops silently; the options
 * page lists the rest. So a file is fine only when this finds nothing.
 */
export function checkPolicyText(text: string, name = 'the file'): { ok: boolean; lines: string[] } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return { ok: false, lines: [`${name}: not JSON (${(error as Error).message}). Windows .reg, ADMX and macOS profiles: check the settings in chrome://policy or about:policies.`] };
  }
  const lines: string[] = [];
  let ok = true;
  for (const { where, configuration } of configurationsIn(file)) {
    const { enforced, defaults, problems } = parsePolicy(configuration);
    if (problems.length === 0) {
      lines.push(`${name}: ${where || ''}OK (${Object.keys(enforced).length} enforced, ${Object.keys(defaults).length} defaults)`);
      continue;
    }
    ok = false;
    for (const problem of problems) {
      const value = problem.value === undefined ? '' : ` = ${problem.value}`;
      const allowed = problem.key && problem.problem !== 'unknown-key' ? `; allowed: ${allowedText(problem.key)}` : '';
      const group = problem.path.split('.')[0];
      const effect =
        problem.problem === 'wrong-type' || problem.problem === 'not-an-object'
          ? ` (Chrome and Edge drop the whole "${group}" group for this: every setting in it falls back to the built-in defaults)`
          : problem.problem === 'unknown-key'
            ? ' (Chrome and Edge drop it without a word)'
            : ' (ignored, the built-in default applies; the options page lists it)';
      lines.push(`${name}: ${where}${problem.path || '(the configuration)'}${value}: ${PROBLEM_TEXT[problem.problem]}${allowed}${effect}`);
    }
  }
  return { ok, lines };
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
}

const nodeIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, content) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  },
};

/** Runs the command line; returns the exit code (0 written, 1 failed, 2 bad arguments). */
export function runCli(argv: string[], io: CliIo = nodeIo): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        'chrome-id': { type: 'string' },
        'edge-id': { type: 'string' },
        'chrome-update-url': { type: 'string' },
        'edge-update-url': { type: 'string' },
        'firefox-install-url': { type: 'string' },
        'firefox-id': { type: 'string' },
        example: { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    io.err(`admin-kit: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
  const checkFile = text('check');
  if (checkFile !== undefined) {
    let content: string;
    try {
      content = io.readFile(checkFile);
    } catch (error) {
      io.err(`admin-kit: --check ${checkFile}: cannot read it (${(error as Error).message})`);
      return 2;
    }
    const { ok, lines } = checkPolicyText(content, checkFile);
    for (const line of lines) (ok ? io.out : io.err)(line);
    if (!ok) io.err('Fix these values, then check again; after deploying, chrome://policy (Chrome, Edge) or about:policies (Firefox) shows what the browser read.');
    return ok ? 0 : 1;
  }
  const host = (text('host') ?? '').toLowerCase();
  const chromeId = text('chrome-id') ?? EXTENSION_ID_PLACEHOLDER;
  const edgeId = text('edge-id');
  const firefoxId = text('firefox-id');
  const example = text('example') ?? 'school';
  const problems = [
    hostProblem(host),
    chromeId === EXTENSION_ID_PLACEHOLDER ? null : extensionIdProblem('--chrome-id', chromeId),
    edgeId === undefined ? null : extensionIdProblem('--edge-id', edgeId),
    firefoxId === undefined || isGeckoId(firefoxId) ? null : `--firefox-id "${firefoxId}": an add-on id looks like name@example.org or {GUID}`,
    ...(['chrome-update-url', 'edge-update-url', 'firefox-install-url'] as const).map((flag) => {
      const url = text(flag);
      return url === undefined ? null : httpsUrlProblem(`--${flag}`, url);
    }),
    example === 'school' || example === 'state' ? null : `--example "${example}": choose school or state`,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length) {
    for (const problem of problems) io.err(`admin-kit: ${problem}`);
    io.err('Run with --help for all options.');
    return 2;
  }
  const input: KitInput = { host, chromeId, example: example as ExampleKind };
  if (edgeId !== undefined) input.edgeId = edgeId;
  if (firefoxId !== undefined) input.firefoxId = firefoxId;
  const chromeUpdateUrl = text('chrome-update-url');
  const edgeUpdateUrl = text('edge-update-url');
  const firefoxInstallUrl = text('firefox-install-url');
  if (chromeUpdateUrl !== undefined) input.chromeUpdateUrl = chromeUpdateUrl;
  if (edgeUpdateUrl !== undefined) input.edgeUpdateUrl = edgeUpdateUrl;
  if (firefoxInstallUrl !== undefined) input.firefoxInstallUrl = firefoxInstallUrl;

  let configuration: Configuration | undefined;
  const configFile = text('config');
  if (configFile !== undefined) {
    try {
      configuration = JSON.parse(io.readFile(configFile)) as Configuration;
    } catch (error) {
      io.err(`admin-kit: --config ${configFile}: cannot read it as JSON (${(error as Error).message})`);
      return 2;
    }
    const { problems } = parsePolicy(configuration);
    if (problems.length) {
      for (const { path, problem } of problems) io.err(`admin-kit: --config ${configFile}: ${path || 'the file'}: ${PROBLEM_TEXT[problem]}`);
      return 2;
    }
    configuration = { enforced: configuration.enforced ?? {}, defaults: configuration.defaults ?? {} };
  }

  let files: Map<string, string>;
  try {
    files = generateKit(input, configuration);
  } catch (error) {
    io.err(`admin-kit: ${(error as Error).message}`);
    return 1;
  }
  const outDir = text('out') || DEFAULT_OUT_DIR;
  for (const [path, content] of files) io.writeFile(join(outDir, path), content);
  io.out(`admin-kit: wrote ${files.size} files for ${host} to ${outDir}/`);
  for (const path of files.keys()) io.out(`  ${path}`);
  const resolved = resolveInput(input);
  if (chromeId === EXTENSION_ID_PLACEHOLDER) {
    io.out(`Note: no --chrome-id given, so the Chrome/Edge files say ${EXTENSION_ID_PLACEHOLDER}. Run again with the id (chrome://extensions shows it; the store listing once published).`);
  }
  if (firefoxInstallUrl === undefined) io.out(`Note: Firefox installs from ${resolved.firefoxInstallUrl}: put the AMO-signed XPI there, or pass --firefox-install-url.`);
  return 0;
}
