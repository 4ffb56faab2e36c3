import { join } from 'node:path';
import { runCli } from './run-cli.js';

/**
 * A one-page draft laid out like a Decree 30 decision (`eoffice demo draft`), so signing finds where ô 7c and ô 8 go,
 * issued by the demo seed's agency so that it passes the format check before approval (Phụ lục I).
 */
export async function makeDraftPdf(dir: string, file: string, subject: string): Promise<string> {
  const out = join(dir, file);
  // The head (Giám đốc) signs in their own right: no authority line before the position.
  const run = await runCli([
    'demo', 'draft', out, '--subject', subject, '--position', 'Giám đốc', '--name', 'Trần Quốc Hùng',
    '--issuer', 'Sở Nội vụ tỉnh Demo', '--authority', '', '--type', 'Quyết định', '--abbr', 'SNV',
  ]);
  if (run.code !== 0) throw new Error(`eoffice demo draft failed (${run.code}): ${run.stderr}`);
  return out;
}
