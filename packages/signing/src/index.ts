export { parseByteRange, byteRangeGap, type ByteRange, type ByteRangeProblem } from './pdf/byte-range.js';
export * from './pdf/index.js';
export { SigningError, type SigningErrorCode } from './signing-error.js';
export * from './token/index.js';
export * from './verify/index.js';
export { Pkcs12Signer } from './signer/pkcs12-signer.js';
export type { Signer, DigestAlgorithm, KeyAlgorithm } from './signer/signer.js';
export { buildCmsSignature, digestFor, estimateCmsSize, signedAttributes, derSetOf } from './cms/signed-data.js';
export { readCertificateInfo, type CertificateInfo } from './cms/certificate-info.js';
export { signPdf, type SignPdfOptions, type SignPdfResult, type SignaturePlacement, type SubFilter, type UpdateContext } from './sign/sign-pdf.js';
export { FormEditor } from './sign/form-fields.js';
export { pdfDate, isoVietnam, vietnamDay } from './sign/vietnam-time.js';
export { preparePdf, NUMBER_FIELD, DATE_FIELD, DEFAULT_NUMBER_BOX, DEFAULT_DATE_BOX, type FieldBox, type PreparePdfOptions } from './form/prepare-pdf.js';
export { fillTextFields, type FieldValue } from './form/fill-fields.js';
export {
  signerAppearance,
  prebuiltSignerAppearance,
  type SignerBoxContent,
  sealAppearance,
  sealPlacement,
  stampAppearance,
  stampPlacement,
  textFieldAppearance,
  physicalSize,
  type AppearanceBuilder,
} from './appearance/decree30-appearances.js';
export { readPngInfo, type PngInfo } from './appearance/png-info.js';
export { widgetImageBounds } from './appearance/image-bounds.js';
export { decree30DateText } from './sign/vietnam-time.js';
