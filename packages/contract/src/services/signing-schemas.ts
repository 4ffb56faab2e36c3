import { z } from 'zod';

/** Standard base64 of at most `maxBytes` bytes (no line breaks): certificates, data to sign, signatures. */
export const base64Schema = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'Không phải base64 / not base64');

/**
 * `person`: the leader's signature (ô 7c); `agency`: the clerk's issue, số and date filled and the agency seal (ô 8);
 * `copy`: the agency's signature on an electronic copy of the document (Phụ lục I Phần II.I, ô 14), in `form`.
 */
export const signingKindSchema = z.enum(['person', 'agency', 'copy']);

/** Bản sao y, trích sao, sao lục (Phụ lục I Phần II). */
export const copyFormSchema = z.enum(['SY', 'TrS', 'SL']);

/** A DER certificate is a few kilobytes; 16 KiB leaves room for long names and extensions. */
const certificateSchema = base64Schema(16 * 1024).min(1);

export const prepareSigningInputSchema = z
  .object({
    id: z.string().min(1).max(100),
    kind: signingKindSchema,
    /** The signing certificate, DER in base64: the key itself never leaves the signer's desk. */
    certificate: certificateSchema,
    chain: z.array(certificateSchema).max(8).default([]),
    /** For `copy` only, and required there: the copy form. */
    form: copyFormSchema.optional(),
  })
  .strict()
  .refine((input) => (input.kind === 'copy') === (input.form !== undefined), {
    message: 'Bản sao cần --form SY|TrS|SL, và chỉ bản sao có form / a copy needs a form, and only a copy has one',
    path: ['form'],
  });

export const signaturePlacementSchema = z.object({
  pageIndex: z.number().int().min(0),
  rect: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

export const digestSchema = z.enum(['sha256', 'sha384', 'sha512']);

export const preparedItemSchema = z.object({
  /** `main`: the document; `attachment`: an attachment in a separate file, stamped on issue (Phụ lục I). */
  role: z.enum(['main', 'attachment']),
  name: z.string(),
  /** The revision to be signed, whole, in base64: what the signer is shown is exactly what is signed. */
  pdf: z.string(),
  sha256: z.string(),
  /** What the key signs (DER of the CMS signed attributes), base64. */
  dataToSign: z.string(),
  digest: digestSchema,
  placement: signaturePlacementSchema.nullable(),
});

export const preparedSigningSchema = z.object({
  preparationId: z.string(),
  documentId: z.string(),
  kind: signingKindSchema,
  /** After this (Vietnam time, ISO 8601) the preparation is forgotten; nothing of it was stored. */
  expiresAt: z.string(),
  signerName: z.string(),
  /** For `agency`: the number and symbol and the date the seal fills in. */
  numberAndSymbol: z.string().nullable(),
  issuedDate: z.string().nullable(),
  items: z.array(preparedItemSchema).min(1),
});

export type PreparedSigning = z.infer<typeof preparedSigningSchema>;

export const completeSigningInputSchema = z
  .object({
    preparationId: z.string().min(1).max(100),
    /** One signature per prepared item, in the items' order, base64. */
    signatures: z.array(base64Schema(2048).min(1)).min(1).max(50),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const cancelSigningInputSchema = z.object({ preparationId: z.string().min(1).max(100) }).strict();
