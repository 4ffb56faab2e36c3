import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { loadTinos } from '../../src/registers-print/register-fonts.js';

/**
 * The OCR accuracy corpus, made by the tests themselves: Decree 30-shaped page-1s in Vietnamese, drawn with the bundled
 * Tinos font, rasterised by poppler at 200 or 300 dpi, with speckle noise, a skew of up to ±2° and JPEG compression,
 * and wrapped as an image-only PDF (what a scanner gives). Each sample knows its text and its form fields.
 */
export interface ScanConditions {
  readonly dpi: 200 | 300;
  /** Degrees, clockwise positive. */
  readonly skew: number;
  /** Specks per page. */
  readonly noise: number;
  readonly jpegQuality: number;
}

export interface ScanSample {
  readonly id: string;
  readonly issuerParent: string;
  readonly issuer: string;
  /** The directory code the issuer should be matched to (resources/demo/province-650.json). */
  readonly issuerCode: string;
  readonly number: string;
  readonly symbol: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly place: string;
  /** Document type code (`QĐ`, `cong-van`, …). */
  readonly type: string;
  readonly subject: string;
  readonly body: readonly string[];
}

const PAGE = { width: 595.28, height: 841.89 };

const ISSUERS = [
  ['UBND TỈNH HÒA BÌNH', 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'STNMT', '000.00.10.Z99'],
  ['UBND TỈNH HÒA BÌNH', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'SGDĐT', '000.00.15.Z99'],
  ['UBND TỈNH HÒA BÌNH', 'SỞ Y TẾ', 'SYT', '000.00.16.Z99'],
  ['UBND TỈNH HÒA BÌNH', 'SỞ TƯ PHÁP', 'STP', '000.00.04.Z99'],
  ['UBND TỈNH HÒA BÌNH', 'SỞ XÂY DỰNG', 'SXD', '000.00.09.Z99'],
  ['UBND TỈNH HÒA BÌNH', 'SỞ NỘI VỤ', 'SNV', '000.00.02.Z99'],
] as const;

const KINDS = [
  { type: 'QĐ', title: 'QUYẾT ĐỊNH', subject: 'Về việc phê duyệt kế hoạch kiểm tra việc sử dụng đất đai năm 2026' },
  { type: 'cong-van', title: null, subject: 'V/v báo cáo kết quả thực hiện cải cách hành chính quý I' },
  { type: 'TB', title: 'THÔNG BÁO', subject: 'Kết luận của Giám đốc tại cuộc họp giao ban tháng ba' },
  { type: 'KH', title: 'KẾ HOẠCH', subject: 'Tổ chức tập huấn nghiệp vụ văn thư, lưu trữ năm 2026' },
  { type: 'BC', title: 'BÁO CÁO', subject: 'Tình hình triển khai chữ ký số trong cơ quan nhà nước' },
  { type: 'TTr', title: 'TỜ TRÌNH', subject: 'Đề nghị bổ sung kinh phí sửa chữa trụ sở làm việc' },
] as const;

const BODY = [
  'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Theo đề nghị của Chánh Văn phòng, các đơn vị thực hiện nghiêm túc những nội dung sau đây.',
  'Điều 1. Giao các phòng chuyên môn rà soát hồ sơ, tài liệu và báo cáo kết quả trước ngày quy định.',
  'Điều 2. Thủ trưởng các đơn vị, cá nhân có liên quan chịu trách nhiệm thi hành quyết định này.',
  'Nơi nhận: Như Điều 2; Lưu: VT, VP. Trân trọng kính gửi các cơ quan, đơn vị được biết.',
];

/** The n-th sample of the corpus: issuers, types, numbers and dates vary with n (the same n gives the same sample). */
export function corpusSample(n: number): ScanSample {
  const [parent, issuer, issuerAbbr, issuerCode] = ISSUERS[n % ISSUERS.length]!;
  const kind = KINDS[Math.floor(n / ISSUERS.length + n) % KINDS.length]!;
  const number = String(((n * 37) % 480) + 7);
  const day = ((n * 11) % 28) + 1;
  const month = ((n * 5) % 12) + 1;
  const symbol = kind.type === 'cong-van' ? `${issuerAbbr}-VP` : `${kind.type}-${issuerAbbr}`;
  const subject = kind.subject.startsWith('V/v ') ? kind.subject.slice(4) : kind.subject.replace(/^Về việc /, '');
  return {
    id: `mau-${String(n).padStart(3, '0')}`,
    issuerParent: parent,
    issuer,
    issuerCode,
    number,
    symbol,
    date: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    place: 'Hòa Bình',
    type: kind.type,
    subject: subject.charAt(0).toUpperCase() + subject.slice(1),
    body: BODY.slice(n % 2, (n % 2) + 4),
  };
}

/** The text a perfect reader would give, line by line, in reading order (left column first, as Tesseract reads). */
export function sampleText(sample: ScanSample): string {
  const rows = new Map<number, DrawnLine[]>();
  for (const line of layout(sample)) rows.set(line.y, [...(rows.get(line.y) ?? []), line]);
  return [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, row]) => row.sort((a, b) => (a.centre ?? a.x) - (b.centre ?? b.x)).map((l) => l.text).join(' '))
    .join('\n');
}

interface DrawnLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly bold: boolean;
  readonly centre?: number;
}

function layout(s: ScanSample): DrawnLine[] {
  const [y, m, d] = s.date.split('-');
  const kind = KINDS.find((k) => k.type === s.type)!;
  const lines: DrawnLine[] = [
    { text: s.issuerParent, x: 0, y: 780, size: 12, bold: false, centre: 150 },
    { text: s.issuer, x: 0, y: 764, size: 12, bold: true, centre: 150 },
    { text: `Số: ${s.number}/${s.symbol}`, x: 0, y: 736, size: 12, bold: false, centre: 150 },
  ];
  if (kind.title === null) lines.push({ text: `V/v ${s.subject.charAt(0).toLowerCase()}${s.subject.slice(1)}`, x: 0, y: 718, size: 11, bold: false, centre: 150 });
  lines.push(
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 0, y: 780, size: 12, bold: true, centre: 410 },
    { text: 'Độc lập - Tự do - Hạnh phúc', x: 0, y: 764, size: 12, bold: true, centre: 410 },
    { text: `${s.place}, ngày ${d} tháng ${m} năm ${y}`, x: 0, y: 736, size: 12, bold: false, centre: 410 },
  );
  let top = 680;
  if (kind.title !== null) {
    lines.push({ text: kind.title, x: 0, y: top, size: 14, bold: true, centre: PAGE.width / 2 });
    const about = s.type === 'QĐ' ? `Về việc ${s.subject.charAt(0).toLowerCase()}${s.subject.slice(1)}` : s.subject;
    lines.push({ text: about, x: 0, y: top - 20, size: 13, bold: true, centre: PAGE.width / 2 });
    top -= 60;
  } else {
    lines.push({ text: 'Kính gửi: Ủy ban nhân dân các huyện, thành phố', x: 0, y: top, size: 13, bold: false, centre: PAGE.width / 2 });
    top -= 40;
  }
  for (const text of s.body) {
    lines.push({ text, x: 60, y: top, size: 12, bold: false });
    top -= 26;
  }
  return lines;
}

/** A tiny deterministic generator (mulberry32), so the same sample gets the same specks. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws the page as vectors, turned by the skew about the page centre, with the specks. */
async function vectorPage(sample: ScanSample, conditions: ScanConditions, seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = await loadTinos();
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const angle = (-conditions.skew * Math.PI) / 180;
  const cx = PAGE.width / 2;
  const cy = PAGE.height / 2;
  const turn = (x: number, y: number) => ({
    x: cx + (x - cx) * Math.cos(angle) - (y - cy) * Math.sin(angle),
    y: cy + (x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle),
  });
  for (const line of layout(sample)) drawLine(page, line, line.bold ? bold : regular, turn, -conditions.skew);
  const next = random(seed);
  for (let i = 0; i < conditions.noise; i += 1) {
    const size = 0.3 + next() * 0.9;
    page.drawRectangle({ x: next() * PAGE.width, y: next() * PAGE.height, width: size, height: size, color: rgb(0.15, 0.15, 0.15), rotate: degrees(next() * 90) });
  }
  return doc.save();
}

function drawLine(page: PDFPage, line: DrawnLine, font: PDFFont, turn: (x: number, y: number) => { x: number; y: number }, skew: number): void {
  const width = font.widthOfTextAtSize(line.text, line.size);
  const x = line.centre !== undefined ? line.centre - width / 2 : line.x;
  const at = turn(x, line.y);
  page.drawText(line.text, { x: at.x, y: at.y, size: line.size, font, color: rgb(0, 0, 0), rotate: degrees(skew) });
}

const run = promisify(execFile);

/** The sample as a scanner would give it: one grayscale JPEG per page inside a PDF, no text layer. */
export async function renderScan(sample: ScanSample, conditions: ScanConditions, seed = 1): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'eoffice-scan-'));
  try {
    await writeFile(join(folder, 'page.pdf'), await vectorPage(sample, conditions, seed));
    await run('pdftoppm', ['-r', String(conditions.dpi), '-gray', '-jpeg', '-jpegopt', `quality=${conditions.jpegQuality}`, '-singlefile', join(folder, 'page.pdf'), join(folder, 'page')]);
    const jpeg = await readFile(join(folder, 'page.jpg'));
    const scan = await PDFDocument.create();
    const image = await scan.embedJpg(jpeg);
    scan.addPage([PAGE.width, PAGE.height]).drawImage(image, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
    return scan.save();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Character accuracy: 1 − edit distance ÷ reference length, on NFC text with runs of white space made one space. */
export function characterAccuracy(reference: string, read: string): number {
  const a = [...reference.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const b = [...read.normalize('NFC').replace(/\s+/g, ' ').trim()];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return a.length === 0 ? 1 : Math.max(0, 1 - previous[b.length]! / a.length);
}
