import { addCalendarDays, vietnamYear } from '@eoffice/vietnamese';
import type { Insertable } from 'kysely';
import type { DirectoryEndpoint } from '../directory/directory-file.js';
import { mulberry32 } from '../directory/demo-province.js';
import { findDocumentType } from '../model/document-types.js';
import type { ImportedRegisterLine } from '../numbering/import-register-lines.js';
import { formatNumberAndSymbol, formatSymbol, incomingRegisterCode } from '../numbering/number-format.js';
import type { AssignmentsTable, DocumentSignaturesTable, DocumentsTable } from '../store/schema.js';
import { INCOMING_SUBJECTS, OUTGOING_SUBJECTS } from './demo-catalogue.js';
import { isWorkingDate, workingDateFrom } from './demo-time.js';
import type { ProvinceProfile } from './province-profiles.js';

/**
 * One generated document with the rows that say how it went: its register line (số đến or số đi), its signature
 * verdict and its lead assignment.
 */
export interface ProfileDocument {
  readonly document: Insertable<DocumentsTable>;
  readonly registerLine: ImportedRegisterLine;
  readonly signature: Omit<Insertable<DocumentSignaturesTable>, 'id'> | null;
  readonly lead: Omit<Insertable<AssignmentsTable>, 'id'> | null;
}

export interface ProfileDocumentsOptions {
  readonly profile: ProvinceProfile;
  readonly seed: number;
  readonly docs: number;
  readonly agency: { readonly organId: string; readonly name: string; readonly abbreviation: string };
  readonly endpoints: readonly DirectoryEndpoint[];
  /** Who handles (chủ trì), who assigns, and who registers and numbers (văn thư): user ids. */
  readonly users: { readonly lead: string; readonly assigner: string; readonly clerk: string };
  /** Nothing is dated after this day (Vietnam date): a profile year not over yet stops today. */
  readonly lastDate: string;
}

function addWorkingDays(date: string, count: number): string {
  let d = date;
  for (let left = count; left > 0; ) {
    d = addCalendarDays(d, 1);
    if (isWorkingDate(d)) left -= 1;
  }
  return d;
}

/** A verdict recorded with an imported record: what the register kept, with no file to check again. */
function importedVerdict(signer: string): string {
  return JSON.stringify({ signed: true, paper: false, imported: true, signer, signatures: [] });
}

/**
 * The documents of a province-year, drawn from the seed (mulberry32): incoming or issued with the profile's chance;
 * fully electronic or on paper, and an incoming one finished after its due date or not, as the profile's shares of
 * the documents generated (drawQuotas). The same options always give the same documents. Each is then numbered in its register (đến or
 * đi, one sequence per register and year as the agency's single numbering) in the order it arrived or was issued.
 */
export function profileDocuments(options: ProfileDocumentsOptions): ProfileDocument[] {
  const drawn = [...drawDocuments(options)];
  const numbered: ProfileDocument[] = [];
  for (const direction of ['incoming', 'outgoing'] as const) {
    const inOrder = drawn.filter((d) => d.document.direction === direction).sort((a, b) => a.document.created_at.localeCompare(b.document.created_at) || a.document.id.localeCompare(b.document.id));
    inOrder.forEach((drawnDoc, i) => numbered.push(numberedDocument(drawnDoc, i + 1, options)));
  }
  return numbered;
}

type DrawnDocument = Omit<ProfileDocument, 'registerLine'>;

function numberedDocument({ document, ...rest }: DrawnDocument, number: number, options: ProfileDocumentsOptions): ProfileDocument {
  const incoming = document.direction === 'incoming';
  const line = {
    agencyId: options.agency.organId,
    year: document.year!,
    direction: incoming ? 'incoming' : 'outgoing',
    kind: 'normal',
    sequenceKey: 'all',
    number,
    documentId: document.id,
    at: document.created_at,
    actorId: options.users.clerk,
  } as const;
  if (incoming) {
    return { ...rest, document: { ...document, arrival_number: number }, registerLine: { ...line, code: incomingRegisterCode(number, document.code_number ?? null, document.code_notation ?? null) } };
  }
  return { ...rest, document: { ...document, code_number: String(number) }, registerLine: { ...line, code: formatNumberAndSymbol(number, document.code_notation!) } };
}

/** `count` of the items, each set of that size as likely as any other (a partial Fisher–Yates shuffle). */
function chooseSome<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

interface Quotas {
  readonly incoming: readonly boolean[];
  readonly electronic: ReadonlySet<number>;
  readonly late: ReadonlySet<number>;
}

/**
 * Which documents are incoming, and then which are fully electronic and which handled late: the profile's shares
 * taken as quotas of the documents generated (a share of each direction electronic, a share of the incoming late,
 * rounded), the documents that get them chosen at random from the seed. Drawn one by one, the shares were left to
 * chance: over 3,000 documents one seed gave 3.1 % late where the report says 2.1 %.
 */
function drawQuotas(profile: ProvinceProfile, seed: number, docs: number): Quotas {
  const random = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const incoming = Array.from({ length: docs }, () => random() < profile.incomingShare);
  const incomingAt = incoming.flatMap((isIncoming, i) => (isIncoming ? [i] : []));
  const outgoingAt = incoming.flatMap((isIncoming, i) => (isIncoming ? [] : [i]));
  const electronic = new Set([incomingAt, outgoingAt].flatMap((group) => chooseSome(group, Math.round(group.length * profile.electronicShare), random)));
  const late = new Set(chooseSome(incomingAt, Math.round(incomingAt.length * profile.lateShare), random));
  return { incoming, electronic, late };
}

/**
 * Calendar days an arrival may take to be handled: up to 14 working days allowed, 5 more when late (19 working days,
 * with their weekends and the fixed holidays under 30 calendar days).
 */
const HANDLING_DAYS = 31;

function* drawDocuments(options: ProfileDocumentsOptions): Generator<DrawnDocument> {
  const { profile, agency } = options;
  const random = mulberry32(options.seed);
  const quotas = drawQuotas(profile, options.seed, options.docs);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const senders = options.endpoints.filter((e) => e.code !== agency.organId);
  const recipients = senders.filter((e) => e.level <= 2);
  const first = workingDateFrom(`${profile.year}-01-02`);
  // Nothing is dated on or after the seeding day, nor after the year's end, from which documents stop a month early:
  // issues stop the day before, arrivals a month before (HANDLING_DAYS), so that what arrived is handled by then.
  const yearEnd = `${profile.year}-11-30`;
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const lastIssue = earlier(addCalendarDays(options.lastDate, -1), yearEnd);
  const lastArrival = earlier(addCalendarDays(options.lastDate, -HANDLING_DAYS), yearEnd);
  /** A working day from `first` up to `last` (on `first` when the two cross). */
  const drawDate = (last: string): string => {
    const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000));
    let date = workingDateFrom(addCalendarDays(first, Math.floor(random() * span)));
    if (date > last) {
      // Moved past the last day by a weekend: the working day before it instead.
      do date = addCalendarDays(date, -1);
      while (date > first && (date > last || !isWorkingDate(date)));
    }
    return date;
  };
  for (let index = 0; index < options.docs; index += 1) {
    const incoming = quotas.incoming[index]!;
    const date = drawDate(incoming ? lastArrival : lastIssue);
    const at = `${date}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00+07:00`;
    const electronic = quotas.electronic.has(index);
    const id = `profile-${profile.year}-${String(index + 1).padStart(6, '0')}`;
    const common = { id, created_at: at, updated_at: at, year: vietnamYear(new Date(at)), urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt' };
    if (incoming) {
      const template = pick(INCOMING_SUBJECTS);
      const from = pick(senders);
      const late = quotas.late.has(index);
      const allowed = 5 + Math.floor(random() * 10);
      const dueDate = addWorkingDays(date, allowed);
      // On time: a working day up to the due date; late: one to five working days after it.
      const doneDate = late ? addWorkingDays(dueDate, 1 + Math.floor(random() * 5)) : addWorkingDays(date, Math.floor(random() * (allowed + 1)));
      const doneAt = `${doneDate}T15:00:00+07:00`;
      yield {
        document: {
          ...common,
          direction: 'incoming',
          state: 'completed',
          source: electronic ? 'axis' : 'paper',
          type_code: template.type,
          type_name: findDocumentType(template.type).name,
          code_number: String(10 + Math.floor(random() * 900)),
          code_notation: template.type === 'cong-van' ? 'VP' : template.type,
          issued_date: addCalendarDays(date, -Math.floor(random() * 3)),
          organ_id: from.code,
          organ_name: from.name,
          subject: template.subject.replaceAll('{y}', String(profile.year)).replaceAll('{q}', 'I').replaceAll('{m}', '1').replaceAll('{p}', from.name),
          arrival_date: date,
          // Numbered in arrival order once all are drawn (profileDocuments).
          arrival_number: null,
          due_date: dueDate,
          result_note: 'Đã xử lý (dữ liệu mẫu)',
        },
        signature: electronic
          ? { document_id: id, kind: 'received', valid: 1, signer_name: from.name, signed_at: at, result: importedVerdict(from.name), checked_at: at, certificate_subject: null, certificate_serial: null }
          : null,
        lead: {
          document_id: id,
          user_id: options.users.lead,
          role: 'lead',
          due_date: dueDate,
          instructions: null,
          status: 'completed',
          assigned_by: options.users.assigner,
          assigned_at: at,
          completed_at: doneAt,
        },
      };
      continue;
    }
    const template = pick(OUTGOING_SUBJECTS);
    const type = findDocumentType(template.type);
    yield {
      document: {
        ...common,
        direction: 'outgoing',
        state: 'dispatched',
        source: 'draft',
        type_code: template.type,
        type_name: type.name,
        // Numbered in issue order once all are drawn (profileDocuments).
        code_number: null,
        code_notation: formatSymbol(type, agency.abbreviation, null),
        issued_date: date,
        organ_id: agency.organId,
        organ_name: agency.name,
        subject: template.subject.replaceAll('{y}', String(profile.year)).replaceAll('{q}', 'I').replaceAll('{m}', '1').replaceAll('{p}', pick(recipients).name),
        paper_dispatch: electronic ? 0 : 1,
      },
      // On paper the leader signs by hand and the seal is stamped: no digital signature is recorded.
      signature: electronic
        ? { document_id: id, kind: 'agency', valid: 1, signer_name: agency.name, signed_at: at, result: importedVerdict(agency.name), checked_at: at, certificate_subject: null, certificate_serial: null }
        : null,
      lead: null,
    };
  }
}
