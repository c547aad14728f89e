import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, GECKO_ID, isGeckoId, MANAGED_GECKO_ID, SIMULATOR_MATCHES } from '../../scripts/manifest-variants.ts';

const source = JSON.parse(readFileSync('manifest.json', 'utf8'));
const build = (target: 'chrome' | 'firefox', flavour: 'release' | 'managed' | 'dev') =>
  buildManifest(source, { target, flavour, version: '1.2.3', devKey: 'KEY' }) as Record<string, any>;

describe('manifest variants', () => {
  it('chrome release: service worker, no key, no simulator hosts', () => {
    const manifest = build('chrome', 'release');
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(manifest.key).toBeUndefined();
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('firefox release: background scripts, gecko id, no data collection', () => {
    const manifest = build('firefox', 'release');
    expect(manifest.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: GECKO_ID,
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(manifest.browser_specific_settings.gecko_android).toEqual({ strict_min_version: '142.0' });
    expect(manifest.minimum_chrome_version).toBeUndefined();
    expect(manifest.storage).toBeUndefined();
  });

  it('dev differs from release only by the simulator hosts, the second simulator host and the test key', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const release = build(target, 'release');
      const dev = build(target, 'dev');
      for (const script of dev.content_scripts) expect(script.matches).toEqual(expect.arrayContaining(SIMULATOR_MATCHES));
      const strip = (m: Record<string, any>) => ({
        ...m,
        key: undefined,
        host_permissions: undefined,
        content_scripts: m.content_scripts.map((s: any) => ({ ...s, matches: s.matches.filter((x: string) => !SIMULATOR_MATCHES.includes(x)) })),
      });
      expect(strip(dev)).toEqual(strip(release));
      expect(dev.key).toBe(target === 'chrome' ? 'KEY' : undefined);
      expect(dev.host_permissions).toEqual(['http://jitsi.school.test/*', 'https://jitsi.school.test/*']);
    }
  });

  it('asks for few permissions: hosts only through content-script matches, other sites on request', () => {
    const manifest = build('chrome', 'release');
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'activeTab', 'notifications']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('managed (force-install) differs from release only by holding every https host from install', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const release = build(target, 'release');
      const managed = build(target, 'managed');
      expect(managed.host_permissions).toEqual(['https://*/*']);
      expect(managed.optional_host_permissions).toBeUndefined();
      expect(managed.key).toBeUndefined();
      const id = (m: Record<string, any>) => m.browser_specific_settings?.gecko.id;
      // Firefox: a separate add-on on AMO (one account per id), so its own id.
      expect(id(managed)).toBe(target === 'firefox' ? MANAGED_GECKO_ID : undefined);
      const withoutId = (m: Record<string, any>) =>
        target === 'firefox' ? { ...m, browser_specific_settings: { ...m.browser_specific_settings, gecko: { ...m.browser_specific_settings.gecko, id: undefined } } } : m;
      expect(withoutId({ ...managed, host_permissions: undefined })).toEqual(withoutId({ ...release, optional_host_permissions: undefined }));
    }
  });
});

describe('add-on ids', () => {
  it('takes email-like ids and GUIDs only', () => {
    expect([GECKO_ID, MANAGED_GECKO_ID, 'jmc@schule-example.de', '{12345678-1234-1234-1234-123456789abc}'].every(isGeckoId)).toBe(true);
    expect(['', 'no-at-sign', 'a@b c', '{not-a-guid}', `${'x'.repeat(100)}@example.org`].some(isGeckoId)).toBe(false);
  });

  it('a school\'s own managed Firefox id goes into the managed build only', () => {
    const own = buildManifest(source, { target: 'firefox', flavour: 'managed', version: '1.2.3', managedGeckoId: 'jmc@schule.example' }) as Record<string, any>;
    expect(own.browser_specific_settings.gecko.id).toBe('jmc@schule.example');
    const release = buildManifest(source, { target: 'firefox', flavour: 'release', version: '1.2.3', managedGeckoId: 'jmc@schule.example' }) as Record<string, any>;
    expect(release.browser_specific_settings.gecko.id).toBe(GECKO_ID);
  });
});

describe('locales', () => {
  const load = (lang: string) => JSON.parse(readFileSync(`assets/_locales/${lang}/messages.json`, 'utf8'));
  const en = load('en');

  it.each(['de', 'nl'])('%s has exactly the English keys, placeholders and non-empty messages', (lang) => {
    const catalog = load(lang);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries<any>(catalog)) {
      expect(entry.message.trim(), `${lang}.${key}`).not.toBe('');
      const placeholders = (text: string) => (text.match(/\$[A-Z_]+\$/g) ?? []).sort();
      expect(placeholders(entry.message), `${lang}.${key}`).toEqual(placeholders(en[key].message));
      expect(entry.placeholders ?? null).toEqual(en[key].placeholders ?? null);
    }
  });

  it('every English message is used somewhere in src, the manifest or the build (vite.config.ts)', () => {
    const sources = [readFileSync('manifest.json', 'utf8'), readFileSync('vite.config.ts', 'utf8')];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const path = `${dir}/${name.name}`;
        if (name.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name.name) && !name.name.endsWith('.test.ts')) sources.push(readFileSync(path, 'utf8'));
      }
    };
    walk('src');
    const all = sources.join('\n');
    const unused = Object.keys(en).filter((key) => !all.includes(`'${key}'`) && !all.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });
});
