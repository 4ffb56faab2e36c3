import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PlanInput, PlanView } from '@eoffice/contract';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { writeOwnerOnly } from './owner-only-file.js';
import { checkOutPath } from './pdf-args.js';
import { requiredString, stringOption } from './option-values.js';
import { printJsonOr, requiredYear, vnDate } from './records-options.js';

/**
 * The list as the import takes it back: every line keeps its number, so a re-imported export keeps its notations
 * (and the files opened from them).
 */
export function planAsInput(plan: PlanView): PlanInput {
  return {
    year: plan.year,
    numbering: plan.numbering,
    headings: plan.headings.map((heading) => ({
      code: heading.code,
      title: heading.title,
      files: heading.files.map((file) => ({
        number: file.number,
        title: file.title,
        retention: file.retention,
        unit: file.unit,
        ...(file.person !== null ? { person: file.person } : {}),
        rights: file.rights,
        secrecy: file.secrecy,
        construction: file.construction,
        ...(file.notes !== null ? { notes: file.notes } : {}),
      })),
    })),
  };
}

function planText(plan: PlanView): string {
  const state = plan.state === 'approved' ? `đã duyệt (${plan.approvedBy ?? ''}, ${vnDate(plan.approvedAt)})` : 'dự thảo / draft';
  const lines = [`Danh mục hồ sơ năm ${plan.year} — ${state}`];
  for (const heading of plan.headings) {
    lines.push(`${heading.code}  ${heading.title}`);
    for (const file of heading.files) {
      const opened = file.recordFileId ? `  [hồ sơ ${file.recordFileId}]` : '';
      lines.push(`  ${file.notation}  ${file.title}  ${file.maintenance}  ${file.unit}${file.person ? ` — ${file.person}` : ''}${opened}`);
    }
  }
  for (const amendment of plan.amendments) {
    lines.push(`Sửa đổi ${vnDate(amendment.at)} (${amendment.by}): ${amendment.reason} — thêm ${amendment.added.join(', ') || '—'}; bỏ ${amendment.removed.join(', ') || '—'}; sửa ${amendment.changed.join(', ') || '—'}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runPlanImport(context: CommandContext): Promise<number> {
  const path = resolve(context.positionals[0] as string);
  let plan: unknown;
  try {
    plan = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError('E_INVALID_INPUT', `Không đọc được tệp JSON ${path} / cannot read JSON: ${(error as Error).message}`);
  }
  const reason = stringOption(context.values, 'reason');
  // The contract validates the shape (zod); docs-core numbers the lines and checks the retention catalogue.
  const result = await withServices(context, (client) =>
    client.services.records.planImport({ plan: plan as PlanInput, ...(reason !== undefined ? { amendmentReason: reason } : {}) }),
  );
  printJsonOr(context, result, () => planText(result));
  return 0;
}

export async function runPlanShow(context: CommandContext): Promise<number> {
  const year = requiredYear(context.values);
  const { plan } = await withServices(context, (client) => client.services.records.planShow({ year }));
  printJsonOr(context, { plan }, () => (plan ? planText(plan) : `Chưa có danh mục hồ sơ năm ${year} / no file list for ${year}\n`));
  return 0;
}

export async function runPlanExport(context: CommandContext): Promise<number> {
  const year = requiredYear(context.values);
  const out = resolve(requiredString(context.values, 'out'));
  checkOutPath(out);
  const { plan } = await withServices(context, (client) => client.services.records.planShow({ year }));
  if (!plan) throw new CliError('E_NOT_FOUND', `Chưa có danh mục hồ sơ năm ${year} / no file list for ${year}`);
  const input = planAsInput(plan);
  await writeOwnerOnly(out, `${JSON.stringify(input, null, 2)}\n`);
  const lines = input.headings.reduce((sum, h) => sum + h.files.length, 0);
  printJsonOr(context, { path: out, year, lines }, () => `Danh mục hồ sơ năm ${year}: ${lines} hồ sơ → ${out}\n`);
  return 0;
}

export async function runPlanApprove(context: CommandContext): Promise<number> {
  const year = requiredYear(context.values);
  const plan = await withServices(context, (client) => client.services.records.planApprove({ year }));
  printJsonOr(context, plan, () => planText(plan));
  return 0;
}

export async function runPlanPrint(context: CommandContext): Promise<number> {
  const year = requiredYear(context.values);
  const outPath = resolve(requiredString(context.values, 'out'));
  checkOutPath(outPath);
  const result = await withServices(context, (client) => client.services.records.planPrint({ year, outPath }));
  printJsonOr(context, result, () => `Đã in danh mục hồ sơ năm ${year}: ${result.rows} dòng → ${result.path}\n`);
  return 0;
}
