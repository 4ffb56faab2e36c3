/**
 * A reproducible corpus of Vietnamese official documents for the search benchmark: subjects built from the phrases
 * clerks actually write, issuers from the demo province, types from Decree 30, dates over eight years. Some
 * subjects are typed without diacritics, as legacy data often is.
 */
import { foldVietnamese } from '../../packages/vietnamese/src/index.js';
import { mulberry32 } from '../../packages/docs-core/src/directory/demo-province.js';
import type { DirectoryEndpoint } from '../../packages/docs-core/src/directory/directory-file.js';
import type { ImportedDocumentRow } from '../../packages/docs-core/src/bulk/index.js';
import type { DocumentState } from '../../packages/docs-core/src/model/document-state.js';

export const FIRST_YEAR = 2019;
export const YEARS = 8;

const TYPES = [
  ['cong-van', 'Công văn', null, 30],
  ['QĐ', 'Quyết định', 'QĐ', 18],
  ['KH', 'Kế hoạch', 'KH', 10],
  ['BC', 'Báo cáo', 'BC', 12],
  ['TB', 'Thông báo', 'TB', 8],
  ['TTr', 'Tờ trình', 'TTr', 6],
  ['GM', 'Giấy mời', 'GM', 6],
  ['HD', 'Hướng dẫn', 'HD', 3],
  ['CT', 'Chỉ thị', 'CT', 2],
  ['NQ', 'Nghị quyết', 'NQ', 2],
  ['CĐ', 'Công điện', 'CĐ', 1],
  ['BB', 'Biên bản', 'BB', 2],
] as const;

const COMMON_TOPICS = [
  'quản lý đất đai', 'phòng, chống thiên tai và tìm kiếm cứu nạn', 'chuyển đổi số', 'giải ngân vốn đầu tư công',
  'cải cách hành chính', 'xây dựng nông thôn mới', 'phòng, chống dịch bệnh', 'bảo đảm trật tự an toàn giao thông',
  'thu ngân sách nhà nước', 'công tác cán bộ', 'tuyển dụng viên chức', 'thi đua, khen thưởng', 'phòng cháy, chữa cháy',
  'bảo vệ môi trường', 'giáo dục và đào tạo', 'chăm sóc sức khỏe nhân dân', 'giảm nghèo bền vững',
  'quản lý trật tự xây dựng', 'cấp giấy chứng nhận quyền sử dụng đất', 'bồi thường, hỗ trợ, tái định cư',
  'kiểm soát thủ tục hành chính', 'tiếp công dân, giải quyết khiếu nại, tố cáo', 'phòng, chống tham nhũng',
  'thực hành tiết kiệm, chống lãng phí', 'an sinh xã hội', 'bảo hiểm xã hội, bảo hiểm y tế', 'phát triển du lịch',
  'xúc tiến đầu tư', 'quốc phòng, an ninh', 'dân tộc, tôn giáo', 'văn hóa, thể thao', 'khoa học và công nghệ',
  'quy hoạch sử dụng đất', 'khai thác khoáng sản', 'tài nguyên nước', 'an toàn thực phẩm', 'phòng, chống ma túy',
  'lao động, việc làm', 'hỗ trợ doanh nghiệp nhỏ và vừa', 'kinh tế tập thể, hợp tác xã',
];
// Rare on purpose: about 1 document in 10,000 (and 1 in 200,000) carries them.
const RARE_TOPICS = ['nuôi cá tra giống', 'ứng phó xâm nhập mặn', 'bảo tồn voọc chà vá chân đen'];
const VERY_RARE_TOPICS = ['di dời đàn yến sào', 'phục dựng lễ hội đua ghe ngo'];

const PREFIXES = [
  'Về việc', 'V/v', 'Về việc triển khai', 'Về việc tăng cường', 'Kế hoạch thực hiện', 'Báo cáo kết quả',
  'Báo cáo tình hình', 'Về việc ban hành Quy chế', 'Hướng dẫn thực hiện', 'Thông báo kết luận về', 'Về việc góp ý',
  'Tờ trình về', 'Về việc phê duyệt', 'Về việc giao chỉ tiêu', 'Về việc kiểm tra',
];
const SUFFIXES = ['trên địa bàn tỉnh', 'năm {year}', '6 tháng đầu năm {year}', 'quý {q} năm {year}', 'giai đoạn 2021-2025', '', '', 'tại {place}'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Thanh', 'Quốc', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hùng', 'Khoa', 'Lan', 'Long', 'Mai', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thảo', 'Trung', 'Tuấn', 'Việt'];
const POSITIONS = ['Chủ tịch', 'Phó Chủ tịch', 'Giám đốc', 'Phó Giám đốc', 'Chánh Văn phòng'];
const INCOMING_STATES: readonly DocumentState[] = ['registered', 'assigned', 'in_progress', 'completed', 'completed', 'completed', 'filed'];
const OUTGOING_STATES: readonly DocumentState[] = ['issued', 'dispatched', 'dispatched', 'dispatched', 'archived', 'draft'];

export interface BenchDocument {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly date: string;
  readonly year: number;
  readonly typeCode: string;
  readonly typeName: string;
  readonly number: string;
  readonly symbol: string;
  readonly subject: string;
  readonly issuerCode: string;
  readonly issuerName: string;
  readonly signerName: string;
  readonly signerPosition: string;
  readonly state: DocumentState;
  readonly urgency: string;
}

/** Everything searchable, folded: the text the LIKE baseline scans (made only for its table, not while seeding). */
export function likeText(doc: BenchDocument): string {
  return foldVietnamese(`${doc.number}/${doc.symbol}\n${doc.subject}\n${doc.issuerName}\n${doc.signerName}`);
}

export class SearchCorpus {
  readonly #random: () => number;
  readonly #issuers: readonly DirectoryEndpoint[];
  readonly #typeWheel: (typeof TYPES)[number][] = [];
  readonly #numbers = new Map<string, number>();
  #next = 0;

  constructor(issuers: readonly DirectoryEndpoint[], seed = 1) {
    this.#random = mulberry32(seed);
    this.#issuers = issuers;
    for (const type of TYPES) for (let i = 0; i < type[3]; i += 1) this.#typeWheel.push(type);
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }

  /** Documents in date order, as they would have been registered. */
  next(total: number): BenchDocument {
    const index = this.#next;
    this.#next += 1;
    const dayCount = YEARS * 365;
    const day = Math.min(dayCount - 1, Math.floor((index / total) * dayCount));
    const date = new Date(Date.UTC(FIRST_YEAR, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const year = Number(date.slice(0, 4));
    const direction = this.#random() < 0.55 ? 'incoming' : 'outgoing';
    const type = this.#pick(this.#typeWheel);
    const issuer = this.#pick(this.#issuers);
    const issuerAbbr = issuer.kind === 'commune' ? 'UBND' : issuer.name.startsWith('Sở') ? `S${abbreviate(issuer.name.slice(3))}` : 'UBND';
    const key = `${year}:${direction}:${issuerAbbr}`;
    const sequence = (this.#numbers.get(key) ?? 0) + 1;
    this.#numbers.set(key, sequence);
    const symbol = type[2] ? `${type[2]}-${issuerAbbr}` : `${issuerAbbr}-${this.#pick(['VP', 'KT', 'NC', 'TH', 'KGVX'])}`;
    const roll = this.#random();
    const topic =
      roll < 0.000005 ? this.#pick(VERY_RARE_TOPICS) : roll < 0.0001 ? this.#pick(RARE_TOPICS) : this.#pick(COMMON_TOPICS);
    const suffix = this.#pick(SUFFIXES)
      .replace('{year}', String(year))
      .replace('{q}', String(1 + Math.floor(this.#random() * 4)))
      .replace('{place}', this.#pick(this.#issuers).name.replace(/^Ủy ban nhân dân /, ''));
    let subject = `${this.#pick(PREFIXES)} ${topic} ${suffix}`.trim();
    // One subject in twenty was typed without diacritics.
    if (this.#random() < 0.05) subject = foldVietnamese(subject).replace(/^./, (c) => c.toUpperCase());
    const signerName = `${this.#pick(FAMILY)} ${this.#pick(MIDDLE)} ${this.#pick(GIVEN)}`;
    const urgencyRoll = this.#random();
    const urgency = urgencyRoll < 0.01 ? 'flash' : urgencyRoll < 0.04 ? 'very-urgent' : urgencyRoll < 0.15 ? 'urgent' : 'normal';
    const doc = {
      id: `bench-${String(index).padStart(7, '0')}`,
      direction,
      date,
      year,
      typeCode: type[0],
      typeName: type[1],
      number: sequence < 10 ? `0${sequence}` : String(sequence),
      symbol,
      subject,
      issuerCode: issuer.code,
      issuerName: issuer.name,
      signerName,
      signerPosition: this.#pick(POSITIONS),
      state: this.#pick(direction === 'incoming' ? INCOMING_STATES : OUTGOING_STATES),
      urgency,
    } as const;
    return doc;
  }
}

function abbreviate(name: string): string {
  return foldVietnamese(name)
    .split(/[\s,-]+/)
    .filter((w) => w && !['va', 'và'].includes(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** The row docs-core's bulk import stores for a made-up document, as the app would for a new one. */
export function documentRow(d: BenchDocument, at: string): ImportedDocumentRow {
  return {
    id: d.id, direction: d.direction, state: d.state, created_at: at, updated_at: at, year: d.year, source: 'seed',
    type_code: d.typeCode, type_name: d.typeName, code_number: d.number, code_notation: d.symbol,
    issued_date: d.date, organ_id: d.issuerCode, organ_name: d.issuerName, subject: d.subject,
    signer_full_name: d.signerName, signer_position: d.signerPosition, urgency: d.urgency, secrecy: 'none',
    arrival_date: d.direction === 'incoming' ? d.date : null,
  };
}
