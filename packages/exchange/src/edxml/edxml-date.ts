/**
 * edXML dates are yyyy/MM/dd (QCVN 102); one integrator writes dd/MM/yyyy. Both read to ISO yyyy-mm-dd; anything
 * else (or an impossible day) is null with a warning, never a guess.
 */
export function readEdxmlDate(text: string, warnings: string[], where: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  let match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  let parts: [string, string, string] | null = match ? [match[1] as string, match[2] as string, match[3] as string] : null;
  if (!parts) {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (match) {
      parts = [match[3] as string, match[2] as string, match[1] as string];
      warnings.push(`${where}: ngày dạng dd/MM/yyyy (${value}) / date written dd/MM/yyyy`);
    }
  }
  if (!parts) {
    warnings.push(`${where}: ngày không đọc được (${value}) / unreadable date`);
    return null;
  }
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    warnings.push(`${where}: ngày không tồn tại (${value}) / impossible date`);
    return null;
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO yyyy-mm-dd → yyyy/MM/dd. */
export function writeEdxmlDate(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '/');
}
