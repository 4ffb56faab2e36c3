import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIssuingPlace, setIssuingPlace } from '../src/agency/issuing-place.js';
import { readAgencySeal, setAgencySeal } from '../src/agency/seal-image.js';
import { FixedClock } from '../src/clock/index.js';
import { openStore } from '../src/store/store.js';
import { loadActorByUsername } from '../src/users/actor.js';
import { readSignatureImage, setSignatureImage } from '../src/users/signature-image.js';
import { checkTransparentPng } from '../src/users/transparent-png.js';
import { createUser } from '../src/users/user-accounts.js';
import { useTempDir } from './helpers.js';
import { flatPng } from './png-bytes.js';

const SAMPLES = join(import.meta.dirname, '../../../resources/samples');

async function setUp(dir: string) {
  const store = await openStore({ dataDir: dir });
  const clock = new FixedClock('2026-03-02T09:00:00+07:00');
  for (const [username, role] of [['admin', 'admin'], ['vanthu', 'clerk'], ['lanhdao', 'leader'], ['lanhdao2', 'leader'], ['chuyenvien', 'specialist']] as const) {
    await createUser(store.db, clock, 'setup', { username, fullName: username, roles: [role] });
  }
  const as = async (username: string) => (await loadActorByUsername(store.db, username))!;
  return { store, clock, as };
}

describe('signature and seal images (Decree 30 Phụ lục I: transparent PNGs)', () => {
  const tempDir = useTempDir();

  it('refuses a PNG without an alpha channel, a non-PNG and an absurd size with E_IMAGE_INVALID', () => {
    expect(checkTransparentPng(flatPng(100, 50, 6), 'Ảnh')).toEqual({ width: 100, height: 50 });
    expect(checkTransparentPng(flatPng(100, 50, 4), 'Ảnh')).toEqual({ width: 100, height: 50 });
    expect(() => checkTransparentPng(flatPng(100, 50, 2), 'Ảnh')).toThrow(expect.objectContaining({ code: 'E_IMAGE_INVALID', message: expect.stringMatching(/nền trong suốt/) }));
    expect(() => checkTransparentPng(Buffer.from('GIF89a not a png at all, just some bytes'), 'Ảnh')).toThrow(expect.objectContaining({ code: 'E_IMAGE_INVALID' }));
    expect(() => checkTransparentPng(flatPng(10, 10, 6), 'Ảnh')).toThrow(expect.objectContaining({ code: 'E_IMAGE_INVALID', message: expect.stringMatching(/10×10/) }));
    expect(() => checkTransparentPng(flatPng(5000, 40, 6), 'Ảnh')).toThrow(expect.objectContaining({ code: 'E_IMAGE_INVALID' }));
  });

  it('the user sets their own signature image and nobody else, not even an admin; each change is audited', async () => {
    const dir = await tempDir();
    const { store, clock, as } = await setUp(dir);
    try {
      const sample = join(SAMPLES, 'signature-sample.png');
      await expect(setSignatureImage(store, clock, await as('lanhdao2'), 'lanhdao', sample)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(setSignatureImage(store, clock, await as('chuyenvien'), 'lanhdao', sample)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(await setSignatureImage(store, clock, await as('lanhdao'), 'lanhdao', sample)).toMatchObject({ width: 709, height: 260 });
      const rgb = join(dir, 'rgb.png');
      await writeFile(rgb, flatPng(200, 80, 2));
      await expect(setSignatureImage(store, clock, await as('admin'), 'lanhdao2', sample)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(setSignatureImage(store, clock, await as('lanhdao2'), 'lanhdao2', rgb)).rejects.toMatchObject({ code: 'E_IMAGE_INVALID' });
      await expect(setSignatureImage(store, clock, await as('lanhdao2'), 'lanhdao2', join(dir, 'missing.png'))).rejects.toMatchObject({ code: 'E_FILE_UNREADABLE' });
      await setSignatureImage(store, clock, await as('lanhdao2'), 'lanhdao2', sample);

      const leader = await as('lanhdao');
      const other = await as('lanhdao2');
      const none = await as('chuyenvien');
      expect(Buffer.from((await readSignatureImage(store.db, store.blobs, leader.id))!).subarray(1, 4).toString()).toBe('PNG');
      expect(await readSignatureImage(store.db, store.blobs, other.id)).not.toBeNull();
      expect(await readSignatureImage(store.db, store.blobs, none.id)).toBeNull();
      const audit = await store.db.selectFrom('audit_log').select(['actor', 'action', 'object_id']).where('action', '=', 'user.signature-image').orderBy('id').execute();
      expect(audit).toEqual([
        { actor: 'lanhdao', action: 'user.signature-image', object_id: 'lanhdao' },
        { actor: 'lanhdao2', action: 'user.signature-image', object_id: 'lanhdao2' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('an admin or a clerk sets the agency seal; a leader may not; an admin sets the place of the date line', async () => {
    const dir = await tempDir();
    const { store, clock, as } = await setUp(dir);
    try {
      const seal = join(SAMPLES, 'seal-sample.png');
      expect(await readAgencySeal(store.db, store.blobs)).toBeNull();
      await expect(setAgencySeal(store, clock, await as('lanhdao'), seal)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(await setAgencySeal(store, clock, await as('vanthu'), seal)).toMatchObject({ width: 426, height: 426 });
      const grey = join(dir, 'grey.png');
      await writeFile(grey, flatPng(300, 300, 4));
      await setAgencySeal(store, clock, await as('admin'), grey);
      expect(Buffer.from((await readAgencySeal(store.db, store.blobs))!)).toEqual(flatPng(300, 300, 4));

      expect(await readIssuingPlace(store.db)).toBeNull();
      await expect(setIssuingPlace(store.db, clock, await as('vanthu'), 'Hà Nội')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await setIssuingPlace(store.db, clock, await as('admin'), '  Hà Nội ');
      expect(await readIssuingPlace(store.db)).toBe('Hà Nội');
    } finally {
      await store.close();
    }
  });
});
