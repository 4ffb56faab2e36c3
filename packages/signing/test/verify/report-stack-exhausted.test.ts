import { describe, expect, it } from 'vitest';
import { SigningError, verifyPdfSignatures } from '../../src/index.js';

/**
 * verifyPdfSignatures turns only a RangeError (the stack exhausted) into PDF_LIMIT_EXCEEDED; any other failure passes
 * through as it is (issue 15). A test that exhausted the stack on purpose and called the verifier at every level on the
 * way back was removed: where the overflow lands varies from run to run (inside a reader's own catch it became
 * PDF_MALFORMED; compiling a regular expression it became a SyntaxError), and it failed two clean-clone CI runs.
 */
describe('verify: what the stack wrapper leaves alone', () => {
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
