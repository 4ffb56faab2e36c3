import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../lifecycle.sh', import.meta.url));

function run(workDir: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    // The same CLI as `pnpm --silent eoffice`, started without pnpm's own start-up cost.
    const cli = `${process.execPath} ${fileURLToPath(new URL('../../eoffice/dist/eoffice.mjs', import.meta.url))}`;
    const child = spawn('bash', [SCRIPT, workDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EOFFICE_CLI: cli },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('scripts/demo/lifecycle.sh', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  // Every step is one `pnpm eoffice` process with a real SoftHSM2 token; slow on a busy machine, hence the timeout
  // (no timing assertion).
  it('drives an outgoing and incoming documents through every state; the wrong role is refused with no change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-lifecycle-'));
    dirs.push(dir);
    const { code, out } = await run(join(dir, 'work'));
    if (code !== 0) throw new Error(`lifecycle.sh exited ${code}:\n${out}`);
    for (const state of ['draft', 'submitted', 'returned', 'approved', 'signed', 'issued', 'dispatched', 'archived']) {
      expect(out).toMatch(new RegExp(`→ ${state}\\n`));
    }
    for (const state of ['received', 'verified', 'registered', 'presented', 'assigned', 'in_progress', 'completed', 'filed', 'rejected']) {
      expect(out).toMatch(new RegExp(`→ ${state}\\n`));
    }
    expect(out).toMatch(/exit 1: E_FORBIDDEN: /);
    expect(out).toMatch(/vẫn là \/ still submitted/);
    expect(out).toMatch(/số \/ number 01\/QĐ-UBND/);
    expect(out).toMatch(/removed by the recall/);
    expect(out).toMatch(/pdfsig: 2 chữ ký hợp lệ/);
    expect(out).toMatch(/number and date on the document: Số: 01\/QĐ-UBND;Tỉnh Demo, ngày \d{2} tháng \d{1,2} năm \d{4}\n/);
    expect(out).toMatch(/signature image set/);
    expect(out).toMatch(/chữ ký \/ signatures: \[\{"kind":"received","valid":true/);
    expect(out).toMatch(/audit chain intact/);
  }, 40 * 60_000);
});
