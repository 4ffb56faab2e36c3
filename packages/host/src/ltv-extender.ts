import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LtvExtender } from '@eoffice/docs-core';
import { makePrivateDir } from '@eoffice/docs-core';
import { signingLibrary } from './signing-library.js';
import { readAnchors, storedAnchor, toServiceError } from './signing-ports.js';
import { trustAnchorPaths, type TrustConfiguration } from './trust-anchor-paths.js';

export interface LtvExtenderOptions {
  /** The configured trust anchors (as the verifier's): issuers a signed file may leave out of its CMS. */
  readonly trust?: TrustConfiguration;
  /** Scratch space inside the data folder (work-dir.ts): addLtv reads and writes files. */
  readonly workDir: string;
}

/**
 * docs-core's LtvExtender is packages/signing's `addLtv` (the one `eoffice ltv add` runs): the document goes through
 * a private scratch folder that is removed whatever happens, and signing's errors come back as the contract's.
 */
export function signingLibraryLtvExtender(options: LtvExtenderOptions): LtvExtender {
  return {
    async extend(pdf, request) {
      const anchors = [...(await readAnchors(options.trust ? trustAnchorPaths(options.trust) : [])), ...request.trustAnchors.map(storedAnchor)];
      await makePrivateDir(options.workDir);
      const dir = await mkdtemp(join(options.workDir, 'ltv-'));
      try {
        const input = join(dir, 'in.pdf');
        const output = join(dir, 'out.pdf');
        await writeFile(input, pdf, { mode: 0o600 });
        const { addLtv } = await signingLibrary();
        const result = await addLtv({ input, output, tsa: { url: request.tsaUrl }, extraCertificates: anchors }).catch((error: unknown) => {
          throw toServiceError(error);
        });
        return { pdf: new Uint8Array(await readFile(output)), added: result.added, revocationMissing: result.failures, timestampTime: result.timestampTime };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
