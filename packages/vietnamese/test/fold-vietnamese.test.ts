import { describe, expect, it } from 'vitest';
import { foldByDefinition, foldVietnamese } from '../src/fold-vietnamese.js';

/** A seeded linear congruential generator (Numerical Recipes' constants): the same texts on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('foldVietnamese (table of Latin letters)', () => {
  it('agrees with the definition (NFD, no marks, đ → d, lowercase) on every UTF-16 code unit', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (foldVietnamese(char) !== foldByDefinition(char)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('agrees with the definition on mixed texts, decomposed marks, and letters whose case depends on context', () => {
    const pieces = [
      'Đất đai', 'QUYẾT ĐỊNH', 'Thượng khẩn'.normalize('NFD'), 'Ủy ban', 'ệ ở Ưu', '15/QĐ-UBND', ' ', ', ', '\n',
      'ΟΔΟΣ', 'Σ', 'İstanbul', '한국', 'e\u0301', 'ß', 'ǅ', 'Ωmega', '😀', 'ﬁ',
    ];
    const random = seededRandom(7);
    for (let n = 0; n < 2000; n += 1) {
      let text = '';
      for (let k = Math.floor(random() * 6); k >= 0; k -= 1) text += pieces[Math.floor(random() * pieces.length)];
      expect(foldVietnamese(text)).toBe(foldByDefinition(text));
    }
    expect(foldVietnamese('Về việc quản lý ĐẤT ĐAI')).toBe('ve viec quan ly dat dai');
  });
});
