import type { DocumentView } from '@eoffice/contract';

type DocumentLink = NonNullable<DocumentView['replacedBy']>;

/** A document's own date (YYYY-MM-DD, no time of day) as dd/MM/yyyy; kept free of imports so the node tests load it. */
function dayText(date: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return parts ? `${parts[3]}/${parts[2]}/${parts[1]}` : date;
}

/** One end of a replacement chain as a line: "05/QĐ-UBND, 02/03/2026 — trích yếu" (the number, or the id without one). */
export function documentLinkText(link: DocumentLink): string {
  const code = link.number ? [link.number, link.symbol].filter(Boolean).join('/') : link.id;
  const date = link.issuedDate ? `, ${dayText(link.issuedDate)}` : '';
  return `${code}${date}${link.subject ? ` — ${link.subject}` : ''}`;
}

/** The documents this one replaced, one line each, or null when it replaced none. */
export function replacesText(document: DocumentView): string | null {
  return document.replaces?.length ? document.replaces.map(documentLinkText).join('; ') : null;
}
