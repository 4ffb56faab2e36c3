import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_PROBLEM_MESSAGES, signatureProblemText } from '../src/renderer/sections/incoming/signature-problems.js';

/**
 * The signature panel speaks words, not codes (issue 12): every problem code a signature can carry has a message here.
 * The codes are read from the sources that raise them — the verifier's ProblemCode union, and docs-core's own
 * constants — so a code added there fails this test until it has words.
 */
const source = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');

function verifierCodes(): string[] {
  const union = /export type ProblemCode\s*=([^;]*);/.exec(source('packages/signing/src/verify/report/verify-problem.ts'))?.[1];
  if (!union) throw new Error('ProblemCode union not found');
  return [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

/** docs-core's codes beside the verifier's: `export const NOT_TRUSTED = 'NOT_TRUSTED'`. */
function coreCodes(): string[] {
  return [...source('packages/docs-core/src/workflow/signature-verdict.ts').matchAll(/export const ([A-Z0-9_]+) = '\1'/g)].map((m) => m[1]!);
}

describe('signature problem messages', () => {
  it('the codes are read (an empty read would make the next check vacuous)', () => {
    expect(verifierCodes().length).toBeGreaterThanOrEqual(45);
    expect(verifierCodes()).toContain('SHADOW_SUSPECT');
    expect(coreCodes()).toEqual(expect.arrayContaining(['NOT_TRUSTED', 'NO_SIGNATURE_TIMESTAMP']));
  });

  it('every verifier and docs-core problem code has a Vietnamese and an English message', () => {
    const missing = [...verifierCodes(), ...coreCodes()].filter((code) => !SIGNATURE_PROBLEM_MESSAGES[code]);
    expect(missing, 'add words for these codes to signature-problems.ts').toEqual([]);
    for (const [code, { vi, en }] of Object.entries(SIGNATURE_PROBLEM_MESSAGES)) {
      expect(vi.trim(), code).not.toBe('');
      expect(en.trim(), code).not.toBe('');
      // Vietnamese words, not the English copied: they differ, and the Vietnamese has its diacritics.
      expect(vi, code).not.toBe(en);
      expect(vi, code).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
    }
  });

  it('no message is written for a code nothing raises', () => {
    const known = new Set([...verifierCodes(), ...coreCodes()]);
    expect(Object.keys(SIGNATURE_PROBLEM_MESSAGES).filter((code) => !known.has(code))).toEqual([]);
  });

  it('an unknown code still reads as words', () => {
    expect(signatureProblemText('SHADOW_SUSPECT', 'vi')).toContain('nội dung ẩn');
    expect(signatureProblemText('SHADOW_SUSPECT', 'en')).toContain('shadow attack');
    expect(signatureProblemText('NOT_A_CODE', 'vi')).toBe('Vấn đề chưa có mô tả');
  });
});
