import { basename } from 'node:path';
import { rm } from 'node:fs/promises';
import { EOfficeError, type ServiceImplementation } from '@eoffice/contract';
import { abbreviate, readAgency, requireAgency, writeAgency } from '../agency/agency-settings.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { foldVietnamese, vietnamIso } from '@eoffice/vietnamese';
import { registerId } from '../numbering/registers.js';
import { claimExportPath } from '../registers-print/export-path.js';
import { printRegister } from '../registers-print/print-register.js';
import type { Store } from '../store/store.js';
import { requireRole } from '../users/actor.js';
import { SECRET_READER_ROLES, visibleSecretDocuments } from '../users/secret-access.js';
import { countUsers } from '../users/user-accounts.js';
import { readAgencySealFacts, setAgencySeal } from '../agency/seal-image.js';
import { readIssuingPlace, setIssuingPlace } from '../agency/issuing-place.js';
import { actorOf } from './call-actor.js';
import { localFileOf } from '../workflow/file-intake.js';

export interface RegistersServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
}

export function createRegistersService({ store, clock }: RegistersServiceOptions): ServiceImplementation<'registers'> {
  const db = store.db;
  return {
    /** What every signed-in user may read: the agency's name and code are printed on each of its documents anyway. */
    agency: async (_input, context) => {
      await actorOf(store, clock, context);
      return { agency: (await readAgency(db)) ?? null, issuingPlace: await readIssuingPlace(db), seal: await readAgencySealFacts(db, store.blobs) };
    },
    /** `eoffice db init`: allowed to anyone before the first user exists, afterwards to an admin. */
    initAgency: async (input, context) => {
      let by = 'setup';
      if ((await countUsers(db)) > 0 || context.actingUsername || context.sessionToken) {
        const actor = await actorOf(store, clock, context);
        requireRole(actor, ['admin'], 'khởi tạo cơ quan');
        by = actor.username;
      }
      const existing = await readAgency(db);
      if (existing && existing.organId !== input.organId) {
        const used = await db.selectFrom('registers').select('id').limit(1).executeTakeFirst();
        if (used) throw new EOfficeError('E_CONFLICT', 'Cơ quan đã có sổ đăng ký; không đổi mã được / the agency already has registers');
      }
      const agency = {
        organId: input.organId,
        name: input.name,
        abbreviation: input.abbreviation ?? abbreviate(input.name),
        numberingScheme: input.numberingScheme,
      };
      await db.transaction().execute(async (trx) => {
        await writeAgency(trx, agency, vietnamIso(clock.now()));
        await appendAudit(trx, clock, { actor: by, action: 'agency.init', objectType: 'agency', objectId: agency.organId, before: existing ?? null, after: agency });
      });
      return agency;
    },
    entries: async ({ year, direction, kind, limit, after, offset, query }, context) => {
      const actor = await actorOf(store, clock, context);
      // The secret register is for those who handle secrets; elsewhere a secret entry shows only to whom may see it.
      if (kind === 'secret') requireRole(actor, SECRET_READER_ROLES, 'xem sổ văn bản mật');
      const secretsVisible = await visibleSecretDocuments(db, actor);
      const agency = await requireAgency(db);
      // Visibility is part of the query, so a page is full and the total exact (a hidden line is in neither).
      let visible = db
        .selectFrom('register_entries')
        .leftJoin('documents', 'documents.id', 'register_entries.document_id')
        .where('register_entries.register_id', '=', registerId(agency.organId, year, direction, kind));
      if (secretsVisible !== 'all') {
        visible = visible.where((eb) =>
          eb.or([
            eb('documents.secrecy', 'is', null),
            eb('documents.secrecy', '=', 'none'),
            ...(secretsVisible.length > 0 ? [eb('register_entries.document_id', 'in', secretsVisible)] : []),
          ]),
        );
      }
      let page = visible
        .leftJoin('users', 'users.id', 'register_entries.registered_by')
        .select([
          'register_entries.register_id',
          'register_entries.number',
          'register_entries.sequence_key',
          'register_entries.code',
          'register_entries.document_id',
          'register_entries.status',
          'register_entries.note',
          'register_entries.registered_at',
          'register_entries.registered_by',
          'users.username',
          'documents.subject',
        ])
        .orderBy('register_entries.sequence_key')
        .orderBy('register_entries.number');
      const entryOf = (r: Awaited<ReturnType<typeof page.execute>>[number]) => ({
        registerId: r.register_id,
        number: r.number,
        sequenceKey: r.sequence_key,
        code: r.code,
        documentId: r.document_id,
        status: r.status,
        note: r.note,
        registeredAt: r.registered_at,
        registeredBy: r.username ?? r.registered_by,
        subject: r.subject ?? null,
      });
      const terms = foldVietnamese(query ?? '').split(/\s+/).filter(Boolean);
      if (terms.length > 0) {
        // Search as you type over every visible line, folded ("dat dai" finds "Đất đai"): the number, the code,
        // the subject, who registered it and the note, as the screen shows them. The page and the total count
        // matching lines only; `after` and `offset` page through the matches.
        const matching = (await page.execute()).filter((r) => {
          const line = foldVietnamese([String(r.number), r.code, r.subject, r.username ?? r.registered_by, r.note].filter(Boolean).join(' '));
          return terms.every((term) => line.includes(term));
        });
        const afterCursor = after
          ? matching.filter((r) => r.sequence_key > after.sequenceKey || (r.sequence_key === after.sequenceKey && r.number > after.number))
          : matching;
        const from = offset ?? 0;
        const chosen = limit === undefined ? afterCursor : afterCursor.slice(from, from + limit);
        return { entries: chosen.map(entryOf), total: matching.length };
      }
      if (after) {
        // A row value: both databases read it as a range of the (register, sequence, number) unique index.
        page = page.where((eb) =>
          eb(eb.refTuple('register_entries.sequence_key', 'register_entries.number'), '>', eb.tuple(after.sequenceKey, after.number)),
        );
      }
      if (limit !== undefined) page = page.limit(limit);
      if (limit !== undefined && offset) page = page.offset(offset);
      const [rows, counted] = await Promise.all([
        page.execute(),
        visible.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { entries: rows.map(entryOf), total: Number(counted.n) };
    },
    print: async ({ year, direction, kind, outPath }, context) => {
      const actor = await actorOf(store, clock, context);
      if (outPath !== undefined && context.face !== 'cli' && context.face !== 'test') {
        throw new EOfficeError('E_FORBIDDEN', 'Chỉ dòng lệnh mới chọn được nơi lưu tệp / only the command line may choose where the file goes');
      }
      if (outPath !== undefined) return printRegister(store, clock, actor, { year, direction, kind, outPath });
      const fileName = `so-van-ban-${direction === 'outgoing' ? 'di' : 'den'}-${year}${kind === 'normal' ? '' : `-${kind}`}.pdf`;
      const claimed = await claimExportPath(store.dataDir, actor.username, fileName);
      try {
        const printed = await printRegister(store, clock, actor, { year, direction, kind, outPath: claimed });
        // A page learns the file's name, to download it with (`{ export: name }`), never where the data folder is.
        return context.face === 'cli' || context.face === 'test' ? printed : { ...printed, path: basename(claimed) };
      } catch (error) {
        await rm(claimed, { force: true });
        throw error;
      }
    },
    setAgencySeal: async ({ file }, context) => {
      const { sha256, width, height } = await setAgencySeal(store, clock, await actorOf(store, clock, context), localFileOf(file).path);
      return { sha256, width, height };
    },
    setIssuingPlace: async ({ place }, context) => ({ place: await setIssuingPlace(db, clock, await actorOf(store, clock, context), place) }),
  };
}
