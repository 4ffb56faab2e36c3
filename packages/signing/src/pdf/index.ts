/** The PDF side of the library: a lazy reader and (see incremental-writer.ts) an append-only writer. */
export { PdfReader, type PdfRevision, type PdfPage, type XrefRepair, type OpenOptions } from './pdf-reader.js';
export { signatureFields, type SignatureField, type SignatureWidget } from './signature-fields.js';
export { PdfDict, PdfName, PdfRef, PdfStream, PdfString, isDict, isName, isRef, type PdfObject, type FileSpan } from './pdf-objects.js';
export { decodeStream } from './stream-filters.js';
export { MemoryByteSource, FileByteSource, indexOfBytes, lastIndexOfBytes, type ByteSource } from './byte-source.js';
export type { XrefEntry, XrefSection } from './xref-section.js';
export { IncrementalWriter, type BuiltUpdate } from './incremental-writer.js';
export { PdfByteWriter, formatName, formatNumber, type RawSpans } from './pdf-serializer.js';
export { PdfRaw } from './pdf-objects.js';
export { writeUpdatedFile, tempPathFor } from './write-update.js';
export { assertOutputPath } from './output-path.js';
