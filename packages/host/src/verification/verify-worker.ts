import { parentPort } from 'node:worker_threads';
// The verify entry only: the package's index also loads the PKCS#11 addon, which a worker thread need not carry.
import { parsedCertificateOf, verifyPdfSignatures } from '@eoffice/signing/verify';
import { SigningError } from '@eoffice/signing/signing-error';
import type { VerifyRequest, VerifyResponse } from './verify-messages.js';

/**
 * The verifier's own thread: one PDF at a time, so a hostile file spends this thread's time and heap, never the
 * services'. A file that cannot be read answers with its typed code; anything else as an internal error.
 */
const port = parentPort;
if (!port) throw new Error('verify-worker runs only as a worker thread');

port.on('message', (request: VerifyRequest) => {
  let response: VerifyResponse;
  try {
    // The same anchors come with every request: read once per thread (parsedCertificateOf keys them by their bytes).
    const trustAnchors = request.anchors.map((der) => parsedCertificateOf(der));
    const report = verifyPdfSignatures(request.pdf, { trustAnchors, ...(request.at ? { validationTime: new Date(request.at) } : {}) });
    response = { id: request.id, report };
  } catch (error) {
    response =
      error instanceof SigningError
        ? { id: request.id, error: { kind: 'unreadable', code: String(error.code), message: error.message } }
        : { id: request.id, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(response);
});
