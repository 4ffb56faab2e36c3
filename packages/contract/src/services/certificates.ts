import { z } from 'zod';
import { method } from '../define.js';
import { usernameSchema } from './users.js';

/** Whose certificate: a person's (their signatures, ô 7c) or the agency's (its seal, ô 8). */
export const certificateOwnerSchema = z.enum(['person', 'agency']);

/**
 * A certificate as PEM ("-----BEGIN CERTIFICATE-----") or base64 DER: text, so it crosses every transport (IPC, HTTP,
 * the CLI) the same way. 64 KB is far above any signing certificate.
 */
export const certificateTextSchema = z.string().trim().min(1).max(65_536);

export const boundCertificateSchema = z.object({
  id: z.number().int().positive(),
  owner: certificateOwnerSchema,
  username: z.string().nullable(),
  subject: z.string(),
  commonName: z.string().nullable(),
  organization: z.string().nullable(),
  issuer: z.string(),
  serialNumber: z.string(),
  fingerprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyUsage: z.array(z.string()).nullable(),
  /** By the agency's rule (CN = O: an organisation's). */
  kind: z.enum(['person', 'organisation']),
  /** Valid at the clock's now. */
  validNow: z.boolean(),
  addedBy: z.string(),
  addedAt: z.string(),
});

export type BoundCertificateView = z.infer<typeof boundCertificateSchema>;

/**
 * Chứng thư số gắn với người và cơ quan (Decree 30 Điều 5, 32–33): a signature counts only with a certificate its
 * signer bound, a seal only with one the agency bound. The sign dialog and the settings list them.
 */
export const certificatesService = {
  list: method({
    summary: 'Chứng thư số đã đăng ký (của mình, của người dùng khác với quyền quản trị, của cơ quan) / bound certificates',
    input: z.object({ owner: certificateOwnerSchema, username: usernameSchema.optional() }).strict(),
    output: z.object({ certificates: z.array(boundCertificateSchema) }),
  }),
  add: method({
    summary: 'Đăng ký chứng thư số của mình, hoặc của cơ quan (văn thư, quản trị) / bind a certificate to yourself or the agency',
    input: z.object({ owner: certificateOwnerSchema, certificate: certificateTextSchema }).strict(),
    output: boundCertificateSchema,
  }),
  remove: method({
    summary: 'Gỡ chứng thư số đã đăng ký / unbind a certificate',
    input: z.object({ owner: certificateOwnerSchema, id: z.number().int().positive() }).strict(),
    output: boundCertificateSchema,
  }),
  setKindRule: method({
    summary: 'Quy tắc phân biệt chứng thư cá nhân / tổ chức (cn-equals-o | any) / how person and organisation certificates are told apart',
    input: z.object({ rule: z.enum(['cn-equals-o', 'any']) }).strict(),
    output: z.object({ rule: z.enum(['cn-equals-o', 'any']) }),
  }),
};
