import { execFileSync } from 'node:child_process';

/** Runs a poppler/qpdf tool; a missing tool fails the test naming the Debian package, never a silent skip. */
export function runTool(tool: 'pdftotext' | 'pdfinfo' | 'qpdf' | 'pdftoppm', args: readonly string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const pkg = tool === 'qpdf' ? 'qpdf' : 'poppler-utils';
      throw new Error(`${tool} không có trên máy / ${tool} is missing: install the Debian package ${pkg}`);
    }
    throw error;
  }
}

/** Text in content order with every run of whitespace made one space: cells wrapped over lines read as one string. */
export function rawText(pdfPath: string): string {
  return runTool('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-']).replace(/\s+/g, ' ');
}

export function layoutText(pdfPath: string): string {
  return runTool('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']);
}
