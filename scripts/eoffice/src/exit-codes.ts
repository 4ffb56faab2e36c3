import { exitCodeOf, isEOfficeError, isErrorCode } from '@eoffice/contract/errors';
import { storeConflictOf } from '@eoffice/docs-core';
import { CliError } from './command.js';

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: 1 | 2;
}

export function describeError(error: unknown): ReportedError {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  // A command that lost a race to another writer (an `eoffice` command beside a running app, or two workstations on
  // the agency server) is told E_CONFLICT, as the contract tells a window, not the database's own code.
  const conflict = storeConflictOf(error);
  if (conflict) return describeError(conflict);
  if (isEOfficeError(error) || hasCode(error)) {
    const code = String(error.code);
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return {
      code,
      message: oneLine(error.message),
      // A code the contract does not declare (a library's own) is a failure: exit 1.
      exitCode: exitCode === 1 || exitCode === 2 ? exitCode : isErrorCode(code) ? exitCodeOf(code) : 1,
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
