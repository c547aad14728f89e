// Pure: turns the source manifest into the manifest of one build. Used by vite.config.ts and tests.

export type BuildTarget = 'chrome' | 'firefox';
/**
 * release: the store package, the smallest install prompt (meet.jit.si, 8x8.vc; other hosts on request).
 * managed: for force-installing schools: every https host granted at install (a force-install shows no
 * prompt), so the school's Jitsi hosts from policy work with no click; admins fence it in with
 * ExtensionSettings runtime_blocked_hosts/runtime_allowed_hosts (docs/admin).
 * dev: release plus the local simulator.
 */
export type BuildFlavour = 'release' | 'managed' | 'dev';
export const BUILD_FLAVOURS: readonly BuildFlavour[] = ['release', 'managed', 'dev'];

/** Add-on id on Firefox; managed policy (3rdparty / ExtensionSettings) refers to it, so it never changes. */
export const GECKO_ID = 'jitsi-moderator-companion@moderator-companion.org';
/**
 * The managed Firefox package is a different add-on on AMO: AMO gives an id to one account only, and the
 * store listing holds GECKO_ID. The project signs this one unlisted; a school that signs its own build
 * gives it an id of its own (JMC_FIREFOX_MANAGED_ID at build time, --firefox-id in the admin kit).
 */
export const MANAGED_GECKO_ID = 'jitsi-moderator-companion-managed@moderator-companion.org';

/** An add-on id as AMO takes it: an email-like id or a {GUID}. */
export function isGeckoId(value: string): boolean {
  return /^(?:[a-z0-9._+-]{1,80}@[a-z0-9.-]{1,80}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i.test(value);
}
export const FIREFOX_MIN_VERSION = '140.0';
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';
export const CHROME_MIN_VERSION = '121';

/** Hosts of the local simulated lesson; only the dev flavour runs there. */
export const SIMULATOR_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];
/**
 * A second name for the simulator that is NOT in the matches: the "enable on this site" flow is tested
 * on it. Its host permission is granted at install in the dev build, because a headless browser cannot
 * click the permission prompt; the teacher's click does that in real use.
 */
export const SECOND_SIMULATOR_HOST = 'jitsi.school.test';

export function outDirFor(target: BuildTarget, flavour: BuildFlavour): string {
  return flavour === 'release' ? `dist/${target}` : `dist/${target}-${flavour}`;
}

type Json = Record<string, unknown>;
interface ContentScript extends Json { matches: string[] }

export function buildManifest(
  source: Json,
  options: { target: BuildTarget; flavour: BuildFlavour; version: string; devKey?: string; managedGeckoId?: string },
): Json {
  const manifest: Json = structuredClone(source);
  manifest.version = options.version;
  const scripts = manifest.content_scripts as ContentScript[];

  if (options.flavour === 'dev') {
    for (const script of scripts) script.matches = [...script.matches, ...SIMULATOR_MATCHES];
    // Fixed public key: a stable extension id for tests and policy files. Never in a store build.
    if (options.target === 'chrome' && options.devKey) manifest.key = options.devKey;
    // http: the "enable on this site" test; https: a school host from policy (its own test).
    manifest.host_permissions = [`http://${SECOND_SIMULATOR_HOST}/*`, `https://${SECOND_SIMULATOR_HOST}/*`];
  }
  if (options.flavour === 'managed') {
    manifest.host_permissions = ['https://*/*'];
    delete manifest.optional_host_permissions;
  }

  if (options.target === 'chrome') {
    manifest.minimum_chrome_version = CHROME_MIN_VERSION;
    // School policy (3rdparty) is read only with a schema; Firefox has no such key and warns about it.
    manifest.storage = { managed_schema: 'managed_schema.json' };
  } else {
    const background = manifest.background as Json;
    manifest.background = { scripts: [background.service_worker], type: background.type };
    manifest.browser_specific_settings = {
      gecko: {
        id: options.flavour === 'managed' ? (options.managedGeckoId ?? MANAGED_GECKO_ID) : GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android knows data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    };
  }
  return manifest;
}
