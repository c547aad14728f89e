// Builds the test page's two scripts from node_modules with esbuild (no jitsi-meet source is copied):
//   dist/lib-jitsi-meet.js  <- ../sim/src/lib-jitsi-meet.ts (window.JitsiMeetJS: the fake lib-jitsi-meet + FakeServer
//                              shared with the hand-written double, like libs/lib-jitsi-meet.min.js)
//   dist/app.bundle.js      <- src/app-entry.js  (APP globals + stand-in APP.conference + the SDK's react/index.web.js
//                              + the test-only window.__jitsiSim)
// Usage: node scripts/build.mjs [--minify] [--force] [--metafile]
// The build is skipped when dist/ is newer than every input (package-lock.json, src/, the shared fake lib, stubs/, this file).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const minify = args.has('--minify');
const DIST = join(ROOT, 'dist');
const STUB = p => join(ROOT, 'stubs/modules', p);
/** The fake lib-jitsi-meet (FakeServer behind it), one for both the real UI and the hand-written double. */
const SIM_LIB = '../sim/src/lib-jitsi-meet.ts';

/**
 * Imports of the SDK's web code that are replaced by our own small modules.
 * key: import specifier (exact) -> [stub file, why]
 */
export const STUBS = {
  '@amplitude/analytics-browser': ['amplitude.js', 'analytics handler (Amplitude); analytics is off in tests'],
  '@amplitude/analytics-core': ['amplitude.js', 'analytics handler (Amplitude)'],
  '@amplitude/analytics-types': ['amplitude.js', 'analytics handler (Amplitude), type-only names'],
  '@giphy/js-fetch-api': ['giphy.js', 'GIPHY menu: network service, off unless config.giphy.enabled'],
  '@giphy/react-components': ['giphy.js', 'GIPHY menu grid'],
  '@jitsi/excalidraw': ['excalidraw.js', 'whiteboard (lazy import; GitHub tarball in jitsi-meet; off in tests)'],
  '@jitsi/excalidraw/index.css': ['empty.js', 'whiteboard CSS (lazy import)'],
  '@microsoft/microsoft-graph-client': ['microsoft-graph.js', 'Outlook calendar sync, off without microsoftApiApplicationID'],
  'windows-iana': ['microsoft-graph.js', 'time-zone names for the Outlook calendar sync'],
  'dropbox': ['dropbox.js', 'Dropbox recording upload, off without config.dropbox'],
  'react-youtube': ['react-youtube.js', 'shared YouTube video (needs the YouTube iframe API / network)'],
  'ts-ebml/dist/EBML.min.js': ['ts-ebml.js', 'makes a finished local recording seekable'],
  'image-capture': ['empty.js', 'side-effect polyfill import of the face-landmarks feature (off in tests)'],
  'fs': ['empty.js', 'Node built-in required by the emscripten TFLite loader (virtual background vendor file)'],
  'path': ['empty.js', 'Node built-in required by the emscripten TFLite loader'],
};

/** esbuild plugin: map STUBS specifiers to files. */
const stubPlugin = {
  name: 'stubs',
  setup(build) {
    const filter = new RegExp('^(' + Object.keys(STUBS).map(s => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') + ')$');
    build.onResolve({ filter }, a => ({ path: STUB(STUBS[a.path][0]) }));
    // lib-jitsi-meet is the page global window.JitsiMeetJS (as on jitsi-meet's web build); the SDK's web
    // code reads the global, but map the package name too in case something imports it.
    build.onResolve({ filter: /^lib-jitsi-meet$/ }, () => ({ path: join(ROOT, 'stubs/lib-jitsi-meet/index.js') }));
  },
};

/** esbuild plugin: `import Icon from './x.svg'` -> a React component rendering that SVG (what svgr does in jitsi-meet's webpack). */
const svgPlugin = {
  name: 'svg-component',
  setup(build) {
    build.onLoad({ filter: /\.svg$/ }, a => {
      const src = readFileSync(a.path, 'utf8').replace(/<\?xml[^>]*>/, '').replace(/<!--[\s\S]*?-->/g, '').trim();
      const m = /^<svg\b([^>]*)>([\s\S]*)<\/svg>\s*$/.exec(src);
      if (!m) return { contents: 'export default () => null;', loader: 'js' };
      const attrs = {};
      for (const [, k, v] of m[1].matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
        if (k.startsWith('xmlns:')) continue;
        const key = k === 'class' ? 'className' : k.replace(/[-:](\w)/g, (_, c) => c.toUpperCase());
        attrs[key] = v;
      }
      return {
        contents: `import { createElement } from 'react';
const A = ${JSON.stringify(attrs)}; const H = { __html: ${JSON.stringify(m[2])} };
export default function SvgIcon(props) { return createElement('svg', { ...A, ...props, dangerouslySetInnerHTML: H }); }`,
        loader: 'js', resolveDir: dirname(a.path),
      };
    });
  },
};

function newestMtime(paths) {
  let t = 0;
  const walk = p => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) { for (const e of readdirSync(p)) walk(join(p, e)); } else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

export async function build({ minify: min = minify, force = args.has('--force'), quiet = false } = {}) {
  const outApp = join(DIST, 'app.bundle.js');
  const outLib = join(DIST, 'lib-jitsi-meet.js');
  const outApi = join(DIST, 'external_api.js');
  // The double's app/ files the test controller bundles (the busy-lesson load) count as inputs too.
  const inputs = ['package-lock.json', 'src', 'stubs', 'scripts/build.mjs', SIM_LIB, '../sim/src/lib', '../sim/src/shared',
    '../sim/src/app/load.ts', '../sim/src/app/audio-levels.ts', '../sim/src/app/action-types.ts'].map(p => join(ROOT, p));
  const stampFile = join(DIST, 'build-stamp.json');
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : {};
  if (!force && stamp.minify === min && existsSync(outApp) && existsSync(outLib) && existsSync(outApi) && statSync(outApp).mtimeMs > newestMtime(inputs)) {
    if (!quiet) console.log('build: up to date (dist/ newer than inputs)');
    return { skipped: true };
  }
  mkdirSync(DIST, { recursive: true });
  const t0 = performance.now();
  const common = {
    bundle: true, format: 'iife', platform: 'browser', target: ['chrome120'],
    minify: min, sourcemap: false, legalComments: 'none', logLevel: 'warning',
    define: { 'process.env.NODE_ENV': min ? '"production"' : '"development"', global: 'window' },
  };
  await esbuild.build({ ...common, entryPoints: [join(ROOT, SIM_LIB)], outfile: outLib });
  // jitsi-meet's own IFrame API client (what a real server serves as /external_api.js), for the school
  // platform that embeds the lesson (school-platform.mjs).
  await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'src/external-api-entry.js')],
    outfile: outApi,
    resolveExtensions: ['.web.ts', '.web.js', '.ts', '.js', '.json'],
    plugins: [stubPlugin],
  });
  const r = await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'src/app-entry.js')],
    outfile: outApp,
    // Web resolution as jitsi-meet's webpack config: `.web.*` before the plain file.
    resolveExtensions: ['.web.tsx', '.web.ts', '.web.js', '.tsx', '.ts', '.jsx', '.js', '.json'],
    mainFields: ['browser', 'module', 'main'],
    loader: { '.js': 'jsx', '.png': 'dataurl', '.jpg': 'dataurl', '.mp3': 'file', '.wav': 'file', '.wasm': 'file', '.tflite': 'file', '.css': 'empty' },
    assetNames: 'assets/[name]-[hash]',
    jsx: 'automatic',
    plugins: [stubPlugin, svgPlugin],
    metafile: true,
    logOverride: { 'direct-eval': 'silent', 'commonjs-variable-in-esm': 'silent', 'equals-negative-zero': 'silent', 'duplicate-case': 'silent' },
  });
  const ms = Math.round(performance.now() - t0);
  if (args.has('--metafile')) writeFileSync(join(DIST, 'meta.json'), JSON.stringify(r.metafile));
  // Guard: the SDK's mobile-only dependencies are installed as an empty package (npm overrides ->
  // stubs/native-only); the web bundle must never reach one of them.
  const native = Object.keys(r.metafile.inputs).filter(f => f.includes('stubs/native-only'));
  if (native.length) throw new Error(`web bundle imports an overridden mobile-only package: ${native.join(', ')}`);
  const buf = readFileSync(outApp);
  const info = { ms, minify: min, appBytes: buf.length, appGzip: gzipSync(buf).length, libBytes: statSync(outLib).size,
    sha1: createHash('sha1').update(buf).digest('hex').slice(0, 12) };
  writeFileSync(stampFile, JSON.stringify(info));
  if (!quiet) console.log('build:', JSON.stringify(info));
  return info;
}

if (import.meta.url === `file://${process.argv[1]}`) await build();
