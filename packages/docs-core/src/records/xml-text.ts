/** Text escaped for an XML element or attribute; characters XML 1.0 forbids are dropped. */
export function xmlText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .normalize('NFC')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<Name>value</Name>`, or `<Name/>` when empty. */
export function element(name: string, value: string | number | null | undefined): string {
  const text = xmlText(value);
  return text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`;
}
