/** Escapes text for an element body or an attribute value; refuses characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are control characters
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
