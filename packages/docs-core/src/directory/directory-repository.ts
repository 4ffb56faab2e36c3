import { sql, type Kysely, type Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import type { Database } from '../store/schema.js';
import { foldVietnamese } from '@eoffice/vietnamese';
import {
  DIRECTORY_FILE_FORMAT,
  directoryFileSchema,
  type DirectoryEndpoint,
  type DirectoryFile,
  type DirectoryLevel,
} from './directory-file.js';
import { DEFAULT_CODE_RULES, parseOrganisationCode, type OrganisationCodeRules } from './organisation-code.js';

export interface ImportDirectoryOptions {
  /** Remove every endpoint and level not in the file (a full catalogue); otherwise merge by code. */
  readonly replace?: boolean;
  readonly codeRules?: OrganisationCodeRules;
  readonly now: Date;
}

export interface ImportDirectoryResult {
  readonly inserted: number;
  readonly updated: number;
  readonly removed: number;
  readonly total: number;
}

const DEMO_SETTING = 'directory.demo';
const DESCRIPTION_SETTING = 'directory.description';
// SQLite allows 32,766 bound variables per statement; 7 columns per row.
const ROWS_PER_INSERT = 1000;

/**
 * Loads a directory file in one transaction: it is validated whole (schema, codes, levels, parents) before the
 * first row is written, and any failure leaves the directory exactly as it was.
 */
export async function importDirectory(
  db: Kysely<Database>,
  input: unknown,
  options: ImportDirectoryOptions,
): Promise<ImportDirectoryResult> {
  const file = parseDirectoryFile(input);
  const rules = options.codeRules ?? DEFAULT_CODE_RULES;
  checkFileConsistency(file, rules);
  const now = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = new Map(
      (await trx.selectFrom('directory_endpoints').select(['code', 'level']).execute()).map((r) => [r.code, r.level]),
    );
    let removed = 0;
    if (options.replace) {
      const inFile = new Set(file.endpoints.map((e) => e.code));
      removed = [...existing.keys()].filter((code) => !inFile.has(code)).length;
      await trx.deleteFrom('directory_endpoints').execute();
      await trx.deleteFrom('directory_levels').execute();
    }
    await writeLevels(trx, file.levels);
    const merged = new Map(options.replace ? [] : existing);
    for (const endpoint of file.endpoints) merged.set(endpoint.code, endpoint.level);
    const levelsKnown = new Set(
      (await trx.selectFrom('directory_levels').select('level').execute()).map((r) => r.level),
    );
    for (const endpoint of file.endpoints) {
      if (!levelsKnown.has(endpoint.level)) throw invalid(`${endpoint.code}: cấp ${endpoint.level} không có trong danh bạ / unknown level`);
      if (endpoint.parentCode !== null) {
        const parentLevel = merged.get(endpoint.parentCode);
        if (parentLevel === undefined) {
          throw invalid(`${endpoint.code}: không có đơn vị cấp trên ${endpoint.parentCode} / parent not found`);
        }
        if (parentLevel !== endpoint.level - 1) {
          throw invalid(`${endpoint.code}: cấp trên ${endpoint.parentCode} không ở cấp ${endpoint.level - 1} / parent level mismatch`);
        }
      }
    }
    for (let start = 0; start < file.endpoints.length; start += ROWS_PER_INSERT) {
      const rows = file.endpoints.slice(start, start + ROWS_PER_INSERT).map((e) => ({
        code: e.code,
        name: e.name,
        name_folded: foldVietnamese(e.name),
        parent_code: e.parentCode,
        level: e.level,
        kind: e.kind ?? null,
        updated_at: now,
      }));
      await trx
        .insertInto('directory_endpoints')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_folded: eb.ref('excluded.name_folded'),
            parent_code: eb.ref('excluded.parent_code'),
            level: eb.ref('excluded.level'),
            kind: eb.ref('excluded.kind'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    await writeSetting(trx, DEMO_SETTING, file.demo ? 'true' : 'false', now);
    await writeSetting(trx, DESCRIPTION_SETTING, file.description ?? '', now);
    // A merge may leave an old child whose level no longer sits under its parent's; refuse rather than keep it.
    const broken = await trx
      .selectFrom('directory_endpoints as child')
      .leftJoin('directory_endpoints as parent', 'parent.code', 'child.parent_code')
      .select(['child.code', 'child.parent_code'])
      .where('child.parent_code', 'is not', null)
      .where((eb) => eb.or([eb('parent.code', 'is', null), eb('parent.level', '!=', sql<number>`child.level - 1`)]))
      .limit(1)
      .executeTakeFirst();
    if (broken) throw invalid(`${broken.code}: cấp trên ${broken.parent_code} không hợp lệ sau khi nhập / parent invalid after import`);
    const total = Number(
      (await trx.selectFrom('directory_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    );
    const updated = options.replace ? 0 : file.endpoints.filter((e) => existing.has(e.code)).length;
    return { inserted: file.endpoints.length - updated, updated, removed, total };
  });
}

export async function exportDirectory(db: Kysely<Database>): Promise<DirectoryFile> {
  const levels = await db.selectFrom('directory_levels').select(['level', 'name']).orderBy('level').execute();
  const rows = await db.selectFrom('directory_endpoints').selectAll().orderBy('level').orderBy('code').execute();
  const settings = new Map(
    (await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', [DEMO_SETTING, DESCRIPTION_SETTING]).execute()).map(
      (r) => [r.key, r.value],
    ),
  );
  const description = settings.get(DESCRIPTION_SETTING);
  return {
    format: DIRECTORY_FILE_FORMAT,
    version: 1,
    demo: settings.get(DEMO_SETTING) === 'true',
    ...(description ? { description } : {}),
    levels,
    endpoints: rows.map(toEndpoint),
  };
}

export interface DirectoryMatch extends DirectoryEndpoint {
  readonly parentName: string | null;
}

/**
 * By code (a prefix of `XXX.YY.ZZ.Lnn`, or its level-1 suffix such as "H53") or by name, folded: "so y te" finds
 * "Sở Y tế". Names that start with the text come first, then shorter names.
 */
export async function searchDirectory(db: Kysely<Database>, text: string, limit = 50): Promise<DirectoryMatch[]> {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const folded = escapeLike(foldVietnamese(trimmed));
  const upper = escapeLike(trimmed.toUpperCase());
  const rows = await db
    .selectFrom('directory_endpoints as e')
    .leftJoin('directory_endpoints as p', 'p.code', 'e.parent_code')
    .selectAll('e')
    .select('p.name as parent_name')
    .where((eb) =>
      eb.or([
        sql<boolean>`e.code like ${upper + '%'} escape '\\'`,
        sql<boolean>`e.code like ${'%' + upper} escape '\\'`,
        sql<boolean>`e.name_folded like ${'%' + folded + '%'} escape '\\'`,
      ]),
    )
    .orderBy(
      sql`case when e.code = ${trimmed.toUpperCase()} then 0 when e.code like ${upper + '%'} escape '\\' then 1
        when e.name_folded like ${folded + '%'} escape '\\' then 2 else 3 end`,
    )
    .orderBy(sql`case when e.code like ${upper + '%'} escape '\\' then e.code else length(e.name) end`)
    .orderBy('e.code')
    .limit(Math.max(1, Math.min(limit, 500)))
    .execute();
  return rows.map((r) => ({ ...toEndpoint(r), parentName: r.parent_name ?? null }));
}

export async function getEndpoint(db: Kysely<Database>, code: string): Promise<DirectoryEndpoint | null> {
  const row = await db.selectFrom('directory_endpoints').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toEndpoint(row) : null;
}

export function parseDirectoryFile(input: unknown): DirectoryFile {
  const parsed = directoryFileSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Tệp danh bạ không hợp lệ tại "${where}": ${first?.message ?? ''} / invalid directory file`,
      parsed.error.issues.slice(0, 20),
    );
  }
  return parsed.data;
}

/** Everything that can be checked without the database: codes, duplicates, levels, code-implied parents. */
function checkFileConsistency(file: DirectoryFile, rules: OrganisationCodeRules): void {
  const levels = new Set<number>();
  for (const level of file.levels) {
    if (levels.has(level.level)) throw invalid(`cấp ${level.level} khai báo hai lần / level declared twice`);
    levels.add(level.level);
  }
  const sortedLevels = [...levels].sort((a, b) => a - b);
  if (sortedLevels.some((level, index) => level !== index + 1)) {
    throw invalid('các cấp phải liên tiếp từ 1 / levels must run 1, 2, … without gaps');
  }
  const seen = new Set<string>();
  for (const endpoint of file.endpoints) {
    const parsed = parseOrganisationCode(endpoint.code, rules);
    if (seen.has(endpoint.code)) throw invalid(`mã ${endpoint.code} trùng / duplicate code`);
    seen.add(endpoint.code);
    if ((endpoint.level === 1) !== (endpoint.parentCode === null)) {
      throw invalid(`${endpoint.code}: chỉ cấp 1 không có cấp trên / only level 1 has no parent`);
    }
    if (rules.hierarchy === 'by-code') {
      if (parsed.levelByCode !== endpoint.level) {
        throw invalid(`${endpoint.code}: mã thuộc cấp ${parsed.levelByCode}, không phải ${endpoint.level} / level does not match code`);
      }
      if (parsed.parentByCode !== endpoint.parentCode) {
        throw invalid(`${endpoint.code}: cấp trên phải là ${parsed.parentByCode} / parent does not match code`);
      }
    }
  }
}

async function writeLevels(trx: Transaction<Database>, levels: readonly DirectoryLevel[]): Promise<void> {
  if (levels.length === 0) return;
  await trx
    .insertInto('directory_levels')
    .values(levels.map((l) => ({ level: l.level, name: l.name })))
    .onConflict((oc) => oc.column('level').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}

async function writeSetting(trx: Transaction<Database>, key: string, value: string, now: string): Promise<void> {
  await trx
    .insertInto('app_settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

function toEndpoint(row: { code: string; name: string; parent_code: string | null; level: number; kind: string | null }): DirectoryEndpoint {
  return {
    code: row.code,
    name: row.name,
    parentCode: row.parent_code,
    level: row.level,
    ...(row.kind ? { kind: row.kind } : {}),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function invalid(detail: string): EOfficeError {
  return new EOfficeError('E_INVALID_INPUT', `Danh bạ không hợp lệ: ${detail}`);
}
