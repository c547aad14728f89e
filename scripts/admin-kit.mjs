// @ts-check
// `npm run admin-kit -- --host … [--chrome-id …]`: runs scripts/admin-kit/index.ts. Node 20 cannot strip types,
// so the TypeScript goes through Vite's module runner (Vite is already what builds and tests the project).
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const { module } = /** @type {{ module: typeof import('./admin-kit/index.ts') }} */ (
  await runnerImport(fileURLToPath(new URL('./admin-kit/index.ts', import.meta.url)), { configFile: false, logLevel: 'silent' })
);
process.exitCode = module.runCli(process.argv.slice(2));
