import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestFromText, type DirectoryCandidate } from '../../src/ocr/receive-suggestions.js';
import { corpusSample, sampleText } from './scan-corpus.js';

interface DemoEndpoint {
  code: string;
  name: string;
  parentCode: string | null;
}
const demo = (JSON.parse(readFileSync(new URL('../../../../resources/demo/province-650.json', import.meta.url), 'utf8')) as { endpoints: DemoEndpoint[] }).endpoints;
const byCode = new Map(demo.map((e) => [e.code, e]));
const DIRECTORY: DirectoryCandidate[] = demo.map((e) => ({ code: e.code, name: e.name, parentName: e.parentCode ? (byCode.get(e.parentCode)?.name ?? null) : null }));

describe('receive-form suggestions from page 1 text', () => {
  // The parser on a perfect reading of each kind of page the corpus makes (Quyết định, công văn, Thông báo, …).
  it.each([0, 1, 2, 3, 4, 5, 7, 11])('reads every field of corpus sample %i', (n) => {
    const sample = corpusSample(n);
    const found = suggestFromText(sampleText(sample), DIRECTORY);
    expect({
      number: found.number?.value,
      symbol: found.symbol?.value,
      date: found.issuedDate?.value,
      issuer: found.issuer?.value.code,
      type: found.type?.value,
      subject: found.subject?.value,
    }).toEqual({ number: sample.number, symbol: sample.symbol, date: sample.date, issuer: sample.issuerCode, type: sample.type, subject: sample.subject });
    for (const field of Object.values(found)) {
      expect(field?.confidence).toBeGreaterThan(0);
      expect(field?.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('mends what OCR gets wrong: Đ read as D, "Sô"/"S6" for Số, a date with odd spacing', () => {
    const text = [
      'UBND TỈNH DEMO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ Y TẾ Độc lập - Tự do - Hạnh phúc',
      'S6: 125 /QD-SYT Demo, ngày 5 tháng3 năm  2026',
      '',
      'QUYẾT ĐỊNH',
      'Về việc kiểm tra an toàn thực phẩm',
    ].join('\n');
    const found = suggestFromText(text, DIRECTORY);
    expect(found).toMatchObject({
      number: { value: '125' },
      symbol: { value: 'QĐ-SYT', confidence: 0.9 },
      issuedDate: { value: '2026-03-05', confidence: 0.9 },
      issuer: { value: { code: '000.00.16.Z99', name: 'Sở Y tế' } },
      type: { value: 'QĐ', confidence: 0.95 },
      subject: { value: 'Kiểm tra an toàn thực phẩm' },
    });
  });

  it('mends Đ read as D inside the issuer\'s part of the symbol, from the matched issuer\'s name', () => {
    const text = ['UBND TỈNH DEMO', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'Số: 31/SGDDT-VP', 'V/v tuyển sinh lớp 10'].join('\n');
    expect(suggestFromText(text, DIRECTORY)).toMatchObject({ symbol: { value: 'SGDĐT-VP' }, issuer: { value: { code: '000.00.15.Z99' } } });
    // Not the matched issuer's initials: left as read.
    expect(suggestFromText(text.replace('SGDDT', 'SGTDT'), DIRECTORY).symbol?.value).toBe('SGTDT-VP');
  });

  it('takes a công văn\'s subject from "V/v" over two lines, and a numeric date with less confidence', () => {
    const text = ['SỞ NỘI VỤ', 'Số: 47/SNV-VP', 'V/v báo cáo kết quả thực hiện', 'cải cách hành chính quý I', '', 'Kính gửi: các sở, ban, ngành', 'Ngày 09/04/2026'].join('\n');
    const found = suggestFromText(text, DIRECTORY);
    expect(found).toMatchObject({
      number: { value: '47' },
      symbol: { value: 'SNV-VP' },
      type: { value: 'cong-van' },
      subject: { value: 'Báo cáo kết quả thực hiện cải cách hành chính quý I' },
      issuedDate: { value: '2026-04-09', confidence: 0.5 },
      issuer: { value: { code: '000.00.02.Z99' } },
    });
  });

  it('proposes nothing it did not read: no number, an impossible date, an issuer not in the directory', () => {
    const found = suggestFromText(['CÔNG TY TNHH MỘT THÀNH VIÊN ABC', 'Hà Nội, ngày 31 tháng 02 năm 2026', 'Thư mời dự hội thảo'].join('\n'), DIRECTORY);
    expect(found).toEqual({ number: null, symbol: null, issuedDate: null, issuer: null, type: null, subject: null });
    expect(suggestFromText('', [])).toEqual({ number: null, symbol: null, issuedDate: null, issuer: null, type: null, subject: null });
  });
});
