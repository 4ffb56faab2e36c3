import type { ServiceImplementation } from '@eoffice/contract';
import { systemClock, type Clock } from '../clock/clock.js';
import type { DocumentSigner } from '../ports/document-signer.js';
import type { SignaturePreparer } from '../ports/signature-preparer.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';
import { createAuditService } from './audit-service.js';
import { createCertificatesService } from './certificates-service.js';
import { createDocumentsService } from './documents-service.js';
import { createRegistersService } from './registers-service.js';
import { createUsersService } from './users-service.js';
import { createWorklistService } from './worklist-service.js';

export interface DocsCoreServicesOptions {
  readonly store: Store;
  /** Defaults to the machine clock with the EOFFICE_NOW override. */
  readonly clock?: Clock;
  readonly verifier?: SignatureVerifier;
  readonly signer?: DocumentSigner;
  readonly preparer?: SignaturePreparer;
}

/** The docs-core services of the contract, for a face's service map in one call. */
export function createDocsCoreServices(options: DocsCoreServicesOptions): {
  documents: ServiceImplementation<'documents'>;
  users: ServiceImplementation<'users'>;
  registers: ServiceImplementation<'registers'>;
  audit: ServiceImplementation<'audit'>;
  worklist: ServiceImplementation<'worklist'>;
  certificates: ServiceImplementation<'certificates'>;
} {
  const clock = options.clock ?? systemClock();
  const deps = { store: options.store, clock, ...(options.verifier ? { verifier: options.verifier } : {}), ...(options.signer ? { signer: options.signer } : {}), ...(options.preparer ? { preparer: options.preparer } : {}) };
  return {
    documents: createDocumentsService(deps),
    users: createUsersService({ store: options.store, clock }),
    registers: createRegistersService({ store: options.store, clock }),
    audit: createAuditService({ store: options.store, clock }),
    worklist: createWorklistService({ store: options.store, clock }),
    certificates: createCertificatesService({ store: options.store, clock, ...(options.verifier ? { verifier: options.verifier } : {}) }),
  };
}
