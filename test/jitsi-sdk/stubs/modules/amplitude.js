// @amplitude/analytics-browser / -core / -types: analytics (Amplitude) is never enabled in tests
// (config.analytics is unset), but the handler modules are statically imported.
class Identify { set() { return this; } setOnce() { return this; } append() { return this; } }
export { Identify };
export const Types = {};
export const PluginType = { ENRICHMENT: 'enrichment' };
export function createInstance() {
  const noop = () => ({ promise: Promise.resolve() });
  return { init: noop, track: noop, identify: noop, setUserId() {}, setDeviceId() {}, add: noop, setOptOut() {}, flush: noop };
}
export default { createInstance, Identify };
