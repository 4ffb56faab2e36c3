import type { Kysely, Transaction } from 'kysely';
import { EOfficeError, type planInputSchema, type PlanView, type Retention } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import type { z } from 'zod';
import { requireAgency } from '../agency/agency-settings.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { lockedForWrite } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';
import { maySeeFile } from './file-visibility.js';
import { maintenanceLabel, retentionFromText, retentionToText } from './retention.js';

type PlanInput = z.output<typeof planInputSchema>;

/**
 * The roles that draft the list (Điều 28: the clerk and the archive advise the head). Both see secret lines; an admin
 * does not (users/secret-access.ts), and an import replaces the whole list, so an admin's import of the list it sees
 * would drop the secret lines without anyone noticing.
 */
const PLAN_EDITORS = ['clerk', 'archivist'] as const;

interface PlannedLine {
  readonly notation: string;
  readonly number: number;
  readonly headingCode: string;
  readonly title: string;
  readonly retention: string;
  readonly unit: string;
  readonly person: string | null;
  readonly rights: string;
  readonly secrecy: string;
  readonly construction: number;
  readonly notes: string | null;
  readonly position: number;
}

/**
 * Numbers the list as the agency chose (Phụ lục V): continuous over the list, or from 01 under each major heading.
 * A number given is kept (a re-imported export keeps its notations); the others take the next free one.
 */
export function numberPlanLines(plan: PlanInput, allowed: ReadonlySet<string>): PlannedLine[] {
  const lines: PlannedLine[] = [];
  const seenHeadings = new Set<string>();
  const used = new Map<string, Set<number>>();
  const scopeOf = (code: string) => (plan.numbering === 'continuous' ? '*' : code);
  for (const heading of plan.headings) {
    if (seenHeadings.has(heading.code)) throw new EOfficeError('E_INVALID_INPUT', `Đề mục ${heading.code} lặp lại / heading repeated: ${heading.code}`);
    seenHeadings.add(heading.code);
    for (const file of heading.files) {
      if (file.number === undefined) continue;
      const scope = used.get(scopeOf(heading.code)) ?? new Set<number>();
      if (scope.has(file.number)) throw new EOfficeError('E_INVALID_INPUT', `Số hồ sơ ${file.number} lặp lại / file number repeated: ${file.number}`);
      scope.add(file.number);
      used.set(scopeOf(heading.code), scope);
    }
  }
  let position = 0;
  for (const heading of plan.headings) {
    for (const file of heading.files) {
      const retention = retentionToText(file.retention);
      if (!allowed.has(retention)) {
        throw new EOfficeError('E_INVALID_INPUT', `Thời hạn bảo quản "${maintenanceLabel(file.retention)}" không có trong danh mục / retention not in the catalogue`);
      }
      const scope = used.get(scopeOf(heading.code)) ?? new Set<number>();
      let number = file.number;
      if (number === undefined) {
        number = 1;
        while (scope.has(number)) number += 1;
        scope.add(number);
        used.set(scopeOf(heading.code), scope);
      }
      const notation = `${String(number).padStart(2, '0')}.${heading.code}`;
      if (notation.length > 20) throw new EOfficeError('E_INVALID_INPUT', `Ký hiệu hồ sơ quá 20 ký tự / file notation over 20 characters: ${notation}`);
      position += 1;
      lines.push({
        notation,
        number,
        headingCode: heading.code,
        title: file.title,
        retention,
        unit: file.unit,
        person: file.person ?? null,
        rights: file.rights,
        secrecy: file.secrecy,
        construction: file.construction ? 1 : 0,
        notes: file.notes ?? null,
        position,
      });
    }
  }
  return lines;
}

const COMPARED: ReadonlyArray<keyof PlannedLine> = ['headingCode', 'title', 'retention', 'unit', 'person', 'rights', 'secrecy', 'construction', 'notes'];

/**
 * Danh mục hồ sơ: a draft is replaced as a whole; an approved list changes only by an amendment with a reason, whose
 * lines added, removed and changed are kept and audited. A line whose file is open cannot be removed.
 */
export async function importFilePlan(db: Kysely<Database>, clock: Clock, actor: Actor, plan: PlanInput, amendmentReason: string | undefined): Promise<void> {
  requireRole(actor, [...PLAN_EDITORS], 'lập danh mục hồ sơ');
  const agency = await requireAgency(db);
  const allowed = new Set((await db.selectFrom('retention_catalogue').select('retention').execute()).map((r) => r.retention));
  const lines = numberPlanLines(plan, allowed);
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    // The year's list row is locked first (ARCHITECTURE.md, "Lock order": before its record files): an approval, another
    // import and a clerk opening a file of the list wait, so none of them decides on what this one is replacing (an
    // amendment removing a line as it was opened left an open file whose line was gone).
    const existing = await lockedForWrite(trx, trx.selectFrom('file_plans').selectAll().where('year', '=', plan.year)).executeTakeFirst();
    const before = await trx.selectFrom('file_plan_entries').selectAll().where('plan_year', '=', plan.year).execute();
    const opened = new Set(
      (await trx.selectFrom('record_files').select('notation').where('plan_year', '=', plan.year).execute()).map((r) => r.notation),
    );
    const afterByNotation = new Map(lines.map((l) => [l.notation, l]));
    const removed = before.filter((b) => !afterByNotation.has(b.notation)).map((b) => b.notation);
    const stillOpened = removed.filter((n) => opened.has(n));
    if (stillOpened.length > 0) {
      throw new EOfficeError('E_CONFLICT', `Hồ sơ đã mở, không bỏ khỏi danh mục được / files already opened cannot leave the list: ${stillOpened.join(', ')}`, { notations: stillOpened });
    }
    const beforeByNotation = new Map(before.map((b) => [b.notation, b]));
    const added = lines.filter((l) => !beforeByNotation.has(l.notation)).map((l) => l.notation);
    const changed = lines
      .filter((l) => {
        const b = beforeByNotation.get(l.notation);
        if (!b) return false;
        const old = { headingCode: b.heading_code, title: b.title, retention: b.retention, unit: b.unit, person: b.person, rights: b.rights, secrecy: b.secrecy, construction: b.construction, notes: b.notes };
        return COMPARED.some((key) => old[key as keyof typeof old] !== l[key]);
      })
      .map((l) => l.notation);
    const approved = existing?.state === 'approved';
    if (approved && amendmentReason === undefined) {
      throw new EOfficeError('E_INVALID_INPUT', 'Danh mục đã được duyệt: sửa đổi cần lý do (--reason) / the list is approved: an amendment needs a reason');
    }
    if (approved && existing.numbering !== plan.numbering) {
      throw new EOfficeError('E_CONFLICT', 'Danh mục đã duyệt không đổi cách đánh số được / an approved list keeps its numbering');
    }
    if (existing) {
      await trx.updateTable('file_plans').set({ numbering: plan.numbering, updated_at: at }).where('year', '=', plan.year).execute();
    } else {
      await trx.insertInto('file_plans').values({ year: plan.year, organ_id: agency.organId, numbering: plan.numbering, state: 'draft', approved_by: null, approved_at: null, created_at: at, updated_at: at }).execute();
    }
    await trx.deleteFrom('file_plan_headings').where('plan_year', '=', plan.year).execute();
    await trx.deleteFrom('file_plan_entries').where('plan_year', '=', plan.year).execute();
    await trx
      .insertInto('file_plan_headings')
      .values(plan.headings.map((h, position) => ({ plan_year: plan.year, code: h.code, title: h.title, position })))
      .execute();
    for (const line of lines) {
      await trx
        .insertInto('file_plan_entries')
        .values({
          plan_year: plan.year, notation: line.notation, number: line.number, heading_code: line.headingCode, title: line.title, retention: line.retention,
          unit: line.unit, person: line.person, rights: line.rights, secrecy: line.secrecy, construction: line.construction, notes: line.notes, position: line.position,
        })
        .execute();
    }
    if (approved) {
      await trx
        .insertInto('file_plan_amendments')
        .values({ plan_year: plan.year, at, by: actor.username, reason: amendmentReason!, added: JSON.stringify(added), removed: JSON.stringify(removed), changed: JSON.stringify(changed) })
        .execute();
    }
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: approved ? 'file-plan.amend' : 'file-plan.import',
      objectType: 'file-plan',
      objectId: String(plan.year),
      before: { lines: before.length },
      after: { lines: lines.length, added, removed, changed, ...(approved ? { reason: amendmentReason } : {}) },
    });
  });
}

/** Điều 28: the head approves the list at the start of the year; from then on it changes only by amendment. */
export async function approveFilePlan(db: Kysely<Database>, clock: Clock, actor: Actor, year: number): Promise<void> {
  requireRole(actor, ['leader'], 'duyệt danh mục hồ sơ');
  const at = vietnamIso(clock.now());
  await db.transaction().execute(async (trx) => {
    const plan = await lockedForWrite(trx, trx.selectFrom('file_plans').selectAll().where('year', '=', year)).executeTakeFirst();
    if (!plan) throw planNotFound(year);
    if (plan.state === 'approved') throw new EOfficeError('E_INVALID_STATE', `Danh mục hồ sơ năm ${year} đã được duyệt / already approved`);
    await trx.updateTable('file_plans').set({ state: 'approved', approved_by: actor.username, approved_at: at, updated_at: at }).where('year', '=', year).execute();
    await appendAudit(trx, clock, { actor: actor.username, action: 'file-plan.approve', objectType: 'file-plan', objectId: String(year), before: { state: 'draft' }, after: { state: 'approved' } });
  });
}

export function planNotFound(year: number): EOfficeError {
  return new EOfficeError('E_NOT_FOUND', `Chưa có danh mục hồ sơ năm ${year} / no file list for ${year}`);
}

/** FileCode (Phụ lục VI): OrganId/FileCatalog/FileNotation. */
export function fileCodeOf(organId: string, year: number, notation: string): string {
  return `${organId}/${year}/${notation}`;
}

/** The list as the actor may see it (secret lines only for those who handle secrets), or null when there is none. */
export async function loadFilePlan(db: Kysely<Database> | Transaction<Database>, actor: Actor, year: number): Promise<PlanView | null> {
  const plan = await db.selectFrom('file_plans').selectAll().where('year', '=', year).executeTakeFirst();
  if (!plan) return null;
  const headings = await db.selectFrom('file_plan_headings').selectAll().where('plan_year', '=', year).orderBy('position').execute();
  const entries = await db.selectFrom('file_plan_entries').selectAll().where('plan_year', '=', year).orderBy('position').execute();
  const opened = new Map(
    (await db.selectFrom('record_files').select(['id', 'notation', 'secrecy']).where('plan_year', '=', year).execute()).map((r) => [r.notation, r]),
  );
  const amendments = await db.selectFrom('file_plan_amendments').selectAll().where('plan_year', '=', year).orderBy('id').execute();
  const visible = entries.filter((e) => maySeeFile(actor, e.secrecy) && maySeeFile(actor, opened.get(e.notation)?.secrecy ?? 'none'));
  const visibleNotations = new Set(visible.map((e) => e.notation));
  // An amendment names lines: one the actor may not see is left out of what it tells.
  const shown = (json: string) => (JSON.parse(json) as string[]).filter((n) => visibleNotations.has(n) || !entries.some((e) => e.notation === n));
  return {
    year: plan.year,
    organId: plan.organ_id,
    numbering: plan.numbering,
    state: plan.state,
    approvedBy: plan.approved_by,
    approvedAt: plan.approved_at,
    headings: headings.map((h) => ({
      code: h.code,
      title: h.title,
      files: visible
        .filter((e) => e.heading_code === h.code)
        .map((e) => {
          const retention: Retention = retentionFromText(e.retention);
          return {
            notation: e.notation,
            number: e.number,
            fileCode: fileCodeOf(plan.organ_id, plan.year, e.notation),
            title: e.title,
            retention,
            maintenance: maintenanceLabel(retention),
            unit: e.unit,
            person: e.person,
            rights: e.rights,
            secrecy: e.secrecy as PlanView['headings'][number]['files'][number]['secrecy'],
            construction: e.construction === 1,
            notes: e.notes,
            recordFileId: opened.get(e.notation)?.id ?? null,
          };
        }),
    })),
    amendments: amendments.map((a) => ({ at: a.at, by: a.by, reason: a.reason, added: shown(a.added), removed: shown(a.removed), changed: shown(a.changed) })),
  };
}
