// The kit as a whole: the shipped docs/admin/generated is exactly what the generator writes (`npm run
// generate` rewrites it; test/unit/generated.test.ts checks every generated file), the guides name every
// file, and the example configurations are taken by the extension as they are.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../src/core/settings.ts';
import { EXAMPLE_HOST, EXAMPLE_STATE_HOST, exampleConfiguration, SECTIONS, shippedKit } from '../../../scripts/admin-kit/index.ts';
import { everySetting, expectAccepted, file, GENERATED, kitFor } from './helpers.ts';

describe('admin kit: shipped files', () => {
  it('docs/admin/generated is exactly what the generator writes (npm run generate rewrites it)', () => {
    const kit = shippedKit();
    const shipped = (readdirSync(GENERATED, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
      .filter((entry) => entry.isFile() && entry.name !== '.gitattributes')
      .map((entry) => relative(GENERATED, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .sort();
    expect(shipped).toEqual([...kit.keys()].sort());
    for (const [path, content] of kit) expect(readFileSync(join(GENERATED, path), 'utf8'), path).toBe(content);
  });

  it('the guides name every shipped file', () => {
    for (const guide of ['docs/admin/README.md', 'docs/admin/README.de.md']) {
      const text = readFileSync(guide, 'utf8');
      for (const path of shippedKit().keys()) expect(text, `${guide} mentions ${path}`).toContain(path);
      expect(text).toMatch(/^## (Deploy|Verteilen)/m);
    }
  });
});

describe('admin kit: example configurations', () => {
  it.each(['school', 'state'] as const)('the %s example passes parsePolicy with no problem, for any valid host', (kind) => {
    for (const host of [EXAMPLE_HOST, EXAMPLE_STATE_HOST, 'meet.gymnasium-nord.example']) {
      const configuration = exampleConfiguration(kind, host);
      expectAccepted(configuration);
      expect(configuration.enforced.hosts).toEqual([host]);
    }
  });

  it('the state example is the stricter one: strong leave guard, remove everyone, no lesson log, all enforced', () => {
    const { enforced } = exampleConfiguration('state', EXAMPLE_STATE_HOST);
    expect(enforced).toMatchObject({ leaveGuard: 'strong', endLessonMode: 'remove-everyone', lessonLog: false, autoLobby: true, autoPassword: true });
    expect(exampleConfiguration('school', EXAMPLE_HOST).enforced).toMatchObject({ autoLobby: true, autoPassword: true, leaveGuard: 'strong' });
  });

  it('the configuration used to stress the formats is itself valid and sets every setting in both sections', () => {
    const configuration = everySetting();
    expectAccepted(configuration);
    for (const section of SECTIONS) expect(Object.keys(configuration[section]).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('refuses to write a configuration the extension would ignore', () => {
    expect(() => kitFor({ enforced: { leaveGuard: 'shout' as never }, defaults: {} })).toThrow(/enforced.leaveGuard \(out-of-range\)/);
  });
});

describe('admin kit: the state-server configuration shipped next to the kit', () => {
  it('passes parsePolicy with no problem', () => {
    const state = JSON.parse(file(shippedKit(), 'configuration.state.json'));
    expectAccepted(state);
    expect(state).toEqual(exampleConfiguration('state', EXAMPLE_STATE_HOST));
  });
});
