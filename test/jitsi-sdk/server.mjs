// Tiny static server for the SDK test page. `node server.mjs [--port 8090]`, or
// `import { startServer } from './server.mjs'`. Serves:
//   /, /<room>, /<tenant>/<room>  index.html with config.js + interface_config.js inlined (as Debian's SSI)
//   /config.js, /interface_config.js, /css/*  static/
//   /libs/lib-jitsi-meet.js, /libs/app.bundle.js, /libs/assets/*  dist/
//   /lang/*, /images/*, /sounds/*  the SDK's own files in node_modules
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const SDK = join(ROOT, 'node_modules/@jitsi/react-native-sdk');
const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.mp3': 'audio/mpeg', '.wasm': 'application/wasm' };
const MOUNTS = [['/libs/', join(ROOT, 'dist')], ['/css/', join(ROOT, 'static/css')], ['/lang/', join(SDK, 'lang')],
  ['/images/', join(SDK, 'images')], ['/sounds/', join(SDK, 'sounds')]];

async function indexHtml() {
  const html = await readFile(join(ROOT, 'static/index.html'), 'utf8');
  const inc = async f => (await readFile(join(ROOT, 'static', f), 'utf8'));
  return html.replace('<!--#include virtual="/config.js" -->', await inc('config.js'))
    .replace('<!--#include virtual="/interface_config.js" -->', await inc('interface_config.js'));
}

export function startServer({ port = 0, host = '127.0.0.1', quiet = true, langDelayMs = 300 } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    try {
      if (path === '/config.js' || path === '/interface_config.js') {
        return send(res, 200, await readFile(join(ROOT, 'static', path)), '.js');
      }
      for (const [prefix, dir] of MOUNTS) {
        if (path.startsWith(prefix)) {
          const file = normalize(join(dir, path.slice(prefix.length)));
          if (!file.startsWith(dir)) return send(res, 403, 'forbidden', '.txt');
          // i18next's http backend asks for lang/main-<lng>.json while the bundle evaluates; answering
          // faster than the store is created makes i18next's 'initialized' handler hit an undefined
          // APP.store (a race the real app also has, hidden by network latency). Keep a latency.
          if (prefix === '/lang/') await new Promise(r => setTimeout(r, langDelayMs));
          return send(res, 200, await readFile(file), extname(file));
        }
      }
      if (/^\/([^/.]+\/)?[^/.]*$/.test(path)) return send(res, 200, await indexHtml(), '.html');
      return send(res, 404, 'not found', '.txt');
    } catch (e) {
      if (!quiet) console.log('404', path);
      return send(res, 404, 'not found', '.txt');
    }
  });
  return new Promise(resolve => server.listen(port, host, () => {
    const url = `http://${host}:${server.address().port}`;
    if (!quiet) console.log(`serving ${url}/MathLesson`);
    resolve({ url, close: () => new Promise(r => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}
function send(res, status, body, ext) {
  res.writeHead(status, { 'content-type': TYPES[ext] ?? 'text/plain', 'cache-control': 'no-store' });
  res.end(body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--port');
  await startServer({ port: i > 0 ? Number(process.argv[i + 1]) : 8090, quiet: false });
}
