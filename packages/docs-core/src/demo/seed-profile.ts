import { EOfficeError } from '@eoffice/contract';
import { vietnamDate } from '@eoffice/vietnamese';
import { bulkImportDocuments } from '../bulk/bulk-import-documents.js';
import { FixedClock } from '../clock/clock.js';
import { importRegisterLines } from '../numbering/import-register-lines.js';
import type { Store } from '../store/store.js';
import { DEMO_PEOPLE } from './demo-catalogue.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_AGENCY, DEMO_DIRECTORY_FILE, setUpDemoAgency, startDemoSeed } from './demo-setup.js';
import { markSeedFinished } from './interrupted-seed.js';
import { profileDocuments } from './profile-documents.js';
import { provinceProfile } from './province-profiles.js';

export interface SeedProfileOptions {
  readonly store: Store;
  /** A name of PROVINCE_PROFILES, e.g. `khanh-hoa-2020`. */
  readonly profile: string;
  /** How many documents; the profile's default when not given. */
  readonly docs?: number;
  readonly seed: number;
  readonly password?: string;
  /** The seeding "now": nothing is dated after it. */
  readonly until: Date;
  readonly directoryFile?: string;
}

export interface SeedProfileSummary {
  readonly profile: string;
  readonly year: number;
  readonly agency: string;
  readonly users: readonly string[];
  readonly endpoints: number;
  readonly documents: number;
}

const ROWS_PER_INSERT = 500;

/**
 * Fills an EMPTY store with a province-year that reads like a profile's report: the demo directory (650 endpoints on
 * three levels), one user per role, and the profile's documents as imported records — the register of a legacy
 * system brought over through the bulk import (documents, their audit entries, the search index), with each
 * record's register line (số đến, số đi: gapless per register and year, in time order), its signature verdict and
 * its lead assignment. No files: a few thousand documents load in seconds, where the step-by-step demo (`seedDemo`)
 * takes a quarter of a second per document. The statistics service then counts them like any others. SQLite only (the bulk import's tuning is SQLite's).
 */
export async function seedProvinceProfile(options: SeedProfileOptions): Promise<SeedProfileSummary> {
  const { store } = options;
  const profile = provinceProfile(options.profile);
  const docs = options.docs ?? profile.defaultDocs;
  if (!Number.isInteger(docs) || docs < 0 || docs > 100_000) {
    throw new EOfficeError('E_INVALID_INPUT', `Số văn bản mẫu phải từ 0 đến 100000 / --docs must be 0…100000: ${docs}`);
  }
  if (store.dialect !== 'sqlite') {
    throw new EOfficeError('E_INVALID_INPUT', 'Hồ sơ mẫu chỉ nạp vào kho SQLite / a demo profile loads into a SQLite store only');
  }
  const lastDate = vietnamDate(options.until);
  if (lastDate < `${profile.year}-02-01`) {
    throw new EOfficeError('E_INVALID_INPUT', `Hồ sơ ${options.profile} là năm ${profile.year}: đồng hồ còn trước đó / the clock is before the profile's year`);
  }
  const directory = await startDemoSeed(store, options.directoryFile ?? DEMO_DIRECTORY_FILE);
  const clock = new FixedClock(options.until);
  const { endpoints, as } = await setUpDemoAgency(store, clock, directory, options.password ?? DEFAULT_DEMO_PASSWORD);
  const generated = profileDocuments({
    profile,
    seed: options.seed,
    docs,
    agency: DEMO_AGENCY,
    endpoints: directory.endpoints,
    users: { lead: as('chuyenvien').id, assigner: as('lanhdao').id, clerk: as('vanthu').id },
    lastDate,
  });
  await bulkImportDocuments(store.db, generated.map((g) => g.document), { clock, actor: 'setup' });
  // The records' register lines, verdicts and assignments, in one transaction after their documents (a seed cut short
  // between the two is discarded by the next one: markSeedStarted).
  await store.db.transaction().execute(async (trx) => {
    await importRegisterLines(trx, generated.map((g) => g.registerLine));
    const signatures = generated.flatMap((g) => (g.signature ? [g.signature] : []));
    const leads = generated.flatMap((g) => (g.lead ? [g.lead] : []));
    for (let i = 0; i < signatures.length; i += ROWS_PER_INSERT) await trx.insertInto('document_signatures').values(signatures.slice(i, i + ROWS_PER_INSERT)).execute();
    for (let i = 0; i < leads.length; i += ROWS_PER_INSERT) await trx.insertInto('assignments').values(leads.slice(i, i + ROWS_PER_INSERT)).execute();
  });
  await markSeedFinished(store.dataDir);
  return {
    profile: options.profile,
    year: profile.year,
    agency: DEMO_AGENCY.organId,
    users: DEMO_PEOPLE.map((p) => p.username),
    endpoints,
    documents: generated.length,
  };
}
