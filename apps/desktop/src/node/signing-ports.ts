import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgencySealRequest, AttachmentStampRequest, DocumentSigner, PersonSignatureRequest, SignatureVerifier, SignedPdf, VerificationReport } from '@eoffice/docs-core';
import {
  DATE_FIELD,
  DEFAULT_DATE_BOX,
  DEFAULT_NUMBER_BOX,
  FormEditor,
  IncrementalWriter,
  NUMBER_FIELD,
  PdfReader,
  SigningError,
  decree30DateText,
  isoVietnam,
  isSignatureAcceptable,
  preparePdf,
  sealAppearance,
  sealPlacement,
  signPdf,
  signerAppearance,
  stampAppearance,
  stampPlacement,
  verifyPdfSignatures,
  type FieldValue,
  type SignPdfOptions,
  type SignaturePlacement,
  type Signer,
} from '@eoffice/signing';
import { dateLine, numberBoxAfterLabel, signerBoxAboveName, type Box } from './decree30-layout.js';
import { opaqueFieldFill } from './opaque-field-fill.js';
import { firstAndLastPageText } from './pdf-text-positions.js';

/**
 * packages/signing behind docs-core's ports. Every face gets the verifier by default (composeServices); a signer is
 * plugged in by the face that holds a key (the CLI's --pkcs11/--p12, later the desktop's token dialog).
 */
export function signingLibraryVerifier(): SignatureVerifier {
  return {
    async verifyPdf(pdf): Promise<VerificationReport> {
      const report = verifyPdfSignatures(pdf);
      const signatures = report.signatures.map((verdict) => {
        const valid = isSignatureAcceptable(verdict, false);
        const errors = verdict.problems.filter((p) => p.severity === 'error').map((p) => p.code);
        return {
          signerName: verdict.signer?.commonName ?? null,
          signedAt: verdict.signingTime,
          valid,
          warnings: verdict.problems.filter((p) => p.severity === 'warning').map((p) => p.code),
          ...(valid ? {} : { problem: errors.join(', ') || 'chữ ký không hợp lệ / invalid signature' }),
        };
      });
      return { signed: signatures.length > 0, valid: signatures.length > 0 && signatures.every((s) => s.valid), signatures };
    },
  };
}

export interface DocumentSignerOptions {
  /**
   * Where the document is written while it is signed: the data folder's `tmp/` (work-dir.ts), swept at start. The
   * system's temp folder when not given.
   */
  readonly workDir?: string;
  /**
   * The signer's box when the signer's name is not printed on the last page: x, y, width, height in points on that
   * page. Default: bottom-right of the page, where Decree 30 puts ô 7.
   */
  readonly defaultSignerBox?: Box;
}

const POINTS_PER_MM = 72 / 25.4;

/**
 * Signs with a key on a token (or a PKCS#12 file) through signPdf: an incremental update, never a re-save.
 * The leader's signature (ô 7c) is visible: the blue image between the position line and the printed name, found
 * with pdf.js; before it, the empty số and date fields are added where the draft prints "Số:" and the date line.
 * The clerk's seal (ô 8) is the red seal at actual size over the left third of that image; the same update fills
 * số and the date and locks them (Decree 30, Phụ lục I). An attachment in its own file gets the text stamp.
 */
export function signingLibraryDocumentSigner(signer: Signer, options: DocumentSignerOptions = {}): DocumentSigner {
  return {
    signAsPerson: (request) => inTempDir(options.workDir, (dir) => signAsPerson(signer, options, request, dir)),
    sealAsAgency: (request) => inTempDir(options.workDir, (dir) => sealAsAgency(signer, request, dir)),
    stampAttachment: (request) => inTempDir(options.workDir, (dir) => stampAttachment(signer, request, dir)),
  };
}

async function signAsPerson(signer: Signer, options: DocumentSignerOptions, request: PersonSignatureRequest, dir: string): Promise<SignedPdf> {
  let input = join(dir, 'in.pdf');
  await writeFile(input, request.pdf);
  const text = await firstAndLastPageText(request.pdf);
  const { fields, lastPage } = inspect(input);
  if (!fields.has(NUMBER_FIELD) && !fields.has(DATE_FIELD)) {
    const numberRect = text && numberBoxAfterLabel(text.first.items);
    const dateRect = text && dateLine(text.first.items)?.box;
    const prepared = join(dir, 'prepared.pdf');
    preparePdf({
      input,
      output: prepared,
      numberBox: numberRect ? { pageIndex: 0, rect: numberRect } : DEFAULT_NUMBER_BOX,
      dateBox: dateRect ? { pageIndex: 0, rect: dateRect } : DEFAULT_DATE_BOX,
    });
    input = prepared;
  }
  const found = text && signerBoxAboveName(text.last.items, request.signerName);
  const image = request.signatureImage ?? undefined;
  let placement: SignaturePlacement;
  let lines: string[];
  if (found) {
    // The position and the name are printed on the page: the box holds the image only (or "Đã ký" and the name).
    placement = { pageIndex: lastPage.index, rect: found };
    lines = image ? [] : ['Đã ký', request.signerName];
  } else {
    const [, bottom, right] = lastPage.mediaBox;
    const width = 220;
    placement = { pageIndex: lastPage.index, rect: options.defaultSignerBox ?? [right - 20 * POINTS_PER_MM - width, bottom + 30 * POINTS_PER_MM, width, 130] };
    lines = [...(request.signerPosition ? [request.signerPosition.toLocaleUpperCase('vi')] : []), ...(image ? [] : ['Đã ký']), request.signerName];
  }
  return sign(signer, dir, {
    input,
    placement,
    appearance: signerAppearance({ ...(image ? { image } : {}), lines }),
    reason: request.reason,
    signingTime: request.signingTime,
  });
}

async function sealAsAgency(signer: Signer, request: AgencySealRequest, dir: string): Promise<SignedPdf> {
  const input = join(dir, 'in.pdf');
  await writeFile(input, request.pdf);
  const { fields, lastPage } = inspect(input);
  const fills: FieldValue[] = [];
  const firstPage = (await firstAndLastPageText(request.pdf))?.first.items ?? [];
  if (fields.has(NUMBER_FIELD)) {
    // A draft without the "Số:" label got the field at the default box: the label goes into the field then.
    const labelled = numberBoxAfterLabel(firstPage) !== undefined;
    fills.push({ name: NUMBER_FIELD, text: labelled ? request.numberAndSymbol : `Số: ${request.numberAndSymbol}` });
  }
  if (fields.has(DATE_FIELD)) {
    // The agency's place, else the one the draft printed before "ngày" (the field covers that whole line).
    const place = request.issuingPlace ?? dateLine(firstPage)?.place ?? null;
    const [year, month, day] = request.issuedDate.split('-');
    const date = decree30DateText(`${day}/${month}/${year}`);
    fills.push({ name: DATE_FIELD, text: place ? `${place}, ${date}` : date });
  }
  let visible: Pick<SignPdfOptions, 'placement' | 'appearance'> = {};
  if (request.sealImage) {
    const seal = request.sealImage;
    const placement = withReader(input, (reader) => {
      try {
        return sealPlacement(reader, lastPage.index, seal);
      } catch (error) {
        // Signed before signatures were visible: no image to overlap, so the seal stays invisible.
        if (error instanceof SigningError && error.code === 'FIELD_NOT_FOUND') return undefined;
        throw error;
      }
    });
    if (placement) visible = { placement, appearance: sealAppearance(seal) };
  }
  return sign(signer, dir, {
    input,
    ...visible,
    ...(fills.length > 0 ? { extraChanges: opaqueFieldFill(fills), lockFields: fills.map((f) => f.name) } : {}),
    reason: `Ban hành ${request.numberAndSymbol}`,
    signingTime: request.signingTime,
  });
}

/** Attachments in separate files: số and ký hiệu, then the signing time (ISO 8601, +07:00), top-right of page 1, no image. */
async function stampAttachment(signer: Signer, request: AttachmentStampRequest, dir: string): Promise<SignedPdf> {
  const input = join(dir, 'in.pdf');
  await writeFile(input, request.pdf);
  const lines = [request.numberAndSymbol, isoVietnam(request.signingTime)];
  const reader = PdfReader.open(input, { allowRepair: false });
  let placement: SignaturePlacement;
  try {
    placement = await stampPlacement(reader, lines);
  } finally {
    reader.close();
  }
  return sign(signer, dir, { input, placement, appearance: stampAppearance(lines), reason: `Ký số văn bản kèm theo ${request.numberAndSymbol}`, signingTime: request.signingTime });
}

async function sign(signer: Signer, dir: string, options: Omit<SignPdfOptions, 'signer' | 'output'>): Promise<SignedPdf> {
  const output = join(dir, 'out.pdf');
  await signPdf({ ...options, output, signer, subFilter: 'ETSI.CAdES.detached' });
  const bytes = await readFile(output);
  const last = verifyPdfSignatures(bytes).signatures.at(-1);
  return { pdf: new Uint8Array(bytes), signerName: last?.signer?.commonName ?? '' };
}

/** The form's field names and the last page (its index and media box). */
function inspect(file: string): { fields: Set<string>; lastPage: { index: number; mediaBox: readonly [number, number, number, number] } } {
  return withReader(file, (reader) => {
    const fields = new Set(new FormEditor(reader, new IncrementalWriter(reader)).fieldsByName().keys());
    const pages = reader.pages();
    return { fields, lastPage: { index: pages.length - 1, mediaBox: pages.at(-1)!.mediaBox } };
  });
}

function withReader<T>(file: string, use: (reader: PdfReader) => T): T {
  const reader = PdfReader.open(file, { allowRepair: false });
  try {
    return use(reader);
  } finally {
    reader.close();
  }
}

async function inTempDir<T>(workDir: string | undefined, use: (dir: string) => Promise<T>): Promise<T> {
  if (workDir) await mkdir(workDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(workDir ?? tmpdir(), 'eoffice-sign-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
