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
};
