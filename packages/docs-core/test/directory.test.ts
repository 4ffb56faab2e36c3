import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EOfficeError } from '@eoffice/contract';
import {
  DEMO_PROVINCE_LEVEL1,
  exportDirectory,
  generateDemoProvince,
  importDirectory,
  parseDirectoryFile,
  parseOrganisationCode,
  searchDirectory,
  type DirectoryFile,
} from '../src/directory/index.js';
import { openStore, type Store } from '../src/store/store.js';
import { useTempDir } from './helpers.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const shippedFile = resolve(repoRoot, 'resources/demo/province-650.json');
const now = new Date('2026-03-02T08:00:00+07:00');

async function withStore<T>(dir: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: dir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe('organisation codes (mã định danh)', () => {
  it('reads level and parent right to left', () => {
    expect(parseOrganisationCode('000.00.00.H53')).toEqual({ code: '000.00.00.H53', levelByCode: 1, parentByCode: null });
    expect(parseOrganisationCode('000.00.17.H53').parentByCode).toBe('000.00.00.H53');
    expect(parseOrganisationCode('000.27.31.H53')).toMatchObject({ levelByCode: 3, parentByCode: '000.00.31.H53' });
    expect(parseOrganisationCode('002.00.20.H13'.replace('00.20', '05.20'))).toMatchObject({
      levelByCode: 4,
      parentByCode: '000.05.20.H13',
    });
  });

  it('refuses malformed codes with a typed error', () => {
    for (const bad of ['000.00.17.h53', '00.00.17.H53', '000.00.17.H5', '000.00.00.H00', '001.00.17.H53', '000.00.17.53H']) {
      expect(() => parseOrganisationCode(bad), bad).toThrow(EOfficeError);
    }
  });

  it('accepts only the configured level-1 letters (UNVERIFIED beyond G/H, so configurable)', () => {
    const rules = { level1Letters: 'GH', hierarchy: 'by-code' as const };
    expect(parseOrganisationCode('000.00.00.G22', rules).levelByCode).toBe(1);
    expect(() => parseOrganisationCode('000.00.00.Z99', rules)).toThrow(/chữ cấp 1/);
  });
});

describe('the shipped demo province', () => {
  const tempDir = useTempDir();

  it('has exactly 650 endpoints over 3 levels, valid unique codes, and every parent present', async () => {
    const file = parseDirectoryFile(JSON.parse(await readFile(shippedFile, 'utf8')));
    expect(file.demo).toBe(true);
    expect(file.description).toMatch(/DỮ LIỆU MẪU/);
    expect(file.endpoints).toHaveLength(650);
    expect(file.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    const codes = new Set(file.endpoints.map((e) => e.code));
    expect(codes.size).toBe(650);
    const byCode = new Map(file.endpoints.map((e) => [e.code, e]));
    for (const endpoint of file.endpoints) {
      const parsed = parseOrganisationCode(endpoint.code);
      expect(endpoint.code.endsWith(`.${DEMO_PROVINCE_LEVEL1}`)).toBe(true);
      expect(parsed.levelByCode).toBe(endpoint.level);
      if (endpoint.parentCode !== null) {
        expect(byCode.get(endpoint.parentCode)?.level, endpoint.code).toBe(endpoint.level - 1);
      }
    }
    const perLevel = [1, 2, 3].map((level) => file.endpoints.filter((e) => e.level === level).length);
    expect(perLevel[0]).toBe(1);
    expect(file.endpoints.filter((e) => e.kind === 'district').length).toBeGreaterThan(0);
    expect(file.endpoints.filter((e) => e.kind === 'commune').length).toBeGreaterThan(300);
  });

  it('is what the generator produces for its default seed (reproducible)', async () => {
    const shipped = JSON.parse(await readFile(shippedFile, 'utf8')) as DirectoryFile;
    expect(generateDemoProvince()).toEqual(shipped);
    expect(generateDemoProvince({ seed: 7 })).not.toEqual(shipped);
  });

  it('imports, searches by code and by folded name, and exports the same content', async () => {
    await withStore(await tempDir(), async (store) => {
        const shipped = JSON.parse(await readFile(shippedFile, 'utf8')) as DirectoryFile;
        const result = await importDirectory(store.db, shipped, { now });
        expect(result).toEqual({ inserted: 650, updated: 0, removed: 0, total: 650 });
        const byName = await searchDirectory(store.db, 'so y te');
        expect(byName[0]).toMatchObject({ name: 'Sở Y tế', level: 2, parentName: 'Ủy ban nhân dân tỉnh Demo (dữ liệu mẫu)' });
        const dataDai = await searchDirectory(store.db, 'TAI NGUYEN VA MOI TRUONG');
        expect(dataDai.length).toBeGreaterThan(1);
        expect(dataDai.every((m) => m.name.includes('Tài nguyên và Môi trường'))).toBe(true);
        const byCode = await searchDirectory(store.db, '000.00.16');
        expect(byCode.map((m) => m.code)).toEqual(['000.00.16.Z99']);
        expect(await searchDirectory(store.db, 'Z99', 1000)).toHaveLength(500); // capped
        expect(await searchDirectory(store.db, '%')).toEqual([]);
        const exported = await exportDirectory(store.db);
        const sortKey = (e: { level: number; code: string }) => `${e.level}:${e.code}`;
        const sorted = [...shipped.endpoints].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
        expect(exported).toEqual({ ...shipped, endpoints: sorted });
        // Importing the export again changes nothing but counts as updates.
        expect(await importDirectory(store.db, exported, { now })).toMatchObject({ inserted: 0, updated: 650, total: 650 });
    });
  });
});

describe('directory import', () => {
  const tempDir = useTempDir();

  it('loads a 2-level province (after the 2025 reform: communes directly under the province)', async () => {
    const twoLevel = generateDemoProvince({ structure: 'two-level', endpoints: 40, seed: 3 });
    expect(twoLevel.levels).toHaveLength(2);
    await withStore(await tempDir(), async (store) => {
      expect(await importDirectory(store.db, twoLevel, { now })).toMatchObject({ inserted: 40, total: 40 });
      const communes = await store.db.selectFrom('directory_endpoints').select('code').where('kind', '=', 'commune').execute();
      expect(communes).toHaveLength(19);
      const levels = await store.db.selectFrom('directory_levels').selectAll().orderBy('level').execute();
      expect(levels.map((l) => l.level)).toEqual([1, 2]);
      // Replacing the 2-level catalogue with the 3-level one removes what the new file does not hold.
      const threeLevel = generateDemoProvince();
      const replaced = await importDirectory(store.db, threeLevel, { now, replace: true });
      expect(replaced).toMatchObject({ total: 650, removed: 19 });
      expect(await store.db.selectFrom('directory_levels').select('level').execute()).toHaveLength(3);
    });
  });

  it('is all or nothing: one bad entry leaves the directory as it was', async () => {
    await withStore(await tempDir(), async (store) => {
      const small = generateDemoProvince({ structure: 'two-level', endpoints: 25 });
      await importDirectory(store.db, small, { now });
      const before = await exportDirectory(store.db);
      const badParent: DirectoryFile = {
        ...small,
        endpoints: [
          ...small.endpoints.map((e) => ({ ...e, name: `${e.name} (mới)` })),
          { code: '000.01.45.Z99', name: 'Mồ côi', parentCode: '000.00.45.Z99', level: 3 },
        ],
      };
      await expect(importDirectory(store.db, badParent, { now })).rejects.toThrow(/cấp/);
      const wrongParent = {
        ...small,
        endpoints: [...small.endpoints, { code: '000.00.98.Z99', name: 'X', parentCode: '000.00.01.Z99', level: 2 }],
      };
      await expect(importDirectory(store.db, wrongParent, { now })).rejects.toThrow(/cấp trên phải là 000.00.00.Z99/);
      const duplicate = { ...small, endpoints: [...small.endpoints, small.endpoints[3]!] };
      await expect(importDirectory(store.db, duplicate, { now })).rejects.toThrow(/trùng/);
      const notAFile = { ...small, format: 'something-else' };
      await expect(importDirectory(store.db, notAFile, { now })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      const badCode = { ...small, endpoints: [...small.endpoints, { code: '000.00.5.Z99', name: 'X', parentCode: '000.00.00.Z99', level: 2 }] };
      await expect(importDirectory(store.db, badCode, { now })).rejects.toThrow(/định dạng/);
      expect(await exportDirectory(store.db)).toEqual(before);
    });
  });

  it('with free hierarchy (codes that do not nest) still checks levels and parents from the data', async () => {
    await withStore(await tempDir(), async (store) => {
      const file: DirectoryFile = {
        format: 'eoffice-directory', version: 1, demo: true,
        levels: [{ level: 1, name: 'Tỉnh' }, { level: 2, name: 'Xã' }],
        endpoints: [
          { code: '000.00.00.Z98', name: 'Tỉnh Thử', parentCode: null, level: 1 },
          { code: '000.00.00.Z97', name: 'Xã Đồng Tâm', parentCode: '000.00.00.Z98', level: 2 },
        ],
      };
      await expect(importDirectory(store.db, file, { now })).rejects.toThrow(/mã thuộc cấp 1/);
      const rules = { level1Letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', hierarchy: 'free' as const };
      await importDirectory(store.db, file, { now, codeRules: rules });
      expect((await searchDirectory(store.db, 'dong tam'))[0]?.code).toBe('000.00.00.Z97');
    });
  });
});
