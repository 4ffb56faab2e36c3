import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DATE_FIELD,
  NUMBER_FIELD,
  agencySealUpdate,
  attachmentStampUpdate,
  fillTextFields,
  personSignatureUpdate,
  signPdf,
  signerAppearance,
  type FieldValue,
  type SignPdfOptions,
  type SubFilter,
} from '@eoffice/signing';
import { InvalidVietnamDateError, decree30DateText, nowFromEnvironment } from '@eoffice/vietnamese';
import { CliError, type CliIo, type CommandContext, type OptionValues } from '../command.js';
import { asCliError, checkOutPath, parseRect } from './pdf-args.js';
import { resolveSigner } from './resolve-signer.js';

type AppearanceKind = 'signer' | 'seal' | 'stamp';

/**
 * `eoffice sign`: one PAdES signature as an incremental update. --appearance signer (blue signature + position and
 * name), seal (red seal at actual size over the signer's signature; --fill fills số/date and locks them), stamp
 * (attachments and copies: text top-right of page 1). No --rect and no --appearance: an invisible signature.
 */
export async function runSign(context: CommandContext): Promise<number> {
  const input = context.positionals[0] as string;
  const { values, io } = context;
  const out = values.out;
  if (typeof out !== 'string') throw new CliError('E_USAGE', `Thiếu --out / missing --out (eoffice ${context.command.usage})`);
  // Before the PIN is asked for: a refused output must not cost the signer a PIN entry (the writer checks again).
  checkOutPath(out);
  // A draft that gets its số and date fields is prepared into a private scratch folder, removed whatever happens.
  const scratch = await mkdtemp(join(tmpdir(), 'eoffice-sign-'));
  try {
    return await signWith(context, await signingOptions(input, out, scratch, values, io));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function signWith(context: CommandContext, options: Omit<SignPdfOptions, 'signer'>): Promise<number> {
  const { values, io } = context;
  const resolved = await resolveSigner(values, io).catch((error: unknown) => {
    throw asCliError(error);
  });
  try {
    const result = await signPdf({ ...options, signer: resolved.signer });
    if (result.warning) io.stderr(`Cảnh báo / warning: ${result.warning}\n`);
    io.stdout(
      context.json
        ? `${JSON.stringify({ out: result.output, field: result.fieldName, sha256: result.sha256, level: result.level, timestampTime: result.timestampTime, warning: result.warning })}\n`
        : `Đã ký / signed: ${result.output} (trường / field "${result.fieldName}", ${result.level}, sha256 ${result.sha256})\n`,
    );
    return 0;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await resolved.close();
  }
}

/** Everything but the key, checked before the PIN is asked for. */
async function signingOptions(input: string, output: string, scratch: string, values: OptionValues, io: CliIo): Promise<Omit<SignPdfOptions, 'signer'>> {
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const list = (name: string): string[] => (Array.isArray(values[name]) ? (values[name] as string[]) : []);
  const appearance = (str('appearance') ?? (str('rect') || str('image') ? 'signer' : undefined)) as AppearanceKind | undefined;
  if (appearance && !['signer', 'seal', 'stamp'].includes(appearance)) {
    throw new CliError('E_USAGE', `--appearance là signer, seal hoặc stamp / --appearance is signer, seal or stamp: "${appearance}"`);
  }
  const subFilter = (str('sub-filter') ?? 'ETSI.CAdES.detached') as SubFilter;
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
  const tsaFailure = str('tsa-failure') ?? 'fail';
  if (tsaFailure !== 'fail' && tsaFailure !== 'sign-without') {
    throw new CliError('E_USAGE', `--tsa-failure là fail hoặc sign-without / --tsa-failure is fail or sign-without: "${tsaFailure}"`);
  }
  if (str('tsa-failure') && !str('tsa')) throw new CliError('E_USAGE', '--tsa-failure cần --tsa URL / --tsa-failure needs --tsa URL');
  const timestamp = str('tsa') ? { timestamp: { url: str('tsa')!, onUnreachable: tsaFailure } as const } : {};
  const common = { input, output, fieldName: str('field'), subFilter, reason: str('reason'), signingTime, ...timestamp };

  if (appearance === 'signer') {
    if (rect) return { ...common, placement: { pageIndex: page - 1, rect }, appearance: signerAppearance({ image, lines: texts }), ...fillsOf(fills) };
    // No box given: Decree 30's layout finds it, exactly as `doc sign` does (the last --text is the printed name).
    const signerName = texts.at(-1);
    if (!signerName) throw new CliError('E_USAGE', '--appearance signer cần --rect x,y,w,h hoặc --text <họ tên> / needs --rect or --text <full name>');
    const update = await personSignatureUpdate(input, scratch, {
      signerName,
      signerPosition: texts.length > 1 ? texts.slice(0, -1).join(' ') : null,
      signingTime,
      signatureImage: image ?? null,
      reason: str('reason'),
    }).catch((error: unknown) => {
      throw asCliError(error);
    });
    return { ...common, ...update, ...fillsOf(fills) };
  }
  if (appearance === 'seal') {
    if (!image) throw new CliError('E_USAGE', '--appearance seal cần --image <ảnh dấu PNG> / needs --image <seal PNG>');
    const number = fills.find((f) => f.name === NUMBER_FIELD)?.text ?? null;
    const date = fills.find((f) => f.name === DATE_FIELD)?.date ?? null;
    // The same update as `doc issue`: the seal over the signer's image, số and the date filled and locked.
    const update = await agencySealUpdate(input, {
      numberAndSymbol: number,
      issuedDate: date,
      issuingPlace: null,
      sealImage: image,
      signingTime,
      pageIndex: page - 1,
      missingField: 'fail',
      reason: str('reason'),
    }).catch((error: unknown) => {
      throw asCliError(error);
    });
    return { ...common, ...update, ...(rect ? { placement: { pageIndex: page - 1, rect } } : {}) };
  }
  if (appearance === 'stamp') {
    if (texts.length === 0) {
      throw new CliError('E_USAGE', '--appearance stamp cần --text (số, ký hiệu hoặc hình thức sao; cơ quan) / needs --text lines');
    }
    const update = await attachmentStampUpdate(input, { lines: texts, signingTime, reason: str('reason') }).catch((error: unknown) => {
      throw asCliError(error);
    });
    return { ...common, ...update, ...(rect ? { placement: { pageIndex: page - 1, rect } } : {}), ...fillsOf(fills) };
  }
  return { ...common, ...fillsOf(fills) };
}

/** Fills given with --fill on a signature other than the seal: form filling in the same update, locked by it. */
function fillsOf(fills: readonly ParsedFill[]): Pick<SignPdfOptions, 'extraChanges' | 'lockFields'> {
  return fills.length > 0 ? { extraChanges: fillTextFields(fills), lockFields: fills.map((f) => f.name) } : {};
}

interface ParsedFill extends FieldValue {
  /** `yyyy-mm-dd` of a date fill. */
  readonly date?: string;
}

function parseFill(text: string): ParsedFill {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : '';
  const value = eq > 0 ? text.slice(eq + 1) : '';
  if (name === NUMBER_FIELD && value !== '') return { name, text: value };
  if (name === DATE_FIELD) {
    try {
      const [day, month, year] = value.split('/');
      return { name, text: decree30DateText(value), date: `${year}-${month}-${day}` };
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

/** The one clock (EOFFICE_NOW, zone-less read as +07:00); a malformed value is bad input. */
function clockNow(io: CliIo): Date {
  try {
    return nowFromEnvironment(io.env);
  } catch (error) {
    if (error instanceof InvalidVietnamDateError) throw new CliError('E_INVALID_INPUT', error.message);
    throw error;
  }
}
