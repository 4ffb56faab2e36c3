import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/audit/index.js';
import { FixedClock } from '../src/clock/clock.js';
import { isSqliteBusy, retryWhileBusy } from '../src/store/sqlite-busy-wait.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

function busyError(): Error {
  return Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY', errno: 5 });
}

describe('waiting for a SQLite lock without holding a thread', () => {
  const tempDir = useTempDir();

  it('more stores than libuv has pool threads, opened at once on a new file, all open and write one chain', async () => {
    // SQLite's own busy handler slept on a pool thread: with every thread waiting, the lock holder could not COMMIT
    // and the waiters failed after the whole timeout ("database is locked").
    const poolThreads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const count = poolThreads + 2;
    const dataDir = await tempDir();
    const opened = await Promise.allSettled(Array.from({ length: count }, () => openStore({ dataDir })));
    const stores = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(opened.filter((result) => result.status === 'rejected')).toEqual([]);
      const clock = new FixedClock('2026-06-15T09:00:00+07:00');
      await Promise.all(
        stores.map((store, writer) =>
          Promise.all(
            Array.from({ length: 5 }, (_, i) =>
              store.db.transaction().execute((trx) =>
                appendAudit(trx, clock, { actor: `w${writer}`, action: 'test.append', objectType: 'test', objectId: `${writer}-${i}` }),
              ),
            ),
          ),
        ),
      );
      expect(await verifyAuditChain(stores[0]!.db)).toMatchObject({ ok: true, entries: count * 5, headId: count * 5 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 60_000);

  it('tries again while the error is SQLITE_BUSY, and returns what the try that got through returned', async () => {
    let tries = 0;
    const result = await retryWhileBusy(async () => {
      tries += 1;
      if (tries < 4) throw busyError();
      return 'done';
    }, 5_000);
    expect({ result, tries }).toEqual({ result: 'done', tries: 4 });
  });

  it('throws any other error at once, without a second try', async () => {
    let tries = 0;
    const other = Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT' });
    await expect(
      retryWhileBusy(async () => {
        tries += 1;
        throw other;
      }, 5_000),
    ).rejects.toBe(other);
    expect(tries).toBe(1);
  });

  it('gives up with the SQLITE_BUSY error once the timeout has passed', async () => {
    let tries = 0;
    const error = await retryWhileBusy(async () => {
      tries += 1;
      throw busyError();
    }, 120).catch((e: unknown) => e);
    expect(isSqliteBusy(error)).toBe(true);
    // 1+2+5+10+15+20+25+25 = 103 ms of waits fit in 120 ms; the next (25 ms) would pass the deadline.
    expect(tries).toBeGreaterThanOrEqual(2);
    expect(tries).toBeLessThanOrEqual(9);
  });

  it('knows SQLITE_BUSY by its code, not by its words', () => {
    expect(isSqliteBusy(busyError())).toBe(true);
    expect(isSqliteBusy(new Error('SQLITE_BUSY: database is locked'))).toBe(false);
    expect(isSqliteBusy({ code: 'SQLITE_BUSY' })).toBe(false);
  });
});
