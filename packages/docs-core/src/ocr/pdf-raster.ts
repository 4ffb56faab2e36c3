import { execFile } from 'node:child_process';

/**
 * Rasterises pages of a PDF with poppler's pdftoppm: grayscale PNG (lossless, what Tesseract reads best) or JPEG
 * (for the reader copy, where size matters). One child process per call, killed past its time limit.
 */
export interface RasterOptions {
  readonly dpi: number;
  readonly format: 'png' | 'jpeg';
  /** JPEG quality, 1–100. */
  readonly jpegQuality?: number;
  readonly timeoutMs: number;
  readonly command?: string;
}

/** Writes page `page` (1-based) of `pdfPath` to `outBase.png` / `outBase.jpg` and returns that path. */
export function rasterisePage(pdfPath: string, page: number, outBase: string, options: RasterOptions): Promise<string> {
  const args = ['-r', String(options.dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile'];
  if (options.format === 'png') args.push('-png');
  else args.push('-jpeg', '-jpegopt', `quality=${options.jpegQuality ?? 75}`);
  args.push(pdfPath, outBase);
  return new Promise((resolve, reject) => {
    execFile(options.command ?? 'pdftoppm', args, { timeout: options.timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (!error) return resolve(`${outBase}.${options.format === 'png' ? 'png' : 'jpg'}`);
      const reason = error.killed ? `quá thời gian / timed out after ${options.timeoutMs} ms` : `${error.message} ${String(stderr ?? '').trim()}`;
      reject(new Error(`Không chuyển được trang ${page} thành ảnh / pdftoppm failed on page ${page}: ${reason}`.slice(0, 500)));
    });
  });
}
