import { PdfReader, PdfRef, PdfStream, SigningError, isReportAcceptable, signatureFields, verifyPdfSignatures } from '../../../packages/signing/src/index.js';
import type { CaseOutcome, FuzzTarget } from '../run-fuzz.js';

/** The fixed clock of every case, so a replay gives the same verdict. */
const AT = new Date('2026-06-01T00:00:00Z');
/** The reader walk stops after this many objects: a mutated count must not turn a case into a long enumeration. */
const WALK_LIMIT = 3000;

/**
 * One case: `eoffice verify`'s path (verifyPdfSignatures, exit 0 when acceptable, 1 when not, 2 for a typed
 * SigningError), then the reader's other entry points (pages, signature fields, every object and stream) so a
 * crash the verifier does not reach is found too. Any error other than SigningError is a crash.
 */
export function runPdfCase(bytes: Uint8Array): CaseOutcome {
  let outcome: CaseOutcome;
  try {
    const report = verifyPdfSignatures(bytes, { validationTime: AT });
    outcome = { exit: isReportAcceptable(report, false) ? 0 : 1 };
  } catch (error) {
    outcome = classify(error);
  }
  if (outcome.exit === 'crash') return outcome;
  try {
    walkReader(bytes);
  } catch (error) {
    const walked = classify(error);
    if (walked.exit === 'crash') return walked;
  }
  return outcome;
}

function classify(error: unknown): CaseOutcome {
  if (error instanceof SigningError) return { exit: 2, code: error.code, message: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { exit: 'crash', code: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

function walkReader(bytes: Uint8Array): void {
  const reader = PdfReader.open(bytes);
  try {
    reader.pages();
    signatureFields(reader);
    let visited = 0;
    // The numbers the xref names, never 0../Size: a mutated /Size of 1e8 would make the walk, not the reader, slow.
    for (const num of reader.objectNumbers()) {
      if (++visited > WALK_LIMIT) break;
      try {
        const value = reader.getObject(new PdfRef(num, 0));
        if (value instanceof PdfStream) reader.decode(value);
      } catch (error) {
        if (!(error instanceof SigningError)) throw error;
      }
    }
    for (let i = 0; i < reader.revisions.length; i++) void reader.atRevision(i).catalog;
  } finally {
    reader.close();
  }
}

export const pdfTarget: FuzzTarget = {
  name: 'PDF verify + reader',
  tokens: [
    '[', ']', '<<', '>>', '(', ')', '<', '>', '/', ' R', ' obj', 'endobj', 'stream\n', '\nendstream', 'xref\n', 'trailer', 'startxref',
    '%%EOF', '/Type', '/XRef', '/ObjStm', '/W [1 2 1]', '/W [0 0 0]', '/Size 100000000', '/Index [0 100000000]', '/Length', '/Filter',
    '/FlateDecode', '/ASCIIHexDecode', '/ASCII85Decode', '/DecodeParms << /Predictor 12 /Columns 100000000 >>', '/Prev', '/XRefStm',
    '/ByteRange', '/Contents', '/V', '/FT /Sig', '/Kids', '/Parent', '/Fields', '/AcroForm', '/Pages', '/Root', '/Perms', '/DocMDP',
    '/Reference', '/DSS', '/Certs', '/N 100000000', '/First', '0 0 R', '1 0 R', '99999999 0 R', 'null', 'true', '-0', '1e308',
    '[[[[[[[[[[', '<<<<<<<<', '\\', '#00', '\u0000',
  ],
  run: runPdfCase,
};
