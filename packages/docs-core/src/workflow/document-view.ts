import type { Kysely, Selectable } from 'kysely';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { vietnamDate } from '@eoffice/vietnamese';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { directoryNames } from '../directory/directory-names.js';
import { formatDocumentNumber } from '../numbering/number-format.js';
import { isSecret } from '../model/secrecy.js';
import { handlingOutcome } from '../stats/handling-outcome.js';
import { isUrgent } from '../model/urgency.js';
import type { Database, DocumentsTable } from '../store/schema.js';
import { ownSignatureFacts, readStoredCheck, readStoredSignatures } from './signature-verdict.js';
import { urgentLateness } from './urgent-handling.js';

type Flag = DocumentView['flags'][number];

/** The first time the document reached each state, from its processing log (oldest first). */
function firstReached(log: readonly { to_state: string | null; at: string }[]): Map<string, string> {
  const reached = new Map<string, string>();
  for (const entry of log) if (entry.to_state && !reached.has(entry.to_state)) reached.set(entry.to_state, entry.at);
  return reached;
}

/** The document as the faces show it, with the flags computed against the clock's "now". */
export async function loadDocumentView(db: Kysely<Database>, id: string, now: Date): Promise<DocumentView> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${id} / document not found`);
  return buildView(db, row, now);
}

/** `calendar`: pass one loaded calendar when building many views (a list), so it is read once. */
export async function buildView(
  db: Kysely<Database>,
  row: Selectable<DocumentsTable>,
  now: Date,
  calendarGiven?: WorkingCalendar,
): Promise<DocumentView> {
  return (await buildViews(db, [row], now, calendarGiven))[0]!;
}

/**
 * The views of many documents (a list page) with one query per related table for the whole page, not one per
 * document: a page of 1000 documents was ~10,000 queries (issue 12 item 15). The same assembly as a single view.
 */
export async function buildViews(
  db: Kysely<Database>,
  rows: readonly Selectable<DocumentsTable>[],
  now: Date,
  calendarGiven?: WorkingCalendar,
): Promise<DocumentView[]> {
  if (rows.length === 0) return [];
  const [calendar, related] = await Promise.all([calendarGiven ?? loadWorkingCalendar(db), loadRelated(db, rows)]);
  return rows.map((row) => assembleView(row, related, now, calendar));
}

/** Bound parameters per IN list: far under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

/** Runs `query` over the distinct `ids` in chunks and concatenates the rows (each chunk keeps the query's order). */
async function inChunks<I, T>(ids: readonly I[], query: (chunk: I[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await query(unique.slice(i, i + CHUNK))));
  return out;
}

/** Rows grouped by a key, each group in the rows' order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Everything the views of `rows` show beside the document row itself, for all of them at once. */
async function loadRelated(db: Kysely<Database>, rows: readonly Selectable<DocumentsTable>[]) {
  const ids = rows.map((r) => r.id);
  const incomingIds = rows.filter((r) => r.direction === 'incoming').map((r) => r.id);
  const urgentIds = rows.filter((r) => isUrgent(r.urgency)).map((r) => r.id);
  const [files, signatures, recipients, assignments, registrations, stepLogs, successors, predecessors, people] = await Promise.all([
    inChunks(ids, (chunk) => db.selectFrom('document_files').selectAll().where('document_id', 'in', chunk).orderBy('id').execute()),
    inChunks(ids, (chunk) => db.selectFrom('document_signatures').selectAll().where('document_id', 'in', chunk).orderBy('id').execute()),
    inChunks(ids, (chunk) => db.selectFrom('document_recipients').selectAll().where('document_id', 'in', chunk).orderBy('organ_id').execute()),
    inChunks(ids, (chunk) =>
      db
        .selectFrom('assignments')
        .innerJoin('users', 'users.id', 'assignments.user_id')
        .select([
          'assignments.id',
          'assignments.document_id',
          'assignments.role',
          'assignments.due_date',
          'assignments.status',
          'assignments.completed_at',
          'assignments.instructions',
          'users.username',
          'users.full_name',
        ])
        .where('assignments.document_id', 'in', chunk)
        .where('assignments.status', '!=', 'cancelled')
        .orderBy('assignments.id')
        .execute(),
    ),
    inChunks(incomingIds, (chunk) =>
      db.selectFrom('register_entries').select(['document_id', 'registered_at']).where('document_id', 'in', chunk).where('status', '=', 'active').execute(),
    ),
    inChunks(urgentIds, (chunk) =>
      db.selectFrom('processing_log').select(['document_id', 'to_state', 'at']).where('document_id', 'in', chunk).orderBy('id').execute(),
    ),
    inChunks(
      rows.flatMap((r) => (r.replaced_by ? [r.replaced_by] : [])),
      (chunk) => db.selectFrom('documents').select(LINK_COLUMNS).where('id', 'in', chunk).execute(),
    ),
    inChunks(ids, (chunk) =>
      db.selectFrom('documents').select([...LINK_COLUMNS, 'replaced_by', 'created_at']).where('replaced_by', 'in', chunk).orderBy('created_at').execute(),
    ),
    namedPeople(db, rows.flatMap((r) => [r.signer_user_id, r.signed_for_user_id])),
  ]);
  const assignmentIds = assignments.map((a) => a.id);
  const [opinions, extensions] = await Promise.all([
    inChunks(assignmentIds, (chunk) =>
      db
        .selectFrom('assignment_opinions')
        .innerJoin('users', 'users.id', 'assignment_opinions.user_id')
        .select(['assignment_opinions.assignment_id', 'assignment_opinions.text', 'assignment_opinions.given_at', 'users.username', 'users.full_name'])
        .where('assignment_id', 'in', chunk)
        .orderBy('assignment_opinions.id')
        .execute(),
    ),
    inChunks(assignmentIds, (chunk) => db.selectFrom('assignment_extensions').selectAll().where('assignment_id', 'in', chunk).orderBy('id').execute()),
  ]);
  // A name stored with the document stands; a bare code is named from the directory.
  const named = await directoryNames(db, [
    ...rows.map((r) => (r.organ_name ? null : r.organ_id)),
    ...recipients.filter((r) => !r.organ_name).map((r) => r.organ_id),
  ]);
  const firstRegistration = new Map<string, { registered_at: string }>();
  for (const r of registrations) if (!firstRegistration.has(r.document_id)) firstRegistration.set(r.document_id, r);
  return {
    files: groupBy(files, (f) => f.document_id),
    signatures: groupBy(signatures, (s) => s.document_id),
    recipients: groupBy(recipients, (r) => r.document_id),
    assignments: groupBy(assignments, (a) => a.document_id),
    registration: firstRegistration,
    stepLog: groupBy(stepLogs, (l) => l.document_id),
    successors: new Map(successors.map((s) => [s.id, s])),
    predecessors: groupBy(predecessors, (p) => p.replaced_by),
    people,
    opinions: groupBy(opinions, (o) => Number(o.assignment_id)),
    extensions: groupBy(extensions, (e) => Number(e.assignment_id)),
    named,
  };
}

type Related = Awaited<ReturnType<typeof loadRelated>>;

function assembleView(row: Selectable<DocumentsTable>, related: Related, now: Date, calendar: WorkingCalendar): DocumentView {
  const files = related.files.get(row.id) ?? [];
  const signatures = related.signatures.get(row.id) ?? [];
  const recipients = related.recipients.get(row.id) ?? [];
  const assignments = related.assignments.get(row.id) ?? [];
  const registration = row.direction === 'incoming' ? related.registration.get(row.id) : undefined;
  const stepLog = isUrgent(row.urgency) ? related.stepLog.get(row.id) ?? [] : [];
  const chain = replacementChain(row, related);
  const { people, named } = related;
  const opinions = assignments.flatMap((a) => related.opinions.get(Number(a.id)) ?? []);
  const extensions = assignments.flatMap((a) => related.extensions.get(Number(a.id)) ?? []);
  const nameOf = (code: string | null, stored: string | null): string | null => stored ?? (code ? named.get(code) ?? null : null);

  const flags: Flag[] = [];
  // The level itself is the flag: Khẩn (urgent), Thượng khẩn (very-urgent), Hỏa tốc (flash).
  if (isUrgent(row.urgency)) flags.push(row.urgency as Flag);
  const urgentLate = urgentLateness(
    { direction: row.direction, urgency: row.urgency, state: row.state, createdAt: row.created_at, reached: firstReached(stepLog) },
    now,
  );
  if (urgentLate) flags.push('urgent-late');
  if (isSecret(row.secrecy)) flags.push('secret');
  // Điều 4.2.c: registered by the end of the next working day after arrival (holidays from the calendar data).
  if (row.direction === 'incoming' && row.state !== 'rejected') {
    const registeredAt = registration ? new Date(registration.registered_at) : now;
    if (calendar.isRegistrationLate(new Date(row.created_at), registeredAt)) flags.push('late-registration');
  }
  // The statistics count these two flags with the same rule (stats/handling-outcome.ts).
  const lead = assignments.find((a) => a.role === 'lead');
  const outcome = handlingOutcome(
    { direction: row.direction, state: row.state, dueDate: row.due_date, lead: lead ? { dueDate: lead.due_date, completedAt: lead.completed_at } : null },
    vietnamDate(now),
    calendar,
  );
  if (outcome === 'overdue') flags.push('overdue');
  if (outcome === 'late') flags.push('handled-late');
  if (row.duplicate_of) flags.push('duplicate');
  if (row.state === 'needs_checking') flags.push('needs-checking');
  if (row.recall_requested) flags.push('recall-requested');
  // Each stored report is read once: for the flags and for the warnings shown with the signature.
  const reports = signatures.map((s) => readStoredCheck(s.result));
  const receivedIndex = signatures.map((s) => s.kind).lastIndexOf('received');
  if (receivedIndex >= 0) {
    const report = reports[receivedIndex]!;
    if (report.signed === false && !report.paper) flags.push('unsigned');
    else if (report.signed !== false && signatures[receivedIndex]!.valid !== 1) flags.push('signature-invalid');
    else if (report.trusted === false) flags.push('signature-untrusted');
  }
  if (row.state === 'issuing') flags.push('number-pending-seal');
  if (reports.some((r) => r.paper)) flags.push('paper');
  if (row.replaced_by) flags.push('replaced');

  const numberText = numberOf(row);
  return {
    id: row.id,
    direction: row.direction,
    state: row.state,
    signingAuthority: row.signing_authority ?? null,
    signerUser: (row.signer_user_id && people.get(row.signer_user_id)) || null,
    signedFor: (row.signed_for_user_id && people.get(row.signed_for_user_id)) || null,
    type: row.type_code,
    typeName: row.type_name,
    number: numberText,
    symbol: row.code_notation,
    arrivalNumber: row.arrival_number,
    subject: row.subject,
    issuer: { organId: row.organ_id, name: nameOf(row.organ_id, row.organ_name) },
    urgency: (row.urgency ?? 'normal') as DocumentView['urgency'],
    secrecy: (row.secrecy ?? 'none') as DocumentView['secrecy'],
    dueDate: row.due_date,
    issuedDate: row.issued_date,
    arrivalDate: row.arrival_date,
    year: row.year,
    source: row.source,
    recipients: recipients.map((r) => ({ organId: r.organ_id, name: nameOf(r.organ_id, r.organ_name) })),
    files: files.map((f) => ({ role: f.role, name: f.name, sha256: f.sha256, size: f.size })),
    signatures: signatures.flatMap((s, i) => {
      // A received file signed by its signer and then sealed by its agency: each signature with its own verdict
      // (issue 12 item 2: per signature, never one summary over another's warnings).
      const each = s.kind === 'received' ? readStoredSignatures(s.result) : null;
      if (each && each.length > 1) {
        return each.map((one) => ({
          kind: s.kind,
          valid: one.valid,
          signerName: one.signerName,
          signedAt: one.signedAt,
          checkedAt: s.checked_at,
          warnings: one.problems.filter((p) => p.severity === 'warning').map((p) => p.code),
          intact: one.intact,
          trusted: one.trusted,
          problems: [...one.problems],
          certificateSubject: one.certificateSubject,
          certificateSerial: one.certificateSerial,
          level: one.level,
          timestamp: one.timestamp,
          revocation: one.revocation,
        }));
      }
      return [
        {
          kind: s.kind,
          valid: s.valid === 1,
          signerName: s.signer_name,
          signedAt: s.signed_at,
          checkedAt: s.checked_at,
          warnings: [...reports[i]!.warnings],
          intact: reports[i]!.intact,
          trusted: reports[i]!.trusted,
          problems: [...reports[i]!.problems],
          certificateSubject: s.certificate_subject,
          certificateSerial: s.certificate_serial,
          ...ownSignatureFacts(s.result),
        },
      ];
    }),
    assignments: assignments.map((a) => ({
      id: a.id,
      role: a.role,
      username: a.username,
      fullName: a.full_name,
      dueDate: a.due_date,
      status: a.status,
      instructions: a.instructions,
      extensions: extensions
        .filter((e) => e.assignment_id === a.id)
        .map((e) => ({ previousDueDate: e.previous_due_date, newDueDate: e.new_due_date, reason: e.reason, at: e.granted_at })),
      opinions: opinions
        .filter((o) => Number(o.assignment_id) === Number(a.id))
        .map((o) => ({ username: o.username, fullName: o.full_name, text: o.text, at: o.given_at })),
    })),
    flags,
    duplicateOf: row.duplicate_of,
    metadata: {
      signerName: row.signer_full_name,
      signerPosition: row.signer_position,
      pageAmount: row.page_amount,
      issuedAmount: row.issued_amount,
      description: row.description,
      language: row.language,
      toPlaces: (row.to_places ?? '').split('\n').filter((p) => p !== ''),
      fileCode: { organId: row.file_organ_id, catalog: row.file_catalog, notation: row.file_notation, ordinal: row.doc_ordinal },
    },
    replacedBy: chain.replacedBy,
    replaces: chain.replaces,
    checking: row.check_findings ? (JSON.parse(row.check_findings) as DocumentView['checking']) : [],
    urgentLate,
    rejectReason: row.reject_reason,
    resultNote: row.result_note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Person = NonNullable<DocumentView['signerUser']>;

/** The users a document names (its signer, the leader a deputy signed for), by id. */
async function namedPeople(db: Kysely<Database>, ids: ReadonlyArray<string | null>): Promise<Map<string, Person>> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username', 'full_name', 'position']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { username: r.username, fullName: r.full_name, position: r.position }]));
}

/** Số as shown: outgoing "05" from the sequence; incoming as printed by the sender. */
function numberOf(row: Pick<Selectable<DocumentsTable>, 'direction' | 'code_number'>): string | null {
  return row.direction === 'incoming' ? row.code_number : row.code_number ? formatDocumentNumber(Number(row.code_number)) : null;
}

type DocumentLink = NonNullable<DocumentView['replacedBy']>;
const LINK_COLUMNS = ['id', 'direction', 'code_number', 'code_notation', 'issued_date', 'subject', 'secrecy'] as const;

function linkOf(row: Pick<Selectable<DocumentsTable>, (typeof LINK_COLUMNS)[number]>): DocumentLink {
  return { id: row.id, number: numberOf(row), symbol: row.code_notation, issuedDate: row.issued_date, subject: isSecret(row.secrecy) ? null : row.subject };
}

/** Both ends of the replacement chain (thay thế): the successor named on the row, the predecessors that name this one. */
function replacementChain(row: Selectable<DocumentsTable>, related: Related): { replacedBy: DocumentLink | null; replaces: DocumentLink[] } {
  const successor = row.replaced_by ? related.successors.get(row.replaced_by) : undefined;
  const replacedBy = successor ? linkOf(successor) : row.replaced_by ? { id: row.replaced_by, number: null, symbol: null, issuedDate: null, subject: null } : null;
  return { replacedBy, replaces: (related.predecessors.get(row.id) ?? []).map(linkOf) };
}
