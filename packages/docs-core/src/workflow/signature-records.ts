import { EOfficeError } from '@eoffice/contract';
import type { CertificateFacts } from '../ports/signature-verifier.js';
import { isPaperSignature } from './paper-signature.js';
import type { SignatureCheck } from './signature-verdict.js';
import type { Reader, Trx } from './workflow-core.js';

/** A signature as checked, with the whole check kept: the view's flags, trust and problems are read from it. */
export async function insertSignature(
  trx: Trx,
  id: string,
  kind: 'received' | 'person' | 'agency',
  check: SignatureCheck,
  signerName: string | null,
  at: string,
  certificate?: CertificateFacts | null,
) {
  await trx
    .insertInto('document_signatures')
    .values({
      document_id: id,
      kind,
      valid: check.valid ? 1 : 0,
      signer_name: signerName,
      signed_at: check.signatures[0]?.signedAt ?? null,
      result: JSON.stringify(check),
      checked_at: at,
      certificate_subject: certificate?.subject ?? null,
      certificate_serial: certificate?.serialNumber ?? null,
    })
    .execute();
}

/**
 * A document signed or sealed on paper stays a paper document: the agency's digital seal on a scan of a hand
 * signature would make it look electronic, and the axis would carry it as such. Its electronic form is a copy
 * (bản sao điện tử, makeCopy SY), with the copy's own number.
 */
export async function requireDigitalSignature(db: Reader, id: string, kind: 'person' | 'agency'): Promise<void> {
  const latest = await db.selectFrom('document_signatures').select('result').where('document_id', '=', id).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirst();
  if (latest && isPaperSignature(latest.result)) {
    throw new EOfficeError(
      'E_PAPER_DOCUMENT',
      kind === 'person'
        ? 'Văn bản ký tay trên bản giấy: cấp số và đóng dấu bản giấy (issue-paper) / signed on paper: issue it on paper'
        : 'Văn bản ban hành bản giấy chỉ gửi bản giấy (--paper) / a document issued on paper is dispatched on paper',
    );
  }
}
