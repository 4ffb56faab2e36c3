export {
  decree30Signer,
  decree30Preparer,
  type Decree30Preparer,
  type Decree30Signer,
  type Decree30SignerOptions,
  type Decree30SignedPdf,
  type PersonSignatureOrder,
  type AgencySealOrder,
  type AttachmentStampOrder,
  type CopyStampOrder,
} from './decree30-signer.js';
export {
  personSignatureUpdate,
  agencySealUpdate,
  attachmentStampUpdate,
  signDecree30Update,
  type Decree30Update,
  type PersonSignatureLayout,
  type AgencySealLayout,
} from './decree30-updates.js';
export { dateLine, numberBoxAfterLabel, signerBoxAboveName, textColumns, textLines, type Box } from './layout.js';
export { firstAndLastPageText, type PositionedText, type PageText } from './page-text.js';
export { opaqueFieldFill } from './opaque-field-fill.js';
export { preparePdf, NUMBER_FIELD, DATE_FIELD, DEFAULT_NUMBER_BOX, DEFAULT_DATE_BOX, type FieldBox, type PreparePdfOptions } from './prepare-pdf.js';
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
} from './appearances.js';
