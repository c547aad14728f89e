// The settings tables (scripts/admin-kit/settings-table.ts) and the lines for school IT in each language.
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../src/core/settings.ts';
import { GERMAN_TITLES, missingDutchTitles, missingGermanTitles, shippedKit } from '../../../scripts/admin-kit/index.ts';
import { file } from './helpers.ts';

describe('admin kit: settings tables and German titles', () => {
  it('every setting has a German title (a new setting without one fails here)', () => {
    expect(missingGermanTitles()).toEqual([]);
    expect(missingDutchTitles()).toEqual([]);
    expect(missingGermanTitles([...SETTING_KEYS, 'someNewSetting'])).toEqual(['someNewSetting']);
  });

  it('settings.md and settings.de.md have a row for every setting, with its title in that language', () => {
    const kit = shippedKit();
    for (const key of SETTING_KEYS) {
      expect(file(kit, 'settings.md')).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
      expect(file(kit, 'settings.de.md')).toMatch(new RegExp(`^\\| \`${key}\` \\|.*${GERMAN_TITLES[key]!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
  });
});
