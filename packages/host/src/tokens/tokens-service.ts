import { EOfficeError, type CallContext, type Dispatch, type MethodOutput, type ServiceImplementation } from '@eoffice/contract';
import type { Clock } from '@eoffice/docs-core';
import { canSignDocuments, listTokensWithCertificates, openPkcs11Signer, type TokenCertificate } from '@eoffice/signing/token';
import type { EventHub } from '../events/event-hub.js';
import { toServiceError } from '../signing-ports.js';
import type { ModuleRegistry } from './module-registry.js';

type SignedResult = MethodOutput<'tokens', 'signPrepared'>['results'][number];
type UserView = MethodOutput<'users', 'me'>;

export interface TokensServiceOptions {
  readonly modules: ModuleRegistry;
  readonly clock: Clock;
  readonly events: EventHub;
  /** The composed dispatcher: who is calling, and the two phases' documents methods, with the caller's own context. */
  readonly dispatch: () => Dispatch;
}

/** Who signs: a leader (ô 7c) or a clerk (the agency seal). Everyone else has no business with the tokens. */
const SIGNING_ROLES = new Set(['leader', 'clerk']);

/**
 * The workstation's tokens (ARCHITECTURE.md, invariant 3): listed before any PIN; `signPrepared` logs in once with
 * the PIN typed for the whole batch, signs each prepared revision's data, hands each signature to
 * documents.completeSigning, reports progress as `job.progress` events, stops between documents when cancelled,
 * and logs out. A refused PIN ends the call at once and is never tried again; the preparations stay for the user.
 */
export function createTokensService(options: TokensServiceOptions): ServiceImplementation<'tokens'> {
  const running = new Map<string, { cancelled: boolean }>();

  const call = async (path: string, input: unknown, context: CallContext): Promise<unknown> => {
    const answer = await options.dispatch()(path, input, context);
    if (!answer.ok) throw EOfficeError.fromWire(answer.error);
    return answer.result;
  };

  const signer = async (context: CallContext): Promise<UserView> => {
    const me = (await call('users.me', {}, context)) as UserView;
    if (!me.roles.some((role) => SIGNING_ROLES.has(role))) {
      throw new EOfficeError('E_FORBIDDEN', 'Chỉ lãnh đạo hoặc văn thư dùng thiết bị ký số / only a leader or a clerk signs');
    }
    return me;
  };

  return {
    modules: async (_input, context) => {
      await signer(context);
      return { modules: options.modules.list() };
    },

    certificates: async ({ moduleId }, context) => {
      await signer(context);
      const module = options.modules.resolve(moduleId);
      const listings = await listTokensWithCertificates(module.path).catch((error: unknown) => {
        throw toServiceError(error);
      });
      const now = options.clock.now();
      return {
        tokens: listings.map(({ token, certificates, readError }) => ({
          label: token.label,
          serial: token.serial,
          manufacturer: token.manufacturer,
          model: token.model,
          pin: {
            countLow: token.flags.userPinCountLow,
            finalTry: token.flags.userPinFinalTry,
            locked: token.flags.userPinLocked,
            pinPad: token.flags.protectedAuthenticationPath,
          },
          readError: readError ?? null,
          certificates: certificates
            .filter((certificate) => !certificate.isCertificateAuthority)
            .map((certificate) => ({
              keyId: certificate.keyId,
              subject: certificate.subject,
              commonName: certificate.subjectCommonName,
              issuer: certificate.issuer,
              notBefore: certificate.notBefore.toISOString(),
              notAfter: certificate.notAfter.toISOString(),
              problem: problemOf(certificate, now),
              certificate: certificate.der.toString('base64'),
              chain: issuersOf(certificate, certificates).map((der) => der.toString('base64')),
            })),
        })),
      };
    },

    signPrepared: async (input, context) => {
      await signer(context);
      const module = options.modules.resolve(input.moduleId);
      if (running.has(input.jobId)) throw new EOfficeError('E_CONFLICT', 'Lượt ký này đang chạy / this batch is already running');
      const job = { cancelled: false };
      running.set(input.jobId, job);
      const total = input.preparations.length;
      const progress = (done: number) => options.events.emit('job.progress', { jobId: input.jobId, label: 'Ký số / signing', done, total });
      try {
        // One login for the batch; the PIN goes to C_Login once and is not kept (the input object dies with the call).
        const key = await openPkcs11Signer({
          modulePath: module.path,
          token: { label: input.token.label, serial: input.token.serial },
          keyId: input.keyId,
          ...(input.pin === undefined ? {} : { pin: input.pin }),
          confirmFinalTry: input.confirmFinalTry,
        }).catch((error: unknown) => {
          throw toServiceError(error);
        });
        const results: SignedResult[] = [];
        try {
          progress(0);
          for (const preparation of input.preparations) {
            const { preparationId, documentId } = preparation;
            if (job.cancelled) {
              await call('documents.cancelSigning', { preparationId }, context).catch(() => undefined);
              results.push({ preparationId, documentId, status: 'cancelled', error: null, document: null });
              progress(results.length);
              continue;
            }
            try {
              const signatures: string[] = [];
              for (const data of preparation.dataToSign) {
                signatures.push(Buffer.from(await key.sign(Buffer.from(data, 'base64'), preparation.digest)).toString('base64'));
              }
              const document = (await call('documents.completeSigning', { preparationId, signatures }, context)) as SignedResult['document'];
              results.push({ preparationId, documentId, status: 'signed', error: null, document });
            } catch (error) {
              const failure = toServiceError(error);
              results.push({
                preparationId,
                documentId,
                status: 'failed',
                error: failure instanceof EOfficeError ? { code: failure.code, message: failure.message } : { code: 'E_INTERNAL', message: 'Lỗi không xác định / unexpected error' },
                document: null,
              });
            }
            progress(results.length);
          }
        } finally {
          await key.close();
        }
        return { results };
      } finally {
        running.delete(input.jobId);
      }
    },

    cancel: async ({ jobId }, context) => {
      await signer(context);
      const job = running.get(jobId);
      if (job) job.cancelled = true;
      return { cancelled: job !== undefined };
    },
  };
}

/** Why a certificate cannot sign now, or null. */
function problemOf(certificate: TokenCertificate, now: Date): 'expired' | 'not-yet-valid' | 'no-digital-signature' | 'unsupported-key' | null {
  if (certificate.keyAlgorithm.kind === 'other') return 'unsupported-key';
  if (!canSignDocuments(certificate)) return 'no-digital-signature';
  if (certificate.notAfter.getTime() < now.getTime()) return 'expired';
  if (certificate.notBefore.getTime() > now.getTime()) return 'not-yet-valid';
  return null;
}

/** The issuers of `certificate` found on the same token, nearest first, up to a self-signed root. */
function issuersOf(certificate: TokenCertificate, all: readonly TokenCertificate[]): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set([certificate.der.toString('hex')]);
  let current = certificate;
  while (!current.issuerDer.equals(current.subjectDer)) {
    const issuer = all.find((candidate) => candidate.subjectDer.equals(current.issuerDer) && !seen.has(candidate.der.toString('hex')));
    if (!issuer) break;
    chain.push(issuer.der);
    seen.add(issuer.der.toString('hex'));
    current = issuer;
  }
  return chain;
}
