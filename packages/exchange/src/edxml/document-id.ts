import { writeEdxmlDate } from './edxml-date.js';

/**
 * The axis-wide id of an outgoing document, `OrganId,yyyy/MM/dd,Number/Notation`, as the government samples write it
 * (e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`).
 */
export function buildDocumentId(organId: string, issuedDateIso: string, number: string, notation: string): string {
  return `${organId},${writeEdxmlDate(issuedDateIso)},${number}/${notation}`;
}

/** Splits a DocumentId into its three parts; null when it does not have that form. */
export function splitDocumentId(id: string): { organId: string; date: string; code: string } | null {
  const match = /^([^,]+),(\d{4}\/\d{2}\/\d{2}),(.+)$/.exec(id.trim());
  return match ? { organId: match[1] as string, date: match[2] as string, code: match[3] as string } : null;
}
