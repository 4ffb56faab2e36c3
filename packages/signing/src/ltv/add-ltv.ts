import { createHash } from 'node:crypto';
import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from '../pdf/pdf-objects.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { buildSignatureUpdate } from '../sign/sign-pdf.js';
import { writeSignedFile } from '../sign/signed-file-writer.js';
import { SigningError } from '../signing-error.js';
import type { RevocationFetchOptions } from './revocation-fetch.js';
import { TIMESTAMP_RESERVE_BYTES } from './signature-timestamper.js';
import { requestTimestamp } from './timestamp-client.js';
import { collectValidationData } from './validation-data.js';

export interface AddLtvOptions {
  readonly input: string;
  readonly output: string;
  /** The agency's TSA: the document timestamp over the whole file (B-LTA) comes from it. */
  readonly tsa: { readonly url: string; readonly timeoutMs?: number };
  /**
   * Certificates the file may not carry but whose revocation must be asked about through them: the trust anchors
   * (a signer's issuer is often left out of its CMS). Only used as issuers and in the /DSS.
   */
  readonly extraCertificates?: readonly ParsedCertificate[];
  readonly revocation?: RevocationFetchOptions;
}

export interface AddLtvResult {
  readonly output: string;
  /** SHA-256 of the whole output file, hex. */
  readonly sha256: string;
  /** What this update added to the /DSS (items already there are not repeated). */
  readonly added: { readonly certificates: number; readonly ocsps: number; readonly crls: number };
  /** One line per certificate whose revocation no server gave (its status stays unknown; nothing is invented). */
  readonly failures: readonly string[];
  /** The new document timestamp's time. */
  readonly timestampTime: string;
  /** The file already had a document timestamp: this one renews the archive protection. */
  readonly renewal: boolean;
  readonly fieldName: string;
}

type DssKey = 'Certs' | 'OCSPs' | 'CRLs';

/**
 * PAdES B-LT and B-LTA (ETSI EN 319 142-1 §5.4–5.5), in one incremental update: a /DSS with every certificate,
 * OCSP response and CRL the file's signatures and timestamps need, then a document timestamp (ETSI.RFC3161) over
 * the whole file, /DSS included. Run again later, it adds what the newest timestamp needs and a new timestamp: the
 * archive renewal. Earlier revisions are never touched, so every earlier signature stays as it was.
 */
export async function addLtv(options: AddLtvOptions): Promise<AddLtvResult> {
  const reader = PdfReader.open(options.input, { allowRepair: false });
  try {
    const found = await collectValidationData(reader, { extraCertificates: options.extraCertificates ?? [], ...(options.revocation ? { revocation: options.revocation } : {}) });
    if (found.signatures === 0) {
      throw new SigningError('BAD_ARGUMENT', 'Tệp không có chữ ký số nào để bổ sung dữ liệu kiểm tra / the file has no signature to extend');
    }
    const { certificates: chainCertificates, ocsps, crls, failures } = found;
    const existing = existingDss(reader);
    const added = { certificates: 0, ocsps: 0, crls: 0 };
    const { update, fieldName } = await buildSignatureUpdate(reader, {
      documentTimestamp: true,
      placeholderBytes: TIMESTAMP_RESERVE_BYTES,
      extraChanges: async ({ writer, form }) => {
        const append = (key: DssKey, items: readonly Uint8Array[]): PdfRef[] => {
          const refs: PdfRef[] = [];
          for (const bytes of items) {
            const hash = sha256(bytes);
            if (existing.hashes[key].has(hash)) continue;
            existing.hashes[key].add(hash);
            refs.push(writer.add(new PdfStream(new PdfDict(), bytes)));
          }
          return refs;
        };
        const certRefs = append('Certs', chainCertificates.map((c) => c.der));
        const ocspRefs = append('OCSPs', ocsps);
        const crlRefs = append('CRLs', crls);
        Object.assign(added, { certificates: certRefs.length, ocsps: ocspRefs.length, crls: crlRefs.length });
        const dss = (existing.dict?.clone() ?? PdfDict.of({ Type: new PdfName('DSS') }))
          .set('Certs', [...existing.items.Certs, ...certRefs])
          .set('OCSPs', [...existing.items.OCSPs, ...ocspRefs])
          .set('CRLs', [...existing.items.CRLs, ...crlRefs]);
        if (existing.ref) writer.set(existing.ref, dss);
        else writer.set(reader.catalogRef, form.dict(reader.catalogRef).clone().set('DSS', writer.add(dss)));
      },
    });
    let time: Date | null = null;
    const sha = await writeSignedFile({
      input: options.input,
      output: options.output,
      baseLength: reader.length,
      update,
      digest: 'sha256',
      sign: async (imprint) => {
        const token = await requestTimestamp({ url: options.tsa.url, imprint, digest: 'sha256', ...(options.tsa.timeoutMs ? { timeoutMs: options.tsa.timeoutMs } : {}) });
        time = token.genTime;
        return token.der;
      },
    });
    return {
      output: options.output,
      sha256: sha,
      added,
      failures,
      timestampTime: (time as Date | null)?.toISOString() ?? '',
      renewal: found.documentTimestamps > 0,
      fieldName,
    };
  } finally {
    reader.close();
  }
}

/** The /DSS already in the file: its dictionary, items and their hashes, so a renewal adds only what is new. */
function existingDss(reader: PdfReader): {
  ref: PdfRef | null;
  dict: PdfDict | null;
  items: Record<DssKey, PdfObject[]>;
  hashes: Record<DssKey, Set<string>>;
} {
  const raw = reader.catalog.get('DSS');
  const dict = reader.resolveDict(raw) ?? null;
  const items: Record<DssKey, PdfObject[]> = { Certs: [], OCSPs: [], CRLs: [] };
  const hashes: Record<DssKey, Set<string>> = { Certs: new Set(), OCSPs: new Set(), CRLs: new Set() };
  for (const key of ['Certs', 'OCSPs', 'CRLs'] as const) {
    const list = reader.resolve(dict?.get(key));
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      items[key].push(item);
      const stream = reader.resolve(item);
      if (!(stream instanceof PdfStream)) continue;
      try {
        hashes[key].add(sha256(reader.decode(stream)));
      } catch {
        // kept as it is; an unreadable item is simply not matched
      }
    }
  }
  return { ref: raw instanceof PdfRef ? raw : null, dict, items, hashes };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
