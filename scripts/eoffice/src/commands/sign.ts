import { readFileSync } from 'node:fs';
import {
  DATE_FIELD,
  NUMBER_FIELD,
  PdfReader,
  decree30DateText,
  fillTextFields,
  isoVietnam,
  sealAppearance,
  sealPlacement,
  signPdf,
  signerAppearance,
  stampAppearance,
  stampPlacement,
  type FieldValue,
  type SignPdfOptions,
  type SignaturePlacement,
} from '@eoffice/signing';
import { CliError, type CliIo, type Command, type OptionValues } from '../command.js';
import { asCliError, parseRect } from './pdf-args.js';
import { SIGNER_OPTIONS, SIGNER_USAGE, resolveSigner } from './resolve-signer.js';

type AppearanceKind = 'signer' | 'seal' | 'stamp';

/**
 * `eoffice sign`: one PAdES signature as an incremental update. --appearance signer (blue signature + position and
 * name), seal (red seal at actual size over the signer's signature; --fill fills số/date and locks them), stamp
 * (attachments and copies: text top-right of page 1). No --rect and no --appearance: an invisible signature.
 */
export const signCommand: Command = {
  name: 'sign',
  summary: 'Ký số tệp PDF (PAdES, cập nhật gia tăng) / sign a PDF (PAdES, incremental update)',
  usage:
    `sign <in.pdf> --out <out.pdf> ${SIGNER_USAGE} [--page N --rect x,y,w,h] [--image png] ` +
    '[--appearance signer|seal|stamp] [--text line]... [--fill number=<text> --fill date=<dd/MM/yyyy>] [--reason text] ' +
    '[--field name] [--sub-filter ETSI.CAdES.detached|adbe.pkcs7.detached] [--json]',
  options: {
    ...SIGNER_OPTIONS,
    out: { type: 'string' },
    page: { type: 'string' },
    rect: { type: 'string' },
    image: { type: 'string' },
    appearance: { type: 'string' },
    text: { type: 'string', multiple: true },
    fill: { type: 'string', multiple: true },
    reason: { type: 'string' },
    field: { type: 'string' },
    'sub-filter': { type: 'string' },
  },
  positionals: [1, 1],
  async run(context) {
    const input = context.positionals[0] as string;
    const { values, io } = context;
    const out = values.out;
    if (typeof out !== 'string') throw new CliError('E_USAGE', `Thiếu --out / missing --out (eoffice ${signCommand.usage})`);
    const options = await signingOptions(input, out, values, io);
    const resolved = await resolveSigner(values, io).catch((error: unknown) => {
      throw asCliError(error);
    });
    try {
      const result = await signPdf({ ...options, signer: resolved.signer });
      io.stdout(
        context.json
          ? `${JSON.stringify({ out: result.output, field: result.fieldName, sha256: result.sha256 })}\n`
          : `Đã ký / signed: ${result.output} (trường / field "${result.fieldName}", sha256 ${result.sha256})\n`,
      );
      return 0;
    } catch (error) {
      throw asCliError(error);
    } finally {
      await resolved.close();
    }
  },
};

/** Everything but the key, checked before the PIN is asked for. */
async function signingOptions(input: string, output: string, values: OptionValues, io: CliIo): Promise<Omit<SignPdfOptions, 'signer'>> {
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const list = (name: string): string[] => (Array.isArray(values[name]) ? (values[name] as string[]) : []);
  const appearance = (str('appearance') ?? (str('rect') || str('image') ? 'signer' : undefined)) as AppearanceKind | undefined;
  if (appearance && !['signer', 'seal', 'stamp'].includes(appearance)) {
    throw new CliError('E_USAGE', `--appearance là signer, seal hoặc stamp / --appearance is signer, seal or stamp: "${appearance}"`);
  }
  const subFilter = str('sub-filter') ?? 'ETSI.CAdES.detached';
  if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
    throw new CliError('E_USAGE', `--sub-filter không hỗ trợ / unsupported --sub-filter: ${subFilter}`);
  }
  const pageText = str('page') ?? '1';
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw new CliError('E_USAGE', `--page cần số trang từ 1 / --page wants a page number from 1: "${pageText}"`);
  const rect = str('rect') ? parseRect(str('rect')!) : undefined;
  const image = str('image') ? readImage(str('image')!) : undefined;
  const texts = list('text');
  const signingTime = clockNow(io);
  const fills = list('fill').map(parseFill);

  let placement: SignaturePlacement | undefined = rect ? { pageIndex: page - 1, rect } : undefined;
  let build: SignPdfOptions['appearance'];
  if (appearance === 'signer') {
    if (!placement) throw new CliError('E_USAGE', '--appearance signer cần --rect x,y,w,h / needs --rect');
    build = signerAppearance({ image, lines: texts });
  } else if (appearance === 'seal') {
    if (!image) throw new CliError('E_USAGE', '--appearance seal cần --image <ảnh dấu PNG> / needs --image <seal PNG>');
    placement ??= withReader(input, (reader) => sealPlacement(reader, page - 1, image));
    build = sealAppearance(image);
  } else if (appearance === 'stamp') {
    if (texts.length === 0) {
      throw new CliError('E_USAGE', '--appearance stamp cần --text (số, ký hiệu hoặc hình thức sao; cơ quan) / needs --text lines');
    }
    const lines = [...texts, isoVietnam(signingTime)];
    placement ??= await withReaderAsync(input, (reader) => stampPlacement(reader, lines));
    build = stampAppearance(lines);
  }
  return {
    input,
    output,
    fieldName: str('field'),
    placement,
    appearance: build,
    extraChanges: fills.length > 0 ? fillTextFields(fills) : undefined,
    lockFields: fills.map((f) => f.name),
    subFilter,
    reason: str('reason'),
    signingTime,
  };
}

function parseFill(text: string): FieldValue {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : '';
  const value = eq > 0 ? text.slice(eq + 1) : '';
  if (name === NUMBER_FIELD && value !== '') return { name, text: value };
  if (name === DATE_FIELD) {
    try {
      return { name, text: decree30DateText(value) };
    } catch (error) {
      throw new CliError('E_USAGE', (error as Error).message);
    }
  }
  throw new CliError('E_USAGE', `--fill cần number=<số> hoặc date=<dd/MM/yyyy> / --fill wants number=<text> or date=<dd/MM/yyyy>: "${text}"`);
}

function readImage(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    throw new CliError('E_FILE_UNREADABLE', `Không đọc được ảnh / cannot read the image: ${file}`);
  }
}

/** One clock: EOFFICE_NOW (ISO 8601) overrides now, as everywhere else (DESIGN.md §2.11). */
function clockNow(io: CliIo): Date {
  const override = io.env.EOFFICE_NOW;
  if (!override) return new Date();
  const t = new Date(override);
  if (Number.isNaN(t.getTime())) throw new CliError('E_INVALID_INPUT', `EOFFICE_NOW không phải thời điểm ISO 8601 / not an ISO 8601 time: ${override}`);
  return t;
}

function withReader<T>(file: string, use: (reader: PdfReader) => T): T {
  let reader: PdfReader;
  try {
    reader = PdfReader.open(file);
  } catch (error) {
    throw asCliError(error);
  }
  try {
    return use(reader);
  } catch (error) {
    throw asCliError(error);
  } finally {
    reader.close();
  }
}

async function withReaderAsync<T>(file: string, use: (reader: PdfReader) => Promise<T>): Promise<T> {
  let reader: PdfReader;
  try {
    reader = PdfReader.open(file);
  } catch (error) {
    throw asCliError(error);
  }
  try {
    return await use(reader);
  } catch (error) {
    throw asCliError(error);
  } finally {
    reader.close();
  }
}
