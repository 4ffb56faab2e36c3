import type { Kysely } from 'kysely';
import type { LongTermDocumentView, PadesLevelView } from '@eoffice/contract';
import type { Database } from '../store/schema.js';
import type { Actor } from '../users/actor.js';
import { readStoredCheck } from '../workflow/signature-verdict.js';
import type { VerifiedSignature } from '../ports/signature-verifier.js';
import { loadFileDocuments } from './record-file-view.js';
import { recordOriginalOf } from './record-original.js';
import { requireVisibleFile } from './record-files.js';

/** Weakest first: a file is as long-lived as its least protected signature; `other` (not PAdES) is weaker than all. */
const RANK: Readonly<Record<PadesLevelView, number>> = { other: 0, 'B-B': 1, 'B-T': 2, 'B-LT': 3, 'B-LTA': 4 };

/**
 * Which signed documents of a record file stay verifiable in the long term (issue 16) and which do not yet: per
 * signed PDF, the weakest PAdES level of its record original as last checked, the archival copy made from that
 * original (records.close under the agency's policy, or records.ltvAdd), and a copy still waiting (archival_pending).
 * A document on paper or without a signature is not listed: there is nothing to keep verifiable.
 */
export async function longTermStatus(db: Kysely<Database>, actor: Actor, fileId: string): Promise<LongTermDocumentView[]> {
  await requireVisibleFile(db, actor, fileId);
  const documents = await loadFileDocuments(db, fileId);
  const out: LongTermDocumentView[] = [];
  for (const doc of documents) {
    const original = await recordOriginalOf(db, doc.documentId);
    if (!original || original.media_type !== 'application/pdf') continue;
    const check = await db.selectFrom('document_signatures').select('result').where('document_id', '=', doc.documentId).orderBy('id', 'desc').executeTakeFirst();
    if (!check) continue;
    const summary = readStoredCheck(check.result);
    if (summary.paper || summary.signed === false) continue;
    const level = weakestLevel(check.result);
    const copy = await db
      .selectFrom('document_files')
      .select(['name', 'sha256', 'added_at'])
      .where('document_id', '=', doc.documentId)
      .where('role', '=', 'archival')
      .where('id', '>', original.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const pending = await db.selectFrom('archival_pending').select(['reason', 'since']).where('document_id', '=', doc.documentId).executeTakeFirst();
    const made = copy ? await archivalAudit(db, doc.documentId, copy.sha256) : null;
    out.push({
      documentId: doc.documentId,
      docOrdinal: doc.docOrdinal,
      subject: doc.subject,
      level,
      archival: copy ? { name: copy.name, sha256: copy.sha256, at: copy.added_at, timestampTime: made!.timestampTime, revocationMissing: made!.revocationMissing } : null,
      pending: pending && !copy ? { reason: pending.reason, since: pending.since } : null,
      // A copy whose certificates' revocation no server answered for is not verifiable in the long term: it says so.
      longTerm: (copy !== undefined && made!.revocationMissing === 0) || level === 'B-LT' || level === 'B-LTA',
    });
  }
  return out;
}

/** The weakest level among the signatures of a stored check (document timestamps have none); null if not recorded. */
export function weakestLevel(result: string): PadesLevelView | null {
  const stored = JSON.parse(result) as { signatures?: Array<Partial<VerifiedSignature>> };
  const levels = (stored.signatures ?? []).filter((s) => s.level !== null).map((s) => s.level);
  if (levels.length === 0 || levels.some((l) => l === undefined)) return null;
  return (levels as PadesLevelView[]).reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
}

/** What an archival copy's audit entry recorded: its document timestamp's time, and the certificates left without revocation data. */
async function archivalAudit(db: Kysely<Database>, documentId: string, sha256: string): Promise<{ timestampTime: string | null; revocationMissing: number }> {
  const entries = await db
    .selectFrom('audit_log')
    .select('after')
    .where('object_type', '=', 'document')
    .where('object_id', '=', documentId)
    .where('action', '=', 'document.archival-copy')
    .orderBy('id', 'desc')
    .execute();
  for (const entry of entries) {
    const after = entry.after ? (JSON.parse(entry.after) as { sha256?: string; timestampTime?: string; revocationMissing?: unknown[] }) : {};
    if (after.sha256 === sha256) return { timestampTime: after.timestampTime ?? null, revocationMissing: after.revocationMissing?.length ?? 0 };
  }
  return { timestampTime: null, revocationMissing: 0 };
}
