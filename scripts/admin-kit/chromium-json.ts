// Chrome, Chromium and Edge on Linux: one JSON file in the browser's managed policy folder.
import { type Chromium, type Configuration, extensionSettingsEntry, idAndUrl, json, type ResolvedInput } from './shared.ts';

/** Chrome, Chromium and Edge on Linux: one file in the browser's managed policy folder. */
export function linuxPolicy(input: ResolvedInput, browser: Chromium, configuration: Configuration): string {
  const { id, updateUrl } = idAndUrl(input, browser);
  return json({ ExtensionSettings: { [id]: extensionSettingsEntry(browser, updateUrl, configuration) }, '3rdparty': { extensions: { [id]: configuration } } });
}
