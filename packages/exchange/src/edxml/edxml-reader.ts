import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { Base64FileSink } from './base64-file-sink.js';
import { edxmlError } from './edxml-error.js';
import type { EdxmlLimits } from './limits.js';
import type { XmlElement } from './xml-element.js';
import { EDXML_NS, XLINK_NS } from './edxml-namespace.js';
import { lineEnds, scanRecipients } from './recipient-scanner.js';

/** An attachment body decoded to a file while the message was read. */
export interface StreamedContent {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ReadMessage {
  readonly root: XmlElement;
  readonly contents: readonly StreamedContent[];
  /** Deviations read leniently (an undeclared well-known prefix). */
  readonly warnings: readonly string[];
  /** `To` elements read by the recipient scanner rather than saxes (see recipient-scanner.ts). */
  readonly recipientsScanned: number;
}

// Prefixes real messages use without declaring them (the SDK's sample: `xlink:href`, `edXML:AttachmentEncoded` outside
// the envelope's scope). Only these two are resolved, each with a warning; any other unbound prefix is an error.
const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = { xlink: XLINK_NS, edXML: EDXML_NS };

// The start tag whose body is streamed past the XML parser; any prefix, since the element is found by its local name.
// Matched on the message's bytes read as latin1 (one character per byte: the tag's ASCII is itself, a UTF-8 sequence
// in an attribute is neither '<' nor '>'), anchored at the '<' before an occurrence of the name.
const CONTENT_NAME = Buffer.from('ContentTransferEncoded', 'latin1');
const CONTENT_START = /^<(?:[A-Za-z_][\w.-]*:)?ContentTransferEncoded(?:[\t\n\r ][^<>]*)?>/;
// A start tag this long without its '>' is not the one we divert: feed it to the parser whole.
const MAX_CARRY = 512;
// The file is read in pieces of this many bytes: the attachment's part of a piece goes to the base64 decoder as bytes
// and out with one write; only the XML around it is decoded to text.
const READ_PIECE = 256 * 1024;
const LT = 0x3c;
const GT = 0x3e;

/**
 * Reads an edXML file in pieces with a namespace-aware parser that refuses any DOCTYPE (so no entity is ever
 * declared: XXE and billion laughs end here). Each ContentTransferEncoded body goes straight from the file's bytes to
 * a base64 decoder writing `workDir/attachment-N` (0600), never becoming text, so memory stays flat whatever the
 * attachment size; every other text node is bounded by `maxTextChars`.
 */
export async function readEdxmlFile(file: string, workDir: string, limits: EdxmlLimits): Promise<ReadMessage> {
  const size = (await stat(file)).size;
  if (size > limits.maxMessageBytes) {
    throw edxmlError('E_EDXML_TOO_LARGE', 'Thông điệp edXML quá lớn', `the message is larger than ${limits.maxMessageBytes} bytes`, { size });
  }
  const tree = new TreeBuilder(limits);
  const contents: StreamedContent[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer = Buffer.alloc(0);
  let sink: Base64FileSink | null = null;
  let sinceTag = 0;

  const feed = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    const text = decodeUtf8(decoder, bytes);
    const lt = text.lastIndexOf('<');
    sinceTag = lt < 0 ? sinceTag + text.length : text.length - lt - 1;
    if (sinceTag > limits.maxTextChars) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Một nút văn bản quá dài', `a text node is longer than ${limits.maxTextChars} characters`);
    }
    tree.write(text);
  };

  const pump = async (final: boolean): Promise<void> => {
    for (;;) {
      if (sink) {
        const end = pending.indexOf(LT);
        if (end < 0) {
          await sink.write(pending);
          pending = Buffer.alloc(0);
          return;
        }
        await sink.write(pending.subarray(0, end));
        const done = await sink.finish();
        contents.push({ path: sink.path, ...done });
        sink = null;
        pending = pending.subarray(end);
        continue;
      }
      const match = findContentStart(pending);
      if (match && !match.selfClosing) {
        feed(pending.subarray(0, match.end));
        pending = pending.subarray(match.end);
        if (contents.length >= limits.maxAttachments) {
          throw edxmlError('E_EDXML_TOO_LARGE', 'Quá nhiều tệp đính kèm', `more than ${limits.maxAttachments} attachments`);
        }
        tree.markAttachment(contents.length);
        sink = await Base64FileSink.create(join(workDir, `attachment-${contents.length}`), limits.maxAttachmentBytes);
        continue;
      }
      const lt = pending.lastIndexOf(LT);
      const keep = !final && lt >= 0 && pending.indexOf(GT, lt) < 0 && pending.length - lt < MAX_CARRY ? lt : pending.length;
      feed(pending.subarray(0, keep));
      pending = pending.subarray(keep);
      return;
    }
  };

  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_PIECE })) {
      pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      await pump(false);
    }
    await pump(true);
    const rest = decodeUtf8(decoder, undefined);
    if (rest !== '') tree.write(rest);
    if (sink) throw edxmlError('E_EDXML_MALFORMED', 'Tệp kết thúc giữa tệp đính kèm', 'the file ends inside an attachment');
    return { root: tree.close(), contents, warnings: tree.warnings, recipientsScanned: tree.recipientsScanned };
  } catch (error) {
    await (sink as Base64FileSink | null)?.abort();
    throw error;
  }
}

/**
 * The first ContentTransferEncoded start tag in `bytes` that is whole: where it ends, and whether it closes itself.
 * Null when there is none yet (a tag cut by the piece's end is found once the next piece is joined to it).
 */
function findContentStart(bytes: Buffer): { end: number; selfClosing: boolean } | null {
  for (let from = 0; ; ) {
    const at = bytes.indexOf(CONTENT_NAME, from);
    if (at < 0) return null;
    const lt = bytes.lastIndexOf(LT, at);
    if (lt >= 0 && at - lt <= MAX_CARRY) {
      const gt = bytes.indexOf(GT, at);
      if (gt >= 0) {
        const match = CONTENT_START.exec(bytes.toString('latin1', lt, gt + 1));
        if (match) return { end: lt + match[0].length, selfClosing: match[0].endsWith('/>') };
      }
    }
    from = at + 1;
  }
}

function decodeUtf8(decoder: InstanceType<typeof TextDecoder>, chunk: Buffer | undefined): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    throw edxmlError('E_EDXML_MALFORMED', 'Tệp không phải UTF-8 hợp lệ', 'the file is not valid UTF-8');
  }
}

// A candidate for the recipient scanner: a `To` start tag without attributes, any prefix (checked against the
// MessageHeader's once saxes has read everything before it).
const TO_START = /<(?:([A-Za-z_][\w.-]*):)?To>/g;
const SPACE_ONLY = /^[ \t\r\n]*$/;

/**
 * Builds the element tree from the parser's events, refusing DTDs and bounding depth and element count. A run of
 * `To` elements directly in the edXML MessageHeader, in the plain shape writers give them, is read by the recipient
 * scanner instead of saxes (recipient-scanner.ts says what it accepts), only where saxes has just ended a tag and
 * only whitespace lies between that tag and the run; the elements go into the tree under the same limits.
 */
class TreeBuilder {
  readonly warnings: string[] = [];
  recipientsScanned = 0;
  readonly #parser = new SaxesParser({
    xmlns: true,
    position: true,
    resolvePrefix: (prefix: string) => {
      const uri = WELL_KNOWN_PREFIXES[prefix];
      if (uri !== undefined) {
        const note = `Tiền tố "${prefix}" chưa khai báo, đọc là ${uri} / unbound namespace prefix "${prefix}" read as ${uri}`;
        if (!this.warnings.includes(note)) this.warnings.push(note);
      }
      return uri;
    },
  });
  readonly #stack: XmlElement[] = [];
  readonly #limits: EdxmlLimits;
  #root: XmlElement | null = null;
  #count = 0;
  /** Characters given to saxes so far, and saxes's position just after the last tag it ended (same coordinates). */
  #fed = 0;
  #lastTagEnd = -1;

  constructor(limits: EdxmlLimits) {
    this.#limits = limits;
    this.#parser.on('doctype', () => {
      throw edxmlError('E_EDXML_DTD_FORBIDDEN', 'edXML không được chứa DOCTYPE hay khai báo thực thể', 'a DOCTYPE (DTD, entity declarations) is refused');
    });
    this.#parser.on('xmldecl', (decl) => {
      if (decl.encoding !== undefined && decl.encoding.toLowerCase() !== 'utf-8') {
        throw edxmlError('E_EDXML_MALFORMED', 'edXML phải mã hoá UTF-8', `encoding ${decl.encoding} is not supported (UTF-8 only)`);
      }
    });
    this.#parser.on('opentag', (tag: SaxesTagNS) => {
      this.#open(tag);
      this.#lastTagEnd = this.#parser.position;
    });
    this.#parser.on('closetag', () => {
      this.#stack.pop();
      this.#lastTagEnd = this.#parser.position;
    });
    this.#parser.on('text', (text) => this.#text(text));
    this.#parser.on('cdata', (text) => this.#text(text));
    this.#parser.on('error', (error) => {
      throw edxmlError('E_EDXML_MALFORMED', `edXML không đúng cú pháp XML (${error.message})`, `not well-formed XML: ${error.message}`);
    });
  }

  write(text: string): void {
    // text[0, from) has gone to saxes or to the recipient scanner.
    let from = 0;
    const candidates = new RegExp(TO_START);
    for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
      const at = match.index;
      const gt = text.lastIndexOf('>', at - 1);
      if (gt >= from) {
        this.#feed(text.slice(from, gt + 1));
        from = gt + 1;
      }
      const end = this.#readRecipients(text, from, at, match[1] ?? '');
      if (end > at) {
        from = end;
        candidates.lastIndex = end;
      }
    }
    if (from < text.length) this.#feed(from === 0 ? text : text.slice(from));
  }

  #feed(text: string): void {
    this.#parser.write(text);
    this.#fed += text.length;
  }

  /**
   * Reads the run of `To` elements at `at` with the scanner, when saxes stands just after a tag's '>' inside the edXML
   * MessageHeader whose prefix the run uses, and `text[from, at)` is whitespace. Returns where the run ends, or -1.
   */
  #readRecipients(text: string, from: number, at: number, prefix: string): number {
    if (this.#lastTagEnd !== this.#fed) return -1;
    const header = this.#stack.at(-1);
    if (!header || header.local !== 'MessageHeader' || header.uri !== EDXML_NS || header.prefix !== prefix) return -1;
    const gap = text.slice(from, at);
    if (!SPACE_ONLY.test(gap)) return -1;
    const run = scanRecipients(text, at, prefix);
    if (run.recipients.length === 0) return -1;
    // What saxes would have done, in the same order: the whitespace before the run, then each element and its text.
    if (gap !== '') this.#textInto(header, lineEnds(gap));
    for (const recipient of run.recipients) {
      const to = this.#add(header, this.#stack.length, { uri: EDXML_NS, local: 'To', prefix, attributes: {}, children: [], text: '' });
      if (recipient.leading !== '') this.#textInto(to, recipient.leading);
      for (const child of recipient.children) {
        const element = this.#add(to, this.#stack.length + 1, { uri: EDXML_NS, local: child.local, prefix, attributes: {}, children: [], text: '' });
        if (child.text !== '') this.#textInto(element, child.text);
      }
    }
    this.recipientsScanned += run.recipients.length;
    return run.end;
  }

  markAttachment(index: number): void {
    const top = this.#stack.at(-1);
    if (top) top.attachmentIndex = index;
  }

  close(): XmlElement {
    this.#parser.close();
    if (!this.#root) throw edxmlError('E_EDXML_MALFORMED', 'Tệp rỗng', 'the file has no root element');
    return this.#root;
  }

  #open(tag: SaxesTagNS): void {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attributes[attribute.name] = attribute.value;
    const element: XmlElement = { uri: tag.uri, local: tag.local, prefix: tag.prefix, attributes, children: [], text: '' };
    // saxes sends closetag right after opentag for a self-closing tag, so every element is pushed.
    this.#stack.push(this.#add(this.#stack.at(-1), this.#stack.length, element));
  }

  /** Counts `element` against the limits and adds it to `parent` (or as the root); `depth` is its parent's depth. */
  #add(parent: XmlElement | undefined, depth: number, element: XmlElement): XmlElement {
    this.#count += 1;
    if (this.#count > this.#limits.maxElements) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Quá nhiều phần tử', `more than ${this.#limits.maxElements} elements`);
    }
    if (depth >= this.#limits.maxDepth) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Lồng phần tử quá sâu', `elements nested deeper than ${this.#limits.maxDepth}`);
    }
    if (parent) parent.children.push(element);
    else this.#root = element;
    return element;
  }

  #text(text: string): void {
    const top = this.#stack.at(-1);
    if (top) this.#textInto(top, text);
  }

  #textInto(top: XmlElement, text: string): void {
    if (top.children.length > 0 && text.trim() === '') return;
    top.text += text;
    if (top.text.length > this.#limits.maxTextChars) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Một nút văn bản quá dài', `a text node is longer than ${this.#limits.maxTextChars} characters`);
    }
  }
}
