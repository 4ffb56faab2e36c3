/** One element of a parsed message, namespace-resolved; attachment bodies are never held here (see edxml-reader). */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly prefix: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  /** Set on a ContentTransferEncoded whose body was streamed to a file: the index into the reader's attachments. */
  attachmentIndex?: number;
}
