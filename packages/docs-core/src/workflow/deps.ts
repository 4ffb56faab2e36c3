import type { Clock } from '../clock/clock.js';
import type { DocumentSigner } from '../ports/document-signer.js';
import type { SignaturePreparer } from '../ports/signature-preparer.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';

/** What the document services need; the composition root (a face) supplies it. */
export interface WorkflowDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Absent until a face plugs packages/signing in: verifying an electronic document then refuses, typed. */
  readonly verifier?: SignatureVerifier;
  /** Absent unless the face holds a token session: signing and sealing then refuse, typed. */
  readonly signer?: DocumentSigner;
  /** Two-phase signing: builds the revisions a key elsewhere signs. Absent: prepareSigning refuses, typed. */
  readonly preparer?: SignaturePreparer;
}
