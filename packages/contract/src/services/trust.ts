import { z } from 'zod';
import { method } from '../define.js';
import { certificateTextSchema } from './certificates.js';

/** A trust anchor the agency added (a root CA it checked against an official source), as the list shows it. */
export const trustAnchorSchema = z.object({
  id: z.number().int().positive(),
  subject: z.string(),
  commonName: z.string().nullable(),
  organization: z.string().nullable(),
  serialNumber: z.string(),
  fingerprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});

export type TrustAnchorView = z.infer<typeof trustAnchorSchema>;

/** "Require trusted": when on, an arrival whose chain reaches no trust anchor needs checking instead of a warning. */
export const trustPolicySchema = z.object({ requireTrusted: z.boolean() });

/**
 * The agency's long-term signing policy (issue 16 item 6): the PAdES level `doc sign` / `doc issue` / `doc copy`
 * produce (B-B, or B-T with a signature timestamp from the agency's TSA), what to do when the TSA cannot be reached
 * (fail, or sign B-B with a warning on the signature and in the audit), and whether closing a record file adds the
 * validation data and an archive timestamp (B-LTA) to every signed PDF in it.
 */
export const signingPolicySchema = z.object({
  level: z.enum(['B-B', 'B-T']),
  tsaUrl: z.string().nullable(),
  tsaUnreachable: z.enum(['fail', 'sign-without']),
  ltvOnClose: z.boolean(),
});

export type SigningPolicyView = z.infer<typeof signingPolicySchema>;

/**
 * Chứng thư gốc tin cậy (domain-vn §5.2): the roots the arrival check validates senders' chains against, kept in the
 * store so every face and the agency server share them. Admin only; every change is audited.
 */
export const trustService = {
  list: method({
    summary: 'Chứng thư gốc tin cậy của cơ quan và chính sách / trust anchors and the policy',
    input: z.object({}).strict(),
    output: z.object({ anchors: z.array(trustAnchorSchema), policy: trustPolicySchema }),
  }),
  add: method({
    summary: 'Thêm chứng thư gốc tin cậy (quản trị) / add a trust anchor (admin)',
    input: z.object({ certificate: certificateTextSchema }).strict(),
    output: trustAnchorSchema,
  }),
  remove: method({
    summary: 'Gỡ chứng thư gốc tin cậy (quản trị) / remove a trust anchor (admin)',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: trustAnchorSchema,
  }),
  setPolicy: method({
    summary: 'Bắt buộc chuỗi chứng thư tin cậy cho văn bản đến (quản trị) / require a trusted chain on arrivals (admin)',
    input: trustPolicySchema.strict(),
    output: trustPolicySchema,
  }),
  signingPolicy: method({
    summary: 'Chính sách ký số dài hạn: mức PAdES, máy chủ dấu thời gian, LTV khi đóng hồ sơ / the long-term signing policy',
    input: z.object({}).strict(),
    output: signingPolicySchema,
  }),
  setSigningPolicy: method({
    summary: 'Đặt chính sách ký số dài hạn (quản trị) / set the long-term signing policy (admin)',
    input: z
      .object({
        level: z.enum(['B-B', 'B-T']).optional(),
        /** null removes the URL; B-T and ltvOnClose then refuse. */
        tsaUrl: z.string().trim().min(1).max(2000).nullable().optional(),
        tsaUnreachable: z.enum(['fail', 'sign-without']).optional(),
        ltvOnClose: z.boolean().optional(),
      })
      .strict(),
    output: signingPolicySchema,
  }),
};
