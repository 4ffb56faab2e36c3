import { execFile } from 'node:child_process';

/**
 * Tesseract, run as a child process per page: a page that hangs or a model that crashes takes down only its own
 * process, which the time limit kills. The engine is Debian's `tesseract-ocr` with `tesseract-ocr-vie`.
 */
export interface OcrEngineConfig {
  /** The tesseract program; `EOFFICE_TESSERACT` or `tesseract` on the PATH. */
  readonly command: string;
  /** Models, `vie+eng` by default: Vietnamese text with Latin abbreviations and numbers. */
  readonly languages: string;
  /** Wall-clock limit per page; the child is killed past it and the page counts as failed. */
  readonly pageTimeoutMs: number;
  /** Resolution pages are rasterised at: 300 dpi is what Tesseract's models were trained for. */
  readonly dpi: number;
}

export const DEFAULT_OCR_CONFIG: OcrEngineConfig = {
  command: 'tesseract',
  languages: 'vie+eng',
  pageTimeoutMs: 120_000,
  dpi: 300,
};

/** The engine's configuration with the one override a machine may set (where tesseract is). */
export function ocrConfigFromEnvironment(env: Readonly<Record<string, string | undefined>>, base: OcrEngineConfig = DEFAULT_OCR_CONFIG): OcrEngineConfig {
  const command = env.EOFFICE_TESSERACT?.trim();
  return command ? { ...base, command } : base;
}

export type OcrEngineStatus =
  | { readonly available: true; readonly version: string; readonly languages: readonly string[] }
  | { readonly available: false; readonly reason: string };

/** Whether the engine runs here with every model asked for; never throws (a missing engine is a status, not a crash). */
export async function detectOcrEngine(config: OcrEngineConfig = DEFAULT_OCR_CONFIG): Promise<OcrEngineStatus> {
  let listed: string;
  let version: string;
  try {
    version = (await run(config.command, ['--version'], 10_000)).split('\n')[0]?.trim() ?? '';
    listed = await run(config.command, ['--list-langs'], 10_000);
  } catch (error) {
    return {
      available: false,
      reason: `Chưa cài Tesseract (gói tesseract-ocr, tesseract-ocr-vie) / Tesseract is not installed or does not run: ${messageOf(error)}`,
    };
  }
  const installed = listed.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  const missing = config.languages.split('+').filter((l) => !installed.includes(l));
  if (missing.length > 0) {
    return {
      available: false,
      reason: `Thiếu mô hình ngôn ngữ ${missing.join(', ')} (gói tesseract-ocr-${missing[0]}) / Tesseract lacks the language model(s): ${missing.join(', ')}`,
    };
  }
  return { available: true, version, languages: installed };
}

/** Reads one page image; the text as Tesseract gives it (NFC), or throws with the reason (time limit, crash). */
export async function readImage(imagePath: string, config: OcrEngineConfig = DEFAULT_OCR_CONFIG): Promise<string> {
  const text = await run(config.command, [imagePath, 'stdout', '-l', config.languages, '--psm', '3'], config.pageTimeoutMs);
  return text.normalize('NFC');
}

/**
 * Writes a searchable PDF of the images listed in `listPath` (one path a line) to `outBase.pdf`: each page is the
 * image with the recognised text drawn invisibly over it (Tesseract's own PDF renderer). `--dpi`: the images'
 * resolution, which sets the page size (a JPEG's own density field is not always there).
 */
export async function writeSearchablePdf(listPath: string, outBase: string, pages: number, config: OcrEngineConfig = DEFAULT_OCR_CONFIG): Promise<void> {
  await run(config.command, [listPath, outBase, '-l', config.languages, '--psm', '3', '--dpi', String(config.dpi), 'pdf'], config.pageTimeoutMs * Math.max(1, pages));
}

export class OcrTimeoutError extends Error {}

/**
 * One child process. OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads would take every core of a shared machine and
 * make search wait; one page on one core keeps the app responsive while the queue runs.
 */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (error.killed || error.signal === 'SIGKILL') {
          return reject(new OcrTimeoutError(`Quá thời gian ${Math.round(timeoutMs / 1000)} s cho một trang / page took longer than ${timeoutMs} ms`));
        }
        const detail = String(stderr ?? '').trim().split('\n').slice(-2).join(' ');
        reject(new Error(`${error.message}${detail ? `: ${detail}` : ''}`.slice(0, 500)));
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
