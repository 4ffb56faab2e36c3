import { randomUUID } from 'node:crypto';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { requireAgency } from '../agency/agency-settings.js';
import { vietnamDate, vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import type { DocumentState } from '../model/document-state.js';
import type { CopyFormCode } from '../model/document-types.js';
import { allocateNumber } from '../numbering/allocate-number.js';
import { formatNumberAndSymbol } from '../numbering/number-format.js';
import { requireRole, type Actor } from '../users/actor.js';
import { documentNotFound, maySeeDocument } from '../users/secret-access.js';
import { latestFile } from './document-files.js';
import type { WorkflowCore } from './workflow-core.js';

const COPYABLE_STATES = new Set<DocumentState>(['issued', 'dispatched', 'archived', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed']);

/** Bản sao: numbered copies of an issued or registered document. */
export class DocumentCopies {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  /**
   * Bản sao (SY, TrS, SL): a new document numbered in the copy register, whose one sequence all three copy forms
   * share (Phụ lục I Phần II.II.1.c), holding the source's latest file and pointing back to the source.
   */
  async makeCopy(actor: Actor, sourceId: string, form: CopyFormCode, note?: string): Promise<DocumentView> {
    requireRole(actor, ['clerk'], 'sao văn bản');
    const agency = await requireAgency(this.#core.db);
    const id = randomUUID();
    await this.#core.db.transaction().execute(async (trx) => {
      const source = await trx.selectFrom('documents').selectAll().where('id', '=', sourceId).executeTakeFirst();
      if (!source || !(await maySeeDocument(trx, actor, source))) throw documentNotFound(sourceId);
      if (!COPYABLE_STATES.has(source.state)) {
        throw new EOfficeError('E_INVALID_STATE', `Chỉ sao văn bản đã ban hành hoặc đã vào sổ (đang: ${source.state}) / only issued or registered documents are copied`);
      }
      const file = await latestFile(trx, sourceId, ['issued', 'signed', 'main', 'scan']);
      const now = this.#core.now();
      const at = vietnamIso(now);
      const symbol = `${form}-${agency.abbreviation}`;
      const allocated = await allocateNumber(trx, {
        agencyId: agency.organId,
        year: vietnamYear(now),
        direction: 'outgoing',
        kind: 'copy',
        sequenceKey: 'all',
        documentId: id,
        code: (n) => formatNumberAndSymbol(n, symbol),
        at,
        actorId: actor.id,
      });
      await trx
        .insertInto('documents')
        .values({
          id,
          direction: 'outgoing',
          state: 'issued',
          created_at: at,
          updated_at: at,
          year: vietnamYear(now),
          source: 'copy',
          copy_form: form,
          related_document_id: sourceId,
          type_code: source.type_code,
          type_name: source.type_name,
          code_number: String(allocated.number),
          code_notation: symbol,
          issued_date: vietnamDate(now),
          organ_id: agency.organId,
          organ_name: agency.name,
          subject: source.subject,
          language: source.language,
          urgency: source.urgency,
          secrecy: source.secrecy,
          content_hash: file.sha256,
        })
        .execute();
      await trx.insertInto('document_files').values({ document_id: id, role: 'main', name: file.name, sha256: file.sha256, size: file.size, media_type: file.media_type, added_at: at }).execute();
      await this.#core.recordCreated(trx, actor, id, {
        action: 'copy',
        state: 'issued',
        note: note ?? `${form} của ${sourceId}`,
        at,
        audit: { form, source: sourceId, number: formatNumberAndSymbol(allocated.number, symbol) },
      });
    });
    return this.#core.show(id);
  }
}
