import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import type { VerificationReport } from '../ports/signature-verifier.js';
import { storedTrustAnchors } from '../trust/trust-anchors.js';
import type { WorkflowCore } from './workflow-core.js';

/**
 * A signature check started on a file before it is stored (the axis receiver starts one for the next message while
 * it stores the current one, so the verifier thread works while the main thread writes). The verify step uses it in
 * place of its own only for the same bytes (the SHA-256 of what was checked is the stored file's name), the same
 * stored trust anchors, and a check made at most PREPARED_CHECK_MAX_AGE_MS before the step; otherwise, or when the
 * check failed, the step checks the stored file itself, as it always did.
 */
export interface PreparedCheck {
  /** SHA-256 of the bytes the verifier was given, lowercase hex. */
  readonly sha256: string;
  /** The time certificates were checked at (the workflow's clock when the check began). */
  readonly at: Date;
  /** The stored trust anchors (DER) given with it. */
  readonly anchors: readonly Uint8Array[];
  /** The verifier's report; null when it failed (the step then checks again and meets the error itself). */
  readonly report: Promise<VerificationReport | null>;
}

/** How old a prepared check may be when the verify step comes: a certificate's validity is judged at `at`. */
export const PREPARED_CHECK_MAX_AGE_MS = 10_000;

/**
 * Reads the file (or takes its bytes) and starts its check; null when no verifier is configured. The file may go once
 * this resolves. The SHA-256 is WebCrypto's, computed on libuv's thread pool, not the main thread.
 */
export async function prepareCheck(core: WorkflowCore, file: { readonly path: string } | { readonly bytes: Uint8Array }): Promise<PreparedCheck | null> {
  const verifier = core.deps.verifier;
  if (!verifier) return null;
  const bytes = 'bytes' in file ? file.bytes : await readFile(file.path);
  const sha256 = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
  const anchors = await storedTrustAnchors(core.db);
  const at = core.now();
  const report = verifier.verifyPdf(bytes, at, anchors).catch(() => null);
  return { sha256, at, anchors, report };
}

/** The prepared report if it stands for a check of `sha256` with `anchors` now, else null. */
export async function preparedReport(
  prepared: PreparedCheck | undefined,
  sha256: string,
  anchors: readonly Uint8Array[],
  now: Date,
): Promise<VerificationReport | null> {
  if (!prepared || prepared.sha256 !== sha256) return null;
  const age = now.getTime() - prepared.at.getTime();
  if (age < 0 || age > PREPARED_CHECK_MAX_AGE_MS) return null;
  if (prepared.anchors.length !== anchors.length || prepared.anchors.some((der, i) => !Buffer.from(der).equals(anchors[i]!))) return null;
  return prepared.report;
}
