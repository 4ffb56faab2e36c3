import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { useTempDir } from './temp-dir.js';
import { writeTextPdf } from './text-pdf.js';

const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
const clerk: CallContext = { sessionToken: null, actingUsername: 'vanthu', face: 'test' };

describe('a write the database refuses because another writer won the race', () => {
  const tempDir = useTempDir();
  const open: ComposedServices[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
  });

  it('answers E_CONFLICT (not E_INTERNAL), writes nothing, and is not logged as a bug', async () => {
    const dataDir = await tempDir();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    const services = await composeServices({ dataDir, logger });
    open.push(services);
    await services.dispatch('registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo' }, setup);
    await createUser(services.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
    // A unique key the second receipt's audit entry collides with: the real database's refusal, in the middle of the
    // service's transaction, as when two workstations race for one key.
    await services.store.db.schema.createIndex('race_probe').on('audit_log').column('action').unique().execute();
    const receive = async (n: number) =>
      services.dispatch('documents.receive', {
        file: { path: await writeTextPdf(join(dataDir, `in-${n}.pdf`), `incoming letter ${n}`) },
        from: '000.00.16.Z99', number: String(n), symbol: 'QĐ-SYT', issuedDate: '2026-03-02', type: 'QĐ',
        subject: `Về việc thử số ${n}`, source: 'paper',
      }, clerk);

    expect(await receive(1)).toMatchObject({ ok: true });
    const before = await services.store.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(await receive(2)).toEqual({
      ok: false,
      error: { code: 'E_CONFLICT', message: expect.stringContaining('reload and try again') },
    });
    const after = await services.store.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(logged.join('')).not.toContain('service call failed');
    // A real bug still is one: the same write against a table that is not there.
    await services.store.db.schema.dropIndex('race_probe').execute();
    await services.store.db.schema.alterTable('audit_log').renameTo('audit_log_gone').execute();
    expect(await receive(3)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(logged.join('')).toContain('service call failed');
  });
});
