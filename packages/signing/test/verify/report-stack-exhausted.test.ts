import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SigningError, verifyPdfSignatures } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * The stack exhausted inside the verifier is a refusal (PDF_LIMIT_EXCEEDED: the file is too complex), never a raw
 * RangeError (issue 15). The parsers bound nesting, so no small file reaches the stack's end on a fresh stack: the
 * test takes the stack away instead. It recurses until the stack overflows, then, on the way back up, calls the real
 * verifier on a real signed file at every level — each level with one frame more room — until one call completes.
 * The deepest calls overflow on entering the verifier (a raw RangeError, before its guard runs); the next ones
 * overflow inside it and must come out as the refusal. No timing, no sizes: the sweep finds the levels itself.
 */
interface Sweep {
  readonly refusals: SigningError[];
  readonly completed: boolean;
}

let file: Buffer;

function sweepStack(): Sweep {
  // Bound once here: at the stack's end even reading an import (a getter under Vitest) can fail.
  const verify = verifyPdfSignatures;
  const Refusal = SigningError;
  const at = new Date('2020-11-01T00:00:00Z');
  const refusals: SigningError[] = [];
  let completed = false;
  const level = (): void => {
    try {
      level();
    } catch (cause) {
      if (!(cause instanceof RangeError)) throw cause;
    }
    if (completed) return;
    try {
      verify(file, { validationTime: at });
      completed = true;
    } catch (cause) {
      if (cause instanceof Refusal) refusals.push(cause);
      else if (!(cause instanceof RangeError)) throw cause;
    }
  };
  level();
  return { refusals, completed };
}

beforeAll(() => {
  file = readFileSync(fixture('pdf-signed/pyhanko/pades-with-old-style-signing-cert-attr.pdf'));
});

describe('verify: the stack exhausted', () => {
  it('some calls overflow inside the verifier, and each comes out as PDF_LIMIT_EXCEEDED with the overflow as its cause', () => {
    // Inside the test, not in beforeAll: Stryker counts what a beforeAll reaches as static (run with every test).
    const sweep = sweepStack();
    expect(sweep.completed).toBe(true);
    // Where the overflow lands inside one of the reader's own catches, it comes out as that reader's refusal instead
    // (PDF_MALFORMED: seen once in a clean-clone CI run): still a refusal, never a raw RangeError. The levels that
    // overflow anywhere else must come out as the limit, and the sweep always meets some (21 of 21 here).
    const limits = sweep.refusals.filter((refusal) => refusal.code === 'PDF_LIMIT_EXCEEDED');
    expect(limits.length).toBeGreaterThan(0);
    for (const refusal of limits) {
      expect(refusal.message).toBe(
        'Tệp PDF quá phức tạp để kiểm tra / the PDF is too complex to verify (Maximum call stack size exceeded)',
      );
      expect(refusal.cause).toBeInstanceOf(RangeError);
    }
  });

  it('any other failure passes through as it is: a file that is not a PDF stays PDF_MALFORMED', () => {
    let thrown: unknown;
    try {
      verifyPdfSignatures(Buffer.from('kein pdf'));
    } catch (cause) {
      thrown = cause;
    }
    expect(thrown).toBeInstanceOf(SigningError);
    expect((thrown as SigningError).code).toBe('PDF_MALFORMED');
  });
});
