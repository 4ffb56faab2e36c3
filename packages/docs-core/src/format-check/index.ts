export { FORMAT_ELEMENTS, findMissingElements, type FormatElement, type FormatExpectation, type FormatFinding } from './outgoing-format-rules.js';
export { checkDraftFormat, type DraftFormatCheck } from './draft-format-check.js';
