// The simulated lesson on jitsi-meet's real web UI: serves the page the way a Debian/nginx Jitsi install
// serves jitsi-meet (index.html for `/<room>` and `/<tenant>/<room>`, config.js and interface_config.js
// inlined as SSI does), with the same interface and URL knobs as the hand-written double
// (test/sim/server.mjs), whose fake lib-jitsi-meet + FakeServer it uses. Local only.
//   import { startSimulator } from './test/jitsi-sdk/server.mjs'
//   node test/jitsi-sdk/server.mjs [--port 8090] [--verbose]
// Paths: /config.js, /interface_config.js, /external_api.js (jitsi-meet's IFrame API client), /css/* (static/), /libs/* (dist/), /lang/*, /images/*,
// /sounds/* (the SDK's own files), /__fixtures/lookalike (not Jitsi) and /__fixtures/unknown-version (a Jitsi the
// companion cannot read), both in test/sim/fixtures.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deploymentConfig } from '../sim/server.mjs';
import { baseConfig } from './static/config.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const SDK = join(ROOT, 'node_modules/@jitsi/react-native-sdk');
const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.mp3': 'audio/mpeg', '.wasm': 'application/wasm' };
const MOUNTS = [['/libs/', join(ROOT, 'dist')], ['/css/', join(ROOT, 'static/css')], ['/lang/', join(SDK, 'lang')],
  ['/images/', join(SDK, 'images')], ['/sounds/', join(SDK, 'sounds')]];
/** nginx: `location ~ ^/([^/?&:'"]+)$` and the tenant variant (facts §1.2). */
const ROOM_PATH = /^\/(?:[^/?&:'"]+\/)?[^/?&:'"]+$/;

/** config.js for this URL. @param {URLSearchParams} query @param {string} host */
function configScript(query, host) {
  const config = { ...baseConfig, ...deploymentConfig(query, host) };
  return `var config = ${JSON.stringify(config, null, 4).replace(/</g, '\\u003c')};\n`;
}

/**
 * The room's knobs for this request. jitsi-meet removes the query and the hash from the address bar once
 * it has read them (`history.replaceState`), so a reload asks for the bare `/<room>`; a real server still
 * knows its room and its class. This one remembers the knobs of the last load in this browser profile,
 * in an HttpOnly cookie scoped to the room's path (so nothing leaks between tests, which each get a
 * fresh profile), and hands them to the fake lib in a slot, not in the URL.
 * @param {import('node:http').IncomingMessage} req @param {URL} url
 * @returns {{query: URLSearchParams, setCookie?: string}}
 */
function roomKnobs(req, url) {
  const name = 'jitsi-sim-knobs';
  if (url.search) {
    return { query: url.searchParams, setCookie: `${name}=${encodeURIComponent(url.search.slice(1))}; Path=${url.pathname}; HttpOnly; SameSite=Lax` };
  }
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((part) => part.startsWith(`${name}=`));
  return { query: new URLSearchParams(cookie ? decodeURIComponent(cookie.slice(name.length + 1)) : '') };
}

/** @param {URLSearchParams} query @param {string} host */
async function indexHtml(query, host) {
  const html = await readFile(join(ROOT, 'static/index.html'), 'utf8');
  // Test-only slot read by the fake lib (test/sim/src/lib-jitsi-meet.ts) instead of location.search.
  const knobs = `Object.defineProperty(window, Symbol.for('jitsi-sim/room-knobs'), { value: ${JSON.stringify(query.toString()).replace(/</g, '\\u003c')} });\n`;
  return html.replace('<!--#include virtual="/config.js" -->', configScript(query, host) + knobs)
    .replace('<!--#include virtual="/interface_config.js" -->', await readFile(join(ROOT, 'static/interface_config.js'), 'utf8'));
}

/**
 * @param {{port?: number, host?: string, quiet?: boolean, tls?: {key: string, cert: string}, langDelayMs?: number}} [options]
 *   tls: serve https (a school's own Jitsi host from policy is https-only), e.g. selfSignedCertificate() of test/sim/server.mjs.
 *   langDelayMs: latency of lang/*.json (i18next's http backend; a real server is not instant either).
 */
export async function startSimulator({ port = 0, host = '127.0.0.1', quiet = true, tls, langDelayMs = 50 } = {}) {
  // `npm test` builds (minified) in its "real Jitsi UI" step; a developer's first run builds here.
  if (!existsSync(join(ROOT, 'dist/app.bundle.js'))) await (await import('./scripts/build.mjs')).build({ quiet });
  /** @type {import('node:http').RequestListener} */
  const handle = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (!quiet) console.log(`${req.method} ${path}${url.search}`);
    try {
      if (path === '/config.js') return send(res, 200, configScript(url.searchParams, req.headers.host ?? host), '.js');
      if (path === '/external_api.js') return send(res, 200, await readFile(join(ROOT, 'dist/external_api.js')), '.js');
      if (path === '/interface_config.js') return send(res, 200, await readFile(join(ROOT, 'static/interface_config.js')), '.js');
      if (path === '/__fixtures/lookalike' || path === '/__fixtures/unknown-version') {
        return send(res, 200, await readFile(join(ROOT, `../sim/fixtures/${path.slice('/__fixtures/'.length)}.html`)), '.html');
      }
      for (const [prefix, dir] of MOUNTS) {
        if (path.startsWith(prefix)) {
          const file = normalize(join(dir, path.slice(prefix.length)));
          if (!file.startsWith(dir)) return send(res, 403, 'forbidden', '.txt');
          if (prefix === '/lang/') await new Promise((r) => setTimeout(r, langDelayMs));
          else if (notModified(req, res, file)) return;
          return send(res, 200, await readFile(file), extname(file), etagOf(file));
        }
      }
      if (path === '/favicon.ico') return send(res, 204, '', '.txt');
      if (path === '/') return send(res, 200, await indexHtml(url.searchParams, req.headers.host ?? host), '.html');
      if (ROOM_PATH.test(path)) {
        const { query, setCookie } = roomKnobs(req, url);
        if (setCookie) res.setHeader('set-cookie', setCookie);
        return send(res, 200, await indexHtml(query, req.headers.host ?? host), '.html');
      }
      return send(res, 404, 'not found', '.txt');
    } catch {
      if (!quiet) console.log('404', path);
      return send(res, 404, 'not found', '.txt');
    }
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const origin = `${tls ? 'https' : 'http'}://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    /** @param {string} room @param {Record<string, string | number | boolean>} [params] @param {string} [hash] */
    roomUrl(room, params = {}, hash = '') {
      const pathPart = room.split('/').map(encodeURIComponent).join('/');
      const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();
      const fragment = hash && !hash.startsWith('#') ? `#${hash}` : hash;
      return `${origin}/${pathPart}${query ? `?${query}` : ''}${fragment}`;
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string | Buffer} body @param {string} ext
 * @param {string} [etag] static files: kept by the browser but asked again each time (`no-cache` + ETag, as
 *   nginx serves jitsi-meet's libs), so a browser that has seen app.bundle.js reuses its compiled code.
 */
function send(res, status, body, ext, etag) {
  const type = TYPES[/** @type {keyof typeof TYPES} */ (ext)] ?? 'text/plain';
  res.writeHead(status, etag ? { 'content-type': type, 'cache-control': 'no-cache', etag } : { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** @param {string} file */
function etagOf(file) {
  const { size, mtimeMs } = statSync(file);
  return `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
}

/** Answers 304 when the browser already has this version of `file`. @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} file */
function notModified(req, res, file) {
  if (!existsSync(file) || req.headers['if-none-match'] !== etagOf(file)) return false;
  res.writeHead(304, { 'cache-control': 'no-cache', etag: etagOf(file) }).end();
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--port');
  const sim = await startSimulator({ port: i >= 0 ? Number(args[i + 1]) : 8090, quiet: !args.includes('--verbose') });
  const noPrejoin = '#config.prejoinConfig.enabled=false';
  console.log('Jitsi Meet\'s real web UI, network simulated:');
  console.log(`  lesson, prejoin  ${sim.roomUrl('MathLesson', { students: 5 })}`);
  console.log(`  lesson, joined   ${sim.roomUrl('MathLesson', { students: 12 }, noPrejoin)}`);
  console.log(`  German           ${sim.roomUrl('Deutsch8a', { students: 8, lang: 'de' }, noPrejoin)}`);
  console.log(`  old server       ${sim.roomUrl('Bio9c', { students: 6, endConference: 0, lobby: 0 }, noPrejoin)}`);
}
