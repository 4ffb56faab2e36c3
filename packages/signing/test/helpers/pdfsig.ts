import { run, requireTool } from './system-tools.js';

export interface PdfsigSignature {
  readonly index: number;
  readonly fieldName: string | undefined;
  readonly validation: string | undefined;
  readonly totalDocumentSigned: boolean;
  readonly signatureType: string | undefined;
  readonly hashAlgorithm: string | undefined;
  readonly signerName: string | undefined;
  /** pdfsig also lists empty signature fields ("The signature form field is not signed."). */
  readonly signed: boolean;
}

/** pdfsig's report, parsed: its exit code is 0 even for "Digest Mismatch" on poppler < 25.06. */
export function pdfsig(file: string): { raw: string; signatures: PdfsigSignature[] } {
  requireTool('pdfsig', 'poppler-utils');
  const r = run('pdfsig', ['-nocert', '-no-ocsp', file]);
  const raw = r.stdout + r.stderr;
  const blocks = raw.split(/^Signature #/m).slice(1);
  const signatures = blocks.map((block, i) => {
    const get = (label: string): string | undefined => block.match(new RegExp(`- ${label}: (.*)$`, 'm'))?.[1]?.trim();
    return {
      index: i + 1,
      fieldName: get('Signature Field Name'),
      validation: get('Signature Validation'),
      totalDocumentSigned: /^\s*- Total document signed/m.test(block),
      signatureType: get('Signature Type'),
      hashAlgorithm: get('Signing Hash Algorithm'),
      signerName: get('Signer Certificate Common Name'),
      signed: !/The signature form field is not signed/.test(block),
    };
  });
  return { raw, signatures };
}
