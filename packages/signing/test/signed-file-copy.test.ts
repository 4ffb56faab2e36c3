import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pkcs12Signer, preparePdf, signPdf } from '../src/index.js';
import { pdfsig } from './helpers/pdfsig.js';
import { makeSamplePdf } from './helpers/sample-pdfs.js';
import { useTempDir } from './helpers/temp-dir.js';
import { makeTestIdentity } from './helpers/test-pki.js';

const tempDir = useTempDir();

// The input is copied into the temp file by the kernel (fs.copyFile), which also copies the file mode.
describe('signed file written from a kernel copy of the input', () => {
  it('a read-only input gives a valid signed file with the usual new-file mode, and no temp file is left', async () => {
    const dir = tempDir();
    const id = makeTestIdentity(dir, 'rsa-2048');
    const input = path.join(dir, 'received-read-only.pdf');
    writeFileSync(input, await makeSamplePdf({ pages: 2 }));
    chmodSync(input, 0o444);
    const fresh = path.join(dir, 'fresh.txt');
    writeFileSync(fresh, '');
    const output = path.join(dir, 'signed.pdf');

    await signPdf({ input, output, signer: Pkcs12Signer.fromFile(id.p12, id.password) });

    expect(statSync(output).mode & 0o777).toBe(statSync(fresh).mode & 0o777);
    expect(pdfsig(output).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  // The library refuses too, not only the CLI: a rename onto a device node or a FIFO replaces it.
  it('refuses an output that is not a regular file or has no folder, before writing anything', async () => {
    const dir = tempDir();
    const id = makeTestIdentity(dir, 'rsa-2048');
    const input = path.join(dir, 'draft.pdf');
    writeFileSync(input, await makeSamplePdf({ pages: 1 }));
    const fifo = path.join(dir, 'a-fifo');
    execFileSync('mkfifo', [fifo]);
    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    for (const output of [fifo, folder, path.join(dir, 'missing', 'out.pdf')]) {
      await expect(signPdf({ input, output, signer: Pkcs12Signer.fromFile(id.p12, id.password) })).rejects.toMatchObject({ code: 'OUTPUT_INVALID' });
      expect(() => preparePdf({ input, output })).toThrow(expect.objectContaining({ code: 'OUTPUT_INVALID' }));
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
