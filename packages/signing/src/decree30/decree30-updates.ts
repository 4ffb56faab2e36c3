import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decree30DateText, vietnamIso } from '@eoffice/vietnamese';
import type { FieldValue } from '../form/fill-fields.js';
import { IncrementalWriter } from '../pdf/incremental-writer.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { FormEditor } from '../sign/form-fields.js';
import { signPdf, type SignPdfOptions, type SignaturePlacement } from '../sign/sign-pdf.js';
import type { Signer } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { sealAppearance, sealPlacement, signerAppearance, stampAppearance, stampPlacement } from './appearances.js';
import { dateLine, numberBoxAfterLabel, signerBoxAboveName, type Box } from './layout.js';
import { opaqueFieldFill } from './opaque-field-fill.js';
import { firstAndLastPageText, type PositionedText } from './page-text.js';
import { DATE_FIELD, DEFAULT_DATE_BOX, DEFAULT_NUMBER_BOX, NUMBER_FIELD, preparePdf } from './prepare-pdf.js';

/** Everything signPdf needs but the key and the output: what Decree 30 puts into one signature's update. */
export type Decree30Update = Omit<SignPdfOptions, 'signer' | 'output'>;

const POINTS_PER_MM = 72 / 25.4;

export interface PersonSignatureLayout {
  readonly signerName: string;
  readonly signerPosition: string | null;
  /** Thẩm quyền ký for a signer who signs for another ("KT. CHỦ TỊCH"): printed first in the default box. */
  readonly signerAuthority?: string | null;
  readonly reason?: string;
  readonly signingTime: Date;
  readonly signatureImage: Uint8Array | null;
  readonly defaultSignerBox?: Box | undefined;
}

/**
 * The leader's signature (ô 7c): the blue image between the position line and the printed name on the last page,
 * found with pdf.js. Before it, the empty số and date fields (ô 3, ô 4) are added where page 1 prints "Số:" and the
 * date line, so that the seal can fill them; a draft without those lines gets them at Phụ lục I's default boxes.
 * `dir` receives the prepared copy when fields are added.
 */
export async function personSignatureUpdate(input: string, dir: string, layout: PersonSignatureLayout): Promise<Decree30Update> {
  const text = await firstAndLastPageText(await readFile(input));
  const { fields, lastPage } = inspect(input);
  let source = input;
  if (!fields.has(NUMBER_FIELD) && !fields.has(DATE_FIELD)) {
    const numberRect = text && numberBoxAfterLabel(text.first.items);
    const dateRect = text && dateLine(text.first.items)?.box;
    source = join(dir, 'prepared.pdf');
    preparePdf({
      input,
      output: source,
      numberBox: numberRect ? { pageIndex: 0, rect: numberRect } : DEFAULT_NUMBER_BOX,
      dateBox: dateRect ? { pageIndex: 0, rect: dateRect } : DEFAULT_DATE_BOX,
    });
  }
  const found = text && signerBoxAboveName(text.last.items, layout.signerName);
  const image = layout.signatureImage ?? undefined;
  let placement: SignaturePlacement;
  let lines: string[];
  if (found) {
    // The position and the name are printed on the page: the box holds the image only (or "Đã ký" and the name).
    placement = { pageIndex: lastPage.index, rect: found };
    lines = image ? [] : ['Đã ký', layout.signerName];
  } else {
    const [, bottom, right] = lastPage.mediaBox;
    const width = 220;
    placement = {
      pageIndex: lastPage.index,
      rect: layout.defaultSignerBox ?? [right - 20 * POINTS_PER_MM - width, bottom + 30 * POINTS_PER_MM, width, 130],
    };
    lines = [
      ...(layout.signerAuthority ? [layout.signerAuthority] : []),
      ...(layout.signerPosition ? [layout.signerPosition.toLocaleUpperCase('vi')] : []),
      ...(image ? [] : ['Đã ký']),
      layout.signerName,
    ];
  }
  return {
    input: source,
    placement,
    appearance: signerAppearance({ ...(image ? { image } : {}), lines }),
    ...(layout.reason ? { reason: layout.reason } : {}),
    signingTime: layout.signingTime,
  };
}

export interface AgencySealLayout {
  /** Written into the số field when there is one; null: the field is left as it is. */
  readonly numberAndSymbol: string | null;
  /** `yyyy-mm-dd`, written as "ngày … tháng … năm …" into the date field when there is one; null: left as it is. */
  readonly issuedDate: string | null;
  readonly issuingPlace: string | null;
  readonly sealImage: Uint8Array | null;
  readonly signingTime: Date;
  readonly reason?: string;
  /** The page whose signer's image the seal overlaps; default the last page, where Decree 30 puts the signature. */
  readonly pageIndex?: number;
  /**
   * A number or date to write and no field for it: the workflow seals anyway (a draft signed before fields were
   * added); a person who asked for the fill on the command line is told (FIELD_NOT_FOUND).
   */
  readonly missingField: 'skip' | 'fail';
}

/**
 * The agency's seal (ô 8): the red seal at actual size over the left third of the leader's image; the same update
 * fills số and the date and locks them with FieldMDP, so nothing can change them after issue.
 */
export async function agencySealUpdate(input: string, layout: AgencySealLayout): Promise<Decree30Update> {
  const { fields, lastPage } = inspect(input);
  // Page 1's text only when something is filled: reading it parses the whole file with pdf.js.
  let firstPageText: readonly PositionedText[] | undefined;
  const firstPage = async () => (firstPageText ??= (await firstAndLastPageText(await readFile(input)))?.first.items ?? []);
  const fills: FieldValue[] = [];
  const fillable = (name: string): boolean => {
    if (fields.has(name)) return true;
    if (layout.missingField === 'skip') return false;
    throw new SigningError(
      'FIELD_NOT_FOUND',
      `Không có trường "${name}" (chạy "eoffice pdf prepare" trước khi ký) / no field "${name}": run "eoffice pdf prepare" first`,
    );
  };
  if (layout.numberAndSymbol !== null && fillable(NUMBER_FIELD)) {
    // A draft without the "Số:" label got the field at the default box: the label goes into the field then.
    const labelled = numberBoxAfterLabel(await firstPage()) !== undefined;
    fills.push({ name: NUMBER_FIELD, text: labelled ? layout.numberAndSymbol : `Số: ${layout.numberAndSymbol}` });
  }
  if (layout.issuedDate !== null && fillable(DATE_FIELD)) {
    // The agency's place, else the one the draft printed before "ngày" (the field covers that whole line).
    const place = layout.issuingPlace ?? dateLine(await firstPage())?.place ?? null;
    const [year, month, day] = layout.issuedDate.split('-');
    const date = decree30DateText(`${day}/${month}/${year}`);
    fills.push({ name: DATE_FIELD, text: place ? `${place}, ${date}` : date });
  }
  let visible: Pick<SignPdfOptions, 'placement' | 'appearance'> = {};
  if (layout.sealImage) {
    const seal = layout.sealImage;
    const placement = withReader(input, (reader) => {
      try {
        return sealPlacement(reader, layout.pageIndex ?? lastPage.index, seal);
      } catch (error) {
        // Signed before signatures were visible: no image to overlap, so the seal stays invisible.
        if (error instanceof SigningError && error.code === 'FIELD_NOT_FOUND' && layout.missingField === 'skip') return undefined;
        throw error;
      }
    });
    if (placement) visible = { placement, appearance: sealAppearance(seal) };
  }
  const reason = layout.reason ?? (layout.numberAndSymbol ? `Ban hành ${layout.numberAndSymbol}` : undefined);
  return {
    input,
    ...visible,
    ...(fills.length > 0 ? { extraChanges: opaqueFieldFill(fills), lockFields: fills.map((f) => f.name) } : {}),
    ...(reason ? { reason } : {}),
    signingTime: layout.signingTime,
  };
}

/**
 * Attachments in separate files and copies (Phụ lục I): the given lines (số and ký hiệu, or the copy's form and the
 * agency), then the signing time in ISO 8601 +07:00, top-right of page 1 clear of its first lines, no image.
 */
export async function attachmentStampUpdate(
  input: string,
  stamp: { readonly lines: readonly string[]; readonly signingTime: Date; readonly reason?: string },
): Promise<Decree30Update> {
  const lines = [...stamp.lines, vietnamIso(stamp.signingTime)];
  const text = await firstAndLastPageText(await readFile(input));
  const reader = PdfReader.open(input, { allowRepair: false });
  let placement: SignaturePlacement;
  try {
    placement = await stampPlacement(reader, lines, text?.first.items ?? []);
  } finally {
    reader.close();
  }
  return {
    input,
    placement,
    appearance: stampAppearance(lines),
    ...(stamp.reason ? { reason: stamp.reason } : {}),
    signingTime: stamp.signingTime,
  };
}

/** One PAdES signature (ETSI EN 319 142-1 baseline: ETSI.CAdES.detached) carrying a Decree 30 update. */
export async function signDecree30Update(signer: Signer, update: Decree30Update, output: string) {
  return signPdf({ subFilter: 'ETSI.CAdES.detached', ...update, output, signer });
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
