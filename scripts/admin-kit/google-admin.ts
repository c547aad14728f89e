// The Google Admin console's "Policy for extensions" upload.
import { type Configuration, json, SECTIONS } from './shared.ts';

/** Google Admin console, "Policy for extensions": each policy's value wrapped as { "Value": … }. */
export function googleAdminPolicy(configuration: Configuration): string {
  return json(Object.fromEntries(SECTIONS.filter((section) => Object.keys(configuration[section]).length).map((section) => [section, { Value: configuration[section] }])));
}
