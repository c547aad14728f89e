// managed_schema.json, derived from the settings (settings.ts) and their lines for school IT
// (setting-texts.ts); `npm run generate` writes it to assets/. Not imported by the extension's pages.
import { SETTING_TEXTS } from './setting-texts.ts';
import { allowedValues, LANGUAGES, SETTING_KEYS, type SettingKey } from './settings.ts';

/** JSON-schema fragment of a value, as Chrome's policy schema understands it (managed_schema.json). */
export type SchemaFragment = Record<string, unknown>;

/** A setting's whole JSON schema: its type, and its range or choices. */
export function settingSchema(key: SettingKey): SchemaFragment {
  const allowed = allowedValues(key);
  switch (allowed.kind) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer', minimum: allowed.min, maximum: allowed.max };
    case 'choice':
      return { type: 'string', enum: allowed.options };
    case 'hosts':
      return { type: 'array', items: { type: 'string' } };
    case 'https-url':
      return { type: 'string' };
    case 'per-language':
      return { type: 'object', properties: Object.fromEntries(LANGUAGES.map((language) => [language, { type: 'string' }])) };
  }
}


/**
 * A setting's schema as the browser gets it: types only, no minimum, maximum or enum. Chromium checks a
 * school's policy against managed_schema.json and drops the whole `enforced` (or `defaults`) group for one
 * value out of range (tried with Chromium 156: {"n": 9} against "maximum": 5 took the group's other values
 * with it), which silently unlocked every setting. Ranges and choices are checked here, value by value
 * (parsePolicy), and a refused one is listed on the options page with what is allowed. A value of the
 * wrong JSON type still makes Chromium drop its group (its schemas have one type per value, nothing like
 * "any"): `npm run admin-kit -- --check FILE` and chrome://policy show those.
 */
export function browserSchema(schema: SchemaFragment): SchemaFragment {
  const loose: SchemaFragment = {};
  for (const [name, value] of Object.entries(schema)) {
    if (name === 'minimum' || name === 'maximum' || name === 'enum') continue;
    loose[name] =
      name === 'items' ? browserSchema(value as SchemaFragment)
      : name === 'properties' ? Object.fromEntries(Object.entries(value as Record<string, SchemaFragment>).map(([key, sub]) => [key, browserSchema(sub)]))
      : value;
  }
  return loose;
}

/** managed_schema.json for Chrome and Edge: `enforced` and `defaults`, each with every setting (types only). */
export function managedSchema(): SchemaFragment {
  const section = (description: string): SchemaFragment => ({
    type: 'object',
    title: description,
    properties: Object.fromEntries(SETTING_KEYS.map((key) => [key, { ...browserSchema(settingSchema(key)), title: SETTING_TEXTS[key].policy.en }])),
  });
  return {
    type: 'object',
    properties: {
      enforced: section('Settings the school enforces: teachers see them locked, "Your school decides this."'),
      defaults: section('Settings the school suggests: teachers may change them'),
    },
  };
}
