/**
 * One racing process for numbering-race.test.ts: registers N incoming documents on a shared database (the data
 * folder's SQLite file, or the PostgreSQL connection given as JSON), each in its own write transaction (document row, số đến with its register line, audit entry), and prints
 * the numbers it got as JSON.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../src/audit/audit-log.js';
import { systemClock } from '../src/clock/clock.js';
import { vietnamIso, vietnamYear } from '@eoffice/vietnamese';
import { allocateNumber } from '../src/numbering/allocate-number.js';
import type { PostgresConnection } from '../src/store/postgres-dialect.js';
import { openStore } from '../src/store/store.js';

const [dataDir, countText, tag, postgresJson] = process.argv.slice(2);
const count = Number(countText);
const clock = systemClock();
const postgres = JSON.parse(postgresJson ?? 'null') as PostgresConnection | null;
const store = await openStore({ dataDir: dataDir!, ...(postgres ? { postgres: { ...postgres, maxConnections: 2 } } : {}) });
const numbers: number[] = [];
try {
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const now = clock.now();
    const at = vietnamIso(now);
    const number = await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('documents').values({ id, direction: 'incoming', state: 'registered', created_at: at, updated_at: at, subject: `${tag} ${i}` }).execute();
      const allocated = await allocateNumber(trx, {
        agencyId: '000.00.01.H99', year: vietnamYear(now), direction: 'incoming', kind: 'normal', sequenceKey: 'all',
        documentId: id, code: (n) => String(n), at, actorId: tag!,
      });
      await trx.updateTable('documents').set({ arrival_number: allocated.number }).where('id', '=', id).execute();
      await appendAudit(trx, clock, { actor: tag!, action: 'document.register', objectType: 'document', objectId: id, after: { arrivalNumber: allocated.number } });
      return allocated.number;
    });
    numbers.push(number);
  }
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(numbers));
