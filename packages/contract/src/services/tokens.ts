import { z } from 'zod';
import { method } from '../define.js';
import { documentSchema } from './documents.js';
import { base64Schema, digestSchema } from './signing-schemas.js';

/**
 * A PKCS#11 module the workstation offers: found at a known install path or added by an admin in the workstation's
 * settings. Callers name it by `id`; a library path is never taken from a caller (a page or a remote one).
 */
export const tokenModuleSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  /** Shown to people; never accepted back. */
  path: z.string(),
  source: z.enum(['detected', 'configured']),
});

/** Why a certificate cannot sign, at the clock's now. */
export const certificateProblemSchema = z.enum(['expired', 'not-yet-valid', 'no-digital-signature', 'unsupported-key']);

export const tokenCertificateSchema = z.object({
  keyId: z.string(),
  subject: z.string(),
  commonName: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Null: usable for signing. */
  problem: certificateProblemSchema.nullable(),
  /** DER, base64: what prepareSigning is given. */
  certificate: z.string(),
  /** The issuers found on the token, nearest first, base64 DER. */
  chain: z.array(z.string()),
});

/** The token's PIN state, read before any PIN is asked (PKCS#11 token flags). */
export const pinStateSchema = z.object({
  /** An earlier PIN was wrong (CKF_USER_PIN_COUNT_LOW). */
  countLow: z.boolean(),
  /** The next wrong PIN locks the token (CKF_USER_PIN_FINAL_TRY). */
  finalTry: z.boolean(),
  locked: z.boolean(),
  /** A PIN pad on the reader: no PIN is typed here. */
  pinPad: z.boolean(),
});

export const tokenSchema = z.object({
  label: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  pin: pinStateSchema,
  readError: z.string().nullable(),
  certificates: z.array(tokenCertificateSchema),
});

const moduleIdSchema = z.string().regex(/^[a-f0-9]{16}$/, 'Mã mô-đun không hợp lệ / invalid module id');
const tokenSelectorSchema = z.object({ label: z.string().min(1).max(32), serial: z.string().min(1).max(32) }).strict();

export const signPreparedInputSchema = z
  .object({
    moduleId: moduleIdSchema,
    token: tokenSelectorSchema,
    keyId: z.string().regex(/^[0-9a-f]{0,128}$/, 'Mã khoá không hợp lệ / invalid key id'),
    /** Typed once by the signer for the whole batch; used for one login and dropped, never stored or retried. */
    pin: z.string().min(1).max(64).optional(),
    /** The signer saw "the next wrong PIN locks the token" and chose to go on. */
    confirmFinalTry: z.boolean().default(false),
    /** The face's name for this batch: progress events (`job.progress`) and cancel use it. */
    jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    preparations: z
      .array(
        z
          .object({
            preparationId: z.string().min(1).max(100),
            documentId: z.string().min(1).max(100),
            dataToSign: z.array(base64Schema(64 * 1024).min(1)).min(1).max(50),
            digest: digestSchema,
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export const signedResultSchema = z.object({
  preparationId: z.string(),
  documentId: z.string(),
  status: z.enum(['signed', 'failed', 'cancelled']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  document: documentSchema.nullable(),
});

/**
 * Thiết bị ký số: the workstation's own PKCS#11 tokens. Local to the machine the signer sits at (the agency server
 * never holds them): list modules and certificates before any PIN, sign prepared revisions with one PIN entry.
 */
export const tokensService = {
  modules: method({
    summary: 'Các mô-đun PKCS#11 trên máy này / the PKCS#11 modules on this workstation',
    input: z.object({}).strict(),
    output: z.object({ modules: z.array(tokenModuleSchema) }),
  }),
  certificates: method({
    summary: 'Token và chứng thư của một mô-đun (chưa cần PIN) / tokens and certificates of a module, before any PIN',
    input: z.object({ moduleId: moduleIdSchema }).strict(),
    output: z.object({ tokens: z.array(tokenSchema) }),
  }),
  signPrepared: method({
    summary: 'Ký các văn bản đã chuẩn bị bằng token, nhập PIN một lần / sign prepared documents with one PIN entry',
    input: signPreparedInputSchema,
    output: z.object({ results: z.array(signedResultSchema) }),
  }),
  cancel: method({
    summary: 'Dừng một lượt ký nhiều văn bản / cancel a batch',
    input: z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
