import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { PdfReader, PdfRef, SigningError, verifyPdfSignatures } from '../src/index.js';
import { MemoryByteSource } from '../src/pdf/byte-source.js';
import { PdfParser, numberWord } from '../src/pdf/pdf-parser.js';
import { longWordAfterContents } from './helpers/hostile-pdfs.js';

const signingSrc = fileURLToPath(new URL('../src', import.meta.url));

/** The direct object the parser reads from `text`. */
const parse = (text: string): unknown => new PdfParser(new MemoryByteSource(Buffer.from(text, 'latin1')), 0).parseObject();

describe('PDF numbers are read in one pass (fuzz case 53453, run seed 20261206)', () => {
  it('reads what ISO 32000-1 §7.3.3 calls a number, and nothing else', () => {
    expect(numberWord('123')).toEqual({ value: 123, integer: true });
    expect(numberWord('-98')).toEqual({ value: -98, integer: true });
    expect(numberWord('+17')).toEqual({ value: 17, integer: true });
    expect(numberWord('00000000000000000001')).toEqual({ value: 1, integer: true });
    expect(numberWord('34.5')).toEqual({ value: 34.5, integer: false });
    expect(numberWord('-3.62')).toEqual({ value: -3.62, integer: false });
    expect(numberWord('+123.6')).toEqual({ value: 123.6, integer: false });
    expect(numberWord('4.')).toEqual({ value: 4, integer: false });
    expect(numberWord('-.002')).toEqual({ value: -0.002, integer: false });
    expect(numberWord('.5')).toEqual({ value: 0.5, integer: false });
    for (const word of ['', '+', '-', '.', '+.', '1e5', '1.2.3', '12a', '5-', '--5', '0#0', 'R', 'obj', '0x10']) expect(numberWord(word), word).toBeUndefined();
  });

  it('the parser still reads references, reals, "--5" and keywords as before', () => {
    expect(parse('[12 0 R -3.5 .5 4. --5 true null]')).toEqual([new PdfRef(12, 0), -3.5, 0.5, 4, -5, true, null]);
    expect(() => parse('1e5')).toThrow(/unexpected keyword "1e5"/);
  });

  it('a signature dictionary whose /Contents was cut short: the 60,000-digit word after it is a typed refusal', () => {
    const file = longWordAfterContents(60_000);
    // The word ends where the stray '>' after it begins: that is where the parser says a key was expected.
    const wordEnd = file.lastIndexOf('> >>');
    let refusal: unknown;
    try {
      verifyPdfSignatures(file);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SigningError);
    expect((refusal as SigningError).code).toBe('PDF_MALFORMED');
    expect((refusal as SigningError).message).toContain(`dictionary key must be a name at byte ${wordEnd}`);
    const reader = PdfReader.open(file);
    try {
      expect(() => reader.getObject(new PdfRef(5, 0))).toThrow(`dictionary key must be a name at byte ${wordEnd}`);
    } finally {
      reader.close();
    }
  });

  // Time-independent guard: a regex that can split one run of characters between two quantifiers costs time
  // quadratic (or worse) in a hostile file's word length; the old number check was one (8.9 s of CPU on one case).
  it('no regex in packages/signing/src can backtrack super-linearly (eslint-plugin-regexp)', async () => {
    const eslint = new ESLint({
      cwd: signingSrc,
      overrideConfigFile: true,
      // The files' own eslint-disable comments name rules this one-rule config does not load.
      allowInlineConfig: false,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.cjs'],
          languageOptions: { parser: tseslint.parser },
          plugins: { regexp },
          rules: { 'regexp/no-super-linear-backtracking': 'error' },
        },
      ],
    });
    const results = await eslint.lintFiles(['.']);
    expect(results.length).toBeGreaterThan(50);
    const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`));
    expect(findings).toEqual([]);
  }, 120_000);
});
