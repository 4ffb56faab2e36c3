import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { edxmlError } from './edxml-error.js';

const BASE64_CHARS = /^[A-Za-z0-9+/=]*$/;
const WHITESPACE = /[\s]+/g;

/**
 * Decodes base64 text arriving in pieces straight into a file (0600), hashing as it goes: an attachment of any size
 * costs one piece of memory. Anything but base64 and whitespace is refused, as is data after the padding.
 */
export class Base64FileSink {
  readonly path: string;
  readonly #limit: number;
  readonly #hash: Hash = createHash('sha256');
  #file: FileHandle | null = null;
  #carry = '';
  #padded = false;
  #size = 0;

  private constructor(path: string, limit: number) {
    this.path = path;
    this.#limit = limit;
  }

  static async create(path: string, limit: number): Promise<Base64FileSink> {
    const sink = new Base64FileSink(path, limit);
    sink.#file = await open(path, 'wx', 0o600);
    return sink;
  }

  async write(text: string): Promise<void> {
    const clean = this.#carry + text.replace(WHITESPACE, '');
    if (!BASE64_CHARS.test(clean)) {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Tệp đính kèm không phải base64', 'an attachment is not base64');
    }
    const whole = clean.length - (clean.length % 4);
    this.#carry = clean.slice(whole);
    if (whole > 0) await this.#decode(clean.slice(0, whole));
  }

  async #decode(quads: string): Promise<void> {
    const pad = quads.indexOf('=');
    if (this.#padded || (pad >= 0 && !/^=*$/.test(quads.slice(pad)))) {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Dữ liệu sau phần đệm base64', 'data after the base64 padding');
    }
    if (pad >= 0) {
      this.#padded = true;
      if (quads.length - pad > 2) {
        throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Phần đệm base64 sai', 'bad base64 padding');
      }
    }
    const bytes = Buffer.from(quads, 'base64');
    this.#size += bytes.length;
    if (this.#size > this.#limit) {
      throw edxmlError('E_EDXML_TOO_LARGE', 'Tệp đính kèm quá lớn', `an attachment is larger than ${this.#limit} bytes`);
    }
    this.#hash.update(bytes);
    await this.#file?.write(bytes);
  }

  /** Closes the file; a trailing part that is not a whole base64 quantum is refused. */
  async finish(): Promise<{ size: number; sha256: string }> {
    if (this.#carry.length > 0) {
      await this.abort();
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', 'Độ dài base64 không hợp lệ', 'truncated base64 (length not a multiple of 4)');
    }
    await this.#file?.close();
    this.#file = null;
    return { size: this.#size, sha256: this.#hash.digest('hex') };
  }

  async abort(): Promise<void> {
    await this.#file?.close().catch(() => undefined);
    this.#file = null;
  }
}
