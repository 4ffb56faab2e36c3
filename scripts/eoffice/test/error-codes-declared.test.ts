import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode } from '@eoffice/contract';
import { describeError } from '../src/exit-codes.js';
import { CliError } from '../src/command.js';
import { asCliError } from '../src/commands/pdf-args.js';
import { SigningError } from '@eoffice/signing';
import sqlite3 from 'sqlite3';
import { REPO_ROOT } from './run-eoffice.js';

/** Errors whose first argument is one of the contract's codes. */
const CONTRACT_ERRORS = new Set(['EOfficeError', 'CliError']);
/** packages/signing's own errors: the CLI reports their code as E_<code> (asCliError). */
const SIGNING_ERRORS = new Set(['SigningError', 'TokenError']);
/** Codes Node raises, not our code: the CLI reports them as they come (a missing file, a folder given as a file). */
const NODE_CODES = new Set(['ENOENT', 'EISDIR']);

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out', 'build', 'test', 'e2e']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !/\.(test|d)\.[a-z]+$/.test(entry.name) ? [path] : [];
  });
}

interface Raised {
  readonly code: string;
  readonly where: string;
}

/** Every code literal raised in the non-test source: error constructors' first argument, wire errors' `code`. */
function scanSources(): { contract: Raised[]; signing: Raised[] } {
  const contract: Raised[] = [];
  const signing: Raised[] = [];
  for (const file of ['packages', 'apps', 'scripts'].flatMap((root) => sourceFiles(join(REPO_ROOT, root)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${relative(REPO_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const literalsIn = (node: ts.Node, into: Raised[]): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) into.push({ code: node.text, where: where(node) });
      else ts.forEachChild(node, (child) => literalsIn(child, into));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.arguments?.[0]) {
        const name = node.expression.text;
        if (CONTRACT_ERRORS.has(name)) literalsIn(node.arguments[0], contract);
        if (SIGNING_ERRORS.has(name)) literalsIn(node.arguments[0], signing);
      }
      // `error: { code: 'E_…', message }`: a wire error written by hand (the web host's own answers).
      if (
        ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'code' &&
        ts.isObjectLiteralExpression(node.parent) && ts.isPropertyAssignment(node.parent.parent) &&
        ts.isIdentifier(node.parent.parent.name) && node.parent.parent.name.text === 'error'
      ) {
        literalsIn(node.initializer, contract);
      }
      // `errorCode: 'TSA_UNREACHABLE'`: a signing code handed to a helper that raises it (the LTV HTTP exchange).
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'errorCode') literalsIn(node.initializer, signing);
      // Any 'E_…' literal is one of our codes, wherever it is (a comparison, a table).
      if (ts.isStringLiteral(node) && /^E_[A-Z0-9_]+$/.test(node.text)) contract.push({ code: node.text, where: where(node) });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { contract, signing };
}

const raised = scanSources();

describe('every error code raised is declared in the contract', () => {
  it('finds the codes it scans for (the scan itself works)', () => {
    expect(raised.contract.map((r) => r.code)).toEqual(expect.arrayContaining(['E_NOT_FOUND', 'SECRET_NOT_EXCHANGEABLE', 'E_USAGE']));
    expect(raised.signing.map((r) => r.code)).toEqual(expect.arrayContaining(['PDF_MALFORMED', 'PIN_INCORRECT']));
  });

  it('declares each code passed to EOfficeError / CliError or written in a wire error', () => {
    expect(raised.contract.filter((r) => !isErrorCode(r.code))).toEqual([]);
  });

  it('declares E_<code> for each code packages/signing raises (the CLI reports it so)', () => {
    expect(raised.signing.filter((r) => !isErrorCode(`E_${r.code}`))).toEqual([]);
  });

  it('declares no code that nothing raises', () => {
    const used = new Set([...raised.contract.map((r) => r.code), ...raised.signing.map((r) => `E_${r.code}`), ...NODE_CODES]);
    expect(ERROR_CODES.filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('CLI exit codes from the table', () => {
  it('exits 2 for bad input and 1 for refusals and failures', () => {
    expect(describeError(new CliError('E_USAGE', 'x')).exitCode).toBe(2);
    expect(describeError(new CliError('E_NOT_FOUND', 'x')).exitCode).toBe(1);
    expect(describeError(asCliError(new SigningError('PDF_MALFORMED', 'x')))).toEqual({ code: 'E_PDF_MALFORMED', message: 'x', exitCode: 2 });
    expect(describeError(asCliError(new SigningError('FIELD_EXISTS', 'x')))).toEqual({ code: 'E_FIELD_EXISTS', message: 'x', exitCode: 1 });
    expect(describeError(Object.assign(new Error('no such file'), { code: 'ENOENT' })).exitCode).toBe(2);
    // Another writer held the lock past the wait: a conflict to retry, told as the contract tells it, not SQLite's code.
    expect(describeError(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toMatchObject({ code: 'E_CONFLICT', exitCode: 1 });
    expect(describeError(new Error('bug'))).toEqual({ code: 'E_INTERNAL', message: 'bug', exitCode: 1 });
  });

  it("tells SQLite's unique-key refusal (a race lost to another writer) as E_CONFLICT, and a NOT NULL one under its own code", async () => {
    const db = new sqlite3.Database(':memory:');
    const run = (text: string) => new Promise<unknown>((resolve) => db.run(text, (error) => resolve(error)));
    try {
      await run('create table t (k text primary key, n text not null)');
      await run("insert into t values ('a', 'n')");
      expect(describeError(await run("insert into t values ('a', 'n')"))).toMatchObject({ code: 'E_CONFLICT', exitCode: 1 });
      expect(describeError(await run("insert into t values ('b', null)"))).toMatchObject({ code: 'SQLITE_CONSTRAINT', exitCode: 1 });
    } finally {
      await new Promise((resolve) => db.close(resolve));
    }
  });
});
