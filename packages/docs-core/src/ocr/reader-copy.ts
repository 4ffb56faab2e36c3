import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { grayscale, PDFDocument, PDFHexString, PDFName, PDFString, popGraphicsState, pushGraphicsState, setTextRenderingMode, TextRenderingMode } from 'pdf-lib';
import { loadTinos } from '../registers-print/register-fonts.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files.js';
import { grayIccProfile } from './gray-icc.js';
import { rasterisePage } from './pdf-raster.js';
import { writeSearchablePdf, type OcrEngineConfig } from './tesseract-engine.js';

/**
 * What Circular 05/2025/TT-BNV fixes about a digitised document and we could not verify (domain-vn.md §2,
 * UNVERIFIED): kept in one place, so an agency can follow the official text by passing its own profile.
 */
export interface ReaderCopyProfile {
  /** PDF/A part and conformance declared in the XMP metadata (`pdfaid:part`, `pdfaid:conformance`). */
  readonly pdfaPart: 2;
  readonly pdfaConformance: 'B';
  /** Resolution of the page images (and of the text layer's coordinates). */
  readonly dpi: number;
  /** JPEG quality of the grayscale page images, 1–100. */
  readonly jpegQuality: number;
  /** The line drawn at the top of every page so that no one takes the copy for the original; empty: none drawn. */
  readonly visibleMark: string;
}

export const DEFAULT_READER_COPY_PROFILE: ReaderCopyProfile = {
  pdfaPart: 2,
  pdfaConformance: 'B',
  dpi: 300,
  jpegQuality: 75,
  visibleMark: 'BẢN SAO ĐỂ ĐỌC — số hóa, có lớp chữ nhận dạng (OCR); không thay thế bản gốc',
};

export interface ReaderCopyRequest {
  /** The original's bytes, read from the blob store; only ever copied to a private scratch file. */
  readonly original: Uint8Array;
  readonly originalSha256: string;
  readonly documentId: string;
  /** The document's own title line (số, ký hiệu, trích yếu), for the copy's Title. */
  readonly title: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  /** A private scratch folder (the data folder's `tmp/`): page images of a secret scan stay under its protection. */
  readonly workDir: string;
  readonly config: OcrEngineConfig;
  readonly profile?: ReaderCopyProfile;
}

/** The prefix of the XMP properties that tie the copy to its original. */
const EOFFICE_NS = 'urn:eoffice:reader-copy:1';

/**
 * Bản sao để đọc (issue 17, item 3): a PDF/A-2b copy of a scanned document, each page its grayscale image with the
 * recognised text drawn invisibly over it (Tesseract's PDF renderer, text render mode 3), so it can be searched and
 * its text selected. It is a new file: the original is read, never written, and stays the document of record. The
 * copy says what it is three ways: the visible line on every page, its Title, and XMP properties naming the original
 * by SHA-256. Returns the copy's bytes and its page count.
 */
export async function makeReaderCopy(request: ReaderCopyRequest): Promise<{ bytes: Uint8Array; pages: number }> {
  const profile = request.profile ?? DEFAULT_READER_COPY_PROFILE;
  const config = { ...request.config, dpi: profile.dpi };
  await makePrivateDir(request.workDir);
  const folder = await mkdtemp(join(request.workDir, 'ocr-copy-'));
  try {
    const source = join(folder, 'source.pdf');
    await writeFile(source, request.original, { mode: PRIVATE_FILE_MODE });
    const pageCount = (await PDFDocument.load(request.original, { ignoreEncryption: true, updateMetadata: false })).getPageCount();
    const images: string[] = [];
    for (let page = 1; page <= pageCount; page += 1) {
      images.push(await rasterisePage(source, page, join(folder, `page-${page}`), { dpi: profile.dpi, format: 'jpeg', jpegQuality: profile.jpegQuality, timeoutMs: config.pageTimeoutMs }));
    }
    const list = join(folder, 'pages.txt');
    await writeFile(list, `${images.join('\n')}\n`, { mode: PRIVATE_FILE_MODE });
    await writeSearchablePdf(list, join(folder, 'ocr'), pageCount, config);
    const layered = await readFile(join(folder, 'ocr.pdf'));
    return { bytes: await asPdfA(layered, request, profile), pages: pageCount };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Tesseract's two-layer PDF made PDF/A-2b: output intent, XMP metadata matching the Info dictionary, file ID, mark. */
async function asPdfA(layered: Uint8Array, request: ReaderCopyRequest, profile: ReaderCopyProfile): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(layered, { updateMetadata: false });
  const context = pdf.context;
  // Seconds only: the Info dictionary's dates carry no fraction, and PDF/A wants XMP and Info to agree.
  const at = new Date(Math.floor(request.createdAt.getTime() / 1000) * 1000);
  const title = `Bản sao để đọc (OCR) — ${request.title}`;
  const subject = `Bản sao số hóa của văn bản ${request.documentId}; bản gốc SHA-256 ${request.originalSha256}, không bị thay đổi / a reader copy; the original is the document of record`;
  const creator = 'E-Office Desktop';
  const producer = 'E-Office Desktop (Tesseract, pdf-lib)';

  if (profile.visibleMark) {
    // Loaded when a font is embedded, not with the module: fontkit unpacks its tables as it loads (a third of a second
    // of every start of the app, which never draws a PDF before its first screen).
    pdf.registerFontkit((await import('@pdf-lib/fontkit')).default);
    const font = await pdf.embedFont((await loadTinos()).regular, { subset: true });
    const size = 7;
    for (const page of pdf.getPages()) {
      const { width, height } = page.getSize();
      const textWidth = Math.min(font.widthOfTextAtSize(profile.visibleMark, size), width - 24);
      page.pushOperators(pushGraphicsState());
      page.drawRectangle({ x: 10, y: height - 16, width: textWidth + 8, height: 11, color: grayscale(1) });
      // Tesseract's layer leaves text render mode 3 (invisible) set: the mark is drawn filled.
      page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill));
      page.drawText(profile.visibleMark, { x: 14, y: height - 13, size, font, color: grayscale(0.25), maxWidth: width - 24 });
      page.pushOperators(popGraphicsState());
    }
  }

  pdf.setTitle(title);
  pdf.setSubject(subject);
  pdf.setCreator(creator);
  pdf.setProducer(producer);
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setLanguage('vi-VN');

  const icc = context.register(context.flateStream(grayIccProfile(), { N: 1 }));
  const intent = context.register(
    context.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFString.of('Gray gamma 2.2'),
      Info: PDFString.of('Gray gamma 2.2, D50'),
      DestOutputProfile: icc,
    }),
  );
  pdf.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
  // Not compressed: PDF/A wants the metadata stream readable by tools that know no filters.
  const metadata = context.register(context.stream(new TextEncoder().encode(xmp({ title, subject, creator, producer, at, request, profile })), { Type: 'Metadata', Subtype: 'XML' }));
  pdf.catalog.set(PDFName.of('Metadata'), metadata);
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmp(m: { title: string; subject: string; creator: string; producer: string; at: Date; request: ReaderCopyRequest; profile: ReaderCopyProfile }): string {
  const date = m.at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" xmlns:eoffice="${EOFFICE_NS}">
<pdfaid:part>${m.profile.pdfaPart}</pdfaid:part>
<pdfaid:conformance>${m.profile.pdfaConformance}</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(m.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(m.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>vi-VN</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>${escapeXml(m.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
<pdf:Producer>${escapeXml(m.producer)}</pdf:Producer>
<eoffice:copyKind>reader-copy</eoffice:copyKind>
<eoffice:documentId>${escapeXml(m.request.documentId)}</eoffice:documentId>
<eoffice:originalSha256>${m.request.originalSha256}</eoffice:originalSha256>
<eoffice:createdBy>${escapeXml(m.request.createdBy)}</eoffice:createdBy>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>E-Office reader copy</pdfaSchema:schema>
<pdfaSchema:namespaceURI>${EOFFICE_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>eoffice</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
${['copyKind', 'documentId', 'originalSha256', 'createdBy']
  .map((name) => `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${name}</pdfaProperty:description></rdf:li>`)
  .join('\n')}
</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
