import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PdfReader, signatureFields } from '../../src/index.js';
import { requireTool, run } from './system-tools.js';

/** The DER CMS of each signature (padding dropped) and the signed bytes of its ByteRange. */
export function extractSignatures(file: string): { name: string; cms: Buffer; content: Buffer; byteRange: number[] }[] {
  const bytes = readFileSync(file);
  const reader = PdfReader.open(bytes);
  return signatureFields(reader)
    .filter((f) => f.value && f.byteRange && f.contents)
    .map((f) => {
      const [a, b, c, d] = f.byteRange as [number, number, number, number];
      const raw = Buffer.from(f.contents!.bytes);
      return { name: f.name, cms: raw.subarray(0, derLength(raw)), content: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]), byteRange: [a, b, c, d] };
    });
}

function derLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

/** `openssl cms -verify -binary -inform DER -noverify -content <ranges>`: the CMS signature over the signed bytes. */
export function opensslVerify(dir: string, cms: Buffer, content: Buffer): { ok: boolean; output: string } {
  requireTool('openssl', 'openssl');
  const sig = path.join(dir, `cms-${process.hrtime.bigint()}.der`);
  const data = `${sig}.content`;
  writeFileSync(sig, cms);
  writeFileSync(data, content);
  const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-noverify', '-out', '/dev/null']);
  return { ok: r.status === 0 && /Verification successful/.test(r.stderr), output: r.stderr };
}

/** `openssl cms -cmsout -print`: a readable dump to assert attribute order and contents. */
export function opensslPrint(dir: string, cms: Buffer): string {
  const sig = path.join(dir, `cms-print-${process.hrtime.bigint()}.der`);
  writeFileSync(sig, cms);
  return run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]).stdout;
}
