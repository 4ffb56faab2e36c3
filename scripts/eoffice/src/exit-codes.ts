import { isEOfficeError } from '@eoffice/contract';
import { CliError } from './command.js';

/** Error codes that mean "the input was wrong" (exit 2) rather than "the action was refused" (exit 1). */
const INPUT_ERROR_CODES = new Set(['E_USAGE', 'E_INVALID_INPUT', 'E_FILE_UNREADABLE', 'E_PDF_UNREADABLE', 'E_IMAGE_INVALID', 'ENOENT', 'EISDIR']);

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: 1 | 2;
}

export function describeError(error: unknown): ReportedError {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (isEOfficeError(error) || hasCode(error)) {
    const code = String(error.code);
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return {
      code,
      message: oneLine(error.message),
      exitCode: exitCode === 1 || exitCode === 2 ? exitCode : INPUT_ERROR_CODES.has(code) ? 2 : 1,
    };
  }
  return { code: 'E_INTERNAL', message: oneLine(error instanceof Error ? error.message : String(error)), exitCode: 1 };
}

function hasCode(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
