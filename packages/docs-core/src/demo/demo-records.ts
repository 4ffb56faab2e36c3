import type { planInputSchema } from '@eoffice/contract';
import type { z } from 'zod';
import type { FixedClock } from '../clock/clock.js';
import { approveFilePlan, importFilePlan } from '../records/file-plan.js';
import { addToRecordFile, closeRecordFile, openRecordFile } from '../records/record-files.js';
import type { Store } from '../store/store.js';
import type { Actor } from '../users/actor.js';

type PlanInput = z.output<typeof planInputSchema>;

/** At most this many documents per demo file: enough to show an index, cheap enough for a quick seed. */
const DOCUMENTS_PER_FILE = 6;

/** States in which a document can be filed (registered incoming, issued outgoing). */
const INCOMING_FILEABLE = ['registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed'] as const;
const OUTGOING_FILEABLE = ['issued', 'dispatched', 'archived'] as const;

/** The demo agency's yearly file list (Phụ lục V's shape: headings, numbered files, retention). DỮ LIỆU GIẢ LẬP. */
function demoPlan(year: number): PlanInput {
  const line = (title: string, retention: 'permanent' | number, extra: { person?: string; construction?: boolean } = {}) => ({
    title, retention, unit: 'Văn phòng Sở', rights: 'Hạn chế', secrecy: 'none' as const, construction: extra.construction ?? false,
    ...(extra.person ? { person: extra.person } : {}),
  });
  return {
    year,
    numbering: 'continuous',
    headings: [
      { code: 'TH', title: 'Tổng hợp, hành chính', files: [
        line(`Hồ sơ văn bản đến về tổ chức bộ máy, biên chế năm ${year}`, 10, { person: 'Phạm Thị Lan' }),
        line(`Hồ sơ kế hoạch, báo cáo công tác của Sở năm ${year}`, 20, { person: 'Phạm Thị Lan' }),
      ] },
      { code: 'TCCB', title: 'Tổ chức cán bộ', files: [line(`Hồ sơ tổ chức thi tuyển công chức năm ${year}`, 'permanent')] },
      { code: 'VTLT', title: 'Văn thư, lưu trữ', files: [line(`Hồ sơ kiểm tra công tác văn thư, lưu trữ năm ${year}`, 5)] },
    ],
  };
}

/**
 * Hồ sơ for the demo, through the same record functions the services call: each year's list is made and approved
 * when the seed's clock enters the year; at the turn of the year the year's two main files get its documents and
 * are closed (so the older ones are due or overdue for handover); the current year's stay open.
 */
export class DemoRecords {
  readonly #store: Store;
  readonly #clock: FixedClock;
  readonly #as: (username: string) => Actor;

  constructor(store: Store, clock: FixedClock, as: (username: string) => Actor) {
    this.#store = store;
    this.#clock = clock;
    this.#as = as;
  }

  /** Day one of `year` on the seed's clock: the list drafted by the clerk, approved by the head. */
  async startYear(year: number): Promise<void> {
    await importFilePlan(this.#store.db, this.#clock, this.#as('vanthu'), demoPlan(year), undefined);
    await approveFilePlan(this.#store.db, this.#clock, this.#as('lanhdao'), year);
  }

  /** The year's incoming and outgoing documents into 01.TH and 02.TH; closed when the year is over. */
  async fileYear(year: number, close: boolean): Promise<void> {
    const db = this.#store.db;
    const archivist = this.#as('luutru');
    for (const [notation, direction, states] of [['01.TH', 'incoming', INCOMING_FILEABLE], ['02.TH', 'outgoing', OUTGOING_FILEABLE]] as const) {
      const documents = await db
        .selectFrom('documents')
        .select('id')
        .where('year', '=', year)
        .where('direction', '=', direction)
        .where('state', 'in', [...states])
        .where('duplicate_of', 'is', null)
        // The year's last documents, so a file ends late in its year as a real one does; added oldest first.
        .orderBy('issued_date', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('code_number', 'desc')
        .limit(DOCUMENTS_PER_FILE)
        .execute();
      if (documents.length === 0) continue;
      const file = await openRecordFile(db, this.#clock, archivist, year, notation);
      for (const { id } of documents.reverse()) await addToRecordFile(this.#store, this.#clock, archivist, file.id, id);
      if (close) await closeRecordFile(db, this.#clock, archivist, file.id);
    }
  }
}
