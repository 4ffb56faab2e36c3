import { DIRECTORY_FILE_FORMAT, type DirectoryEndpoint, type DirectoryFile } from './directory-file.js';

/**
 * A demo province for trying the app and for tests: invented names under the level-1 code Z99, which no real
 * agency uses (real province codes are H01…H63, central bodies G01…G28; Decision 20/2020/QĐ-TTg). The same seed always
 * gives the same file.
 */
export const DEMO_PROVINCE_LEVEL1 = 'Z99';
export const DEMO_PROVINCE_ENDPOINTS = 650;

const DEPARTMENTS = [
  'Văn phòng Ủy ban nhân dân tỉnh',
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Kế hoạch và Đầu tư',
  'Sở Công Thương',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Giao thông vận tải',
  'Sở Xây dựng',
  'Sở Tài nguyên và Môi trường',
  'Sở Thông tin và Truyền thông',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Thanh tra tỉnh',
  'Ban Dân tộc',
  'Sở Ngoại vụ',
  'Ban Quản lý các khu công nghiệp',
] as const;

const DEPARTMENT_UNITS = [
  'Văn phòng',
  'Thanh tra',
  'Phòng Kế hoạch - Tài chính',
  'Phòng Tổ chức cán bộ',
  'Phòng Pháp chế',
  'Phòng Quản lý chuyên ngành',
  'Chi cục',
  'Trung tâm Dịch vụ công',
] as const;

const DISTRICT_OFFICES = [
  'Văn phòng HĐND và UBND',
  'Phòng Nội vụ',
  'Phòng Tư pháp',
  'Phòng Tài chính - Kế hoạch',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Lao động - Thương binh và Xã hội',
  'Phòng Văn hóa và Thông tin',
  'Phòng Giáo dục và Đào tạo',
  'Phòng Y tế',
  'Thanh tra huyện',
  'Phòng Kinh tế và Hạ tầng',
  'Phòng Nông nghiệp và Phát triển nông thôn',
] as const;

const SYLLABLES = [
  'An', 'Bình', 'Phú', 'Tân', 'Hòa', 'Thạnh', 'Long', 'Mỹ', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng', 'Lộc', 'Phước',
  'Thuận', 'Đức', 'Vĩnh', 'Quang', 'Trung', 'Hiệp', 'Lợi', 'Thành', 'Xuân', 'Sơn', 'Hải', 'Khánh', 'Nghĩa', 'Tiến',
  'Đạt', 'Cường', 'Thịnh', 'Phong', 'Lạc', 'Yên', 'Hà', 'Minh', 'Hồng', 'Điền', 'Thủy',
] as const;

export interface DemoProvinceOptions {
  readonly seed?: number;
  /** `three-level`: province → departments and districts → units and communes (before the 2025 reform).
   *  `two-level`: province → departments and communes (after it; districts no longer exist). */
  readonly structure?: 'three-level' | 'two-level';
  /** Total endpoints, province included. */
  readonly endpoints?: number;
}

export function generateDemoProvince(options: DemoProvinceOptions = {}): DirectoryFile {
  const structure = options.structure ?? 'three-level';
  const total = options.endpoints ?? DEMO_PROVINCE_ENDPOINTS;
  const random = mulberry32(options.seed ?? 2020);
  const rootCode = `000.00.00.${DEMO_PROVINCE_LEVEL1}`;
  const endpoints: DirectoryEndpoint[] = [
    { code: rootCode, name: 'Ủy ban nhân dân tỉnh Demo (dữ liệu mẫu)', parentCode: null, level: 1, kind: 'province' },
  ];
  const level2Code = (zz: number) => `000.00.${pad2(zz)}.${DEMO_PROVINCE_LEVEL1}`;
  const level3Code = (zz: number, yy: number) => `000.${pad2(yy)}.${pad2(zz)}.${DEMO_PROVINCE_LEVEL1}`;
  const departmentCount = Math.min(DEPARTMENTS.length, Math.max(0, total - 1));
  DEPARTMENTS.slice(0, departmentCount).forEach((name, index) => {
    endpoints.push({ code: level2Code(index + 1), name, parentCode: rootCode, level: 2, kind: 'department' });
  });
  const communeNames = new UniqueNames(random);

  if (structure === 'two-level') {
    const communes = total - endpoints.length;
    if (communes > 99 - 40) throw new RangeError('two-level demo: at most 59 communes fit the ZZ part (41…99)');
    for (let i = 0; i < communes; i += 1) {
      endpoints.push({
        code: level2Code(41 + i),
        name: communeNames.next(i % 7 === 0 ? 'Phường' : 'Xã'),
        parentCode: rootCode,
        level: 2,
        kind: 'commune',
      });
    }
    return wrap(endpoints, structure, total);
  }

  const districtNames = [...new Set(Array.from({ length: 40 }, () => communeNames.syllablePair()))].slice(0, 9);
  const districts = districtNames.map((name, index) => ({
    zz: 31 + index,
    name: index === 0 ? `Thành phố ${name}` : index === 1 ? `Thị xã ${name}` : `Huyện ${name}`,
  }));
  for (const district of districts) {
    endpoints.push({
      code: level2Code(district.zz),
      name: `Ủy ban nhân dân ${district.name}`,
      parentCode: rootCode,
      level: 2,
      kind: 'district',
    });
  }
  // Units of departments: 3 to 7 each, taken from the list in a seeded order.
  DEPARTMENTS.slice(0, departmentCount).forEach((department, index) => {
    const count = 3 + Math.floor(random() * 5);
    shuffle([...DEPARTMENT_UNITS], random)
      .slice(0, count)
      .forEach((unit, unitIndex) => {
        endpoints.push({
          code: level3Code(index + 1, unitIndex + 1),
          name: `${unit} - ${department}`,
          parentCode: level2Code(index + 1),
          level: 3,
          kind: 'unit',
        });
      });
  });
  // District offices, then communes filling the total exactly, spread over the districts.
  for (const district of districts) {
    DISTRICT_OFFICES.forEach((office, officeIndex) => {
      endpoints.push({
        code: level3Code(district.zz, officeIndex + 1),
        name: `${office} ${district.name}`,
        parentCode: level2Code(district.zz),
        level: 3,
        kind: 'unit',
      });
    });
  }
  const communesLeft = total - endpoints.length;
  if (communesLeft < 0) throw new RangeError(`three-level demo needs more than ${endpoints.length} endpoints`);
  const perDistrict = districts.map(() => Math.floor(communesLeft / districts.length));
  for (let i = 0; i < communesLeft % districts.length; i += 1) perDistrict[i]! += 1;
  districts.forEach((district, index) => {
    const count = perDistrict[index]!;
    if (DISTRICT_OFFICES.length + count > 99) throw new RangeError('too many communes for the YY part');
    for (let c = 0; c < count; c += 1) {
      const kind = c === 0 && index < 2 ? 'Phường' : c % 11 === 0 ? 'Thị trấn' : 'Xã';
      endpoints.push({
        code: level3Code(district.zz, DISTRICT_OFFICES.length + 1 + c),
        name: `Ủy ban nhân dân ${communeNames.next(kind)}`,
        parentCode: level2Code(district.zz),
        level: 3,
        kind: 'commune',
      });
    }
  });
  return wrap(endpoints, structure, total);
}

function wrap(endpoints: DirectoryEndpoint[], structure: 'three-level' | 'two-level', total: number): DirectoryFile {
  if (endpoints.length !== total) throw new RangeError(`generated ${endpoints.length} endpoints, wanted ${total}`);
  return {
    format: DIRECTORY_FILE_FORMAT,
    version: 1,
    demo: true,
    description:
      `DỮ LIỆU MẪU — tỉnh Demo, mã cấp 1 ${DEMO_PROVINCE_LEVEL1} là mã giả, không phải mã định danh thật / ` +
      `DEMO DATA: invented province, fictitious level-1 code ${DEMO_PROVINCE_LEVEL1}; ${total} endpoints, ${structure}`,
    levels:
      structure === 'three-level'
        ? [
            { level: 1, name: 'Tỉnh' },
            { level: 2, name: 'Sở, ban, ngành; huyện, thị xã, thành phố' },
            { level: 3, name: 'Phòng, chi cục; xã, phường, thị trấn' },
          ]
        : [
            { level: 1, name: 'Tỉnh' },
            { level: 2, name: 'Sở, ban, ngành; xã, phường' },
          ],
    endpoints,
  };
}

class UniqueNames {
  readonly #random: () => number;
  readonly #used = new Set<string>();

  constructor(random: () => number) {
    this.#random = random;
  }

  syllablePair(): string {
    const a = SYLLABLES[Math.floor(this.#random() * SYLLABLES.length)]!;
    let b = a;
    while (b === a) b = SYLLABLES[Math.floor(this.#random() * SYLLABLES.length)]!;
    return `${a} ${b}`;
  }

  next(prefix: string): string {
    for (;;) {
      const name = `${prefix} ${this.syllablePair()}`;
      if (!this.#used.has(name)) {
        this.#used.add(name);
        return name;
      }
    }
  }
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Small seeded PRNG: the demo file must be reproducible, Math.random is not. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
