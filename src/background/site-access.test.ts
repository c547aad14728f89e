// The worker's registration of the school's and teacher's sites (issue 16), against a small fake of the
// browser APIs it uses: one site the browser refuses takes no other with it and is kept with the reason;
// the managed build registers a site outside policy only once the teacher confirmed it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Script = { id: string; matches?: string[]; allFrames?: boolean };
const fake = {
  local: new Map<string, unknown>(),
  managed: {} as Record<string, unknown>,
  scripts: [] as Script[],
  hostPermissions: [] as string[],
  refuses: (match: string) => match === 'https://refused.example/*',
};

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      getManifest: () => ({ content_scripts: [{ matches: ['https://meet.jit.si/*'] }], host_permissions: fake.hostPermissions }),
      onInstalled: { addListener() {} },
      onStartup: { addListener() {} },
    },
    permissions: { contains: async () => true, onAdded: { addListener() {} }, onRemoved: { addListener() {} } },
    storage: {
      managed: { get: async () => fake.managed },
      local: {
        get: async (key: string) => (fake.local.has(key) ? { [key]: structuredClone(fake.local.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([key, value]) => fake.local.set(key, structuredClone(value))),
      },
      onChanged: { addListener() {} },
    },
    scripting: {
      getRegisteredContentScripts: async (filter?: { ids?: string[] }) => fake.scripts.filter((script) => !filter?.ids || filter.ids.includes(script.id)),
      registerContentScripts: async (scripts: Script[]) => {
        const refused = scripts.flatMap((script) => script.matches ?? []).find(fake.refuses);
        if (refused) throw new Error(`Script with ID '${scripts[0]!.id}' has invalid value for matches[0]: Invalid host.`);
        fake.scripts.push(...scripts);
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        fake.scripts = fake.scripts.filter((script) => !ids.includes(script.id));
      },
    },
  },
}));

const { enableSite, syncRegisteredScripts } = await import('./site-access.ts');
const registered = () => [...new Set(fake.scripts.flatMap((script) => script.matches ?? []))].sort();

beforeEach(() => {
  fake.local.clear();
  fake.managed = {};
  fake.scripts = [];
  fake.hostPermissions = [];
});

describe('registering the sites (issue 16)', () => {
  it('a site the browser refuses takes no other with it, and is kept with the browser\'s reason', async () => {
    fake.managed = { enforced: { hosts: ['jitsi.schule.example', 'refused.example', 'meet.schule.example'] } };
    await syncRegisteredScripts();
    expect(registered()).toEqual(['https://jitsi.schule.example/*', 'https://meet.schule.example/*']);
    expect(fake.local.get('siteRegistrationProblems')).toEqual([
      { site: 'https://refused.example/*', error: "Script with ID 'jitsi-sites-probe-isolated' has invalid value for matches[0]: Invalid host." },
    ]);
    // Fixed in the policy (the refused host taken out): the list is cleared.
    fake.managed = { enforced: { hosts: ['jitsi.schule.example', 'meet.schule.example'] } };
    await syncRegisteredScripts();
    expect(registered()).toEqual(['https://jitsi.schule.example/*', 'https://meet.schule.example/*']);
    expect(fake.local.get('siteRegistrationProblems')).toEqual([]);
  });

  it('the managed build: the school\'s hosts at once, the teacher\'s own only once confirmed', async () => {
    fake.hostPermissions = ['https://*/*'];
    fake.managed = { defaults: { hosts: ['jitsi.schule.example'] } };
    await syncRegisteredScripts();
    expect(registered()).toEqual(['https://jitsi.schule.example/*']);
    // The teacher's own list replaces the school default: not registered until confirmed.
    fake.local.set('settings', { hosts: ['jitsi.schule.example', 'eigener.example'] });
    await syncRegisteredScripts();
    expect(registered()).toEqual(['https://jitsi.schule.example/*']);
    fake.local.set('confirmedSites', ['https://eigener.example/*']);
    await syncRegisteredScripts();
    expect(registered()).toEqual(['https://eigener.example/*', 'https://jitsi.schule.example/*']);
    // "Enable on ‹host›" without the popup's confirmation is refused; with it, recorded and registered.
    expect(await enableSite('https://lookalike.example/*')).toEqual({ ok: false, reason: 'confirm' });
    expect(registered()).not.toContain('https://lookalike.example/*');
    expect(await enableSite('https://lookalike.example/*', true)).toEqual({ ok: true });
    expect(fake.local.get('confirmedSites')).toEqual(['https://eigener.example/*', 'https://lookalike.example/*']);
    expect(registered()).toContain('https://lookalike.example/*');
  });
});
