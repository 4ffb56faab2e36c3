#!/usr/bin/env -S npx tsx
/**
 * By-hand benchmark: signatures per second through PKCS#11 on a fresh SoftHSM2 dev token (scripts/dev-token), next
 * to node:crypto signing with a key of the same kind in the same run, so the ratio says what the PKCS#11 path costs
 * (queue, pkcs11js async worker, SoftHSM). Not a test: the machine is shared and timings are noisy.
 *
 *   npx tsx scripts/bench/token-signatures.ts [count=2000]
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomInt, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPkcs11Signer } from '../../packages/signing/src/token/index.js';

const count = Number(process.argv[2] ?? 2000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-token-'));

/** The token's PIN: given to scripts/dev-token, which never prints it. */
const pin = String(randomInt(10_000_000, 100_000_000));

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  keys: { leader: string; leaderEc: string };
}

function rate(label: string, started: bigint, n: number): number {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = n / seconds;
  console.log(`${label.padEnd(52)} ${perSecond.toFixed(0).padStart(7)} sig/s  (${n} in ${seconds.toFixed(2)} s)`);
  return perSecond;
}

try {
  const dev = JSON.parse(execFileSync(path.join(repoRoot, 'scripts/dev-token'), [dir], { encoding: 'utf8', env: { ...process.env, EOFFICE_DEV_TOKEN_PIN: pin } })) as DevToken;
  process.env.SOFTHSM2_CONF = dev.softhsm2Conf;
  const data = Buffer.alloc(1500, 7); // about the size of CMS signed attributes

  const results: Record<string, number> = {};
  for (const [name, keyId] of [['RSA-2048 CKM_SHA256_RSA_PKCS', dev.keys.leader], ['EC P-256 CKM_ECDSA', dev.keys.leaderEc]] as const) {
    const signer = await openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId, pin });
    try {
      await signer.sign(data, 'sha256'); // warm-up
      let started = process.hrtime.bigint();
      for (let index = 0; index < count; index += 1) await signer.sign(data, 'sha256');
      results[`${name} sequential`] = rate(`PKCS#11 ${name}, one at a time`, started, count);
      started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: count }, () => signer.sign(data, 'sha256')));
      results[`${name} queued`] = rate(`PKCS#11 ${name}, all queued at once`, started, count);
    } finally {
      await signer.close();
    }
  }

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let started = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) sign('sha256', data, rsa.privateKey);
  const rsaBaseline = rate('node:crypto RSA-2048 (baseline)', started, count);
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  started = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'der' });
  const ecBaseline = rate('node:crypto P-256 (baseline)', started, count);

  console.log('\nratio PKCS#11 / node:crypto (same run):');
  for (const [name, value] of Object.entries(results)) {
    const baseline = name.startsWith('RSA') ? rsaBaseline : ecBaseline;
    console.log(`  ${name.padEnd(42)} ${(value / baseline).toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
