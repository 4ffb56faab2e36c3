import { basename } from 'node:path';

// eslint-disable-next-line no-control-regex -- control characters are exactly what a stored name must not hold
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*\\/]/g;
const MAX_NAME = 200;

/**
 * A name an attachment may be stored and shown under: the last path segment only (both separators), no control or
 * reserved characters, no leading dots, bounded length; `fallback` when nothing is left. Path traversal ends here.
 */
export function sanitiseAttachmentName(raw: string, fallback: string): string {
  const last = basename(raw.replaceAll('\\', '/'));
  let name = last.normalize('NFC').replace(FORBIDDEN, '_').replace(/^[.\s]+/, '').trim();
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name === '' ? fallback : name;
}
