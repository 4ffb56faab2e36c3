import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { setAgencySeal } from '../src/agency/seal-image.js';
import { FixedClock } from '../src/clock/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore } from '../src/store/store.js';
import { loadActorByUsername } from '../src/users/actor.js';
import { useTempDir } from './helpers.js';

const SAMPLES = join(import.meta.dirname, '../../../resources/samples');
const nobody: CallContext = { sessionToken: null, actingUsername: null, face: 'http' };
const asUser = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'cli' });

describe('registers.agency: the settings screen reads the agency as it is set up', () => {
  const tempDir = useTempDir();

  it('answers every signed-in user with the identity, the place and the seal’s facts; no session, no answer', async () => {
    const dir = await tempDir();
    const store = await openStore({ dataDir: dir });
    const clock = new FixedClock('2026-03-02T09:00:00+07:00');
    try {
      const services = createDocsCoreServices({ store, clock });
      await services.users.setupFirstAdmin({ username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' }, nobody);
      await services.users.add({ username: 'chuyenvien', roles: ['specialist'], password: 'mat-khau-chuyenvien' }, asUser('admin'));

      // A fresh data folder: nothing set up yet, said as nulls rather than an error.
      expect(await services.registers.agency({}, asUser('chuyenvien'))).toEqual({ agency: null, issuingPlace: null, seal: null });

      await services.registers.initAgency({ organId: '000.00.01.H99', name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', numberingScheme: 'per-type' }, asUser('admin'));
      await services.registers.setIssuingPlace({ place: 'Thử Nghiệm' }, asUser('admin'));
      await setAgencySeal(store, clock, (await loadActorByUsername(store.db, 'admin'))!, join(SAMPLES, 'seal-sample.png'));

      const read = await services.registers.agency({}, asUser('chuyenvien'));
      expect(read).toEqual({
        agency: { organId: '000.00.01.H99', name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', abbreviation: 'UBNDTTN', numberingScheme: 'per-type' },
        issuingPlace: 'Thử Nghiệm',
        seal: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), width: 426, height: 426 },
      });
      // Content, never where it lies: no path in the answer.
      expect(JSON.stringify(read)).not.toContain(dir);

      await expect(services.registers.agency({}, nobody)).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    } finally {
      await store.close();
    }
  });
});
