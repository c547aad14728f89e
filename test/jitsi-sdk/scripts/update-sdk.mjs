// Moves the pinned @jitsi/react-native-sdk to another version and shows what broke:
//   node scripts/update-sdk.mjs <version>        e.g. node test/jitsi-sdk/scripts/update-sdk.mjs 13.3.0
// Steps (each runs even when an earlier one failed, so you see everything at once):
//   1. pin the version in package.json, `npm install` (updates package-lock.json from the registry)
//   2. peer check: the SDK's react/react-dom peers against our exact pins
//   3. find-unresolved: SDK web imports esbuild cannot resolve (need a stub in scripts/build.mjs STUBS)
//   4. build --force (also fails if the web bundle reaches a mobile-only package)
//   5. check.mjs: the real UI against the fake lib, 21 checks (and the lib methods it asked for that the fake lacks)
// Then run the E2E suite from the project root: npx playwright test --retries 0
// To go back: git checkout -- test/jitsi-sdk/package.json test/jitsi-sdk/package-lock.json && npm ci (in test/jitsi-sdk).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = '@jitsi/react-native-sdk';
const version = process.argv[2];
if (!version || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) {
  console.error('usage: node scripts/update-sdk.mjs <exact version, e.g. 13.3.0>');
  process.exit(2);
}

const broke = [];
const run = (name, command, args) => {
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout}${result.stderr}`;
  process.stdout.write(output);
  if (result.status !== 0) broke.push(`${name} (exit ${result.status})`);
  return output;
};

const pkgFile = join(ROOT, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const from = pkg.dependencies[SDK];
pkg.dependencies[SDK] = version;
writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`${SDK}: ${from} → ${version}`);

run('npm install', 'npm', ['install', '--no-audit', '--no-fund']);

try {
  const sdkPkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', SDK, 'package.json'), 'utf8'));
  for (const name of ['react', 'react-dom']) {
    const wanted = sdkPkg.peerDependencies?.[name];
    if (wanted && wanted !== pkg.dependencies[name]) broke.push(`peer ${name}: the SDK wants ${wanted}, package.json pins ${pkg.dependencies[name]}`);
  }
} catch (error) {
  broke.push(`cannot read the installed SDK: ${error.message}`);
}

const unresolved = run('find-unresolved', process.execPath, ['scripts/find-unresolved.mjs']);
// The stubbed imports are expected in this list; anything else needs a stub or a dependency.
const { STUBS } = await import('./build.mjs');
const fresh = unresolved.split('\n').map((line) => /^(\S+) <- /.exec(line)?.[1]).filter((name) => name && !(name in STUBS));
if (fresh.length) broke.push(`imports without a stub or dependency: ${fresh.join(', ')}`);

run('build', process.execPath, ['scripts/build.mjs', '--force']);
const check = run('check', process.execPath, ['scripts/check.mjs']);
const methods = /(\d+) unknown lib methods called/.exec(check)?.[1];
if (methods && methods !== '0') broke.push(`the real UI called ${methods} lib methods the fake lib (test/sim/src/lib) does not have: see the check output`);

console.log(`\n${SDK} ${version}: ${broke.length ? `${broke.length} problem(s):\n  - ${broke.join('\n  - ')}` : 'installs, builds and passes the check; now run the E2E suite'}`);
process.exit(broke.length ? 1 : 0);
