import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EOfficeError } from '@eoffice/contract';
import type { Clock } from '../clock/clock.js';
import type { DirectoryFile } from '../directory/directory-file.js';
import { importDirectory, parseDirectoryFile } from '../directory/directory-repository.js';
import { createRegistersService } from '../services/registers-service.js';
import type { Store } from '../store/store.js';
import { loadActorByUsername, type Actor } from '../users/actor.js';
import { createUser } from '../users/user-accounts.js';
import { DEMO_PEOPLE } from './demo-catalogue.js';
import { markSeedStarted } from './interrupted-seed.js';

export const DEMO_DIRECTORY_FILE = fileURLToPath(new URL('../../../../resources/demo/province-650.json', import.meta.url));
/** The demo agency: Sở Nội vụ of the demo province, so the register cover shows a parent (UBND tỉnh) and an agency. */
export const DEMO_AGENCY = { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' } as const;
export const DEFAULT_DEMO_PASSWORD = 'demo';

/**
 * The start of every demo seed: refuses a store that already holds users or documents, marks the seed as started
 * (a seed that does not finish is discarded by the next one: interrupted-seed.ts), and reads the demo directory.
 */
export async function startDemoSeed(store: Store, directoryFile: string): Promise<DirectoryFile> {
  const used = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const hasDocs = await store.db.selectFrom('documents').select('id').limit(1).executeTakeFirst();
  if (used || hasDocs) {
    throw new EOfficeError('E_CONFLICT', 'Chỉ nạp dữ liệu mẫu vào kho dữ liệu trống / demo data goes into an empty data folder only');
  }
  await markSeedStarted(store.dataDir);
  return parseDirectoryFile(JSON.parse(await readFile(directoryFile, 'utf8')));
}

export interface DemoAgency {
  /** Endpoints imported from the directory. */
  readonly endpoints: number;
  /** The demo user of that username (one per role: DEMO_PEOPLE). */
  readonly as: (username: string) => Actor;
}

/**
 * The demo agency at the clock's time: the directory imported, the agency set up with one yearly sequence per
 * register (single numbering), and the demo users, one per role, with the given password.
 */
export async function setUpDemoAgency(store: Store, clock: Clock, directory: DirectoryFile, password: string): Promise<DemoAgency> {
  const imported = await importDirectory(store.db, directory, { replace: false, now: clock.now() });
  await createRegistersService({ store, clock }).initAgency(
    { ...DEMO_AGENCY, numberingScheme: 'single' },
    { sessionToken: null, actingUsername: null, face: 'cli' },
  );
  for (const person of DEMO_PEOPLE) await createUser(store.db, clock, 'setup', { ...person, password });
  const actors = new Map<string, Actor>();
  for (const person of DEMO_PEOPLE) actors.set(person.username, (await loadActorByUsername(store.db, person.username))!);
  return {
    endpoints: imported.total,
    as: (username) => {
      const actor = actors.get(username);
      if (!actor) throw new EOfficeError('E_INTERNAL', `không có người dùng mẫu "${username}"`);
      return actor;
    },
  };
}
