// The JSON formats: configuration.json, Chrome/Chromium/Edge on Linux (scripts/admin-kit/chromium-json.ts),
// the Google Admin console (google-admin.ts), Firefox policies.json (firefox.ts), and the force-install entry.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/core/settings.ts';
import { CHROME_WEB_STORE_UPDATE_URL, EDGE_ADDONS_UPDATE_URL, EXAMPLE_HOST, exampleConfiguration, EXTENSION_ID_PLACEHOLDER, extensionSettingsEntry } from '../../../scripts/admin-kit/index.ts';
import { MANAGED_GECKO_ID } from '../../../scripts/manifest-variants.ts';
import { CHROME_ID, EDGE_ID, expectAccepted, file, KITS } from './helpers.ts';

describe.each(KITS)('admin kit: JSON files (%s)', (_name, kit, configuration) => {
  const idIn = (text: string): string => (text.includes(CHROME_ID) ? CHROME_ID : EXTENSION_ID_PLACEHOLDER);

  it('every JSON file parses', () => {
    const jsonFiles = [...kit.keys()].filter((path) => path.endsWith('.json'));
    expect(jsonFiles.length).toBeGreaterThanOrEqual(6);
    for (const path of jsonFiles) expect(() => JSON.parse(file(kit, path)), path).not.toThrow();
  });

  it('configuration.json is the configuration', () => {
    expect(JSON.parse(file(kit, 'configuration.json'))).toEqual(configuration);
    expectAccepted(JSON.parse(file(kit, 'configuration.json')));
  });

  it('Chrome, Chromium and Edge on Linux: ExtensionSettings force-installs, 3rdparty carries the configuration', () => {
    for (const browser of ['chrome', 'chromium', 'edge']) {
      const text = file(kit, `linux/${browser}/jitsi-moderator-companion.json`);
      const policy = JSON.parse(text);
      const id = browser === 'edge' && text.includes(EDGE_ID) ? EDGE_ID : idIn(text);
      expect(Object.keys(policy).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
      expect(policy.ExtensionSettings[id]).toMatchObject({ installation_mode: 'force_installed' });
      expect(policy.ExtensionSettings[id][browser === 'edge' ? 'toolbar_state' : 'toolbar_pin']).toBe(browser === 'edge' ? 'force_shown' : 'force_pinned');
      expect(policy['3rdparty'].extensions[id]).toEqual(configuration);
      expectAccepted(policy['3rdparty'].extensions[id]);
    }
  });

  it('Google Admin console: each section wrapped as { "Value": … }', () => {
    const upload = JSON.parse(file(kit, 'google-admin/policy-for-extensions.json')) as Record<string, { Value: unknown }>;
    for (const entry of Object.values(upload)) expect(Object.keys(entry)).toEqual(['Value']);
    const unwrapped = Object.fromEntries(Object.entries(upload).map(([section, entry]) => [section, entry.Value]));
    expectAccepted(unwrapped);
    expect(parsePolicy(unwrapped)).toEqual(parsePolicy(configuration));
  });

  it('Firefox policies.json: force-install by gecko id, 3rdparty.Extensions carries the configuration', () => {
    const { policies } = JSON.parse(file(kit, 'firefox/policies.json'));
    expect(policies.ExtensionSettings[MANAGED_GECKO_ID]).toEqual({ installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/.+\.xpi$/), default_area: 'navbar' });
    expect(policies['3rdparty'].Extensions[MANAGED_GECKO_ID]).toEqual(configuration);
    expectAccepted(policies['3rdparty'].Extensions[MANAGED_GECKO_ID]);
  });
});

describe('admin kit: updates from a school\'s own server', () => {
  const configuration = exampleConfiguration('school', EXAMPLE_HOST);
  it('a self-hosted update URL overrides the manifest\'s for every later update (override_update_url)', () => {
    for (const browser of ['chrome', 'edge'] as const) {
      expect(extensionSettingsEntry(browser, 'https://school.example/jmc/updates.xml', configuration)).toMatchObject({
        update_url: 'https://school.example/jmc/updates.xml',
        override_update_url: true,
      });
    }
  });
  it('the stores\' own update URLs need no override', () => {
    expect(extensionSettingsEntry('chrome', CHROME_WEB_STORE_UPDATE_URL, configuration)).not.toHaveProperty('override_update_url');
    expect(extensionSettingsEntry('edge', EDGE_ADDONS_UPDATE_URL, configuration)).not.toHaveProperty('override_update_url');
  });
});
