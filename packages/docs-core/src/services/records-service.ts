import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import { requireAgency } from '../agency/agency-settings.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { acceptHandover, keepRecordFile, listDueHandovers } from '../handover/handover-due.js';
import { makeHandoverPackage } from '../handover/handover-package.js';
import { readPackageProfile, setPackageProfile } from '../handover/package-profile.js';
import { exportArchiveSearch, searchArchive } from '../records/archive-search.js';
import { exportRecordFile, printFilePlan } from '../records/file-export.js';
import { approveFilePlan, importFilePlan, loadFilePlan, planNotFound } from '../records/file-plan.js';
import { addArchivalCopies, closeRecordFileWithLtv, retryArchivalCopies } from '../records/archival-copies.js';
import { longTermStatus } from '../records/long-term-status.js';
import { addToRecordFile, listRecordFiles, openRecordFile, removeFromRecordFile, showRecordFile, updateRecordFile } from '../records/record-files.js';
import { maintenanceLabel, retentionFromText, retentionToText } from '../records/retention.js';
import type { LtvExtender } from '../ports/ltv-extender.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { actorOf } from './call-actor.js';

export interface RecordsServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** Adds the long-term validation material on closing, when the agency's policy says records.ltv_on_close. */
  readonly ltvExtender?: LtvExtender;
}

/** Hồ sơ và lưu trữ (issue 14): one method per step, each handed to its room (records/, handover/). */
export function createRecordsService({ store, clock, ltvExtender }: RecordsServiceOptions): ServiceImplementation<'records'> {
  const db = store.db;
  const as = (context: Parameters<typeof actorOf>[2]) => actorOf(store, clock, context);
  const retentions = async () =>
    (await db.selectFrom('retention_catalogue').select('retention').orderBy('position').execute()).map((r) => {
      const retention = retentionFromText(r.retention);
      return { retention, label: maintenanceLabel(retention) };
    });
  const planOf = async (actor: Awaited<ReturnType<typeof as>>, year: number) => {
    const plan = await loadFilePlan(db, actor, year);
    if (!plan) throw planNotFound(year);
    return plan;
  };
  return {
    retentions: async (_input, context) => {
      await as(context);
      return { retentions: await retentions() };
    },
    setRetentions: async ({ retentions: wanted }, context) => {
      const actor = await as(context);
      requireRole(actor, ['admin'], 'đặt danh mục thời hạn bảo quản');
      const texts = [...new Set(wanted.map(retentionToText))];
      await db.transaction().execute(async (trx) => {
        const used = (await trx.selectFrom('file_plan_entries').select('retention').distinct().execute()).map((r) => r.retention).filter((r) => !texts.includes(r));
        if (used.length > 0) throw new EOfficeError('E_CONFLICT', `Thời hạn đang được dùng trong danh mục hồ sơ / retention in use: ${used.join(', ')}`);
        const before = (await trx.selectFrom('retention_catalogue').select('retention').orderBy('position').execute()).map((r) => r.retention);
        await trx.deleteFrom('retention_catalogue').execute();
        await trx.insertInto('retention_catalogue').values(texts.map((retention, position) => ({ retention, position }))).execute();
        await appendAudit(trx, clock, { actor: actor.username, action: 'retention-catalogue.set', objectType: 'retention-catalogue', objectId: 'retention', before, after: texts });
      });
      return { retentions: await retentions() };
    },
    planImport: async ({ plan, amendmentReason }, context) => {
      const actor = await as(context);
      await importFilePlan(db, clock, actor, plan, amendmentReason);
      return planOf(actor, plan.year);
    },
    planShow: async ({ year }, context) => ({ plan: await loadFilePlan(db, await as(context), year) }),
    planApprove: async ({ year }, context) => {
      const actor = await as(context);
      await approveFilePlan(db, clock, actor, year);
      return planOf(actor, year);
    },
    planPrint: async ({ year, outPath }, context) => {
      const actor = await as(context);
      requireRole(actor, ['clerk', 'archivist', 'leader', 'admin'], 'in danh mục hồ sơ');
      const plan = await planOf(actor, year);
      return printFilePlan(store, clock, actor, context, plan, (await requireAgency(db)).name, outPath);
    },
    open: async ({ year, notation }, context) => openRecordFile(db, clock, await as(context), year, notation),
    update: async ({ id, ...fields }, context) => updateRecordFile(db, clock, await as(context), id, fields),
    add: async ({ id, documentId }, context) => addToRecordFile(store, clock, await as(context), id, documentId),
    remove: async ({ id, documentId }, context) => removeFromRecordFile(db, clock, await as(context), id, documentId),
    close: async ({ id }, context) => closeRecordFileWithLtv(store, clock, await as(context), id, ltvExtender),
    ltvRetry: async ({ id }, context) => retryArchivalCopies(store, clock, await as(context), id, ltvExtender),
    ltvStatus: async ({ id }, context) => ({ documents: await longTermStatus(db, await as(context), id) }),
    ltvAdd: async ({ id, documentIds }, context) => addArchivalCopies(store, clock, await as(context), id, documentIds, ltvExtender),
    show: async ({ id }, context) => showRecordFile(db, await as(context), id),
    list: async ({ year, state }, context) => ({ files: await listRecordFiles(db, await as(context), { year, state }) }),
    export: async ({ id, format, outPath }, context) => exportRecordFile(store, clock, await as(context), context, id, format, outPath),
    handoverDue: async ({ withinDays }, context) => ({ files: await listDueHandovers(db, clock, await as(context), withinDays) }),
    keep: async ({ id, until, reason }, context) => keepRecordFile(db, clock, await as(context), id, until, reason),
    handoverPackage: async ({ ids, type, outDir }, context) => makeHandoverPackage(store, clock, await as(context), context, { ids, type, outDir }),
    /** Any signed-in user: the package dialog may say what it will make; nothing in it is secret. */
    packageProfile: async (_input, context) => {
      await as(context);
      return readPackageProfile(db);
    },
    setPackageProfile: async (change, context) => setPackageProfile(db, clock, await as(context), change),
    accept: async ({ ids, note }, context) => ({ files: await acceptHandover(db, clock, await as(context), ids, note) }),
    search: async (query, context) => searchArchive(db, await as(context), query),
    searchExport: async ({ query, format, outPath }, context) => exportArchiveSearch(store, clock, await as(context), context, query, format, outPath),
  };
}

