// Firefox: policies.json.
import { type Configuration, json, type ResolvedInput } from './shared.ts';

/** Firefox: policies.json with the force-install and the 3rdparty configuration under the gecko id. */
export function firefoxPolicies(input: ResolvedInput, configuration: Configuration): string {
  return json({
    policies: {
      ExtensionSettings: { [input.firefoxId]: { installation_mode: 'force_installed', install_url: input.firefoxInstallUrl, default_area: 'navbar' } },
      '3rdparty': { Extensions: { [input.firefoxId]: configuration } },
    },
  });
}
