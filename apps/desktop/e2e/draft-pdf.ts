import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAKE_DRAFT = fileURLToPath(new URL('../../../scripts/demo/make-decree30-draft.ts', import.meta.url));

/**
 * A one-page draft laid out like a Decree 30 decision (scripts/demo), so signing finds where ô 7c and ô 8 go, issued
 * by the demo seed's agency so that it passes the format check before approval (Phụ lục I).
 */
export function makeDraftPdf(dir: string, file: string, subject: string): Promise<string> {
  const out = join(dir, file);
  return new Promise((resolve, reject) => {
    // The head (Giám đốc) signs in their own right: no authority prefix before the position.
    const args = [MAKE_DRAFT, out, subject, 'Giám đốc', 'Trần Quốc Hùng', 'Sở Nội vụ tỉnh Demo', '', 'Quyết định', 'SNV'];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`make-decree30-draft failed (${code}): ${stderr}`))));
  });
}
