// One manifest (manifest.json), two browsers, two flavours.
//   TARGET=chrome|firefox   which browser's manifest shape to emit
//   FLAVOUR=release|dev     dev adds the local simulator's hosts and a fixed test key (stable extension id)
// The differences are listed here and nowhere else; test/unit/manifest.test.ts pins them.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { flattenCatalogue } from './src/core/catalogue.ts';
import { BUILD_FLAVOURS, buildManifest, isGeckoId, outDirFor, type BuildTarget, type BuildFlavour } from './scripts/manifest-variants.ts';

const target = (process.env.TARGET ?? 'chrome') as BuildTarget;
const flavour = (process.env.FLAVOUR ?? 'release') as BuildFlavour;
if (!['chrome', 'firefox'].includes(target)) throw new Error(`TARGET must be chrome or firefox, got ${target}`);
if (!BUILD_FLAVOURS.includes(flavour)) throw new Error(`FLAVOUR must be one of ${BUILD_FLAVOURS.join(', ')}, got ${flavour}`);

const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const devKey = readFileSync(new URL('./test/fixtures/dev-public-key.txt', import.meta.url), 'utf8').trim();
// A school that signs the managed Firefox package on its own AMO account needs an id of its own.
const managedGeckoId = process.env.JMC_FIREFOX_MANAGED_ID || undefined;
if (managedGeckoId && !isGeckoId(managedGeckoId)) throw new Error(`JMC_FIREFOX_MANAGED_ID is not an add-on id: ${managedGeckoId}`);
// The page script's own leave question, in English, for the rare case that it never heard the translated
// one from the content script (it has no i18n API of its own): taken from _locales at build time.
const english = flattenCatalogue(JSON.parse(readFileSync(new URL('./assets/_locales/en/messages.json', import.meta.url), 'utf8')));
const manifest = buildManifest(base, { target, flavour, version: pkg.version, devKey, managedGeckoId });

export default defineConfig({
  publicDir: 'assets',
  define: {
    __DEV_FLAVOUR__: JSON.stringify(flavour === 'dev'),
    __LEAVE_FALLBACK_EN__: JSON.stringify(english['leaveGuardFallback']),
  },
  build: {
    outDir: outDirFor(target, flavour),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Extension pages are loaded from disk: no need for preload polyfills.
    modulePreload: false,
  },
  plugins: [
    preact(),
    crx({
      manifest: manifest as unknown as ManifestV3Export,
      browser: target,
      // Standalone IIFEs: no loader, no web_accessible_resources, synchronous in manifest order,
      // and the MAIN-world script works on Firefox (docs/browsers.md §1.1).
      contentScripts: { standaloneFiles: ['src/content/index.ts', 'src/page/index.ts'] },
    }),
  ],
});
