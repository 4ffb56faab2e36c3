import type { Kysely, Selectable } from 'kysely';
import { requireAgency, type AgencySettings } from '../agency/agency-settings.js';
import { registerId, type RegisterDirection, type RegisterKind } from '../numbering/registers.js';
import { formatDocumentNumber } from '../numbering/number-format.js';
import { isSecret } from '../model/secrecy.js';
import { URGENCIES, isUrgent } from '../model/urgency.js';
import type { Database, DocumentsTable, RegisterEntriesTable } from '../store/schema.js';

/** One printed line: ten cells in the order of the register's columns. */
export interface RegisterLine {
  readonly number: number;
  readonly status: RegisterEntriesTable['status'];
  readonly cells: readonly string[];
}

/** What the cover page says (Phụ lục IV: cơ quan cấp trên, cơ quan, năm, từ ngày … đến ngày, từ số … đến số). */
export interface RegisterCover {
  readonly parentAgencyName: string | null;
  readonly agencyName: string;
  readonly year: number;
  readonly direction: RegisterDirection;
  readonly kind: RegisterKind;
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  readonly fromNumber: number | null;
  readonly toNumber: number | null;
}

export interface RegisterContent {
  readonly cover: RegisterCover;
  readonly lines: readonly RegisterLine[];
}

export const VOID_MARK = 'Số bị hủy / void';
const RECALLED_MARK = 'Đã thu hồi / recalled';

/** `2026-03-05…` → `05/03/2026`, the date form of Vietnamese registers. */
export function registerDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

type DocumentRow = Selectable<DocumentsTable>;
type EntryRow = Selectable<RegisterEntriesTable>;

/** Reads one register (agency, year, direction, kind) with what each of its columns needs, in number order. */
export async function loadRegisterContent(
  db: Kysely<Database>,
  year: number,
  direction: RegisterDirection,
  kind: RegisterKind = 'normal',
  /** The secret documents the reader may see (secret-access.ts): the others' lines are left out, as in `entries`. */
  secretsVisible: 'all' | readonly string[] = 'all',
): Promise<RegisterContent> {
  const agency = await requireAgency(db);
  const id = registerId(agency.organId, year, direction, kind);
  const register = await db.selectFrom('registers').selectAll().where('id', '=', id).executeTakeFirst();
  const allEntries = await db
    .selectFrom('register_entries')
    .selectAll()
    .where('register_id', '=', id)
    .orderBy('sequence_key')
    .orderBy('number')
    .execute();
  const related = await loadRelated(db, [...new Set(allEntries.map((e) => e.document_id))]);
  const entries = allEntries.filter((entry) => {
    const doc = related.documents.get(entry.document_id);
    return secretsVisible === 'all' || !doc || !isSecret(doc.secrecy) || secretsVisible.includes(doc.id);
  });
  const lines = entries.map((entry) => {
    const doc = related.documents.get(entry.document_id);
    const cells = direction === 'outgoing' ? outgoingCells(entry, doc, related) : incomingCells(entry, doc, related);
    return { number: entry.number, status: entry.status, cells };
  });
  const numbers = entries.map((e) => e.number);
  // The span on the cover is that of the documents' own dates, as the lines print them (issued on, or arrived on), not
  // of when the lines were written: a year loaded in one import would otherwise read as opened and closed that day.
  const dates = entries
    .map((e) => {
      const doc = related.documents.get(e.document_id);
      const own = direction === 'outgoing' ? (e.status !== 'void' ? doc?.issued_date : null) : doc?.arrival_date;
      return (own ?? e.registered_at).slice(0, 10);
    })
    .sort();
  return {
    cover: {
      parentAgencyName: await parentAgencyName(db, agency),
      agencyName: agency.name,
      year,
      direction,
      kind,
      openedOn: dates[0]?.slice(0, 10) ?? register?.created_at.slice(0, 10) ?? null,
      closedOn: dates.at(-1)?.slice(0, 10) ?? null,
      fromNumber: numbers.length > 0 ? Math.min(...numbers) : null,
      toNumber: numbers.length > 0 ? Math.max(...numbers) : null,
    },
    lines,
  };
}

interface Related {
  readonly documents: Map<string, DocumentRow>;
  readonly recipients: Map<string, string[]>;
  readonly dispatchedOn: Map<string, string>;
  readonly leads: Map<string, { name: string; unit: string | null; at: string }>;
  readonly drafters: Map<string, { name: string; unit: string | null }>;
  /** Directory names of issuers received with a code only. */
  readonly organNames: Map<string, string>;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function loadRelated(db: Kysely<Database>, ids: readonly string[]): Promise<Related> {
  const related: Related = { documents: new Map(), recipients: new Map(), dispatchedOn: new Map(), leads: new Map(), drafters: new Map(), organNames: new Map() };
  for (const part of chunks(ids)) {
    for (const doc of await db.selectFrom('documents').selectAll().where('id', 'in', part).execute()) related.documents.set(doc.id, doc);
    const recipients = await db
      .selectFrom('document_recipients')
      .leftJoin('directory_endpoints', 'directory_endpoints.code', 'document_recipients.organ_id')
      .select(['document_recipients.document_id', 'document_recipients.organ_id', 'document_recipients.organ_name', 'directory_endpoints.name'])
      .where('document_recipients.document_id', 'in', part)
      .orderBy('document_recipients.organ_id')
      .execute();
    for (const r of recipients) {
      const list = related.recipients.get(r.document_id) ?? [];
      list.push(r.organ_name ?? r.name ?? r.organ_id);
      related.recipients.set(r.document_id, list);
    }
    const dispatches = await db
      .selectFrom('processing_log')
      .select(['document_id', 'at'])
      .where('document_id', 'in', part)
      .where('action', '=', 'dispatch')
      .orderBy('id')
      .execute();
    for (const d of dispatches) if (!related.dispatchedOn.has(d.document_id)) related.dispatchedOn.set(d.document_id, d.at);
    const leads = await db
      .selectFrom('assignments')
      .innerJoin('users', 'users.id', 'assignments.user_id')
      .select(['assignments.document_id', 'assignments.assigned_at', 'users.full_name', 'users.unit'])
      .where('assignments.document_id', 'in', part)
      .where('assignments.role', '=', 'lead')
      .where('assignments.status', '!=', 'cancelled')
      .orderBy('assignments.id')
      .execute();
    for (const l of leads) related.leads.set(l.document_id, { name: l.full_name, unit: l.unit, at: l.assigned_at });
  }
  const drafterIds = [...new Set([...related.documents.values()].map((d) => d.drafter_id).filter((id): id is string => id !== null))];
  for (const part of chunks(drafterIds)) {
    for (const u of await db.selectFrom('users').select(['id', 'full_name', 'unit']).where('id', 'in', part).execute()) {
      related.drafters.set(u.id, { name: u.full_name, unit: u.unit });
    }
  }
  const organIds = [...new Set([...related.documents.values()].filter((d) => !d.organ_name && d.organ_id).map((d) => d.organ_id!))];
  for (const part of chunks(organIds)) {
    for (const e of await db.selectFrom('directory_endpoints').select(['code', 'name']).where('code', 'in', part).execute()) {
      related.organNames.set(e.code, e.name);
    }
  }
  return related;
}

async function parentAgencyName(db: Kysely<Database>, agency: AgencySettings): Promise<string | null> {
  const own = await db.selectFrom('directory_endpoints').select('parent_code').where('code', '=', agency.organId).executeTakeFirst();
  if (!own?.parent_code) return null;
  const parent = await db.selectFrom('directory_endpoints').select('name').where('code', '=', own.parent_code).executeTakeFirst();
  return parent?.name ?? null;
}

/** "Quyết định về việc …": the type name leads the trích yếu, as registers write it. */
function typeAndSubject(doc: DocumentRow | undefined): string {
  if (!doc) return '';
  const type = (doc.type_name ?? '').normalize('NFC');
  const subject = (doc.subject ?? '').normalize('NFC');
  if (!type) return subject;
  if (!subject) return type;
  // "Báo cáo kết quả …" already names its type: printing "Báo cáo: Báo cáo …" would say it twice.
  if (subject.toLocaleLowerCase('vi').startsWith(type.toLocaleLowerCase('vi'))) return subject;
  return /^\p{Ll}/u.test(subject) ? `${type} ${subject}` : `${type}: ${subject}`;
}

function notes(entry: EntryRow, doc: DocumentRow | undefined): string {
  const parts: string[] = [];
  if (entry.status === 'void') parts.push(entry.note ? `${VOID_MARK}: ${entry.note}` : VOID_MARK);
  if (entry.status === 'recalled') parts.push(entry.note ? `${RECALLED_MARK}: ${entry.note}` : RECALLED_MARK);
  if (entry.status === 'active' && doc?.state === 'recalled') parts.push(RECALLED_MARK);
  const urgency = URGENCIES.find((u) => u.code === doc?.urgency);
  if (urgency && isUrgent(urgency.code)) parts.push(urgency.label);
  if (doc?.duplicate_of) parts.push('Trùng văn bản đã nhận');
  if (entry.status === 'active' && doc?.paper_dispatch === 1) parts.push('Gửi bản giấy');
  return parts.join('; ');
}

/** The name the certificate bears (Điều 5), with a profile name that differs beside it, never instead of it. */
function signerCell(doc: DocumentRow | undefined): string {
  // The authority form first (KT. Nguyễn Văn B): who signed, and in what capacity (issue 11 item 5).
  const name = `${doc?.signing_authority && doc.signer_full_name ? `${doc.signing_authority}. ` : ''}${doc?.signer_full_name ?? ''}`;
  return doc?.signer_profile_name ? `${name} (tài khoản: ${doc.signer_profile_name})` : name;
}

function outgoingCells(entry: EntryRow, doc: DocumentRow | undefined, related: Related): string[] {
  const active = entry.status !== 'void';
  const drafter = doc?.drafter_id ? related.drafters.get(doc.drafter_id) : undefined;
  const keeper = [doc?.drafting_unit ?? drafter?.unit, drafter?.name].filter((p): p is string => !!p).join(', ');
  return [
    entry.code ?? formatDocumentNumber(entry.number),
    registerDate(active ? doc?.issued_date : entry.registered_at),
    typeAndSubject(doc),
    active ? signerCell(doc) : '',
    active ? (related.recipients.get(entry.document_id) ?? []).join('; ') : '',
    active ? keeper : '',
    active && doc?.issued_amount ? String(doc.issued_amount) : '',
    active ? registerDate(related.dispatchedOn.get(entry.document_id)) : '',
    '',
    notes(entry, doc),
  ];
}

function incomingCells(entry: EntryRow, doc: DocumentRow | undefined, related: Related): string[] {
  const lead = related.leads.get(entry.document_id);
  // A recalled document is deleted (status 15); its line keeps what the register code recorded: "05 — 12/UBND-VP".
  const recordedCode = entry.code?.split(' — ')[1] ?? '';
  const code = doc?.code_number ? `${doc.code_number}/${doc.code_notation ?? ''}` : recordedCode;
  return [
    registerDate(doc?.arrival_date ?? entry.registered_at),
    formatDocumentNumber(entry.number),
    doc?.organ_name ?? (doc?.organ_id ? (related.organNames.get(doc.organ_id) ?? doc.organ_id) : ''),
    code,
    registerDate(doc?.issued_date),
    typeAndSubject(doc),
    lead ? [lead.name, lead.unit].filter(Boolean).join(', ') : '',
    registerDate(lead?.at),
    '',
    notes(entry, doc),
  ];
}
