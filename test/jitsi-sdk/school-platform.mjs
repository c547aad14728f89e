// A school's learning platform that embeds the lesson the way Moodle's Jitsi activity, Element, Nextcloud
// and HumHub do (docs/jitsi.md §11): a page on its own origin loads `external_api.js` from the Jitsi server
// and creates `new JitsiMeetExternalAPI(domain, …)`, which puts the conference in a cross-origin frame.
// The API client is jitsi-meet's own (modules/API/external from the SDK, built into dist/external_api.js
// and served by the Jitsi side, as a real server serves /external_api.js). Test-only; local only.
//   import { startSchoolPlatform } from './test/jitsi-sdk/school-platform.mjs'
// Pages:
//   /kurs/<room>?jitsi=<host:port>[&jwt=…][&lang=de][&prejoin=1]  the lesson inside the course page
//   /kurs                                                          the course page the platform returns to
//   /material?frame=<url>                                          a page with a plain iframe (not a lesson)
import { createServer } from 'node:https';

/** The platform's own look: plain, so that nothing on it could be mistaken for Jitsi. */
const STYLE = `body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #f4f4f0; color: #222; }
header { background: #204a87; color: #fff; padding: 10px 16px; }
main { padding: 12px 16px; } #jitsi { height: 560px; border: 1px solid #999; background: #000; }
nav a, nav button { margin-right: 12px; }`;

/** @param {string} room @param {URLSearchParams} query */
function lessonPage(room, query) {
  const jitsiHost = query.get('jitsi') ?? '';
  const options = {
    roomName: room,
    width: '100%',
    height: '100%',
    ...(query.get('jwt') ? { jwt: query.get('jwt') } : {}),
    ...(query.get('lang') ? { lang: query.get('lang') } : {}),
    userInfo: { displayName: query.get('name') ?? 'Frau Weber' },
    configOverwrite: { prejoinConfig: { enabled: query.get('prejoin') === '1' } },
  };
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Kurs 7b – Videostunde</title><style>${STYLE}</style>
<script src="https://${jitsiHost}/external_api.js"></script></head>
<body><header>Lernplattform · Kurs 7b Mathematik</header>
<main>
<nav><a id="course-link" href="/kurs">Zur Kursübersicht</a><button id="close-embed" type="button">Videostunde schließen</button></nav>
<h1>Videostunde</h1>
<div id="jitsi"></div>
</main>
<script>
  // What the platform saw, for the tests (not part of any real platform).
  window.platformLog = [];
  const api = new JitsiMeetExternalAPI(${JSON.stringify(jitsiHost)}, Object.assign(${JSON.stringify(options)}, { parentNode: document.getElementById('jitsi') }));
  window.platformApi = api;
  for (const event of ['videoConferenceJoined', 'videoConferenceLeft', 'readyToClose', 'participantJoined', 'participantLeft']) {
    api.addListener(event, () => window.platformLog.push(event));
  }
  // Moodle: once Jitsi is ready to close, dispose of the frame and go back to the course.
  api.addListener('readyToClose', () => { api.dispose(); location.href = '/kurs?ended=1'; });
  // HumHub-like: the platform's own close button removes the frame without asking Jitsi.
  document.getElementById('close-embed').addEventListener('click', () => api.dispose());
</script>
</body></html>`;
}

/** Course material shown in a frame: any page, e.g. one on the Jitsi server that is not a lesson. @param {string} src */
function materialPage(src) {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Kurs 7b – Material</title><style>${STYLE}</style></head>
<body><header>Lernplattform · Kurs 7b Mathematik</header><main><h1>Material</h1>
<iframe id="material" title="Material" src="${src.replace(/"/g, '&quot;')}" width="800" height="400"></iframe></main></body></html>`;
}

const COURSE_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Kurs 7b</title><style>${STYLE}</style></head>
<body><header>Lernplattform · Kurs 7b Mathematik</header><main><h1>Kursübersicht</h1><p>Aufgaben, Material, Videostunde.</p></main></body></html>`;

/**
 * Served over https, as real platforms are: a frame is a secure context (camera, microphone, jitsi-meet's
 * media checks) only when every page above it is one too.
 * @param {{tls: {key: string, cert: string}, port?: number, host?: string}} options
 * @returns {Promise<{origin: string, lessonUrl(room: string, jitsiHost: string, params?: Record<string, string>): string, close(): Promise<void>}>}
 */
export async function startSchoolPlatform({ tls, port = 0, host = '127.0.0.1' }) {
  const server = createServer(tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const lesson = /^\/kurs\/([^/]+)$/.exec(url.pathname);
    const body = lesson
      ? lessonPage(decodeURIComponent(lesson[1] ?? ''), url.searchParams)
      : url.pathname === '/kurs'
        ? COURSE_PAGE
        : url.pathname === '/material'
          ? materialPage(url.searchParams.get('frame') ?? 'about:blank')
          : null;
    res.writeHead(body ? 200 : 404, { 'content-type': body ? 'text/html; charset=utf-8' : 'text/plain', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `https://${host}:${actualPort}`;
  return {
    origin,
    lessonUrl(room, jitsiHost, params = {}) {
      const query = new URLSearchParams({ jitsi: jitsiHost, ...params });
      return `${origin}/kurs/${encodeURIComponent(room)}?${query}`;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
