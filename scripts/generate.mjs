// @ts-check
// `npm run generate`: rewrites every file derived from the settings (scripts/generate.ts says which).
// Node 20 cannot strip types, so the TypeScript goes through Vite's module runner, as for the admin kit.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { module } = /** @type {{ module: typeof import('./generate.ts') }} */ (
  await runnerImport(fileURLToPath(new URL('./generate.ts', import.meta.url)), { configFile: false, logLevel: 'silent', root })
);
process.chdir(root);
/** @param {string} folder */
const list = (folder) =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative('.', join(entry.parentPath, entry.name)).split('\\').join('/'))
    : [];
const changed = module.generate({
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  list,
  write: (path, content) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  },
  remove: (path) => rmSync(path),
});
console.log(changed.length ? `generate: ${changed.length} files\n${changed.map((line) => `  ${line}`).join('\n')}` : 'generate: every generated file was up to date');
