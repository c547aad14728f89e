// XML helpers (ADMX/ADML, plist)


export function escapeXml(text: string): string {
  // XML 1.0 has no way to write most control characters, not even as references.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(text)) throw new Error(`text cannot be written to XML (control character): ${JSON.stringify(text)}`);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const attributes = (values: Record<string, string | number | undefined>): string =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

/** ADMX/ADML identifiers: letters, digits and underscores. */
export const admxId = (text: string): string => text.replace(/[^A-Za-z0-9_]/g, '_');
