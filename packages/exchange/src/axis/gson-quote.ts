const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\b': '\\b', '\n': '\\n', '\r': '\\r', '\f': '\\f' };

/**
 * A JSON string as Gson 2.2's JsonObject.toString() writes it: only `"`, `\`, control characters and U+2028/U+2029
 * escaped; `/ < > & = '` and non-ASCII written as they are (vdxp-capture README §2).
 */
export function gsonQuote(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += ESCAPES[c] ?? (code < 0x20 || c === '\u2028' || c === '\u2029' ? `\\u${code.toString(16).padStart(4, '0')}` : c);
  }
  return `${out}"`;
}
