// The macOS configuration profile (scripts/admin-kit/macos.ts).
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID_PLACEHOLDER } from '../../../scripts/admin-kit/index.ts';
import { CHROME_ID, EDGE_ID, expectAccepted, file, KITS, parseXml, plistToJs } from './helpers.ts';

describe.each(KITS)('admin kit: macOS profile (%s)', (_name, kit, configuration) => {
  it('is a well-formed plist: ExtensionSettings in the browser domain, the configuration in <domain>.extensions.<id>', () => {
    const text = file(kit, 'macos/jitsi-moderator-companion.mobileconfig');
    const profile = plistToJs(parseXml(text)) as { PayloadType: string; PayloadUUID: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const types = profile.PayloadContent.map((payload) => payload.PayloadType as string);
    const chromeId = text.includes(CHROME_ID) ? CHROME_ID : EXTENSION_ID_PLACEHOLDER;
    const edgeId = text.includes(EDGE_ID) ? EDGE_ID : chromeId;
    expect(types).toEqual(['com.google.Chrome', `com.google.Chrome.extensions.${chromeId}`, 'com.microsoft.Edge', `com.microsoft.Edge.extensions.${edgeId}`]);
    const uuids = [profile.PayloadUUID, ...profile.PayloadContent.map((payload) => payload.PayloadUUID)];
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(uuids).size).toBe(uuids.length);
    const [chrome, chromeExtension, edge, edgeExtension] = profile.PayloadContent as Record<string, Record<string, Record<string, string>>>[];
    expect(chrome!.ExtensionSettings![chromeId]).toMatchObject({ installation_mode: 'force_installed', toolbar_pin: 'force_pinned' });
    expect(edge!.ExtensionSettings![edgeId]).toMatchObject({ installation_mode: 'force_installed', toolbar_state: 'force_shown' });
    for (const payload of [chromeExtension!, edgeExtension!]) {
      const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
      expect(settings).toEqual(configuration);
      expectAccepted(settings);
    }
  });
});
