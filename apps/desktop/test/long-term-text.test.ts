import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLongTermLevel, levelText, revocationLine, timestampLine, type Level } from '../src/renderer/format/long-term-text.js';

/**
 * The signature panel and the Hồ sơ screen say how long a signature stays verifiable in words (issue 16 on issue 12's
 * screens): every level the contract can send has words in both languages, and a timestamp or a revocation status is
 * never marked good unless it is.
 */
const contract = readFileSync(fileURLToPath(new URL('../../../packages/contract/src/services/documents.ts', import.meta.url)), 'utf8');

function contractLevels(): Level[] {
  const list = /padesLevelSchema = z\.enum\(\[([^\]]*)\]\)/.exec(contract)?.[1];
  if (!list) throw new Error('padesLevelSchema not found');
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as Level);
}

const stamp = { time: '2026-12-06T10:00:00+07:00', tsa: 'CN=TSA', intact: true, valid: true, trusted: true as boolean | null };

describe('long-term verification in words', () => {
  it('every level of the contract has its own words, Vietnamese with diacritics and English', () => {
    const levels = contractLevels();
    expect(levels).toEqual(['B-B', 'B-T', 'B-LT', 'B-LTA', 'other']);
    const vi = levels.map((l) => levelText(l, 'vi'));
    const en = levels.map((l) => levelText(l, 'en'));
    expect(new Set(vi).size).toBe(levels.length);
    expect(new Set(en).size).toBe(levels.length);
    for (const text of vi) expect(text).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
    for (const [index, text] of en.entries()) expect(text).not.toBe(vi[index]);
    expect(levelText(null, 'vi')).toBe('Chưa ghi nhận mức chữ ký');
  });

  it('only B-LT and B-LTA count as long-term', () => {
    expect(contractLevels().filter(isLongTermLevel)).toEqual(['B-LT', 'B-LTA']);
    expect(isLongTermLevel(null)).toBe(false);
  });

  it('a timestamp is good only when intact, valid and from a trusted TSA', () => {
    expect(timestampLine(stamp, 'vi').verdict).toBe('good');
    expect(timestampLine({ ...stamp, intact: false }, 'vi').verdict).toBe('bad');
    expect(timestampLine({ ...stamp, valid: false }, 'vi').verdict).toBe('bad');
    expect(timestampLine({ ...stamp, trusted: false }, 'vi').verdict).toBe('bad');
    expect(timestampLine({ ...stamp, trusted: null }, 'vi').verdict).toBe('unknown');
    expect(timestampLine(null, 'vi')).toEqual({ verdict: 'unknown', text: 'Không có dấu thời gian: thời điểm ký chỉ do người ký tự khai' });
  });

  it('revocation: good, revoked, unknown, each with where the answer came from', () => {
    expect(revocationLine({ status: 'good', source: 'embedded' }, 'vi')).toEqual({ verdict: 'good', text: 'Chứng thư số chưa bị thu hồi vào thời điểm ký (dữ liệu lưu kèm trong tệp)' });
    expect(revocationLine({ status: 'revoked', source: 'online' }, 'en')).toEqual({ verdict: 'bad', text: 'The certificate has been revoked (asked online)' });
    expect(revocationLine({ status: 'unknown', source: null }, 'vi').verdict).toBe('unknown');
    expect(revocationLine(null, 'vi').verdict).toBe('unknown');
  });
});
