/** Parses a PDF date string `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-1 §7.9.4); null when it is not one. */
export function parsePdfDate(text: string): Date | null {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(text.trim());
  if (!match) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  // Date.UTC rolls an impossible field over (month 15 → March of the next year); a date that is not one is no date.
  const fields = [Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(oh), Number(om)];
  const limits = [[1, 12], [1, 31], [0, 23], [0, 59], [0, 59], [0, 23], [0, 59]] as const;
  if (fields.some((value, i) => value < limits[i]![0] || value > limits[i]![1])) return null;
  const utc = Date.UTC(Number(y), fields[0]! - 1, fields[1], fields[2], fields[3], fields[4]);
  if (new Date(utc).getUTCDate() !== fields[1]) return null;
  const offset = sign === '+' || sign === '-' ? (Number(oh) * 60 + Number(om)) * (sign === '+' ? 1 : -1) : 0;
  return new Date(utc - offset * 60_000);
}
