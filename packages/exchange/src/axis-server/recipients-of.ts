/**
 * Where a message goes, read leniently from its text (the SDK's own sample is not namespace-well-formed and must still
 * route): every `To/OrganId` of an edoc, the `ResponseFor/OrganId` of a status. Only the header part is scanned.
 */
export function recipientsOf(text: string, messageType: 'edoc' | 'status'): string[] {
  const header = text.slice(0, text.search(/<(?:[\w.-]+:)?(?:edXMLBody|AttachmentEncoded)\b/) >>> 0 || text.length);
  const block = messageType === 'edoc' ? 'To' : 'ResponseFor';
  const found: string[] = [];
  const blockPattern = new RegExp(`<(?:[\\w.-]+:)?${block}>([\\s\\S]*?)</(?:[\\w.-]+:)?${block}>`, 'g');
  for (const match of header.matchAll(blockPattern)) {
    const id = /<(?:[\w.-]+:)?OrganId>\s*([^<\s]+)\s*</.exec(match[1] ?? '')?.[1];
    if (id && !found.includes(id)) found.push(id);
  }
  return found;
}

/** The `to` header of sendEdoc is JSON text: `"000.00.15.H51"` or `["…","…"]`. */
export function recipientsOfHeader(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'string') return [parsed];
    if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === 'string');
  } catch {
    return [value.trim()];
  }
  return [];
}
