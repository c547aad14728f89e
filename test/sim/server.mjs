// @ts-check
// The simulated Jitsi Meet server (test double): builds the two page bundles with vite when needed and
// serves them the way a Debian/nginx Jitsi install serves jitsi-meet — index.html for `/<room>` and
// `/<tenant>/<room>`, with config.js and interface_config.js inlined as SSI does. Local only.
//   import { startSimulator } from './test/sim/server.mjs'
//   node test/sim/server.mjs [--port 8080]
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SIM_DIR = dirname(fileURLToPath(import.meta.url));
const SRC_DIR = join(SIM_DIR, 'src');
const DIST_DIR = join(SIM_DIR, 'dist');

/** One IIFE per classic script, as jitsi-meet ships them (facts §1.1 load order). */
const BUNDLES = [
  { entry: 'src/lib-jitsi-meet.ts', file: 'lib-jitsi-meet.min.js' },
  { entry: 'src/app.ts', file: 'app.bundle.min.js' },
];

/** nginx: `location ~ ^/([^/?&:'"]+)$` and the tenant variant (facts §1.2). */
const ROOM_PATH = /^\/(?:[^/?&:'"]+\/)?[^/?&:'"]+$/;

/** @param {string} dir @returns {number} newest mtime below dir */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundlesAreFresh() {
  const sources = newestMtime(SRC_DIR);
  return BUNDLES.every(({ file }) => {
    const path = join(DIST_DIR, file);
    return existsSync(path) && statSync(path).mtimeMs >= sources;
  });
}

/**
 * Builds test/sim/dist/*.js when missing or older than the sources: one `vite build` per bundle,
 * into a temporary folder first, so a concurrent reader never sees half a file.
 * @param {{quiet?: boolean, force?: boolean}} [options]
 */
export async function ensureBundles({ quiet = true, force = false } = {}) {
  if (!force && bundlesAreFresh()) return;
  const { build } = await import('vite');
  mkdirSync(DIST_DIR, { recursive: true });
  for (const { entry, file } of BUNDLES) {
    const outDir = mkdtempSync(join(DIST_DIR, '.build-'));
    try {
      await build({
        configFile: false,
        root: SIM_DIR,
        publicDir: false,
        logLevel: quiet ? 'silent' : 'info',
        // redux checks process.env.NODE_ENV; the page has no `process`.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir,
          emptyOutDir: true,
          copyPublicDir: false,
          minify: false,
          sourcemap: false,
          target: 'es2022',
          modulePreload: false,
          rolldownOptions: {
            input: join(SIM_DIR, entry),
            output: { format: 'iife', entryFileNames: file },
          },
        },
      });
      renameSync(join(outDir, file), join(DIST_DIR, file));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
}

/** JSON that is safe inside an inline <script>. @param {unknown} value */
function scriptJson(value) {
  return JSON.stringify(value, null, 4).replace(/</g, '\\u003c');
}

/**
 * The part of config.js that follows the room URL's knobs, shared by this double and jitsi-meet's real
 * web UI (test/jitsi-sdk/server.mjs): hosts from the request's host, the Jibri `hiddenDomain`, the
 * password digits, the language. @param {URLSearchParams} query @param {string} host
 */
export function deploymentConfig(query, host) {
  const domain = host.replace(/:\d+$/, '');
  const digits = Number.parseInt(query.get('passwordDigits') ?? '', 10);
  const lang = query.get('lang');
  return {
    hosts: { domain, muc: `conference.${domain}` },
    bosh: `//${host}/http-bind`,
    websocket: `ws://${host}/xmpp-websocket`,
    // Lets join(…, {hidden}) behave as Jibri on a hidden domain; Debian leaves it unset (facts §2.2).
    hiddenDomain: `recorder.${domain}`,
    // A secure domain lets guests in through an anonymous domain once a logged-in host has opened the room.
    ...(query.get('secure') === '1' ? { hosts: { domain, muc: `conference.${domain}`, anonymousdomain: `guest.${domain}` } } : {}),
    // The real key used by the security dialog's PasswordForm (checked in jitsi-meet's SecurityDialog).
    ...(Number.isFinite(digits) && digits > 0 ? { roomPasswordNumberOfDigits: digits } : {}),
    ...(lang === 'de' || lang === 'en' || lang === 'nl' ? { defaultLanguage: lang } : {}),
  };
}

/**
 * config.js as a deployment would write it, from the room URL's query (the knobs that are config, not
 * backend behaviour). @param {URLSearchParams} query @param {string} host
 */
export function buildConfig(query, host) {
  const app = query.get('app') === '2021' ? '2021' : 'current';
  return {
    ...deploymentConfig(query, host),
    enableWelcomePage: true,
    enableClosePage: false,
    p2p: { enabled: true },
    // Prejoin is on by default, as in the real app; the key changed in 2021-12 (facts §1.3).
    ...(app === 'current' ? { prejoinConfig: { enabled: true } } : { prejoinPageEnabled: true }),
  };
}

export function buildInterfaceConfig() {
  return { APP_NAME: 'Jitsi Meet', DEFAULT_REMOTE_DISPLAY_NAME: 'Fellow Jitster', SHOW_JITSI_WATERMARK: true };
}

/** @param {URLSearchParams} query @param {string} host */
function configScript(query, host) {
  return `var config = ${scriptJson(buildConfig(query, host))};\n`;
}

function interfaceConfigScript() {
  return `var interfaceConfig = ${scriptJson(buildInterfaceConfig())};\n`;
}

/** index.html with the two SSI includes resolved. @param {URLSearchParams} query @param {string} host */
function renderIndex(query, host) {
  const template = readFileSync(join(SIM_DIR, 'index.html'), 'utf8');
  return template
    .replace('<!--#include virtual="/config.js" -->', configScript(query, host))
    .replace('<!--#include virtual="/interface_config.js" -->', interfaceConfigScript());
}

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/**
 * @param {{port?: number, host?: string, quiet?: boolean, tls?: {key: string, cert: string}}} [options]
 *   tls: serve https (a school's own Jitsi host from policy is https-only), e.g. selfSignedCertificate().
 * @returns {Promise<{origin: string, roomUrl(room: string, params?: Record<string, string | number | boolean>, hash?: string): string, close(): Promise<void>}>}
 */
export async function startSimulator({ port = 0, host = '127.0.0.1', quiet = true, tls } = {}) {
  await ensureBundles({ quiet });

  /** @type {import('node:http').RequestListener} */
  const handle = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://sim.invalid');
    const hostHeader = request.headers.host ?? `${host}:${port}`;
    /** @param {number} status @param {keyof typeof TYPES | null} type @param {string | Buffer} [body] */
    const send = (status, type, body = '') => {
      response.writeHead(status, { ...(type ? { 'Content-Type': TYPES[type] } : {}), 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, null);
    if (!quiet) console.log(`${request.method} ${url.pathname}${url.search}`);
    const path = url.pathname;
    try {
      // Files first: '/libs/x.js' would otherwise look like '/<tenant>/<room>'.
      if (path === '/config.js') return send(200, 'js', configScript(url.searchParams, hostHeader));
      if (path === '/interface_config.js') return send(200, 'js', interfaceConfigScript());
      const bundle = BUNDLES.find(({ file }) => path === `/libs/${file}`);
      if (bundle) return send(200, 'js', readFileSync(join(DIST_DIR, bundle.file)));
      if (path === '/css/all.css') return send(200, 'css', readFileSync(join(SIM_DIR, 'static', 'all.css')));
      if (path === '/static/close2.html') return send(200, 'html', readFileSync(join(SIM_DIR, 'static', 'close2.html')));
      if (path === '/__fixtures/lookalike') return send(200, 'html', readFileSync(join(SIM_DIR, 'fixtures', 'lookalike.html')));
      if (path === '/favicon.ico' || /^\/(images|sounds|libs|css|static|fonts|lang)\//.test(path)) return send(path === '/favicon.ico' ? 204 : 404, null);
      if (path === '/' || ROOM_PATH.test(path)) return send(200, 'html', renderIndex(url.searchParams, hostHeader));
      return send(404, 'html', 'Not found');
    } catch (error) {
      console.error('[jitsi-sim] request failed', error);
      return send(500, 'html', 'Simulator error');
    }
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `${tls ? 'https' : 'http'}://${host}:${actualPort}`;

  return {
    origin,
    roomUrl(room, params = {}, hash = '') {
      const path = room.split('/').map(encodeURIComponent).join('/');
      const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();
      const fragment = hash && !hash.startsWith('#') ? `#${hash}` : hash;
      return `${origin}/${path}${query ? `?${query}` : ''}${fragment}`;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * A throw-away self-signed certificate for `hostName` (openssl, in a temporary folder that is removed).
 * @param {string} hostName
 * @returns {{key: string, cert: string}}
 */
export function selfSignedCertificate(hostName) {
  const dir = mkdtempSync(join(tmpdir(), 'jmc-sim-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hostName}`,
      '-addext', `subjectAltName=DNS:${hostName}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// CLI: node test/sim/server.mjs [--port 8080] [--host 127.0.0.1] [--verbose]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  /** @param {string} name @param {string} fallback */
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 && args[index + 1] ? String(args[index + 1]) : fallback;
  };
  const sim = await startSimulator({
    port: Number(option('--port', '8080')),
    host: option('--host', '127.0.0.1'),
    quiet: !args.includes('--verbose'),
  });
  const noPrejoin = '#config.prejoinConfig.enabled=false';
  console.log('Simulated Jitsi Meet (test double) is running:');
  console.log(`  welcome page     ${sim.origin}/`);
  console.log(`  lesson, prejoin  ${sim.roomUrl('MathLesson', { students: 5 })}`);
  console.log(`  lesson, joined   ${sim.roomUrl('MathLesson', { students: 12 }, noPrejoin)}`);
  console.log(`  German, digits   ${sim.roomUrl('Deutsch8a', { students: 8, lang: 'de', passwordDigits: 6 }, noPrejoin)}`);
  console.log(`  old server       ${sim.roomUrl('Bio9c', { students: 6, endConference: 0, lobby: 0 }, noPrejoin)}`);
  console.log(`  2021 app         ${sim.roomUrl('Chemie10', { students: 6, app: '2021' }, '#config.prejoinPageEnabled=false')}`);
  console.log(`  lookalike        ${sim.origin}/__fixtures/lookalike`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
