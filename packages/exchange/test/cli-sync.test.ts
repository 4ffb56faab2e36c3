import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncStatus } from '@eoffice/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { AxisClient } from '../src/index.js';
import { issueDocument, makeEndpoint, makeIdentity, sealIdentityOf } from './endpoint.js';
import { CLI_BUNDLE, runEoffice, type CliRun } from './run-cli.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const A = '000.00.01.Z99';
const B = '000.00.02.Z99';
const SECRET_A = 'bi-mat-cua-A-khong-bao-gio-in-ra';
const SECRET_B = 'bi-mat-cua-B-khong-bao-gio-in-ra';

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** `eoffice axis serve` on a random port, as a separate process; resolves with its URL. */
async function serveAxis(dir: string): Promise<string> {
  const systems = join(dir, 'systems.json');
  const agencies = join(dir, 'agencies.json');
  await writeFile(systems, JSON.stringify([{ systemId: A, secret: SECRET_A, organIds: [A] }, { systemId: B, secret: SECRET_B, organIds: [B] }]));
  await writeFile(agencies, JSON.stringify({ endpoints: [{ code: A, name: 'UBND tỉnh Demo A' }, { code: B, name: 'UBND tỉnh Demo B' }] }));
  const child = spawn(process.execPath, [CLI_BUNDLE, 'axis', 'serve', '--port', '0', '--data', join(dir, 'axis'), '--systems', systems, '--agencies', agencies, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve((JSON.parse(out) as { url: string }).url);
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`axis serve exited ${code}: ${err}`)));
  });
}

interface PassJson {
  ok: boolean;
  error: string | null;
  sent: { sent: number; retrying: number; failed: number; quarantined: number };
  received: { stored: number; statuses: number; duplicates: number; quarantined: number; failed: number };
}

function passOf(run: CliRun): PassJson {
  expect(run.stderr + run.stdout).not.toMatch(/bi-mat-cua/);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as PassJson;
}

describe('eoffice sync against eoffice axis serve', () => {
  it('--once sends, receives and reports (exit 0, or 1 with the quarantined message named); sync status --json shows the queues; the secret never appears', async () => {
    const dir = work();
    const url = await serveAxis(dir);
    const leaderA = await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a');
    const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', leaderA);
    const b = await makeEndpoint(join(dir, 'b'), B, 'UBND tỉnh Demo B', await makeIdentity(dir, 'Trần Văn Bình', 'pki-b'));
    // B trusts A's two roots (the leader's and the seal's), as an agency installs the national CA.
    const trust = join(dir, 'trust-b');
    await mkdir(trust);
    await copyFile(leaderA.rootPem, join(trust, 'leader-root.pem'));
    await copyFile((await sealIdentityOf(a.dataDir)).rootPem, join(trust, 'seal-root.pem'));
    let issued;
    try {
      issued = await issueDocument(a, [B]);
      await a.as('vanthu').services.documents.dispatch({ id: issued.id });
    } finally {
      await a.close();
      await b.close();
    }
    const env = { EOFFICE_SECRET_A: SECRET_A, EOFFICE_SECRET_B: SECRET_B, EOFFICE_TRUST_DIR: trust };
    const sync = (dataDir: string, systemId: string, secretEnv: string, extra: string[] = []) =>
      runEoffice(['sync', '--once', '--json', '--data-dir', dataDir, '--axis', url, '--system-id', systemId, '--secret-env', secretEnv, ...extra], env);
    const status = async (dataDir: string) => {
      const run = await runEoffice(['sync', 'status', '--json', '--data-dir', dataDir], env);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as SyncStatus;
    };

    const sentA = await sync(a.dataDir, A, 'EOFFICE_SECRET_A');
    expect(sentA.code).toBe(0);
    expect(passOf(sentA)).toMatchObject({ ok: true, sent: { sent: 1 } });
    const atA = await status(a.dataDir);
    expect(atA.outgoing).toEqual({ pending: 0, sent: 1, failed: 0, quarantined: 0 });
    expect(atA.lastOkAt).not.toBeNull();

    // A message that is not edXML, sent to B beside the real one: B takes the real one and quarantines the other.
    const junk = join(dir, 'junk.edxml');
    await writeFile(junk, '<khong-phai-edxml/>');
    await new AxisClient({ endpoint: url, systemId: A, secret: SECRET_A }).sendEdoc(junk, { from: A, to: B, messagetype: 'edoc' });
    const takenB = await sync(b.dataDir, B, 'EOFFICE_SECRET_B');
    expect(takenB.code).toBe(1);
    expect(passOf(takenB)).toMatchObject({ ok: false, received: { stored: 1, quarantined: 1, failed: 0 } });
    const atB = await status(b.dataDir);
    expect(atB.incoming).toMatchObject({ stored: 1, quarantined: 1 });
    expect(atB.quarantine).toHaveLength(1);
    expect(atB.quarantine[0]).toMatchObject({ messageType: 'edoc', errorCode: expect.stringMatching(/^E_/) });
    // The 01 (arrived) was queued while receiving: it leaves on the next pass; the quarantined message is not taken again.
    expect(atB.outgoing).toMatchObject({ pending: 1 });
    const againB = await sync(b.dataDir, B, 'EOFFICE_SECRET_B');
    expect(againB.code).toBe(0);
    expect(passOf(againB)).toMatchObject({ ok: true, sent: { sent: 1 }, received: { stored: 0, quarantined: 0 } });

    const statusesA = await sync(a.dataDir, A, 'EOFFICE_SECRET_A');
    expect(passOf(statusesA)).toMatchObject({ ok: true, received: { statuses: 1 } });

    // A wrong secret: the axis refuses, the pass fails with exit 1, and nothing is lost from the queue.
    const refused = await runEoffice(['sync', '--once', '--json', '--data-dir', b.dataDir, '--axis', url, '--system-id', B, '--secret-env', 'EOFFICE_SECRET_A'], env);
    expect(refused.code).toBe(1);
    expect(passOf(refused).error).toMatch(/E_AXIS_REFUSED/);
    // No secret at all: a usage error before anything is opened (exit 2), the variable named, not its value.
    const missing = await runEoffice(['sync', '--once', '--data-dir', b.dataDir, '--axis', url, '--system-id', B, '--secret-env', 'EOFFICE_KHONG_CO'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/E_AXIS_SECRET_MISSING/);
  }, 120_000);

  it('without --once it passes every --interval until SIGTERM, then exits 0', async () => {
    const dir = work();
    const url = await serveAxis(dir);
    const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a'));
    await a.close();
    const child = spawn(process.execPath, [CLI_BUNDLE, 'sync', '--json', '--interval', '0.2', '--data-dir', a.dataDir, '--axis', url, '--system-id', A, '--secret-env', 'EOFFICE_SECRET_A'], {
      env: { ...process.env, EOFFICE_SECRET_A: SECRET_A },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let out = '';
    let exitedEarly: number | null = null;
    child.on('exit', (code) => (exitedEarly ??= code));
    // Three passes (one JSON line each) while it keeps running.
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.split('\n').length > 3) resolve();
      });
      child.on('exit', (code) => reject(new Error(`eoffice sync ended by itself (exit ${code}) after: ${out}`)));
    });
    expect(exitedEarly).toBeNull();
    for (const line of out.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ ok: true });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
