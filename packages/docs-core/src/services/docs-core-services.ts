import type { ServiceImplementation } from '@eoffice/contract';
import { systemClock, type Clock } from '../clock/clock.js';
import type { DocumentSigner } from '../ports/document-signer.js';
import type { LtvExtender } from '../ports/ltv-extender.js';
import type { SignaturePreparer } from '../ports/signature-preparer.js';
import type { SignatureVerifier } from '../ports/signature-verifier.js';
import type { Store } from '../store/store.js';
import { createAuditService } from './audit-service.js';
import { createCertificatesService } from './certificates-service.js';
import { createDocumentsService } from './documents-service.js';
import { createRecordsService } from './records-service.js';
import { createTrustService } from './trust-service.js';
import { createRegistersService } from './registers-service.js';
import { createUsersService } from './users-service.js';
import { createWorklistService } from './worklist-service.js';
import type { LoginThrottle } from '../users/login-throttle.js';
import { createOcrService } from './ocr-service.js';

export interface DocsCoreServicesOptions {
  readonly store: Store;
  /** Defaults to the machine clock with the EOFFICE_NOW override. */
  readonly clock?: Clock;
  readonly verifier?: SignatureVerifier;
  readonly signer?: DocumentSigner;
  readonly preparer?: SignaturePreparer;
  /** packages/signing's B-LTA extension, for closing record files under records.ltv_on_close. */
  readonly ltvExtender?: LtvExtender;
  /** Failed sign-ins' throttle; a fresh one (the default policy, the machine's time) unless a test brings its own. */
  readonly loginThrottle?: LoginThrottle;
}

/** The docs-core services of the contract, for a face's service map in one call. */
export function createDocsCoreServices(options: DocsCoreServicesOptions): {
  documents: ServiceImplementation<'documents'>;
  users: ServiceImplementation<'users'>;
  registers: ServiceImplementation<'registers'>;
  audit: ServiceImplementation<'audit'>;
  worklist: ServiceImplementation<'worklist'>;
  certificates: ServiceImplementation<'certificates'>;
  records: ServiceImplementation<'records'>;
  trust: ServiceImplementation<'trust'>;
  ocr: ServiceImplementation<'ocr'>;
} {
  const clock = options.clock ?? systemClock();
  const deps = { store: options.store, clock, ...(options.verifier ? { verifier: options.verifier } : {}), ...(options.signer ? { signer: options.signer } : {}), ...(options.preparer ? { preparer: options.preparer } : {}) };
  return {
    documents: createDocumentsService(deps),
    users: createUsersService({ store: options.store, clock, ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}) }),
    registers: createRegistersService({ store: options.store, clock }),
    audit: createAuditService({ store: options.store, clock }),
    worklist: createWorklistService({ store: options.store, clock }),
    records: createRecordsService({ store: options.store, clock, ...(options.ltvExtender ? { ltvExtender: options.ltvExtender } : {}) }),
    ocr: createOcrService({ store: options.store, clock }),
    certificates: createCertificatesService({ store: options.store, clock, ...(options.verifier ? { verifier: options.verifier } : {}) }),
    trust: createTrustService({ store: options.store, clock, ...(options.verifier ? { verifier: options.verifier } : {}) }),
  };
}
