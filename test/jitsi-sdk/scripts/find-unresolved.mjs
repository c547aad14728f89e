// Lists the imports of the SDK web entry that esbuild cannot resolve (without the stubs), e.g. after an SDK upgrade:
//   node scripts/find-unresolved.mjs
import * as esbuild from 'esbuild';
const r = await esbuild.build({
  entryPoints: ['src/app-entry.js'], bundle: true, write: false, logLevel: 'silent', logLimit: 0,
  resolveExtensions: ['.web.tsx','.web.ts','.web.js','.tsx','.ts','.jsx','.js','.json'],
  loader: { '.js': 'jsx', '.svg': 'text', '.png': 'dataurl' , '.mp3':'file', '.wasm':'file'}, jsx: 'automatic',
  outdir: 'tmp', platform: 'browser',
}).catch(e => e);
const miss = new Map();
for (const e of r.errors) { const m = /Could not resolve "([^"]+)"/.exec(e.text); if (m) { const k = m[1]; miss.set(k, (miss.get(k)||[]).concat(e.location?.file)); } else console.log('ERR', e.text, e.location?.file); }
for (const [k, v] of [...miss].sort()) console.log(k, '<-', v.length, v[0]);
console.log('errors', r.errors.length);
