// @ts-check
// Lint encodes the architecture, so that review need not: which context may import what (one folder per
// browser context, a pure core, the Jitsi adapter for the page script only; README "Layout").
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const polyfillBan = {
  name: 'webextension-polyfill',
  message: 'Extension APIs belong to background, content, popup, options and src/shared only.',
};
/** @param {string[]} folders @param {string} message */
const banFolders = (folders, message) => [
  ...folders.map((folder) => ({ group: [`**/${folder}/**`, `**/${folder}/*`], message })),
  { group: ['**/test/**'], message: 'Tests and the simulator are never part of the extension.' },
];

export default tseslint.config(
  // test/jitsi-sdk is its own package (jitsi-meet's web UI from the SDK, React), with its own conventions.
  { ignores: ['dist/**', '.tmp/**', 'test/sim/dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/jitsi-sdk/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use crypto.getRandomValues.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never build HTML from strings; page data is untrusted.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never build HTML from strings.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // No import circles (issue 24). Imports name their file with its extension (.ts, .tsx), so import-x's own
  // resolver finds them without a TypeScript resolver. Type-only imports are not counted (they vanish in the build).
  {
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs,js}', 'test/**/*.{ts,tsx,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })],
    },
    // Our own modules only: following imports into node_modules would parse their type declarations too.
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Pure logic and the Jitsi adapter: no browser-extension APIs, no other context.
  {
    files: ['src/core/**', 'src/jitsi/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [polyfillBan],
          patterns: banFolders(['background', 'content', 'page', 'popup', 'options', 'shared'], 'core/jitsi are pure: they import only core (and jitsi).'),
        },
      ],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Pure code.' }, { name: 'browser', message: 'Pure code.' }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [polyfillBan], patterns: banFolders(['jitsi', 'background', 'content', 'page', 'popup', 'options', 'shared'], 'core imports nothing but core.') }],
    },
  },
  // The MAIN-world script runs in the page: no extension APIs (the polyfill throws there).
  {
    files: ['src/page/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [polyfillBan], patterns: banFolders(['background', 'content', 'popup', 'options'], 'The page script is standalone.') }],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Not available in the MAIN world.' }, { name: 'browser', message: 'Not available in the MAIN world.' }],
    },
  },
  // Only the page script (through src/jitsi) knows Jitsi's internals.
  {
    files: ['src/background/**', 'src/content/**', 'src/popup/**', 'src/options/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: banFolders(['jitsi', 'page'], 'Only src/page may use the Jitsi adapter.') }],
    },
  },
  // Tests poke at loosely typed browser and page objects.
  {
    files: ['test/**', '**/*.test.ts', 'scripts/**'],
    // Code evaluated inside the extension's worker uses `chrome`; Playwright fixtures need `{}`.
    languageOptions: { globals: { ...globals.webextensions } },
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' },
  },
);
